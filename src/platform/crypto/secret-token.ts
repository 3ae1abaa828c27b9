import crypto from 'node:crypto';

/**
 * Secrets handed to people (session cookies, API tokens, setup and follow-up
 * links) are 32 random bytes; only their SHA-256 is stored, so a copy of the
 * database cannot be used to act as anyone. The entropy makes a slow hash
 * unnecessary.
 */
export function newSecretToken(prefix = ''): string {
  return prefix + crypto.randomBytes(32).toString('base64url');
}

export function hashSecretToken(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('base64url');
}

export function newId(): string {
  return crypto.randomUUID();
}

/** Compare two strings without leaking where they differ through timing. */
export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}
