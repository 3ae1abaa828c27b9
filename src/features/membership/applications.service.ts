import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/schema.ts';
import type { Actor, AuditTrail } from '../../platform/audit/audit-trail.ts';
import { DAY, type Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/secret-token.ts';
import { AppError, type FieldProblem } from '../../platform/http/errors.ts';
import { localized } from '../../platform/i18n/locale.ts';
import type { Criterion } from '../charter/charter-content.ts';
import type { CharterService } from '../charter/charter.service.ts';
import { membershipText } from './membership.messages.ts';
import type { MembershipNotices } from './membership-notices.ts';
import type { MembershipService } from './membership.service.ts';
import type { AnswerValue, ApplicationsTable } from './membership.table.ts';

export interface AnswerInput {
  criterionKey: string;
  answer: AnswerValue;
  explanation: string;
  evidence: string[];
}

export type Application = ApplicationsTable & { organisation: { id: string; slug: string; name: string; kind: string } };

/** Finds the next meeting after a date; provided by the meetings feature. */
export type NextMeetingFinder = (after: Date) => Promise<{ id: string } | undefined>;

/** Applications to join the coalition: a self-assessment against the charter, then a review window. */
export class ApplicationsService {
  #nextMeeting: NextMeetingFinder = async () => undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly config: Config,
    private readonly charter: CharterService,
    private readonly membership: MembershipService,
    private readonly notices: MembershipNotices,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  useMeetings(finder: NextMeetingFinder): void {
    this.#nextMeeting = finder;
  }

  /** Opens a draft application for an organisation against the current charter. */
  async start(organisationId: string, actor: Actor): Promise<Application> {
    const charter = await this.charter.current();
    if (!charter) throw new AppError('no_charter', 409, localized(membershipText, (m) => m.errors.noCharter));
    const organisation = await this.db.selectFrom('organisations').selectAll().where('id', '=', organisationId).executeTakeFirstOrThrow();
    if (organisation.kind === 'partner') throw new AppError('not_eligible', 409, localized(membershipText, (m) => m.errors.notEligible));
    if (await this.membership.isMember(organisationId)) throw new AppError('already_member', 409, localized(membershipText, (m) => m.errors.alreadyMember));
    const open = await this.db
      .selectFrom('applications')
      .select('number')
      .where('organisation_id', '=', organisationId)
      .where('state', 'in', ['draft', 'in-review'])
      .executeTakeFirst();
    if (open) throw new AppError('application_open', 409, localized(membershipText, (m) => m.errors.applicationOpen(open.number)));
    const now = this.clock.now().toISOString();
    const id = newId();
    await this.db.transaction().execute(async (trx) => {
      const last = await trx.selectFrom('applications').select('number').orderBy('number', 'desc').limit(1).executeTakeFirst();
      await trx
        .insertInto('applications')
        .values({
          id,
          number: (last?.number ?? 0) + 1,
          organisation_id: organisationId,
          charter_version: charter.version,
          state: 'draft',
          outcome: null,
          submitted_at: null,
          window_ends_at: null,
          meeting_id: null,
          decided_at: null,
          decision_reason: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await this.audit.record(actor, { action: 'application.start', subjectType: 'application', subjectId: id }, trx);
    });
    return this.get(id);
  }

  async get(id: string): Promise<Application> {
    const row = await this.db
      .selectFrom('applications')
      .innerJoin('organisations', 'organisations.id', 'applications.organisation_id')
      .selectAll('applications')
      .select(['organisations.slug', 'organisations.name', 'organisations.kind'])
      .where('applications.id', '=', id)
      .executeTakeFirst();
    if (!row) throw AppError.notFound();
    const { slug, name, kind, ...application } = row;
    return { ...application, number: Number(application.number), charter_version: Number(application.charter_version), organisation: { id: application.organisation_id, slug, name, kind } };
  }

  async getByNumber(number: number): Promise<Application> {
    const row = await this.db.selectFrom('applications').select('id').where('number', '=', number).executeTakeFirst();
    if (!row) throw AppError.notFound();
    return this.get(row.id);
  }

  /** Applications a list may show, newest first; the caller filters by what each viewer may see. */
  async list(states: Application['state'][]): Promise<Application[]> {
    const rows = await this.db.selectFrom('applications').select('id').where('state', 'in', states).orderBy('number', 'desc').execute();
    return Promise.all(rows.map((r) => this.get(r.id)));
  }

  async inReviewFor(meetingId: string): Promise<Application[]> {
    const rows = await this.db.selectFrom('applications').select('id').where('meeting_id', '=', meetingId).where('state', '=', 'in-review').execute();
    return Promise.all(rows.map((r) => this.get(r.id)));
  }

  /** The criteria of the application's charter version that bind this kind of organisation. */
  async criteriaFor(application: Application): Promise<{ principle: { key: string; title: { en: string; fr: string } }; criteria: Criterion[] }[]> {
    const version = await this.charter.version(application.charter_version);
    return version.content.principles
      .map((p) => ({ principle: { key: p.key, title: p.title }, criteria: p.criteria.filter((c) => (c.appliesTo as string[]).includes(application.organisation.kind)) }))
      .filter((p) => p.criteria.length > 0);
  }

  async answers(applicationId: string): Promise<Map<string, AnswerInput>> {
    const rows = await this.db.selectFrom('application_answers').selectAll().where('application_id', '=', applicationId).execute();
    return new Map(rows.map((r) => [r.criterion_key, { criterionKey: r.criterion_key, answer: r.answer, explanation: r.explanation, evidence: JSON.parse(r.evidence) as string[] }]));
  }

  /** Saves answers; once the application is in review every replaced answer is kept in its history. */
  async saveAnswers(application: Application, inputs: AnswerInput[], actor: Actor): Promise<void> {
    if (application.state !== 'draft' && application.state !== 'in-review') throw AppError.forbidden();
    const applicable = new Set((await this.criteriaFor(application)).flatMap((p) => p.criteria.map((c) => c.key)));
    const problems: FieldProblem[] = inputs
      .filter((i) => !applicable.has(i.criterionKey))
      .map((i) => ({ field: `answer-${i.criterionKey}`, text: localized(membershipText, (m) => m.errors.unknownCriterion) }));
    if (problems.length > 0) throw AppError.invalid(problems);
    const now = this.clock.now().toISOString();
    const existing = await this.answers(application.id);
    await this.db.transaction().execute(async (trx) => {
      for (const input of inputs) {
        const previous = existing.get(input.criterionKey);
        const evidence = JSON.stringify(input.evidence);
        if (previous && previous.answer === input.answer && previous.explanation === input.explanation && JSON.stringify(previous.evidence) === evidence) continue;
        if (previous && application.state === 'in-review') {
          await trx
            .insertInto('application_answer_history')
            .values({ id: newId(), application_id: application.id, criterion_key: input.criterionKey, answer: previous.answer, explanation: previous.explanation, evidence: JSON.stringify(previous.evidence), replaced_at: now })
            .execute();
        }
        await trx
          .insertInto('application_answers')
          .values({ application_id: application.id, criterion_key: input.criterionKey, answer: input.answer, explanation: input.explanation, evidence, updated_at: now })
          .onConflict((oc) => oc.columns(['application_id', 'criterion_key']).doUpdateSet({ answer: input.answer, explanation: input.explanation, evidence, updated_at: now }))
          .execute();
      }
      await trx.updateTable('applications').set({ updated_at: now }).where('id', '=', application.id).execute();
      await this.audit.record(actor, { action: application.state === 'draft' ? 'application.answers.save' : 'application.answers.amend', subjectType: 'application', subjectId: application.id }, trx);
    });
  }

  history(applicationId: string) {
    return this.db.selectFrom('application_answer_history').selectAll().where('application_id', '=', applicationId).orderBy('replaced_at', 'desc').execute();
  }

  /** Submits a complete draft: the review window opens and the application goes on the next meeting's agenda. */
  async submit(application: Application, actor: Actor): Promise<Application> {
    if (application.state !== 'draft') throw new AppError('not_a_draft', 409, localized(membershipText, (m) => m.errors.notADraft));
    const answers = await this.answers(application.id);
    const missing = (await this.criteriaFor(application)).flatMap((p) => p.criteria).filter((c) => !answers.has(c.key));
    if (missing.length > 0) {
      throw AppError.invalid(missing.map((c) => ({ field: `answer-${c.key}`, text: { en: membershipText.en.errors.unanswered(c.title.en), fr: membershipText.fr.errors.unanswered(c.title.fr) } })));
    }
    const now = this.clock.now();
    const meeting = await this.#nextMeeting(now);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('applications')
        .set({
          state: 'in-review',
          submitted_at: now.toISOString(),
          window_ends_at: new Date(now.getTime() + this.config.reviewWindowDays * DAY).toISOString(),
          meeting_id: meeting?.id ?? null,
          updated_at: now.toISOString(),
        })
        .where('id', '=', application.id)
        .execute();
      await this.audit.record(actor, { action: 'application.submit', subjectType: 'application', subjectId: application.id }, trx);
      await this.notices.applicationSubmitted(application, trx);
    });
    return this.get(application.id);
  }

  async withdraw(application: Application, actor: Actor): Promise<void> {
    if (application.state !== 'draft' && application.state !== 'in-review') throw AppError.forbidden();
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('applications').set({ state: 'withdrawn', updated_at: this.clock.now().toISOString() }).where('id', '=', application.id).execute();
      await this.audit.record(actor, { action: 'application.withdraw', subjectType: 'application', subjectId: application.id }, trx);
    });
  }
}
