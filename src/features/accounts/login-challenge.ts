import crypto from 'node:crypto';
import { MINUTE } from '../../platform/clock.ts';
import { sameSecret } from '../../platform/crypto/secret-token.ts';

const LIFETIME_MS = 5 * MINUTE;

/**
 * Between the password and the second factor, the form carries a signed,
 * short-lived statement "this account passed its password", so no half-logged-in
 * state is kept on the server.
 */
export function issueChallenge(key: Buffer, accountId: string, now: Date): string {
  const body = Buffer.from(JSON.stringify({ a: accountId, e: now.getTime() + LIFETIME_MS })).toString('base64url');
  return `${body}.${sign(key, body)}`;
}

export function readChallenge(key: Buffer, challenge: string, now: Date): string | null {
  const [body, signature] = challenge.split('.');
  if (!body || !signature || !sameSecret(signature, sign(key, body))) return null;
  try {
    const { a, e } = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { a: unknown; e: unknown };
    return typeof a === 'string' && typeof e === 'number' && e > now.getTime() ? a : null;
  } catch {
    return null;
  }
}

function sign(key: Buffer, body: string): string {
  return crypto.createHmac('sha256', key).update(body).digest('base64url');
}
