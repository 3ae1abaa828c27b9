import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Clock } from '../clock.ts';

/**
 * Rate-limit counters kept in the database, so that several instances share
 * them and a restart does not reset them, and counted on Haven's clock.
 * Fixed windows: the count for (route, client) in the current window.
 */
export function databaseRateLimitStore(db: Kysely<Database>, clock: Clock): FastifyRateLimitStoreCtor {
  class DatabaseStore implements FastifyRateLimitStore {
    constructor(
      _options: unknown,
      private readonly scope = 'global',
    ) {}

    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      const now = clock.now().getTime();
      const windowStart = Math.floor(now / timeWindow) * timeWindow;
      const expires = windowStart + timeWindow;
      db.insertInto('rate_limit_windows')
        .values({
          key: `${this.scope}|${key}`,
          window_start: new Date(windowStart).toISOString(),
          hits: 1,
          expires_at: new Date(expires).toISOString(),
        })
        .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet((eb) => ({ hits: eb('rate_limit_windows.hits', '+', 1) })))
        .returning('hits')
        .executeTakeFirstOrThrow()
        .then((row) => callback(null, { current: Number(row.hits), ttl: expires - now }), (error: Error) => callback(error));
    }

    // Despite its declared type, the plugin passes the route's merged limit settings, with the route
    // itself under `routeInfo`. Each route keeps its own count: signing up does not use up log-in attempts.
    child(params: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
      const route = (params as unknown as { routeInfo?: { method?: string | string[]; url?: string } }).routeInfo;
      return new DatabaseStore(undefined, route?.method && route.url ? `${[route.method].flat().join(',')} ${route.url}` : 'global');
    }
  }
  return DatabaseStore as unknown as FastifyRateLimitStoreCtor;
}

/** Due work: forget counters whose window has ended. */
export async function forgetEndedWindows(db: Kysely<Database>, clock: Clock): Promise<void> {
  await db.deleteFrom('rate_limit_windows').where('expires_at', '<=', clock.now().toISOString()).execute();
}
