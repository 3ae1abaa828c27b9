import { firstPartyRoots, isFirstPartyHost, successfulPage, type CheckResult, type HomePage } from './check-result.ts';
import { foreignCspSources } from './content-security-policy.ts';
import { pageResources } from './page-resources.ts';

/**
 * Whether opening the home page makes the visitor's browser contact anyone but the provider:
 * every such request tells a third party who visits a security provider, and when.
 * Subdomains of the site's host are the provider's own; so are relative and data: URLs.
 */
export function checkThirdParties(home: HomePage): CheckResult {
  const page = successfulPage('third-parties', home);
  if (!('body' in page)) return page;
  const roots = firstPartyRoots(home.website, page.url);
  const contentType = (page.headers['content-type'] ?? 'text/html').toLowerCase();
  const html = contentType.includes('html') ? page.body.toString('utf8') : '';
  const resources = pageResources(html, page.url);
  const origins = new Set<string>();
  for (const url of resources.urls) {
    const parsed = new URL(url);
    if (!isFirstPartyHost(parsed.hostname, roots)) origins.add(parsed.origin);
  }
  const policies = [page.headers['content-security-policy'], ...resources.metaPolicies].filter((p): p is string => Boolean(p));
  const cspOrigins = [...new Set(policies.flatMap((policy) => foreignCspSources(policy, roots)))].sort();
  return {
    claim: 'third-parties',
    target: home.website,
    outcome: origins.size === 0 ? 'verified' : 'contradicted',
    facts: { origins: [...origins].sort(), cspOrigins, html: html !== '' },
  };
}
