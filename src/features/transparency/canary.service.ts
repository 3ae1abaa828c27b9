import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/schema.ts';
import type { Actor, AuditTrail } from '../../platform/audit/audit-trail.ts';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/secret-token.ts';
import { AppError } from '../../platform/http/errors.ts';
import { formatDate, isLocale, localized, type Locale } from '../../platform/i18n/locale.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { OrganisationsService } from '../organisations/organisations.service.ts';
import { canaryText } from './canary.messages.ts';
import { CanaryRefused, canaryState, readCanaryKey, verifyCanary } from './canary-statement.ts';

export type CanaryState = ReturnType<typeof canaryState> | 'invalid';

export interface CanaryStatus {
  state: CanaryState;
  latest: { number: number; date: string; nextUpdate: string; signedBy: string; publishedAt: string } | null;
  key: { fingerprint: string; registeredAt: string } | null;
}

const refused = (error: CanaryRefused, field: string) => AppError.field(`canary_${error.code}`, field, localized(canaryText, (m) => m.errors[error.code] ?? error.code));

/** Providers' warrant canaries: the signing key, every statement as signed, and whether the latest still holds. */
export class CanaryService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly config: Config,
    private readonly organisations: OrganisationsService,
    private readonly accounts: AccountsService,
    private readonly mailer: Mailer,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async setKey(organisationId: string, armored: string, actor: Actor): Promise<void> {
    let key: Awaited<ReturnType<typeof readCanaryKey>>;
    try {
      key = await readCanaryKey(armored.trim(), this.clock.now());
    } catch (error) {
      if (error instanceof CanaryRefused) throw refused(error, 'key');
      throw error;
    }
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('canary_keys').where('organisation_id', '=', organisationId).execute();
      await trx.insertInto('canary_keys').values({ organisation_id: organisationId, armored: armored.trim(), fingerprint: key.fingerprint, registered_at: now }).execute();
      await this.audit.record(actor, { action: 'canary.key.set', subjectType: 'organisation', subjectId: organisationId }, trx);
    });
  }

  key(organisationId: string) {
    return this.db.selectFrom('canary_keys').selectAll().where('organisation_id', '=', organisationId).executeTakeFirst();
  }

  /** Verifies the statement against the provider's key before keeping it; a refused one changes nothing. */
  async publish(organisationId: string, slug: string, clearSigned: string, actor: Actor): Promise<void> {
    const key = await this.key(organisationId);
    if (!key) throw AppError.field('canary_no_key', 'statement', localized(canaryText, (m) => m.errors.noKey!));
    let statement: Awaited<ReturnType<typeof verifyCanary>>;
    try {
      statement = await verifyCanary(clearSigned, key.armored, slug, this.clock.now());
    } catch (error) {
      if (error instanceof CanaryRefused) throw refused(error, 'statement');
      throw error;
    }
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const last = await trx.selectFrom('canaries').select((eb) => [eb.fn.max('number').as('n'), eb.fn.max('statement_date').as('date')]).where('organisation_id', '=', organisationId).executeTakeFirst();
      // An older statement signed again would turn the canary back to a time before what it has since said.
      if (last?.date && statement.date < String(last.date)) throw AppError.field('canary_older', 'statement', localized(canaryText, (m) => m.errors.older!));
      await trx
        .insertInto('canaries')
        .values({
          id: newId(),
          organisation_id: organisationId,
          number: Number(last?.n ?? 0) + 1,
          signed_text: clearSigned,
          statement_date: statement.date,
          next_update: statement.nextUpdate,
          signed_by: statement.signedBy,
          published_at: now,
          overdue_notified_at: null,
        })
        .execute();
      await this.audit.record(actor, { action: 'canary.publish', subjectType: 'organisation', subjectId: organisationId }, trx);
    });
  }

  /** The latest statement exactly as signed, for anyone to check with gpg. */
  async latestSignedText(organisationId: string): Promise<string | null> {
    const row = await this.db.selectFrom('canaries').select('signed_text').where('organisation_id', '=', organisationId).orderBy('number', 'desc').executeTakeFirst();
    return row?.signed_text ?? null;
  }

  async history(organisationId: string) {
    return this.db.selectFrom('canaries').select(['number', 'statement_date', 'next_update', 'published_at']).where('organisation_id', '=', organisationId).orderBy('number', 'desc').execute();
  }

  async status(organisationId: string): Promise<CanaryStatus> {
    const [key, latest] = await Promise.all([
      this.key(organisationId),
      this.db.selectFrom('canaries').selectAll().where('organisation_id', '=', organisationId).orderBy('number', 'desc').executeTakeFirst(),
    ]);
    const now = this.clock.now();
    // Signed with a key that is no longer the provider's: it no longer vouches for anything.
    const state: CanaryState = latest && key && latest.signed_by !== key.fingerprint ? 'invalid' : canaryState(latest ? { nextUpdate: latest.next_update } : null, now);
    return {
      state,
      latest: latest ? { number: latest.number, date: latest.statement_date, nextUpdate: latest.next_update, signedBy: latest.signed_by, publishedAt: latest.published_at } : null,
      key: key ? { fingerprint: key.fingerprint, registeredAt: key.registered_at } : null,
    };
  }

  /** Tells each provider's delegates and the stewards, once per statement, that its canary is overdue. */
  async notifyOverdue(): Promise<number> {
    const rows = await this.db
      .selectFrom('canaries as c')
      .innerJoin('organisations', 'organisations.id', 'c.organisation_id')
      .select(['c.id', 'c.organisation_id', 'c.number', 'c.next_update', 'c.overdue_notified_at', 'organisations.slug', 'organisations.name'])
      .where('c.number', '=', (eb) => eb.selectFrom('canaries as d').select((e) => e.fn.max('d.number').as('m')).whereRef('d.organisation_id', '=', 'c.organisation_id'))
      .where('c.overdue_notified_at', 'is', null)
      .execute();
    let notified = 0;
    for (const row of rows) {
      if (canaryState({ nextUpdate: row.next_update }, this.clock.now()) !== 'overdue') continue;
      await this.db.transaction().execute(async (trx) => {
        const marked = await trx.updateTable('canaries').set({ overdue_notified_at: this.clock.now().toISOString() }).where('id', '=', row.id).where('overdue_notified_at', 'is', null).executeTakeFirst();
        if (Number(marked.numUpdatedRows) === 0) return;
        const recipients = new Map<string, Locale>();
        for (const r of [...(await this.organisations.delegatesOf([row.organisation_id], trx)), ...(await this.accounts.withRole('steward', trx))]) recipients.set(r.id, isLocale(r.locale) ? r.locale : 'en');
        const link = new URL(`/directory/providers/${row.slug}#canary`, this.config.publicUrl).toString();
        for (const [accountId, locale] of recipients) {
          const m = canaryText[locale];
          await this.mailer.notify(accountId, { subject: m.noticeSubject(row.name), text: m.noticeText(row.name, formatDate(row.next_update, locale), link), sensitive: false }, trx);
        }
        notified += 1;
      });
    }
    return notified;
  }
}
