import type { FetchedResource } from '../../../platform/outbound/outbound-fetch.ts';
import { successfulPage, type CheckResult, type HomePage } from './check-result.ts';
import { parseContentSecurityPolicy } from './content-security-policy.ts';

/** 180 days: the shortest HSTS policy that outlives a long holiday between two visits. */
export const MIN_HSTS_MAX_AGE = 15_552_000;

/**
 * Whether the home page asks browsers for the protections that matter most to people at risk:
 * HTTPS only (HSTS for at least 180 days), a content security policy, and no MIME sniffing.
 * Referrer policy, framing rules and permissions policy are recorded but do not decide.
 */
export function checkSecurityHeaders(home: HomePage): CheckResult {
  const page = successfulPage('security-headers', home);
  if (!('body' in page)) return page;
  const seen = securityHeaders(page);
  const missing: string[] = [];
  if (seen.hsts === null) missing.push('hsts');
  else if ((seen.hstsMaxAge ?? 0) < MIN_HSTS_MAX_AGE) missing.push('hsts-max-age');
  if (!seen.contentSecurityPolicy) missing.push('content-security-policy');
  if (!seen.nosniff) missing.push('x-content-type-options');
  const decisive = missing.length === 0;
  if (!seen.referrerPolicy) missing.push('referrer-policy');
  if (!seen.framing) missing.push('frame-ancestors');
  if (!seen.permissionsPolicy) missing.push('permissions-policy');
  return { claim: 'security-headers', target: home.website, outcome: decisive ? 'verified' : 'contradicted', facts: { ...seen, missing } };
}

function securityHeaders(page: FetchedResource) {
  const headers = page.headers;
  // Browsers ignore HSTS received over plain HTTP, so it only counts on an https page.
  const hsts = page.url.startsWith('https:') ? (headers['strict-transport-security'] ?? null) : null;
  const maxAge = hsts === null ? null : /(?:^|;)\s*max-age\s*=\s*"?(\d+)"?/i.exec(hsts);
  const csp = headers['content-security-policy'] ?? null;
  const cspDirectives = csp === null ? new Map<string, string[]>() : parseContentSecurityPolicy(csp);
  return {
    servedOverHttps: page.url.startsWith('https:'),
    hsts,
    hstsMaxAge: maxAge ? Number(maxAge[1]) : null,
    contentSecurityPolicy: csp !== null && csp.trim() !== '',
    nosniff: (headers['x-content-type-options'] ?? '').trim().toLowerCase() === 'nosniff',
    referrerPolicy: (headers['referrer-policy'] ?? '').trim() !== '',
    framing: (headers['x-frame-options'] ?? '').trim() !== '' || cspDirectives.has('frame-ancestors'),
    permissionsPolicy: (headers['permissions-policy'] ?? '').trim() !== '',
  };
}
