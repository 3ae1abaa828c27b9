import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/schema.ts';
import type { Actor, AuditTrail } from '../../platform/audit/audit-trail.ts';
import { DAY, type Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/secret-token.ts';
import { AppError } from '../../platform/http/errors.ts';
import { localized } from '../../platform/i18n/locale.ts';
import type { CharterService } from '../charter/charter.service.ts';
import type { BilingualText } from '../charter/templates/charter-template.ts';
import { departuresText } from './departures.messages.ts';
import type { DepartureNotices } from './departures.notices.ts';
import type { BreachCasesTable, BreachStanceValue, LeavingKind } from './departures.table.ts';
import type { MembershipService } from './membership.service.ts';

export type BreachCase = Omit<BreachCasesTable, 'criteria'> & { criteria: string[]; organisation: { id: string; slug: string; name: string; kind: string } };

export interface BreachTally {
  remove: number;
  keep: number;
  standAside: number;
}

/** One line of the public log: how a member left, or how a breach case ended. */
export interface PublicDeparture {
  date: string;
  organisation: { slug: string; name: string };
  kind: LeavingKind | 'removed' | 'kept';
  note: string;
  caseNumber: number | null;
  criteria: { key: string; title: BilingualText }[];
}

const text = (pick: (m: (typeof departuresText)['en']) => string) => localized(departuresText, pick);

/**
 * Members leaving the coalition: on their own or at the end of their
 * services, at once; or removed for breach of commitments, through a case a
 * steward opens with a notice, the member answers within a window, the other
 * members take stances on, and a steward closes with a public outcome.
 */
export class DeparturesService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly config: Config,
    private readonly charter: CharterService,
    private readonly membership: MembershipService,
    private readonly notices: DepartureNotices,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  /** A member leaves by its own decision; a note is required when its services end, so the people it serves know what happens next. */
  async leave(organisationId: string, kind: LeavingKind, note: string, actor: Actor): Promise<void> {
    const trimmed = note.trim();
    if (kind === 'end-of-services' && trimmed === '') throw AppError.field('note_required', 'note', text((m) => m.errors.noteRequired));
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await this.membership.end(organisationId, kind, trimmed, actor, trx);
      await trx.insertInto('departures').values({ id: newId(), organisation_id: organisationId, kind, note: trimmed, departed_at: now, breach_case_id: null }).execute();
      // Nobody can be kept a member against its will: an open case ends with nothing decided.
      await trx.updateTable('breach_cases').set({ state: 'closed', outcome: 'left', decided_at: now }).where('organisation_id', '=', organisationId).where('state', '=', 'open').execute();
    });
  }

  /** A steward opens a case naming the criteria of the current charter the member is said to breach, with a written notice. */
  async openCase(organisationId: string, criteria: string[], notice: string, steward: Actor): Promise<BreachCase> {
    if (!(await this.membership.isMember(organisationId))) throw new AppError('not_member', 409, text((m) => m.errors.notMember));
    const charter = await this.charter.current();
    if (!charter) throw AppError.notFound();
    const organisation = await this.db.selectFrom('organisations').select('kind').where('id', '=', organisationId).executeTakeFirstOrThrow();
    const binding = new Set(charter.content.principles.flatMap((p) => p.criteria.filter((c) => (c.appliesTo as string[]).includes(organisation.kind)).map((c) => c.key)));
    const keys = [...new Set(criteria)];
    if (keys.length === 0 || keys.some((k) => !binding.has(k))) throw AppError.field('criteria_invalid', 'criteria', text((m) => m.errors.criteriaInvalid));
    if (notice.trim() === '') throw AppError.field('notice_required', 'notice', text((m) => m.errors.noticeRequired));
    const open = await this.db.selectFrom('breach_cases').select('number').where('organisation_id', '=', organisationId).where('state', '=', 'open').executeTakeFirst();
    if (open) throw new AppError('case_open', 409, localized(departuresText, (m) => m.errors.caseOpen(Number(open.number))));
    const now = this.clock.now();
    const id = newId();
    await this.db.transaction().execute(async (trx) => {
      const last = await trx.selectFrom('breach_cases').select('number').orderBy('number', 'desc').limit(1).executeTakeFirst();
      await trx
        .insertInto('breach_cases')
        .values({
          id,
          number: Number(last?.number ?? 0) + 1,
          organisation_id: organisationId,
          charter_version: charter.version,
          criteria: JSON.stringify(keys),
          notice: notice.trim(),
          opened_by: steward === 'system' ? null : steward.accountId,
          opened_at: now.toISOString(),
          answer_ends_at: new Date(now.getTime() + this.config.breachAnswerDays * DAY).toISOString(),
          state: 'open',
          outcome: null,
          outcome_reason: null,
          decided_at: null,
        })
        .execute();
      await this.audit.record(steward, { action: 'breach.open', subjectType: 'breach_case', subjectId: id }, trx);
      await this.notices.caseOpened(await this.get(id, trx), trx);
    });
    return this.get(id);
  }

  async get(id: string, trx: Kysely<Database> = this.db): Promise<BreachCase> {
    const row = await trx
      .selectFrom('breach_cases')
      .innerJoin('organisations', 'organisations.id', 'breach_cases.organisation_id')
      .selectAll('breach_cases')
      .select(['organisations.slug', 'organisations.name', 'organisations.kind'])
      .where('breach_cases.id', '=', id)
      .executeTakeFirst();
    if (!row) throw AppError.notFound();
    const { slug, name, kind, ...found } = row;
    return { ...found, number: Number(found.number), charter_version: Number(found.charter_version), criteria: JSON.parse(found.criteria) as string[], organisation: { id: found.organisation_id, slug, name, kind } };
  }

  async getByNumber(number: number): Promise<BreachCase> {
    const row = await this.db.selectFrom('breach_cases').select('id').where('number', '=', number).executeTakeFirst();
    if (!row) throw AppError.notFound();
    return this.get(row.id);
  }

  /** Every case, newest first; the caller keeps those the viewer may see. */
  async list(): Promise<BreachCase[]> {
    const rows = await this.db.selectFrom('breach_cases').select('id').orderBy('number', 'desc').execute();
    return Promise.all(rows.map((r) => this.get(r.id)));
  }

  windowClosed(breachCase: BreachCase): boolean {
    return new Date(breachCase.answer_ends_at) <= this.clock.now();
  }

  /** The member's written answer to the notice; it may answer several times while the window is open. */
  async answer(breachCase: BreachCase, delegate: { accountId: string; username: string }, body: string): Promise<void> {
    if (breachCase.state !== 'open' || this.windowClosed(breachCase)) throw new AppError('answer_closed', 409, text((m) => m.errors.answerClosed));
    if (body.trim() === '') throw AppError.field('answer_required', 'body', text((m) => m.errors.answerRequired));
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('breach_answers').values({ id: newId(), case_id: breachCase.id, account_id: delegate.accountId, body: body.trim(), created_at: this.clock.now().toISOString() }).execute();
      await this.audit.record(delegate, { action: 'breach.answer', subjectType: 'breach_case', subjectId: breachCase.id }, trx);
      await this.notices.answered(breachCase, trx);
    });
  }

  answers(caseId: string) {
    return this.db
      .selectFrom('breach_answers')
      .leftJoin('accounts', 'accounts.id', 'breach_answers.account_id')
      .select(['breach_answers.id', 'breach_answers.body', 'breach_answers.created_at', 'accounts.username'])
      .where('breach_answers.case_id', '=', caseId)
      .orderBy('breach_answers.created_at')
      .orderBy('breach_answers.id')
      .execute();
  }

  /** A member organisation's stance; removing or keeping a member is argued in writing, standing aside is not. */
  async takeStance(breachCase: BreachCase, delegate: { accountId: string; username: string }, organisationId: string, stance: BreachStanceValue, reason: string): Promise<void> {
    if (breachCase.state !== 'open') throw new AppError('case_closed', 409, text((m) => m.errors.caseClosed));
    if (stance !== 'stand-aside' && reason.trim() === '') throw AppError.field('reason_required', 'reason', text((m) => m.errors.stanceNeedsReason));
    const values = { account_id: delegate.accountId, stance, reason: reason.trim(), updated_at: this.clock.now().toISOString() };
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('breach_stances')
        .values({ case_id: breachCase.id, organisation_id: organisationId, ...values })
        .onConflict((oc) => oc.columns(['case_id', 'organisation_id']).doUpdateSet(values))
        .execute();
      await this.audit.record(delegate, { action: `breach.stance.${stance}`, subjectType: 'breach_case', subjectId: breachCase.id }, trx);
    });
  }

  stances(caseId: string) {
    return this.db
      .selectFrom('breach_stances')
      .innerJoin('organisations', 'organisations.id', 'breach_stances.organisation_id')
      .select(['breach_stances.organisation_id', 'organisations.name', 'organisations.slug', 'breach_stances.stance', 'breach_stances.reason', 'breach_stances.updated_at'])
      .where('breach_stances.case_id', '=', caseId)
      .orderBy('organisations.name')
      .execute();
  }

  /** Only stances of organisations that are members now count. */
  async tally(caseId: string): Promise<BreachTally> {
    const members = await this.membership.memberOrganisationIds();
    const stances = (await this.stances(caseId)).filter((s) => members.has(s.organisation_id));
    return {
      remove: stances.filter((s) => s.stance === 'remove').length,
      keep: stances.filter((s) => s.stance === 'keep').length,
      standAside: stances.filter((s) => s.stance === 'stand-aside').length,
    };
  }

  /**
   * A steward records the outcome once the answer window has closed, with a
   * public reason. A removal needs the members behind it: more member
   * organisations for removing than for keeping.
   */
  async decide(breachCase: BreachCase, outcome: 'removed' | 'kept', reason: string, steward: Actor): Promise<void> {
    if (breachCase.state !== 'open') throw new AppError('case_closed', 409, text((m) => m.errors.caseClosed));
    if (!this.windowClosed(breachCase)) throw new AppError('window_open', 409, text((m) => m.errors.windowOpen));
    if (reason.trim() === '') throw AppError.field('reason_required', 'reason', text((m) => m.errors.outcomeNeedsReason));
    if (outcome === 'removed') {
      const tally = await this.tally(breachCase.id);
      if (tally.remove <= tally.keep) throw AppError.field('removal_not_supported', 'outcome', text((m) => m.errors.removalNotSupported));
    }
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('breach_cases')
        .set({ state: 'closed', outcome, outcome_reason: reason.trim(), decided_at: now })
        .where('id', '=', breachCase.id)
        .where('state', '=', 'open')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw new AppError('case_closed', 409, text((m) => m.errors.caseClosed));
      if (outcome === 'removed') {
        await this.membership.end(breachCase.organisation_id, 'breach', reason.trim(), steward, trx);
        await trx.insertInto('departures').values({ id: newId(), organisation_id: breachCase.organisation_id, kind: 'breach', note: reason.trim(), departed_at: now, breach_case_id: breachCase.id }).execute();
      }
      await this.audit.record(steward, { action: `breach.${outcome}`, subjectType: 'breach_case', subjectId: breachCase.id }, trx);
      await this.notices.decided(breachCase, trx);
    });
  }

  /** The public log: departures and the outcome of every decided case, with public notes and reasons only — never the notice, answers or stances. */
  async publicLog(): Promise<PublicDeparture[]> {
    const departures = await this.db
      .selectFrom('departures')
      .innerJoin('organisations', 'organisations.id', 'departures.organisation_id')
      .select(['departures.kind', 'departures.note', 'departures.departed_at', 'departures.breach_case_id', 'organisations.slug', 'organisations.name'])
      .execute();
    const kept = await this.db
      .selectFrom('breach_cases')
      .innerJoin('organisations', 'organisations.id', 'breach_cases.organisation_id')
      .select(['breach_cases.id', 'breach_cases.outcome_reason', 'breach_cases.decided_at', 'organisations.slug', 'organisations.name'])
      .where('breach_cases.outcome', '=', 'kept')
      .execute();
    const entries: PublicDeparture[] = [];
    for (const d of departures) {
      const breachCase = d.breach_case_id ? await this.get(d.breach_case_id) : null;
      entries.push({ date: d.departed_at, organisation: { slug: d.slug, name: d.name }, kind: d.kind === 'breach' ? 'removed' : d.kind, note: d.note, caseNumber: breachCase?.number ?? null, criteria: breachCase ? await this.criteriaOf(breachCase) : [] });
    }
    for (const k of kept) {
      const breachCase = await this.get(k.id);
      entries.push({ date: k.decided_at!, organisation: { slug: k.slug, name: k.name }, kind: 'kept', note: k.outcome_reason ?? '', caseNumber: breachCase.number, criteria: await this.criteriaOf(breachCase) });
    }
    return entries.sort((a, b) => b.date.localeCompare(a.date));
  }

  /** The criteria a case names, with their titles in the charter version it was opened under. */
  async criteriaOf(breachCase: BreachCase): Promise<{ key: string; title: BilingualText }[]> {
    const version = await this.charter.version(breachCase.charter_version);
    const titles = new Map(version.content.principles.flatMap((p) => p.criteria.map((c) => [c.key, c.title] as const)));
    return breachCase.criteria.map((key) => ({ key, title: titles.get(key) ?? { en: key, fr: key } }));
  }
}
