import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Clock } from '../clock.ts';
import type { FieldCipher } from './field-cipher.ts';

/**
 * Random secrets that live for one UTC day. Every instance shares the day's
 * secret through the database; once the day is over the secret is deleted.
 */
export class RotatingSecrets {
  readonly #cache = new Map<string, Buffer>();
  constructor(
    private readonly db: Kysely<Database>,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  async today(purpose: string): Promise<Buffer> {
    const period = this.clock.now().toISOString().slice(0, 10);
    const cacheKey = `${purpose}:${period}`;
    const cached = this.#cache.get(cacheKey);
    if (cached) return cached;
    const context = `rotating_secrets:${purpose}:${period}`;
    await this.db
      .insertInto('rotating_secrets')
      .values({
        purpose,
        period,
        secret_enc: this.cipher.encrypt(crypto.randomBytes(32), context),
        created_at: this.clock.now().toISOString(),
      })
      .onConflict((oc) => oc.columns(['purpose', 'period']).doNothing())
      .execute();
    const row = await this.db
      .selectFrom('rotating_secrets')
      .select('secret_enc')
      .where('purpose', '=', purpose)
      .where('period', '=', period)
      .executeTakeFirstOrThrow();
    const secret = this.cipher.decryptBuffer(row.secret_enc, context);
    for (const key of this.#cache.keys()) if (!key.endsWith(`:${period}`)) this.#cache.delete(key);
    this.#cache.set(cacheKey, secret);
    return secret;
  }

  /** Deletes every secret from before today; returns how many went. */
  async forgetPastDays(): Promise<number> {
    const today = this.clock.now().toISOString().slice(0, 10);
    this.#cache.clear();
    const result = await this.db.deleteFrom('rotating_secrets').where('period', '<', today).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
