import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/schema.ts';
import type { Actor, AuditTrail } from '../../platform/audit/audit-trail.ts';
import type { Clock } from '../../platform/clock.ts';
import { AppError } from '../../platform/http/errors.ts';
import { isLocale, localized } from '../../platform/i18n/locale.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import { fetchResource, OutboundRefused, outboundUrl, refusalFor, type OutboundPolicy } from '../../platform/outbound/outbound-fetch.ts';
import type { OrganisationsService } from '../organisations/organisations.service.ts';
import { canaryText } from './canary.messages.ts';
import type { CanaryService } from './canary.service.ts';

/** A signed statement is a few kilobytes; anything much larger is not one. */
const MAX_STATEMENT_BYTES = 64 * 1024;

export type FetchOutcome = { slug: string; outcome: 'published' | 'unchanged' } | { slug: string; outcome: 'problem'; problem: string };

/**
 * Canaries that providers host at their own address: Haven fetches each on a schedule,
 * verifies it with the key the provider registered, and publishes it when it is new.
 * A statement that no longer verifies makes the canary invalid until a good one is fetched.
 */
export class CanarySourceService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly config: Config,
    private readonly canaries: CanaryService,
    private readonly organisations: OrganisationsService,
    private readonly mailer: Mailer,
    private readonly policy: OutboundPolicy,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  /** Registers (or, with null, forgets) the address of a provider's hosted canary; it is fetched at the next due run. */
  async register(organisationId: string, url: string | null, actor: Actor): Promise<void> {
    let address: string | null = null;
    if (url !== null) {
      try {
        address = outboundUrl(url.trim()).toString();
      } catch {
        throw AppError.field('canary_bad_url', 'url', localized(canaryText, (m) => m.errors.bad_url!));
      }
    }
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('canary_sources').where('scope', '=', organisationId).execute();
      if (address) {
        await trx.insertInto('canary_sources').values({ scope: organisationId, url: address, registered_at: this.clock.now().toISOString(), checked_at: null, problem: null, problem_since: null }).execute();
      }
      await this.audit.record(actor, { action: address ? 'canary.source.set' : 'canary.source.remove', subjectType: 'organisation', subjectId: organisationId }, trx);
    });
  }

  /** Providers whose hosted canary was never fetched, or not since `before`. */
  async due(before: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('canary_sources')
      .select('scope')
      .where((eb) => eb.or([eb('checked_at', 'is', null), eb('checked_at', '<', before)]))
      .orderBy('checked_at')
      .execute();
    return rows.map((r) => r.scope);
  }

  /** Fetches, verifies and (when new) publishes one provider's hosted canary, and records how it went. */
  async fetch(organisationId: string): Promise<FetchOutcome> {
    const source = await this.db.selectFrom('canary_sources').selectAll().where('scope', '=', organisationId).executeTakeFirst();
    const organisation = await this.organisations.getById(organisationId);
    if (!source) throw AppError.notFound();
    let problem: string | null = null;
    let published = false;
    try {
      const fetched = await fetchResource(source.url, { ...this.policy, maxBytes: MAX_STATEMENT_BYTES });
      published = await this.canaries.publish(organisationId, organisation.slug, fetched.body.toString('utf8'), 'system');
    } catch (error) {
      if (error instanceof AppError && error.code.startsWith('canary_')) problem = error.code.slice('canary_'.length);
      else if (error instanceof OutboundRefused || (error as NodeJS.ErrnoException)?.code) problem = refusalFor(error).code;
      else throw error;
    }
    await this.record(organisationId, problem, { slug: organisation.slug, name: organisation.name, url: source.url });
    if (problem) return { slug: organisation.slug, outcome: 'problem', problem };
    return { slug: organisation.slug, outcome: published ? 'published' : 'unchanged' };
  }

  /** Keeps the outcome; at a problem's onset tells the provider's delegates why, once. */
  private async record(organisationId: string, problem: string | null, about: { slug: string; name: string; url: string }): Promise<void> {
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('canary_sources').select(['problem', 'problem_since']).where('scope', '=', organisationId).executeTakeFirst();
      if (!before) return;
      const onset = problem !== null && before.problem !== problem;
      await trx
        .updateTable('canary_sources')
        // The delegates are told at a problem's onset, so its start is also when they were told.
        .set({ checked_at: now, problem, problem_since: problem === null ? null : onset ? now : before.problem_since })
        .where('scope', '=', organisationId)
        .execute();
      if (problem === null && before.problem !== null) {
        // Verifying again ends the alarm; a later failure must be told again.
        await trx.updateTable('canaries').set({ invalid_notified_at: null }).where('scope', '=', organisationId).execute();
      }
      if (!onset) return;
      const link = new URL(`/directory/providers/${about.slug}/canary`, this.config.publicUrl).toString();
      for (const d of await this.organisations.delegatesOf([organisationId], trx)) {
        const m = canaryText[isLocale(d.locale) ? d.locale : 'en'];
        await this.mailer.notify(d.id, { subject: m.sourceProblemSubject(about.name), text: m.sourceProblemText(about.url, m.errors[problem] ?? problem, link), sensitive: false }, trx);
      }
    });
  }
}
