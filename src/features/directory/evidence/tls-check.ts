import { isIP } from 'node:net';
import tls, { type PeerCertificate } from 'node:tls';
import { bareHost, guardedLookup, refuseForbiddenLiteral } from '../../../platform/outbound/address-guard.ts';
import { OutboundRefused, trustedCertificates, type OutboundPolicy } from '../../../platform/outbound/outbound-fetch.ts';
import { unableToCheck, type CheckResult } from './check-result.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Below two weeks a renewal that fails has too little time to be noticed and fixed. */
export const EXPIRES_SOON_DAYS = 14;

interface Handshake {
  authorized: boolean;
  authorizationError: string | null;
  certificate: PeerCertificate;
  protocol: string | null;
}

/**
 * Whether the website is served over HTTPS with a certificate a browser trusts for its name,
 * and how long that certificate has left. Only the handshake happens: nothing is sent after it.
 */
export async function checkTls(website: URL, policy: OutboundPolicy, now: Date): Promise<CheckResult> {
  const port = Number(website.port || 443);
  const target = `${website.hostname}:${port}`;
  if (website.protocol !== 'https:') return { claim: 'tls', target: website.host, outcome: 'contradicted', facts: { https: false } };
  try {
    refuseForbiddenLiteral(website.hostname, policy.allowPrivateAddresses);
    const seen = await handshake(bareHost(website.hostname), port, policy);
    const validTo = new Date(seen.certificate.valid_to);
    const daysToExpiry = Math.floor((validTo.getTime() - now.getTime()) / DAY_MS);
    return {
      claim: 'tls',
      target,
      outcome: seen.authorized && daysToExpiry > 0 ? 'verified' : 'contradicted',
      facts: {
        https: true,
        authorized: seen.authorized,
        authorizationError: seen.authorizationError,
        validFrom: new Date(seen.certificate.valid_from).toISOString(),
        validTo: validTo.toISOString(),
        daysToExpiry,
        expiresSoon: daysToExpiry < EXPIRES_SOON_DAYS,
        issuer: commonName(seen.certificate.issuer),
        subject: commonName(seen.certificate.subject),
        protocol: seen.protocol,
      },
    };
  } catch (error) {
    return unableToCheck('tls', target, error);
  }
}

function commonName(name: PeerCertificate['subject'] | undefined): string | null {
  const cn: unknown = name?.CN;
  if (Array.isArray(cn)) return typeof cn[0] === 'string' ? cn[0] : null;
  return typeof cn === 'string' ? cn : null;
}

function handshake(host: string, port: number, policy: OutboundPolicy): Promise<Handshake> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host,
      port,
      servername: isIP(host) ? undefined : host,
      lookup: guardedLookup(policy.allowPrivateAddresses),
      ca: trustedCertificates(policy),
      // The certificate is read even when it fails, to say why; node still runs checkServerIdentity
      // and reports a name mismatch through `authorized` and `authorizationError`.
      rejectUnauthorized: false,
    });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new OutboundRefused('timeout', `no TLS handshake within ${policy.timeoutMs} ms`));
    }, policy.timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      // Typed as an Error, but node stores the OpenSSL or node error code there, as a string.
      const reason: unknown = socket.authorizationError;
      resolve({
        authorized: socket.authorized,
        authorizationError: reason ? String(reason) : null,
        certificate: socket.getPeerCertificate(),
        protocol: socket.getProtocol(),
      });
      socket.destroy();
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    });
  });
}
