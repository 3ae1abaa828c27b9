import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import tls from 'node:tls';
import { bareHost, guardedLookup, OutboundRefused, refuseForbiddenLiteral, type AddressGuardSeams } from './address-guard.ts';

export { OutboundRefused, type OutboundRefusalCode } from './address-guard.ts';

/** How Haven reaches out to addresses that providers give it (their websites, their metadata). */
export interface OutboundPolicy {
  /** Off in production: only the operator turns it on, for a coalition on a private network, or tests. */
  allowPrivateAddresses: boolean;
  /** PEM, trusted in addition to the system roots. */
  extraCa: string | null;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  userAgent: string;
}

export const OUTBOUND_DEFAULTS = {
  timeoutMs: 10_000,
  maxBytes: 2 * 1024 * 1024,
  maxRedirects: 5,
} as const;

/** Names Haven to the sites it checks, with the address where their operators can read why. */
export function checksUserAgent(publicUrl: URL | string): string {
  return `Haven-directory-checks (+${new URL(publicUrl).origin})`;
}

export interface FetchedResource {
  /** The URL that finally answered, after redirects. */
  url: string;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** Every URL that answered with a redirect, in order. */
  redirects: string[];
  /** A redirect went from https to http on the way. */
  downgraded: boolean;
}

export interface FetchOptions {
  method?: 'GET' | 'HEAD';
  /** Statuses to hand back instead of refusing with `http_error`; 2xx by default. */
  acceptStatus?: (status: number) => boolean;
  seams?: AddressGuardSeams;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** The certificates to trust: the system roots plus the operator's own CA, never instead of them. */
export function trustedCertificates(policy: OutboundPolicy): string[] | undefined {
  return policy.extraCa ? [...tls.rootCertificates, policy.extraCa] : undefined;
}

/** A URL Haven may fetch: http or https, no user name or password in it. */
export function outboundUrl(url: string | URL, base?: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url, base);
  } catch {
    throw new OutboundRefused('bad_url', `not a URL: ${String(url).slice(0, 200)}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new OutboundRefused('bad_url', `only http and https are fetched, not ${parsed.protocol}`);
  if (parsed.username || parsed.password) throw new OutboundRefused('bad_url', 'a URL with a user name or password is not fetched');
  if (!parsed.hostname) throw new OutboundRefused('bad_url', 'the URL has no host');
  return parsed;
}

/**
 * GET (or HEAD) a resource at an address given by a provider. Redirects are followed one by one
 * and each hop goes through the address guard again; one deadline covers every hop and the body;
 * the body is counted as it arrives and the request dropped once it passes `maxBytes`.
 */
export async function fetchResource(url: string, policy: OutboundPolicy, options: FetchOptions = {}): Promise<FetchedResource> {
  const method = options.method ?? 'GET';
  const accept = options.acceptStatus ?? ((status: number) => status >= 200 && status < 300);
  const lookup = guardedLookup(policy.allowPrivateAddresses, options.seams);
  const deadline = Date.now() + policy.timeoutMs;
  const redirects: string[] = [];
  let downgraded = false;
  let target = outboundUrl(url);
  for (;;) {
    refuseForbiddenLiteral(target.hostname, policy.allowPrivateAddresses, options.seams);
    const answer = await requestOnce(target, method, policy, deadline, lookup);
    const location = answer.headers.location;
    if (REDIRECTS.has(answer.status) && location !== undefined) {
      if (redirects.length >= policy.maxRedirects) throw new OutboundRefused('too_many_redirects', `more than ${policy.maxRedirects} redirects`);
      redirects.push(target.href);
      const next = outboundUrl(location, target.href);
      if (target.protocol === 'https:' && next.protocol === 'http:') downgraded = true;
      target = next;
      continue;
    }
    if (!accept(answer.status)) throw new OutboundRefused('http_error', `HTTP ${answer.status}`);
    return { url: target.href, status: answer.status, headers: answer.headers, body: answer.body, redirects, downgraded };
  }
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

function requestOnce(target: URL, method: 'GET' | 'HEAD', policy: OutboundPolicy, deadline: number, lookup: LookupFunction): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (outcome: Answer | OutboundRefused): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (outcome instanceof OutboundRefused) {
        request.destroy();
        reject(outcome);
      } else {
        resolve(outcome);
      }
    };
    const client = target.protocol === 'https:' ? https : http;
    const request = client.request({
      protocol: target.protocol,
      hostname: bareHost(target.hostname),
      port: target.port || undefined,
      path: `${target.pathname}${target.search}`,
      method,
      // A fresh agent per request: no pooled socket is reused across hops, so every hop looks up again.
      agent: false,
      lookup,
      ca: trustedCertificates(policy),
      headers: {
        'user-agent': policy.userAgent,
        accept: '*/*',
        // Compressed bodies would let a few kilobytes expand past maxBytes in memory.
        'accept-encoding': 'identity',
        connection: 'close',
      },
    });
    const timer = setTimeout(
      () => settle(new OutboundRefused('timeout', `no complete answer within ${policy.timeoutMs} ms`)),
      Math.max(0, deadline - Date.now()),
    );
    request.on('error', (error) => settle(refusalFor(error)));
    request.on('response', (response) => receive(response, method, policy, settle));
    request.end();
  });
}

function receive(response: IncomingMessage, method: 'GET' | 'HEAD', policy: OutboundPolicy, settle: (outcome: Answer | OutboundRefused) => void): void {
  const status = response.statusCode ?? 0;
  const headers = flatHeaders(response.headers);
  const tooLarge = () => new OutboundRefused('too_large', `the answer is larger than ${policy.maxBytes} bytes`);
  if (method === 'HEAD' || (REDIRECTS.has(status) && headers.location !== undefined)) {
    settle({ status, headers, body: Buffer.alloc(0) });
    response.destroy();
    return;
  }
  const announced = Number(headers['content-length']);
  if (Number.isFinite(announced) && announced > policy.maxBytes) {
    settle(tooLarge());
    return;
  }
  const chunks: Buffer[] = [];
  let received = 0;
  response.on('data', (chunk: Buffer) => {
    received += chunk.length;
    if (received > policy.maxBytes) {
      // Settled before the socket goes, so its 'aborted' event cannot report it as unreachable.
      settle(tooLarge());
      return;
    }
    chunks.push(chunk);
  });
  response.on('end', () => settle({ status, headers, body: Buffer.concat(chunks) }));
  response.on('close', () => {
    if (!response.complete) settle(new OutboundRefused('unreachable', 'the connection closed before the answer was complete'));
  });
  response.on('error', (error) => settle(refusalFor(error)));
}

function flatHeaders(raw: IncomingHttpHeaders): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

const CERTIFICATE_PROBLEM = /CERT|SELF_SIGNED|UNABLE_TO_|HOSTNAME_MISMATCH|INVALID_CA|PATH_LENGTH|^ERR_TLS_|^ERR_SSL_/;

/** Sorts a socket or TLS failure into the refusal a caller can act on; the code stays as detail. */
export function refusalFor(error: unknown): OutboundRefused {
  if (error instanceof OutboundRefused) return error;
  const failure = error as NodeJS.ErrnoException;
  const code = typeof failure?.code === 'string' ? failure.code : '';
  const reason = code || (failure?.message ?? String(error));
  if (CERTIFICATE_PROBLEM.test(code)) return new OutboundRefused('tls_error', reason);
  return new OutboundRefused('unreachable', reason);
}
