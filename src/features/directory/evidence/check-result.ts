import { OutboundRefused, refusalFor, type FetchedResource } from '../../../platform/outbound/outbound-fetch.ts';

/** What a provider's profile claims about its website that Haven can check by itself. */
export const CLAIMS = ['tls', 'security-headers', 'third-parties', 'security-txt', 'reachability'] as const;
export type Claim = (typeof CLAIMS)[number];

export type Fact = string | number | boolean | string[] | null;
export type Facts = Record<string, Fact>;

/** One dated piece of evidence: what was looked at, whether it backs the claim, and what was seen. */
export interface CheckResult {
  claim: Claim;
  target: string;
  outcome: 'verified' | 'contradicted';
  facts: Facts;
}

/**
 * A check that could not look at its target contradicts the claim: a site Haven cannot
 * reach, or may not reach, backs nothing. The refusal code stays in the facts.
 */
export function unableToCheck(claim: Claim, target: string, error: unknown): CheckResult {
  const refusal = refusalFor(error);
  return { claim, target, outcome: 'contradicted', facts: { error: refusal.code, detail: refusal.detail } };
}

/** The hosts that count as the provider's own: the site's host without `www.`, and all below it. */
export function firstPartyRoots(...urls: string[]): string[] {
  const roots = new Set<string>();
  for (const url of urls) roots.add(new URL(url).hostname.toLowerCase().replace(/^www\./, ''));
  return [...roots];
}

export function isFirstPartyHost(hostname: string, roots: readonly string[]): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return roots.some((root) => host === root || host.endsWith(`.${root}`));
}

/** The home page, fetched once and read by every check that needs it; or why it could not be. */
export type HomePage = { website: string; page: FetchedResource } | { website: string; error: unknown };

/** The page when it answered with 2xx; otherwise the result saying why the claim stays unsupported. */
export function successfulPage(claim: Claim, home: HomePage): FetchedResource | CheckResult {
  if ('error' in home) return unableToCheck(claim, home.website, home.error);
  if (home.page.status < 200 || home.page.status > 299) {
    return unableToCheck(claim, home.website, new OutboundRefused('http_error', `HTTP ${home.page.status}`));
  }
  return home.page;
}
