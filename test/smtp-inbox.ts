import assert from 'node:assert/strict';
import { SMTPServer } from 'smtp-server';

/**
 * For tests of outgoing mail: a real SMTP server on loopback that keeps what it accepts,
 * and just enough MIME reading to look inside it.
 */

export interface Received {
  from: string;
  to: string[];
  raw: string;
}

export interface TestSmtp {
  port: number;
  received: Received[];
  /** Messages for one address. */
  to(address: string): Received[];
  close(): Promise<void>;
}

export async function startSmtp(port = 0): Promise<TestSmtp> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('latin1'),
        });
        done();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  assert.ok(address && typeof address === 'object');
  return {
    port: address.port,
    received,
    to: (email) => received.filter((m) => m.to.includes(email)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// ---------------------------------------------------------------------------
// Just enough MIME reading to look inside what arrived.

export interface Entity {
  headers: Map<string, string>;
  body: string;
}

export function entity(raw: string): Entity {
  const split = raw.indexOf('\r\n\r\n');
  assert.ok(split >= 0, 'headers end with an empty line');
  const headers = new Map<string, string>();
  for (const line of raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: raw.slice(split + 4) };
}

export function mediaType(e: Entity): string {
  return (e.headers.get('content-type') ?? 'text/plain').split(';')[0]!.trim().toLowerCase();
}

export function param(e: Entity, name: string): string | undefined {
  const match = new RegExp(`;\\s*${name}="?([^";]+)"?`, 'i').exec(e.headers.get('content-type') ?? '');
  return match?.[1];
}

/** The body parts of a multipart entity (RFC 2046: delimiter lines, then a closing one). */
export function bodyParts(e: Entity): Entity[] {
  const boundary = param(e, 'boundary');
  assert.ok(boundary, 'a multipart entity names its boundary');
  const closing = e.body.indexOf(`\r\n--${boundary}--`);
  assert.ok(closing >= 0, 'the multipart body has a closing delimiter');
  const pieces = `\r\n${e.body.slice(0, closing)}`.split(`\r\n--${boundary}\r\n`);
  return pieces.slice(1).map(entity);
}

export function decodeQuotedPrintable(text: string): Buffer {
  const soft = text.replace(/=\r\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i += 1) {
    const hex = soft.slice(i + 1, i + 3);
    if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(soft.charCodeAt(i));
  }
  return Buffer.from(bytes);
}

export function decodedBody(e: Entity): string {
  const encoding = (e.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const bytes =
    encoding === 'base64'
      ? Buffer.from(e.body.replace(/\s+/g, ''), 'base64')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(e.body)
        : Buffer.from(e.body, 'latin1');
  return bytes.toString('utf8').replace(/\r\n/g, '\n');
}

/** A header's text, RFC 2047 encoded words decoded. */
export function headerText(e: Entity, name: string): string {
  return (e.headers.get(name) ?? '')
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_m, kind: string, data: string) =>
      (kind.toLowerCase() === 'b' ? Buffer.from(data, 'base64') : decodeQuotedPrintable(data.replace(/_/g, ' '))).toString('utf8'),
    );
}

/** What any mail system can carry: CRLF lines, none over 998 characters, 7-bit headers with short encoded words. */
export function assertWellFormed(raw: string): void {
  assert.doesNotMatch(raw, /[^\r]\n/, 'every line ends with CRLF');
  for (const line of raw.split('\r\n')) assert.ok(line.length <= 998, `line too long for SMTP: ${line.slice(0, 60)}…`);
  const head = raw.slice(0, raw.indexOf('\r\n\r\n'));
  assert.match(head, /^[\x20-\x7e\r\n\t]*$/, 'headers are 7-bit');
  for (const word of head.match(/=\?[^?]+\?[bq]\?[^?]*\?=/gi) ?? []) assert.ok(word.length <= 75, `encoded word too long: ${word}`);
}

