import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/schema.ts';
import type { Clock } from '../../platform/clock.ts';
import { formatDate, isLocale, type Locale } from '../../platform/i18n/locale.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { FollowersService } from '../directory/followers.service.ts';
import type { OrganisationsService } from '../organisations/organisations.service.ts';
import { canaryText } from './canary.messages.ts';
import { stateOf } from './canary.service.ts';
import { COALITION_CANARY, type CanaryScope } from './canary.table.ts';

type Alarm = 'overdue' | 'invalid';

/**
 * Tells people when a canary goes overdue or stops verifying, once per statement and alarm:
 * the provider's delegates, the stewards, and everyone following the provider.
 */
export class CanaryAlarms {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly config: Config,
    private readonly organisations: OrganisationsService,
    private readonly accounts: AccountsService,
    private readonly followers: FollowersService,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
  ) {}

  /** Returns how many alarms were sent (one per scope and kind, however many people it reached). */
  async notifyDue(): Promise<number> {
    const latest = await this.db
      .selectFrom('canaries as c')
      .leftJoin('canary_keys as k', 'k.scope', 'c.scope')
      .leftJoin('canary_sources as s', 's.scope', 'c.scope')
      .select(['c.id', 'c.scope', 'c.next_update', 'c.signed_by', 'c.overdue_notified_at', 'c.invalid_notified_at', 'k.fingerprint', 's.problem'])
      .where('c.number', '=', (eb) => eb.selectFrom('canaries as d').select((e) => e.fn.max('d.number').as('m')).whereRef('d.scope', '=', 'c.scope'))
      .where((eb) => eb.or([eb('c.overdue_notified_at', 'is', null), eb('c.invalid_notified_at', 'is', null)]))
      .execute();
    let sent = 0;
    for (const row of latest) {
      const state = stateOf(row, row.fingerprint, row.problem, this.clock.now());
      const alarm: Alarm | null = state === 'overdue' && !row.overdue_notified_at ? 'overdue' : state === 'invalid' && !row.invalid_notified_at ? 'invalid' : null;
      if (alarm && (await this.raise(row.id, row.scope, alarm, row.next_update))) sent += 1;
    }
    return sent;
  }

  /** Marks the statement and queues the notices in one transaction, so a crash neither loses nor repeats them. */
  private async raise(statementId: string, scope: CanaryScope, alarm: Alarm, nextUpdate: string): Promise<boolean> {
    const column = alarm === 'overdue' ? 'overdue_notified_at' : 'invalid_notified_at';
    return this.db.transaction().execute(async (trx) => {
      const marked = await trx.updateTable('canaries').set({ [column]: this.clock.now().toISOString() }).where('id', '=', statementId).where(column, 'is', null).executeTakeFirst();
      if (Number(marked.numUpdatedRows) === 0) return false;
      const insiders = new Map<string, Locale>();
      const people = [...(scope === COALITION_CANARY ? [] : await this.organisations.delegatesOf([scope], trx)), ...(await this.accounts.withRole('steward', trx))];
      for (const r of people) insiders.set(r.id, isLocale(r.locale) ? r.locale : 'en');
      const following = scope === COALITION_CANARY ? [] : (await this.followers.followersOf(scope, trx)).filter((f) => !insiders.has(f.id));
      const about = await this.subject(scope, trx);
      const send = async (accountId: string, locale: Locale, sensitive: boolean) => {
        const m = canaryText[locale];
        const name = about.name ?? m.coalitionName;
        const notice = alarm === 'overdue' ? { subject: m.noticeSubject(name), text: m.noticeText(name, formatDate(nextUpdate, locale), about.link) } : { subject: m.invalidSubject(name), text: m.invalidText(name, about.link) };
        await this.mailer.notify(accountId, { ...notice, sensitive }, trx);
      };
      for (const [accountId, locale] of insiders) await send(accountId, locale, false);
      // That someone follows a provider must not travel in clear: followers get it encrypted or as a nudge to log in.
      for (const f of following) await send(f.id, isLocale(f.locale) ? f.locale : 'en', true);
      return true;
    });
  }

  /** What the alarm is about, looked up once: a provider's name, or null for the coalition (named in each reader's language). */
  private async subject(scope: CanaryScope, trx: Kysely<Database>): Promise<{ name: string | null; link: string }> {
    if (scope === COALITION_CANARY) return { name: null, link: new URL('/transparency#canary', this.config.publicUrl).toString() };
    const o = await trx.selectFrom('organisations').select(['slug', 'name']).where('id', '=', scope).executeTakeFirstOrThrow();
    return { name: o.name, link: new URL(`/directory/providers/${o.slug}#canary`, this.config.publicUrl).toString() };
  }
}
