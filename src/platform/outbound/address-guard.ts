import dns, { type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

export type OutboundRefusalCode =
  | 'bad_url'
  | 'forbidden_address'
  | 'timeout'
  | 'unreachable'
  | 'too_large'
  | 'too_many_redirects'
  | 'tls_error'
  | 'http_error';

/**
 * Why an outbound request to an address given by a provider did not happen or did not finish.
 * It lives here, not in outbound-fetch.ts, because the guard raises it from inside `lookup`
 * and the fetcher imports the guard: one direction of imports, no cycle.
 */
export class OutboundRefused extends Error {
  constructor(
    readonly code: OutboundRefusalCode,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'OutboundRefused';
  }
}

/** All the answers for a name, as `dns.lookup(name, { all: true })` gives them. */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

/**
 * Only tests set these. `resolve` answers names without DNS (so a name can "resolve" to a
 * private address that is then refused before any packet leaves); `pretendPublic` lists
 * addresses to take for public ones, so a loopback server can stand in for a provider's
 * site while every other loopback or private address stays refused.
 */
export interface AddressGuardSeams {
  resolve?: Resolver;
  pretendPublic?: readonly string[];
}

const systemResolver: Resolver = (hostname) => dns.promises.lookup(hostname, { all: true });

// 2000::/3 is the only IPv6 block IANA hands out for global unicast; ipaddr.js calls
// everything it has no name for "unicast", including the deprecated ::a.b.c.d forms.
const globalUnicastV6 = ipaddr.parseCIDR('2000::/3');

/**
 * True only for addresses on the public Internet. Loopback, private, link-local, unique-local,
 * multicast, unspecified, CGNAT (100.64/10), benchmarking (198.18/15), documentation and other
 * reserved blocks are not; IPv4 written inside IPv6 (mapped, NAT64) is judged as the IPv4 address.
 */
export function isPublicAddress(ip: string): boolean {
  if (isIP(ip) === 0) return false;
  const address = ipaddr.parse(ip);
  if (address.kind() === 'ipv4') return address.range() === 'unicast';
  const v6 = address as ipaddr.IPv6;
  const range = v6.range();
  if (range === 'ipv4Mapped') return isPublicAddress(v6.toIPv4Address().toString());
  if (range === 'rfc6052') {
    // DNS64 synthesises these for IPv4-only sites on IPv6-only networks: the last 32 bits are the real target.
    const parts = v6.parts;
    return isPublicAddress(`${parts[6]! >> 8}.${parts[6]! & 0xff}.${parts[7]! >> 8}.${parts[7]! & 0xff}`);
  }
  return range === 'unicast' && v6.match(globalUnicastV6);
}

function permitted(ip: string, allowPrivate: boolean, seams: AddressGuardSeams | undefined): boolean {
  if (allowPrivate || isPublicAddress(ip)) return true;
  const normal = isIP(ip) ? ipaddr.process(ip).toString() : ip;
  return (seams?.pretendPublic ?? []).some((p) => ipaddr.process(p).toString() === normal);
}

function refusal(hostname: string, ip: string): OutboundRefused {
  return new OutboundRefused('forbidden_address', hostname === ip ? `${ip} is not a public address` : `${hostname} resolves to ${ip}, not a public address`);
}

/** The host of a parsed URL as sockets want it: IPv6 literals without their brackets. */
export function bareHost(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

/**
 * Node connects to an IP literal without calling `lookup`, so literal hosts are checked here,
 * before any socket exists. The WHATWG URL parser has already turned `2130706433`, `0x7f.1` or
 * `0177.0.0.1` into `127.0.0.1`; anything else that parses as an address is checked as well.
 */
export function refuseForbiddenLiteral(hostname: string, allowPrivate: boolean, seams?: AddressGuardSeams): void {
  const host = bareHost(hostname);
  if (isIP(host) === 0) {
    // A name made only of digits, dots and hex would be taken for an address by some resolvers.
    if (ipaddr.isValid(host) && !permitted(ipaddr.process(host).toString(), allowPrivate, seams)) throw refusal(host, host);
    return;
  }
  if (!permitted(host, allowPrivate, seams)) throw refusal(host, host);
}

/**
 * A `dns.lookup` replacement for the `lookup` option of net, tls, http and https. The check
 * runs on the very answers the socket then connects to, so a name that resolves differently
 * the second time (DNS rebinding) cannot slip a private address past an earlier check.
 */
export function guardedLookup(allowPrivate: boolean, seams?: AddressGuardSeams): LookupFunction {
  const resolve = seams?.resolve ?? systemResolver;
  return (hostname, options, callback) => {
    const wanted = familyNumber(options?.family);
    resolve(hostname).then(
      (answers) => {
        const forbidden = answers.find((a) => !permitted(a.address, allowPrivate, seams));
        if (forbidden) return callback(refusal(hostname, forbidden.address), '', 0);
        const usable = answers.filter((a) => wanted === 0 || a.family === wanted);
        if (usable.length === 0) {
          const error: NodeJS.ErrnoException = new Error(`${hostname} has no address`);
          error.code = 'ENOTFOUND';
          return callback(error, '', 0);
        }
        if (options?.all) return callback(null, usable);
        return callback(null, usable[0]!.address, usable[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}

function familyNumber(family: number | 'IPv4' | 'IPv6' | undefined): number {
  if (family === 'IPv4') return 4;
  if (family === 'IPv6') return 6;
  return family ?? 0;
}
