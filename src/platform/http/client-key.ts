import crypto from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { normalizeIP } from '@fastify/rate-limit';
import type { RotatingSecrets } from '../crypto/rotating-secrets.ts';

/**
 * A stand-in for the client's address, for rate limiting only: a keyed hash
 * under a random key that changes every day and is then deleted. The address
 * itself is never written anywhere.
 */
export async function clientKey(request: FastifyRequest, secrets: RotatingSecrets): Promise<string> {
  const key = await secrets.today('client-key');
  return crypto.createHmac('sha256', key).update(normalizeIP(request.ip, 64)).digest('base64url');
}
