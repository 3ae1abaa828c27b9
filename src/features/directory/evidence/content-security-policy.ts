import { isFirstPartyHost } from './check-result.ts';

/** Directives and their source lists; when a directive repeats, browsers keep the first. */
export function parseContentSecurityPolicy(header: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  // Several policies (repeated headers, joined with commas) all apply; reading them in turn is close enough for evidence.
  for (const policy of header.split(',')) {
    for (const part of policy.split(';')) {
      const [name, ...sources] = part.trim().split(/\s+/);
      if (!name) continue;
      const directive = name.toLowerCase();
      if (!directives.has(directive)) directives.set(directive, sources);
    }
  }
  return directives;
}

/** Directives that let the page load or send something somewhere; frame-ancestors and reporting do not. */
function allowsLoading(directive: string): boolean {
  return directive.endsWith('-src') || directive === 'form-action';
}

/**
 * The sources a policy allows that are not the provider's own: other hosts (`cdn.example.net`,
 * `https://*.example.com`) and a bare `*`. Keywords, nonces, hashes and schemes are left out:
 * they do not name anyone else.
 */
export function foreignCspSources(header: string, roots: readonly string[]): string[] {
  const foreign = new Set<string>();
  for (const [directive, sources] of parseContentSecurityPolicy(header)) {
    if (!allowsLoading(directive)) continue;
    for (const source of sources) {
      if (source.startsWith("'") || /^[a-z][a-z0-9+.-]*:$/i.test(source)) continue;
      if (source === '*') {
        foreign.add('*');
        continue;
      }
      const match = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*\.)?([^/:]+)(:[0-9*]+)?/i.exec(source);
      if (!match) continue;
      const [, scheme, wildcard = '', host = '', port = ''] = match;
      if (isFirstPartyHost(host, roots)) continue;
      foreign.add(`${scheme ? `${scheme.toLowerCase()}://` : ''}${wildcard}${host.toLowerCase()}${port}`);
    }
  }
  return [...foreign].sort();
}
