import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/schema.ts';
import type { Actor, AuditTrail } from '../../platform/audit/audit-trail.ts';
import { DAY, type Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/secret-token.ts';
import { AppError, type FieldProblem } from '../../platform/http/errors.ts';
import { formatDate, isLocale, localized } from '../../platform/i18n/locale.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import type { Criterion } from '../charter/charter-content.ts';
import type { CharterService, CharterVersion } from '../charter/charter.service.ts';
import type { BilingualText } from '../charter/templates/charter-template.ts';
import type { OrganisationsService } from '../organisations/organisations.service.ts';
import type { AnswerInput } from './applications.service.ts';
import { departuresText } from './departures.messages.ts';
import { membershipText } from './membership.messages.ts';
import type { MembershipService } from './membership.service.ts';
import { reconfirmationText } from './reconfirmation.messages.ts';

export const YEAR = 365 * DAY;

export interface ReconfirmationStatus {
  confirmedAt: string;
  confirmedVersion: number;
  /** When the member became due to re-confirm, or null while it is not. */
  dueSince: string | null;
  reason: 'yearly' | 'amendment' | null;
  /** When it is (or was) flagged publicly if it has not re-confirmed. */
  lapsesAt: string | null;
  lapsed: boolean;
}

/**
 * The rule in one place: due a year after the last confirmation, or from the
 * adoption of a newer charter version (recorded in `reconfirmation_dues`);
 * lapsed once the grace period has run out since it became due.
 */
export function reconfirmationStatus(
  membership: { confirmed_at: string; confirmed_version: number },
  due: { due_since: string; reason: string } | undefined,
  now: Date,
  graceDays: number,
): ReconfirmationStatus {
  let dueSince = due?.due_since ?? null;
  let reason = (due?.reason ?? null) as ReconfirmationStatus['reason'];
  const yearly = Date.parse(membership.confirmed_at) + YEAR;
  // Exact at any moment, even before the due work has recorded it.
  if (dueSince === null && yearly <= now.getTime()) [dueSince, reason] = [new Date(yearly).toISOString(), 'yearly'];
  const lapsesAt = dueSince === null ? null : new Date(Date.parse(dueSince) + graceDays * DAY).toISOString();
  return { confirmedAt: membership.confirmed_at, confirmedVersion: Number(membership.confirmed_version), dueSince, reason, lapsesAt, lapsed: lapsesAt !== null && Date.parse(lapsesAt) <= now.getTime() };
}

/** Members re-answering the current charter: yearly, and after every amendment. */
export class ReconfirmationService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly config: Config,
    private readonly charter: CharterService,
    private readonly membership: MembershipService,
    private readonly organisations: OrganisationsService,
    private readonly mailer: Mailer,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  /** Charter listener: every member confirmed against an older version is due from the adoption (an earlier due date is kept). */
  async markDueAfterAdoption(version: CharterVersion, trx: Kysely<Database>): Promise<void> {
    const behind = await trx.selectFrom('coalition_memberships').select('organisation_id').where('status', '=', 'member').where('confirmed_version', '<', version.version).execute();
    for (const row of behind) await this.markDue(row.organisation_id, version.adoptedAt, 'amendment', trx);
  }

  private markDue(organisationId: string, dueSince: string, reason: 'yearly' | 'amendment', trx: Kysely<Database>) {
    return trx
      .insertInto('reconfirmation_dues')
      .values({ organisation_id: organisationId, due_since: dueSince, reason, asked_at: null })
      .onConflict((oc) => oc.column('organisation_id').doNothing())
      .execute();
  }

  /** Every member's status, by organisation id. */
  async statuses(): Promise<Map<string, ReconfirmationStatus>> {
    const rows = await this.db
      .selectFrom('coalition_memberships')
      .leftJoin('reconfirmation_dues', 'reconfirmation_dues.organisation_id', 'coalition_memberships.organisation_id')
      .select(['coalition_memberships.organisation_id', 'coalition_memberships.confirmed_at', 'coalition_memberships.confirmed_version', 'reconfirmation_dues.due_since', 'reconfirmation_dues.reason'])
      .where('coalition_memberships.status', '=', 'member')
      .execute();
    const now = this.clock.now();
    return new Map(rows.map((r) => [r.organisation_id, reconfirmationStatus(r, r.due_since ? { due_since: r.due_since, reason: r.reason! } : undefined, now, this.config.reconfirmGraceDays)]));
  }

  async statusOf(organisationId: string): Promise<ReconfirmationStatus> {
    const status = (await this.statuses()).get(organisationId);
    if (!status) throw new AppError('not_member', 409, localized(departuresText, (m) => m.errors.notMember));
    return status;
  }

  /**
   * Due work: records members that became due (a year passed, or they joined
   * against a version older than the current one), then asks each due
   * member's delegates by e-mail, once.
   */
  async runDue(): Promise<{ marked: number; asked: number }> {
    const now = this.clock.now();
    const current = await this.charter.current();
    let marked = 0;
    const undue = await this.db
      .selectFrom('coalition_memberships')
      .leftJoin('reconfirmation_dues', 'reconfirmation_dues.organisation_id', 'coalition_memberships.organisation_id')
      .select(['coalition_memberships.organisation_id', 'coalition_memberships.confirmed_at', 'coalition_memberships.confirmed_version'])
      .where('coalition_memberships.status', '=', 'member')
      .where('reconfirmation_dues.organisation_id', 'is', null)
      .execute();
    for (const row of undue) {
      const yearly = Date.parse(row.confirmed_at) + YEAR;
      if (yearly <= now.getTime()) await this.markDue(row.organisation_id, new Date(yearly).toISOString(), 'yearly', this.db);
      else if (current && Number(row.confirmed_version) < current.version) await this.markDue(row.organisation_id, now.toISOString(), 'amendment', this.db);
      else continue;
      marked += 1;
    }
    const unasked = await this.db
      .selectFrom('reconfirmation_dues')
      .innerJoin('organisations', 'organisations.id', 'reconfirmation_dues.organisation_id')
      .select(['reconfirmation_dues.organisation_id', 'reconfirmation_dues.due_since', 'reconfirmation_dues.reason', 'organisations.name', 'organisations.slug'])
      .where('reconfirmation_dues.asked_at', 'is', null)
      .execute();
    let asked = 0;
    for (const due of unasked) {
      await this.db.transaction().execute(async (trx) => {
        const claimed = await trx.updateTable('reconfirmation_dues').set({ asked_at: now.toISOString() }).where('organisation_id', '=', due.organisation_id).where('asked_at', 'is', null).executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) return;
        const lapsesAt = new Date(Date.parse(due.due_since) + this.config.reconfirmGraceDays * DAY).toISOString();
        const link = new URL(`/membership/reconfirm/${due.slug}`, this.config.publicUrl).toString();
        for (const delegate of await this.organisations.delegatesOf([due.organisation_id], trx)) {
          const locale = isLocale(delegate.locale) ? delegate.locale : 'en';
          const m = reconfirmationText[locale].notices;
          const why = due.reason === 'amendment' ? m.amendment : m.yearly;
          await this.mailer.notify(delegate.id, { subject: m.subject(due.name), text: m.body(due.name, why, formatDate(lapsesAt, locale), link), sensitive: false }, trx);
        }
        asked += 1;
      });
    }
    return { marked, asked };
  }

  /** The criteria of the current charter that bind this kind of organisation, by principle. */
  async criteriaFor(kind: string): Promise<{ version: number; groups: { principle: { key: string; title: BilingualText }; criteria: Criterion[] }[] }> {
    const current = await this.charter.current();
    if (!current) throw new AppError('no_charter', 409, localized(membershipText, (m) => m.errors.noCharter));
    const groups = current.content.principles
      .map((p) => ({ principle: { key: p.key, title: p.title }, criteria: p.criteria.filter((c) => (c.appliesTo as string[]).includes(kind)) }))
      .filter((g) => g.criteria.length > 0);
    return { version: current.version, groups };
  }

  /** What the member answered last time (its last re-confirmation, or its accepted application), to start from. */
  async previousAnswers(organisationId: string): Promise<Map<string, AnswerInput>> {
    const last = await this.db.selectFrom('reconfirmations').select('id').where('organisation_id', '=', organisationId).orderBy('confirmed_at', 'desc').limit(1).executeTakeFirst();
    const rows = last
      ? await this.db.selectFrom('reconfirmation_answers').selectAll().where('reconfirmation_id', '=', last.id).execute()
      : await this.db
          .selectFrom('application_answers')
          .innerJoin('applications', 'applications.id', 'application_answers.application_id')
          .selectAll('application_answers')
          .where('applications.organisation_id', '=', organisationId)
          .where('applications.outcome', '=', 'accepted')
          .orderBy('applications.decided_at', 'desc')
          .execute();
    const answers = new Map<string, AnswerInput>();
    for (const r of rows) if (!answers.has(r.criterion_key)) answers.set(r.criterion_key, { criterionKey: r.criterion_key, answer: r.answer, explanation: r.explanation, evidence: JSON.parse(r.evidence) as string[] });
    return answers;
  }

  /** The member answers every criterion of the current charter that binds it; its year starts again and any lapse flag goes. */
  async reconfirm(organisation: { organisationId: string; kind: string }, inputs: AnswerInput[], actor: Actor): Promise<void> {
    if (!(await this.membership.isMember(organisation.organisationId))) throw new AppError('not_member', 409, localized(departuresText, (m) => m.errors.notMember));
    const { version, groups } = await this.criteriaFor(organisation.kind);
    const applicable = groups.flatMap((g) => g.criteria);
    const given = new Map(inputs.map((i) => [i.criterionKey, i]));
    const problems: FieldProblem[] = [
      ...inputs.filter((i) => !applicable.some((c) => c.key === i.criterionKey)).map((i) => ({ field: `answer-${i.criterionKey}`, text: localized(membershipText, (m) => m.errors.unknownCriterion) })),
      ...applicable.filter((c) => !given.has(c.key)).map((c) => ({ field: `answer-${c.key}`, text: { en: membershipText.en.errors.unanswered(c.title.en), fr: membershipText.fr.errors.unanswered(c.title.fr) } })),
    ];
    if (problems.length > 0) throw AppError.invalid(problems);
    const id = newId();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('reconfirmations')
        .values({ id, organisation_id: organisation.organisationId, charter_version: version, confirmed_at: this.clock.now().toISOString(), account_id: actor === 'system' ? null : actor.accountId })
        .execute();
      for (const a of inputs) {
        await trx.insertInto('reconfirmation_answers').values({ reconfirmation_id: id, criterion_key: a.criterionKey, answer: a.answer, explanation: a.explanation, evidence: JSON.stringify(a.evidence) }).execute();
      }
      await this.membership.confirm(organisation.organisationId, version, trx);
      await trx.deleteFrom('reconfirmation_dues').where('organisation_id', '=', organisation.organisationId).execute();
      await this.audit.record(actor, { action: 'membership.reconfirm', subjectType: 'organisation', subjectId: organisation.organisationId }, trx);
    });
  }
}
