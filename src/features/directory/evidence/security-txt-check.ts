import { fetchResource, type OutboundPolicy } from '../../../platform/outbound/outbound-fetch.ts';
import { unableToCheck, type CheckResult } from './check-result.ts';
import { parseExpires, parseSecurityTxt } from './security-txt.ts';

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/**
 * Whether the provider tells people how to report a vulnerability to it, as RFC 9116 describes:
 * `/.well-known/security.txt` over HTTPS, as text/plain, with a contact and one future expiry.
 * Any problem contradicts the claim, except an expiry more than a year away (only advice in the RFC).
 */
export async function checkSecurityTxt(website: URL, policy: OutboundPolicy, now: Date): Promise<CheckResult> {
  const target = new URL('/.well-known/security.txt', website.origin).href;
  try {
    const answer = await fetchResource(target, policy, { acceptStatus: () => true });
    const problems: string[] = [];
    if (!answer.url.startsWith('https:')) problems.push('not_https');
    if (answer.status < 200 || answer.status > 299) {
      problems.push('not_found');
      return { claim: 'security-txt', target, outcome: 'contradicted', facts: { status: answer.status, problems } };
    }
    const mediaType = (answer.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (mediaType !== 'text/plain') problems.push('wrong_content_type');
    const file = parseSecurityTxt(answer.body.toString('utf8'));
    const field = (name: string) => file.fields.get(name) ?? [];
    const contacts = field('contact');
    if (contacts.length === 0) problems.push('missing_contact');
    const expiresValues = field('expires');
    let expiresTooFar = false;
    if (expiresValues.length === 0) problems.push('missing_expires');
    if (expiresValues.length > 1) problems.push('multiple_expires');
    if (expiresValues.length === 1) {
      const expires = parseExpires(expiresValues[0]!);
      if (!expires) problems.push('invalid_expires');
      else if (expires.getTime() <= now.getTime()) problems.push('expired');
      else expiresTooFar = expires.getTime() - now.getTime() > YEAR_MS;
    }
    return {
      claim: 'security-txt',
      target,
      outcome: problems.length === 0 ? 'verified' : 'contradicted',
      facts: {
        status: answer.status,
        contacts,
        expires: expiresValues[0] ?? null,
        expiresTooFar,
        encryption: field('encryption'),
        policy: field('policy'),
        canonical: field('canonical'),
        preferredLanguages: field('preferred-languages')[0] ?? null,
        signed: file.signed,
        problems,
      },
    };
  } catch (error) {
    return unableToCheck('security-txt', target, error);
  }
}
