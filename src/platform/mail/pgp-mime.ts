import crypto from 'node:crypto';
import * as openpgp from 'openpgp';

export interface Envelope {
  from: string;
  to: string;
  subject: string;
  date: Date;
}

/**
 * A header value that survives 7-bit transport: printable ASCII as it is,
 * anything else as RFC 2047 encoded words of at most 75 characters each
 * (never splitting a character), folded onto continuation lines.
 */
function encodeHeader(value: string): string {
  if (/^[\x20-\x7e]*$/.test(value)) return value;
  const words: string[] = [];
  let chunk = '';
  for (const char of value) {
    // 45 bytes of UTF-8 make 60 characters of base64: with =?UTF-8?B?…?= that is 72.
    if (Buffer.byteLength(chunk + char, 'utf8') > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  if (chunk) words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${Buffer.from(word, 'utf8').toString('base64')}?=`).join('\r\n ');
}

/** An address header: a non-ASCII display name is encoded, the address is left alone. */
function encodeAddress(value: string): string {
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(value);
  if (!match || /^[\x20-\x7e]*$/.test(value)) return value;
  return `${encodeHeader(match[1]!)} <${match[2]}>`;
}

/** RFC 5322 date-time, numeric zone: `Thu, 15 Jan 2026 09:00:00 +0000`. */
function rfc5322Date(date: Date): string {
  return date.toUTCString().replace(/GMT$/, '+0000');
}

function wrap(base64: string): string {
  return base64.replace(/.{1,76}/g, '$&\r\n');
}

function assertSingleLine(name: string, value: string): void {
  if (/[\r\n]/.test(value)) throw new Error(`The ${name} of an e-mail cannot span lines.`);
}

/** A PGP/MIME (RFC 3156) message whose whole body is encrypted to the recipient's key. */
export async function encryptedMessage(envelope: Envelope, text: string, armoredKey: string): Promise<string> {
  assertSingleLine('sender', envelope.from);
  assertSingleLine('recipient', envelope.to);
  // The encrypted part is a MIME entity in canonical (CRLF) form, encrypted as
  // binary data so that every OpenPGP tool hands it back byte for byte (GnuPG
  // turns the line ends of text-mode data into the local ones).
  const inner = `Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${wrap(Buffer.from(text, 'utf8').toString('base64'))}`;
  const encryptionKeys = await openpgp.readKey({ armoredKey });
  const armored = await openpgp.encrypt({ message: await openpgp.createMessage({ binary: Buffer.from(inner, 'utf8') }), encryptionKeys });
  const boundary = `haven-${crypto.randomBytes(12).toString('hex')}`;
  return [
    `From: ${encodeAddress(envelope.from)}`,
    `To: ${envelope.to}`,
    `Subject: ${encodeHeader(envelope.subject)}`,
    `Date: ${rfc5322Date(envelope.date)}`,
    `Message-ID: <${crypto.randomUUID()}@haven>`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/encrypted; protocol="application/pgp-encrypted"; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: application/pgp-encrypted',
    'Content-Description: PGP/MIME version identification',
    '',
    'Version: 1',
    '',
    `--${boundary}`,
    'Content-Type: application/octet-stream; name="encrypted.asc"',
    'Content-Description: OpenPGP encrypted message',
    'Content-Disposition: inline; filename="encrypted.asc"',
    '',
    String(armored).replace(/\r?\n/g, '\r\n'),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}
