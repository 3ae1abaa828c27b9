import * as openpgp from 'openpgp';

/** What a verified warrant canary says; the caller keeps the exact signed text itself. */
export interface CanaryStatement {
  provider: string;
  /** YYYY-MM-DD */
  date: string;
  /** YYYY-MM-DD */
  nextUpdate: string;
  text: string;
  /** Lowercase hex fingerprint of the primary key that signed it. */
  signedBy: string;
}

export type CanaryRefusal =
  | 'not_clearsigned'
  | 'bad_signature'
  | 'wrong_key'
  | 'bad_header'
  | 'wrong_provider'
  | 'dated_in_future'
  | 'next_before_date'
  | 'too_far'
  | 'too_long'
  | 'bad_key';

export class CanaryRefused extends Error {
  constructor(
    readonly code: CanaryRefusal,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'CanaryRefused';
  }
}

const MAX_SIGNED_BYTES = 64 * 1024;
const MAX_TEXT_CHARS = 10_000;
const MAX_DAYS_AHEAD = 400;
const DUE_SOON_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;
/** A provider's clock a little ahead of ours must not make a fresh signature look forged. */
const CLOCK_SKEW_MS = 15 * 60 * 1000;
const PROVIDER = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const HEADER_NAMES = ['Haven-Canary', 'Provider', 'Date', 'Next-Update'] as const;

/** Checks an armored public key is usable for verifying (not expired/revoked at `now`, has a signing-capable key); returns its fingerprint. */
export async function readCanaryKey(armoredPublicKey: string, now: Date): Promise<{ fingerprint: string; userIds: string[] }> {
  const key = await publicKeyAt(armoredPublicKey, now);
  return { fingerprint: key.getFingerprint(), userIds: key.getUserIDs() };
}

/** Verifies a clear-signed statement against the provider's key at `now` and parses it; throws CanaryRefused. */
export async function verifyCanary(
  clearSigned: string,
  armoredPublicKey: string,
  expectedProvider: string,
  now: Date,
): Promise<CanaryStatement> {
  if (Buffer.byteLength(clearSigned, 'utf8') > MAX_SIGNED_BYTES) {
    throw new CanaryRefused('too_long', `A signed statement may be at most ${MAX_SIGNED_BYTES} bytes.`);
  }
  const key = await publicKeyAt(armoredPublicKey, now);
  // Browsers send CRLF, openpgp writes a CRLF body in LF armor: any CRs before
  // a line end are the same line end once the text is made canonical.
  const text = await verifiedText(clearSigned.replace(/\r*\n/g, '\n'), key, now);
  const statement = parseStatement(text, key.getFingerprint());
  checkDates(statement, expectedProvider, now);
  return statement;
}

/** The state shown on a profile: due-soon within 7 days of Next-Update, overdue after it (end of that day, UTC). */
export function canaryState(statement: { nextUpdate: string } | null, now: Date): 'none' | 'current' | 'due-soon' | 'overdue' {
  if (!statement) return 'none';
  const nextUpdate = dayStart(statement.nextUpdate);
  if (nextUpdate === null) throw new Error(`Next-Update ${JSON.stringify(statement.nextUpdate)} is not a calendar date.`);
  const t = now.getTime();
  if (t >= nextUpdate + DAY_MS) return 'overdue';
  if (t >= nextUpdate - DUE_SOON_DAYS * DAY_MS) return 'due-soon';
  return 'current';
}

/**
 * Signs a statement with a private key (for the coalition's own canary and for tests).
 * `signedAt` lets the injected clock date the signature.
 */
export async function signCanary(
  fields: { provider: string; date: string; nextUpdate: string; text: string },
  armoredPrivateKey: string,
  passphrase?: string,
  signedAt: Date = new Date(),
): Promise<string> {
  if (!PROVIDER.test(fields.provider)) throw new CanaryRefused('bad_header', 'The provider must be a short name like riverbank-hosting.');
  if (dayStart(fields.date) === null) throw new CanaryRefused('bad_header', 'Date must be a calendar date written YYYY-MM-DD.');
  if (dayStart(fields.nextUpdate) === null) throw new CanaryRefused('bad_header', 'Next-Update must be a calendar date written YYYY-MM-DD.');
  const text = fields.text.replace(/\r*\n/g, '\n').trim();
  if (!text) throw new CanaryRefused('bad_header', 'A statement needs text after its headers.');
  if (text.length > MAX_TEXT_CHARS) throw new CanaryRefused('too_long', `The text may be at most ${MAX_TEXT_CHARS} characters.`);
  const body = [
    'Haven-Canary: 1',
    `Provider: ${fields.provider}`,
    `Date: ${fields.date}`,
    `Next-Update: ${fields.nextUpdate}`,
    '',
    text,
    '',
  ].join('\n');
  let signingKey = await openpgp.readPrivateKey({ armoredKey: armoredPrivateKey });
  if (!signingKey.isDecrypted()) signingKey = await openpgp.decryptKey({ privateKey: signingKey, passphrase });
  const message = await openpgp.createCleartextMessage({ text: body });
  const signed = await openpgp.sign({ message, signingKeys: signingKey, date: signedAt });
  // openpgp ends the body's lines with CRLF and the armor's with LF; one kind reads better when stored and shown.
  return signed.replace(/\r\n/g, '\n');
}

async function publicKeyAt(armored: string, now: Date): Promise<openpgp.Key> {
  let key: openpgp.Key;
  try {
    key = await openpgp.readKey({ armoredKey: armored });
  } catch {
    throw new CanaryRefused('bad_key', 'This is not an OpenPGP public key.');
  }
  // A private key pasted by mistake must never be stored, as with contact keys.
  if (key.isPrivate()) throw new CanaryRefused('bad_key', 'This is a private key: give the public key only.');
  try {
    await key.getSigningKey(undefined, now);
  } catch {
    throw new CanaryRefused('bad_key', 'The key is expired or revoked, or has no key that can sign.');
  }
  return key;
}

