import { fetchResource, outboundUrl, type OutboundPolicy } from '../../../platform/outbound/outbound-fetch.ts';
import { CLAIMS, unableToCheck, type CheckResult, type HomePage } from './check-result.ts';
import { checkSecurityHeaders } from './headers-check.ts';
import { checkSecurityTxt } from './security-txt-check.ts';
import { checkThirdParties } from './third-parties-check.ts';
import { checkTls } from './tls-check.ts';

export { CLAIMS, type Claim, type CheckResult, type Fact, type Facts } from './check-result.ts';

/**
 * Whether the home page answers: any 2xx, or a 3xx that is not followed further. No timing is
 * recorded: it changes on every run and would make evidence differ when nothing changed.
 */
export function checkReachability(home: HomePage): CheckResult {
  if ('error' in home) return unableToCheck('reachability', home.website, home.error);
  const { status, url, redirects, downgraded } = home.page;
  return {
    claim: 'reachability',
    target: home.website,
    outcome: status >= 200 && status <= 399 ? 'verified' : 'contradicted',
    facts: { status, finalUrl: url, redirects: redirects.length, downgraded },
  };
}

async function fetchHomePage(website: string, policy: OutboundPolicy): Promise<HomePage> {
  try {
    return { website, page: await fetchResource(website, policy, { acceptStatus: () => true }) };
  } catch (error) {
    return { website, error };
  }
}

/**
 * Runs the five checks of a provider's website, in the order of CLAIMS. Never throws: a target
 * that is refused or unreachable gives contradicted results whose facts.error is the refusal code.
 * The home page is fetched once and shared by the checks that read it.
 */
export async function checkWebsite(website: string, policy: OutboundPolicy, now: Date): Promise<CheckResult[]> {
  let url: URL;
  try {
    url = outboundUrl(website);
  } catch (error) {
    return CLAIMS.map((claim) => unableToCheck(claim, website, error));
  }
  const [home, tls, securityTxt] = await Promise.all([
    fetchHomePage(url.href, policy),
    checkTls(url, policy, now).catch((error: unknown) => unableToCheck('tls', url.host, error)),
    checkSecurityTxt(url, policy, now).catch((error: unknown) => unableToCheck('security-txt', url.href, error)),
  ]);
  const results: CheckResult[] = [tls, guarded('security-headers', home, checkSecurityHeaders), guarded('third-parties', home, checkThirdParties), securityTxt, guarded('reachability', home, checkReachability)];
  return CLAIMS.map((claim) => results.find((result) => result.claim === claim)!);
}

function guarded(claim: CheckResult['claim'], home: HomePage, check: (home: HomePage) => CheckResult): CheckResult {
  try {
    return check(home);
  } catch (error) {
    return unableToCheck(claim, home.website, error);
  }
}
