import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor, AuditTrail } from '../../platform/audit/audit-trail.ts';
import type { Clock } from '../../platform/clock.ts';
import { hashSecretToken, newId, newSecretToken } from '../../platform/crypto/secret-token.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { AccountsRepository } from './accounts.repository.ts';
import type { SessionsService } from './sessions.service.ts';
import type { Viewer } from './viewer.ts';

export const TOKEN_PREFIX = 'haven_';

/** API tokens for scripts: shown once, stored hashed, listed and revoked by their owner. */
export class ApiTokensService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly repo: AccountsRepository,
    private readonly sessions: SessionsService,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async create(accountId: string, name: string, actor: Actor) {
    const token = newSecretToken(TOKEN_PREFIX);
    const id = newId();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('api_tokens')
        .values({
          id,
          account_id: accountId,
          name: name.trim(),
          token_hash: hashSecretToken(token),
          hint: token.slice(-4),
          created_at: this.clock.now().toISOString(),
          last_used_at: null,
        })
        .execute();
      await this.audit.record(actor, { action: 'token.create', subjectType: 'api_token', subjectId: id }, trx);
    });
    return { id, name: name.trim(), token };
  }

  list(accountId: string) {
    return this.db
      .selectFrom('api_tokens')
      .select(['id', 'name', 'hint', 'created_at', 'last_used_at'])
      .where('account_id', '=', accountId)
      .orderBy('created_at', 'desc')
      .execute();
  }

  /** Revokes one of the account's own tokens; someone else's token is "not found". */
  async revoke(accountId: string, tokenId: string, actor: Actor): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const result = await trx
        .deleteFrom('api_tokens')
        .where('id', '=', tokenId)
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) throw AppError.notFound();
      await this.audit.record(actor, { action: 'token.revoke', subjectType: 'api_token', subjectId: tokenId }, trx);
    });
  }

  async resolve(token: string): Promise<Viewer | null> {
    if (!token.startsWith(TOKEN_PREFIX)) return null;
    const row = await this.repo.tokenWithAccount(hashSecretToken(token));
    if (!row || row.status !== 'active') return null;
    const today = this.clock.now().toISOString().slice(0, 10);
    if (row.last_used_at?.slice(0, 10) !== today) {
      await this.db.updateTable('api_tokens').set({ last_used_at: this.clock.now().toISOString() }).where('id', '=', row.token_id).execute();
    }
    return this.sessions.viewerFor(row.account_id, row.username, row.locale, { kind: 'token', tokenId: row.token_id });
  }
}
