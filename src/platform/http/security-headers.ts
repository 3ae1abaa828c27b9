import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';

const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/** Headers that keep every page private and self-contained: no script, no third party, no referrer. */
export function addSecurityHeaders(app: FastifyInstance, config: Config): void {
  app.addHook('onSend', async (request, reply, payload) => {
    applySecurityHeaders(reply, config, request);
    return payload;
  });
}

/** Also used for the few answers Fastify gives before any hook runs. */
export function applySecurityHeaders(reply: FastifyReply, config: Config, request: FastifyRequest): void {
  reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
  reply.header('referrer-policy', 'no-referrer');
  reply.header('x-content-type-options', 'nosniff');
  reply.header('x-frame-options', 'DENY');
  reply.header('cross-origin-opener-policy', 'same-origin');
  reply.header('cross-origin-resource-policy', 'same-origin');
  reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=(), browsing-topics=()');
  if (config.publicUrl.protocol === 'https:') reply.header('strict-transport-security', 'max-age=63072000; includeSubDomains');
  if (config.onionAddress && !request.hostname.endsWith('.onion')) {
    reply.header('onion-location', new URL(request.url, config.onionAddress).toString());
  }
  // Personal pages must never sit in a shared cache or the browser's back-forward history.
  if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
}
