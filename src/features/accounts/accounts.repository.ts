import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { CoalitionRole } from './accounts.table.ts';

/** All SQL about accounts, sessions, API tokens and recovery codes. */
export class AccountsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  byId(id: string, trx: Kysely<Database> = this.db) {
    return trx.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
  }

  byUsername(username: string) {
    return this.db.selectFrom('accounts').selectAll().where('username', '=', username).executeTakeFirst();
  }

  async count(): Promise<number> {
    const row = await this.db.selectFrom('accounts').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  list(limit: number, offset: number) {
    return this.db.selectFrom('accounts').selectAll().orderBy('username').limit(limit).offset(offset).execute();
  }

  async rolesOf(accountId: string, trx: Kysely<Database> = this.db): Promise<CoalitionRole[]> {
    const rows = await trx.selectFrom('account_roles').select('role').where('account_id', '=', accountId).execute();
    return rows.map((r) => r.role).sort();
  }

  async rolesByAccount(accountIds: string[]): Promise<Map<string, CoalitionRole[]>> {
    const map = new Map<string, CoalitionRole[]>();
    if (accountIds.length === 0) return map;
    const rows = await this.db.selectFrom('account_roles').selectAll().where('account_id', 'in', accountIds).execute();
    for (const row of rows) map.set(row.account_id, [...(map.get(row.account_id) ?? []), row.role]);
    return map;
  }

  async setRoles(accountId: string, roles: CoalitionRole[], at: string, trx: Kysely<Database>): Promise<void> {
    await trx.deleteFrom('account_roles').where('account_id', '=', accountId).execute();
    if (roles.length > 0) {
      await trx
        .insertInto('account_roles')
        .values(roles.map((role) => ({ account_id: accountId, role, granted_at: at })))
        .execute();
    }
  }

  sessionWithAccount(sessionId: string) {
    return this.db
      .selectFrom('sessions')
      .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
      .select([
        'sessions.id as session_id',
        'sessions.expires_at',
        'sessions.last_seen_at',
        'accounts.id as account_id',
        'accounts.username',
        'accounts.locale',
        'accounts.status',
      ])
      .where('sessions.id', '=', sessionId)
      .executeTakeFirst();
  }

  tokenWithAccount(tokenHash: string) {
    return this.db
      .selectFrom('api_tokens')
      .innerJoin('accounts', 'accounts.id', 'api_tokens.account_id')
      .select([
        'api_tokens.id as token_id',
        'api_tokens.last_used_at',
        'accounts.id as account_id',
        'accounts.username',
        'accounts.locale',
        'accounts.status',
      ])
      .where('api_tokens.token_hash', '=', tokenHash)
      .executeTakeFirst();
  }
}