/** The signed body, once a signature by `key` over it holds. */
async function verifiedText(armored: string, key: openpgp.Key, now: Date): Promise<string> {
  // Anything around the armor would be stored and shown next to the statement
  // yet is covered by no signature, so the upload must be the armor alone.
  const trimmed = armored.trim();
  if (!trimmed.startsWith('-----BEGIN PGP SIGNED MESSAGE-----\n') || !trimmed.endsWith('\n-----END PGP SIGNATURE-----')) {
    throw new CanaryRefused('not_clearsigned', 'Paste the whole clear-signed statement, from -----BEGIN PGP SIGNED MESSAGE----- to -----END PGP SIGNATURE-----, and nothing else.');
  }
  let message: openpgp.CleartextMessage;
  try {
    message = await openpgp.readCleartextMessage({ cleartextMessage: trimmed });
  } catch {
    throw new CanaryRefused('not_clearsigned', 'This is not a readable clear-signed OpenPGP message.');
  }
  const ours = message.getSigningKeyIDs().filter((keyID) => key.getKeys(keyID).length > 0);
  if (ours.length === 0) throw new CanaryRefused('wrong_key', `The statement is not signed by the key ${key.getFingerprint()}.`);
  for (const keyID of ours) {
    try {
      // The subkey that signed must be valid today too, not only when it signed.
      await key.getSigningKey(keyID, now);
    } catch {
      throw new CanaryRefused('bad_key', `The signing key ${keyID.toHex()} is expired, revoked or cannot sign.`);
    }
  }
  const result = await openpgp.verify({ message, verificationKeys: key, date: new Date(now.getTime() + CLOCK_SKEW_MS) });
  const signatures = result.signatures.filter((s) => ours.some((keyID) => keyID.equals(s.keyID)));
  if (signatures.length === 0) throw new CanaryRefused('wrong_key', 'The statement carries no text signature by this key.');
  for (const signature of signatures) {
    try {
      await signature.verified;
    } catch (error) {
      throw new CanaryRefused('bad_signature', `The signature does not match the text: ${(error as Error).message}`);
    }
  }
  return result.data;
}

function parseStatement(text: string, signedBy: string): CanaryStatement {
  const split = text.indexOf('\n\n');
  if (split < 0) throw new CanaryRefused('bad_header', 'The headers must be followed by a blank line and the text.');
  const headers = new Map<string, string>();
  for (const line of text.slice(0, split).split('\n')) {
    const match = /^([A-Za-z-]+): (\S.*)$/.exec(line);
    if (!match) throw new CanaryRefused('bad_header', `Not a header line: ${JSON.stringify(line.slice(0, 80))}`);
    const [, name, value] = match as unknown as [string, string, string];
    if (!(HEADER_NAMES as readonly string[]).includes(name)) throw new CanaryRefused('bad_header', `Unknown header ${name}.`);
    if (headers.has(name)) throw new CanaryRefused('bad_header', `Header ${name} appears twice.`);
    headers.set(name, value.trim());
  }
  for (const name of HEADER_NAMES) {
    if (!headers.has(name)) throw new CanaryRefused('bad_header', `Header ${name} is missing.`);
  }
  if (headers.get('Haven-Canary') !== '1') throw new CanaryRefused('bad_header', 'Only Haven-Canary: 1 statements are understood.');
  const provider = headers.get('Provider')!;
  const date = headers.get('Date')!;
  const nextUpdate = headers.get('Next-Update')!;
  if (!PROVIDER.test(provider)) throw new CanaryRefused('bad_header', 'Provider must be a short name like riverbank-hosting.');
  if (dayStart(date) === null) throw new CanaryRefused('bad_header', 'Date must be a calendar date written YYYY-MM-DD.');
  if (dayStart(nextUpdate) === null) throw new CanaryRefused('bad_header', 'Next-Update must be a calendar date written YYYY-MM-DD.');
  const body = text.slice(split + 2).trim();
  if (!body) throw new CanaryRefused('bad_header', 'A statement needs text after its headers.');
  if (body.length > MAX_TEXT_CHARS) throw new CanaryRefused('too_long', `The text may be at most ${MAX_TEXT_CHARS} characters.`);
  return { provider, date, nextUpdate, text: body, signedBy };
}

function checkDates(statement: CanaryStatement, expectedProvider: string, now: Date): void {
  if (statement.provider !== expectedProvider) {
    throw new CanaryRefused('wrong_provider', `The statement is for ${statement.provider}, not ${expectedProvider}.`);
  }
  const date = dayStart(statement.date)!;
  const nextUpdate = dayStart(statement.nextUpdate)!;
  // A day of slack: the provider may already be in tomorrow where they are.
  if (date > now.getTime() + DAY_MS) throw new CanaryRefused('dated_in_future', `The statement is dated ${statement.date}, which has not come yet.`);
  if (nextUpdate <= date) throw new CanaryRefused('next_before_date', 'Next-Update must come after Date.');
  if (nextUpdate - date > MAX_DAYS_AHEAD * DAY_MS) {
    throw new CanaryRefused('too_far', `Next-Update may be at most ${MAX_DAYS_AHEAD} days after Date.`);
  }
}

/** Midnight UTC of a YYYY-MM-DD calendar date, or null when it is not one (2026-02-30 is not). */
function dayStart(day: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const t = Date.UTC(year, month - 1, date);
  const check = new Date(t);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date) return null;
  return t;
}
