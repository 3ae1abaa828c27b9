import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor, AuditTrail } from '../../platform/audit/audit-trail.ts';
import { DAY, HOUR, type Clock } from '../../platform/clock.ts';
import { hashSecretToken, newSecretToken } from '../../platform/crypto/secret-token.ts';
import { isLocale } from '../../platform/i18n/locale.ts';
import type { OrganisationsService } from '../organisations/organisations.service.ts';
import type { AccountsRepository } from './accounts.repository.ts';
import type { Viewer } from './viewer.ts';

/** A session ends after a day without use, and after two weeks whatever happens. */
export const SESSION_IDLE_MS = DAY;
export const SESSION_LIFETIME_MS = 14 * DAY;
// Writing "last seen" on every request would turn every read into a write.
const TOUCH_EVERY_MS = HOUR;

/** Log-in sessions: created on log-in, found from the cookie, revoked one by one or all at once. */
export class SessionsService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly repo: AccountsRepository,
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  /** Opens a session and returns the token for the cookie (never stored as such). */
  async open(account: { id: string; username: string }): Promise<string> {
    const token = newSecretToken();
    const now = this.clock.now();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('sessions')
        .values({
          id: hashSecretToken(token),
          account_id: account.id,
          created_at: now.toISOString(),
          last_seen_at: now.toISOString(),
          expires_at: new Date(now.getTime() + SESSION_LIFETIME_MS).toISOString(),
        })
        .execute();
      await this.audit.record({ accountId: account.id, username: account.username }, { action: 'session.open', subjectType: 'account', subjectId: account.id }, trx);
    });
    return token;
  }

  /** The viewer behind a cookie token, or null when the session is unknown, idle too long, or over. */
  async resolve(token: string): Promise<Viewer | null> {
    const sessionId = hashSecretToken(token);
    const row = await this.repo.sessionWithAccount(sessionId);
    if (!row || row.status !== 'active') return null;
    const now = this.clock.now().getTime();
    const lastSeen = new Date(row.last_seen_at).getTime();
    if (new Date(row.expires_at).getTime() <= now || lastSeen + SESSION_IDLE_MS <= now) {
      await this.db.deleteFrom('sessions').where('id', '=', sessionId).execute();
      return null;
    }
    if (now - lastSeen > TOUCH_EVERY_MS) {
      await this.db.updateTable('sessions').set({ last_seen_at: new Date(now).toISOString() }).where('id', '=', sessionId).execute();
    }
    return this.viewerFor(row.account_id, row.username, row.locale, { kind: 'session', sessionId });
  }

  async viewerFor(accountId: string, username: string, locale: string | null, via: Viewer['via']): Promise<Viewer> {
    const [roles, memberships] = await Promise.all([
      this.repo.rolesOf(accountId),
      this.organisations.membershipsOf(accountId),
    ]);
    return { accountId, username, roles: new Set(roles), memberships, locale: isLocale(locale) ? locale : null, via };
  }

  async close(sessionId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', sessionId).execute();
  }

  /** "Log out everywhere": every session of the account ends at once. */
  async closeAll(accountId: string, actor: Actor): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('sessions').where('account_id', '=', accountId).execute();
      await this.audit.record(actor, { action: 'session.close_all', subjectType: 'account', subjectId: accountId }, trx);
    });
  }

  list(accountId: string) {
    return this.db
      .selectFrom('sessions')
      .select(['created_at', 'last_seen_at', 'expires_at'])
      .where('account_id', '=', accountId)
      .orderBy('created_at', 'desc')
      .execute();
  }

  /** Due work: forget sessions that can no longer be used. */
  async purgeExpired(): Promise<number> {
    const now = this.clock.now().getTime();
    const result = await this.db
      .deleteFrom('sessions')
      .where((eb) =>
        eb.or([
          eb('expires_at', '<=', new Date(now).toISOString()),
          eb('last_seen_at', '<=', new Date(now - SESSION_IDLE_MS).toISOString()),
        ]),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
