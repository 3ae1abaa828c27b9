import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/schema.ts';
import type { Actor, AuditTrail } from '../../platform/audit/audit-trail.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldCipher } from '../../platform/crypto/field-cipher.ts';
import { newId } from '../../platform/crypto/secret-token.ts';
import { AppError } from '../../platform/http/errors.ts';
import { isLocale, localized, type Locale } from '../../platform/i18n/locale.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import type { CharterService } from '../charter/charter.service.ts';
import type { OrganisationsService } from '../organisations/organisations.service.ts';
import type { MembershipService } from './membership.service.ts';
import type { EvaluationAccess } from './peer-evaluations.policy.ts';
import { peerEvaluationsText as text } from './peer-evaluations.messages.ts';
import { insertEvaluation, notesOf, pendingBetween, selectEvaluations, toEvaluation, type PeerEvaluation } from './peer-evaluations.repository.ts';
import { RISK_FITNESS, SEVERITIES, type FindingStatus, type RiskLevel, type Severity } from './peer-evaluations.table.ts';

export type { PeerEvaluation } from './peer-evaluations.repository.ts';

export interface FollowUpNote {
  organisation: { slug: string; name: string };
  author: string | null;
  body: string;
  status: FindingStatus | null;
  createdAt: string;
}

export interface Finding {
  position: number;
  subject: string;
  severity: Severity;
  observation: string;
  recommendation: string;
  status: FindingStatus;
  createdAt: string;
  updatedAt: string;
  notes: FollowUpNote[];
}

/** What the public may know of a closed evaluation's findings: numbers, never content. */
export interface FindingCounts {
  total: number;
  resolved: number;
  bySeverity: Record<Severity, number>;
}

export interface FindingInput {
  subject: string;
  severity: Severity;
  observation: string;
  recommendation: string;
}

type Person = Exclude<Actor, 'system'>;
const SETTLED: FindingStatus[] = ['resolved', 'wont-fix'];

/**
 * Peer evaluation, the coalition holding its members to account: a member
 * opens an evaluation of another (open), writes findings and shares them
 * (findings-shared), both organisations follow each finding up with dated
 * notes (follow-up, from the first note) until every finding is resolved or
 * declined, and the evaluator closes it with a public summary (closed).
 * Who may do each step is decided in peer-evaluations.policy.ts.
 */
export class PeerEvaluationsService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly config: Config,
    private readonly cipher: FieldCipher,
    private readonly charter: CharterService,
    private readonly membership: MembershipService,
    private readonly organisations: OrganisationsService,
    private readonly mailer: Mailer,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  /** Opens an evaluation against criteria of the current charter version that bind the evaluated member. */
  async open(input: { evaluatorId: string; evaluatedId: string; riskLevel: RiskLevel; criteria: string[] }, actor: Person): Promise<PeerEvaluation> {
    const charter = await this.charter.current();
    if (!charter) throw new AppError('no_charter', 409, localized(text, (m) => m.errors.noCharter));
    const members = await this.membership.memberOrganisationIds();
    if (!members.has(input.evaluatorId)) throw AppError.forbidden();
    if (input.evaluatorId === input.evaluatedId) throw AppError.field('self_evaluation', 'evaluated', localized(text, (m) => m.errors.self));
    if (!members.has(input.evaluatedId)) throw AppError.field('not_a_member', 'evaluated', localized(text, (m) => m.errors.notMember));
    const evaluated = await this.db.selectFrom('organisations').select('kind').where('id', '=', input.evaluatedId).executeTakeFirstOrThrow();
    const criteria = [...new Set(input.criteria)];
    if (criteria.length === 0) throw AppError.field('criteria_required', 'criteria', localized(text, (m) => m.errors.criteriaRequired));
    const binding = new Set(charter.content.principles.flatMap((p) => p.criteria.filter((c) => (c.appliesTo as string[]).includes(evaluated.kind)).map((c) => c.key)));
    const unknown = criteria.filter((key) => !binding.has(key));
    if (unknown.length > 0) {
      throw AppError.field('unknown_criterion', 'criteria', { en: text.en.errors.unknownCriterion + unknown.join(', '), fr: text.fr.errors.unknownCriterion + unknown.join(', ') });
    }
    // One evaluation at a time per pair, so follow-up is never split between two records.
    const pending = await pendingBetween(this.db, input.evaluatorId, input.evaluatedId);
    if (pending !== null) throw new AppError('evaluation_in_progress', 409, localized(text, (m) => m.errors.alreadyOpen(pending)));
    const id = newId();
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await insertEvaluation(trx, { id, evaluator_id: input.evaluatorId, evaluated_id: input.evaluatedId, charter_version: charter.version, criteria: JSON.stringify(criteria), risk_level: input.riskLevel, opened_by: actor.accountId, opened_at: now });
      await this.audit.record(actor, { action: 'peer-evaluation.open', subjectType: 'peer_evaluation', subjectId: id }, trx);
    });
    return this.get(id);
  }

  async get(id: string): Promise<PeerEvaluation> {
    const row = await selectEvaluations(this.db).where('peer_evaluations.id', '=', id).executeTakeFirst();
    if (!row) throw AppError.notFound();
    return toEvaluation(row);
  }

  async getByNumber(number: number): Promise<PeerEvaluation> {
    const row = await selectEvaluations(this.db).where('peer_evaluations.number', '=', number).executeTakeFirst();
    if (!row) throw AppError.notFound();
    return toEvaluation(row);
  }

  /** Every evaluation, newest first; each list filters them through the access rule. */
  async list(): Promise<PeerEvaluation[]> {
    return (await selectEvaluations(this.db).orderBy('peer_evaluations.number', 'desc').execute()).map(toEvaluation);
  }

  /** The chosen criteria with their titles, as the evaluation's charter version words them. */
  async criteriaOf(evaluation: PeerEvaluation) {
    const version = await this.charter.version(evaluation.charterVersion);
    const all = version.content.principles.flatMap((p) => p.criteria);
    return evaluation.criteria.map((key) => ({ key, title: all.find((c) => c.key === key)?.title ?? { en: key, fr: key } }));
  }

  /** The findings with their follow-up, decrypted, as far as the viewer's access (from peer-evaluations.policy.ts) allows. */
  async findings(evaluation: PeerEvaluation, access: EvaluationAccess): Promise<Finding[]> {
    if (!access.details || (evaluation.state === 'open' && !access.draftFindings)) return [];
    const rows = await this.db.selectFrom('peer_evaluation_findings').selectAll().where('evaluation_id', '=', evaluation.id).orderBy('position').execute();
    if (rows.length === 0) return [];
    const notes = await notesOf(this.db, rows.map((r) => r.id));
    return rows.map((r) => ({
      position: Number(r.position),
      subject: r.subject,
      severity: r.severity,
      observation: this.cipher.decrypt(r.observation_enc, `peer_evaluation_findings.observation:${r.id}`),
      recommendation: this.cipher.decrypt(r.recommendation_enc, `peer_evaluation_findings.recommendation:${r.id}`),
      status: r.status,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      notes: notes
        .filter((n) => n.finding_id === r.id)
        .map((n) => ({ organisation: { slug: n.slug, name: n.name }, author: n.username, body: this.cipher.decrypt(n.body_enc, `peer_evaluation_notes.body:${n.id}`), status: n.status, createdAt: n.created_at })),
    }));
  }

  /** Counts of findings by severity and how many were resolved, read without decrypting anything. */
  async counts(evaluationId: string): Promise<FindingCounts> {
    const rows = await this.db.selectFrom('peer_evaluation_findings').select(['severity', 'status']).where('evaluation_id', '=', evaluationId).execute();
    const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, rows.filter((r) => r.severity === s).length])) as Record<Severity, number>;
    return { total: rows.length, resolved: rows.filter((r) => r.status === 'resolved').length, bySeverity };
  }

  async addFinding(evaluation: PeerEvaluation, input: FindingInput, actor: Person): Promise<void> {
    if (evaluation.state !== 'open') throw new AppError('findings_shared', 409, localized(text, (m) => m.errors.notOpen));
    if (input.subject !== RISK_FITNESS && !evaluation.criteria.includes(input.subject)) {
      throw AppError.field('unknown_subject', 'subject', localized(text, (m) => m.errors.unknownSubject));
    }
    const id = newId();
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const last = await trx.selectFrom('peer_evaluation_findings').select('position').where('evaluation_id', '=', evaluation.id).orderBy('position', 'desc').limit(1).executeTakeFirst();
      await trx
        .insertInto('peer_evaluation_findings')
        .values({
          id,
          evaluation_id: evaluation.id,
          position: Number(last?.position ?? 0) + 1,
          subject: input.subject,
          severity: input.severity,
          observation_enc: this.cipher.encrypt(input.observation.trim(), `peer_evaluation_findings.observation:${id}`),
          recommendation_enc: this.cipher.encrypt(input.recommendation.trim(), `peer_evaluation_findings.recommendation:${id}`),
          status: 'open',
          created_at: now,
          updated_at: now,
        })
        .execute();
      await this.audit.record(actor, { action: 'peer-evaluation.finding.add', subjectType: 'peer_evaluation', subjectId: evaluation.id }, trx);
    });
  }

  /** A finding written by mistake goes before sharing; afterwards it is answered, never erased. */
  async removeFinding(evaluation: PeerEvaluation, position: number, actor: Person): Promise<void> {
    if (evaluation.state !== 'open') throw new AppError('findings_shared', 409, localized(text, (m) => m.errors.notOpen));
    await this.db.transaction().execute(async (trx) => {
      const result = await trx.deleteFrom('peer_evaluation_findings').where('evaluation_id', '=', evaluation.id).where('position', '=', position).executeTakeFirst();
      if (Number(result.numDeletedRows) !== 1) throw AppError.notFound();
      await this.audit.record(actor, { action: 'peer-evaluation.finding.remove', subjectType: 'peer_evaluation', subjectId: evaluation.id }, trx);
    });
  }

  /** Shares the findings (there may be none) with the evaluated member, whose delegates are told. */
  async share(evaluation: PeerEvaluation, actor: Person): Promise<void> {
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('peer_evaluations')
        .set({ state: 'findings-shared', shared_at: now, updated_at: now })
        .where('id', '=', evaluation.id)
        .where('state', '=', 'open')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw new AppError('findings_shared', 409, localized(text, (m) => m.errors.notOpen));
      await this.audit.record(actor, { action: 'peer-evaluation.share', subjectType: 'peer_evaluation', subjectId: evaluation.id }, trx);
      await this.notify(evaluation, evaluation.evaluated.id, 'shared', trx);
    });
  }

  /** A dated note on a finding by a person of either organisation, perhaps changing its status; the other organisation is told. */
  async addNote(evaluation: PeerEvaluation, position: number, organisationId: string, author: Person, body: string, status: FindingStatus | null): Promise<void> {
    if (evaluation.state !== 'findings-shared' && evaluation.state !== 'follow-up') {
      throw new AppError('not_in_follow_up', 409, localized(text, (m) => m.errors.notFollowing));
    }
    const finding = await this.db.selectFrom('peer_evaluation_findings').select(['id', 'status']).where('evaluation_id', '=', evaluation.id).where('position', '=', position).executeTakeFirst();
    if (!finding) throw AppError.notFound();
    const changed = status !== null && status !== finding.status ? status : null;
    const id = newId();
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('peer_evaluation_notes')
        .values({ id, finding_id: finding.id, organisation_id: organisationId, author_id: author.accountId, body_enc: this.cipher.encrypt(body.trim(), `peer_evaluation_notes.body:${id}`), status: changed, created_at: now })
        .execute();
      if (changed) await trx.updateTable('peer_evaluation_findings').set({ status: changed, updated_at: now }).where('id', '=', finding.id).execute();
      await trx.updateTable('peer_evaluations').set({ state: 'follow-up', updated_at: now }).where('id', '=', evaluation.id).where('state', '!=', 'closed').execute();
      await this.audit.record(author, { action: changed ? `peer-evaluation.follow-up.${changed}` : 'peer-evaluation.follow-up', subjectType: 'peer_evaluation', subjectId: evaluation.id }, trx);
      const other = organisationId === evaluation.evaluator.id ? evaluation.evaluated.id : evaluation.evaluator.id;
      await this.notify(evaluation, other, 'note', trx);
    });
  }

  /** Closes once every finding is resolved or declined; the summary becomes public. */
  async close(evaluation: PeerEvaluation, summary: string, actor: Person): Promise<void> {
    if (evaluation.state !== 'findings-shared' && evaluation.state !== 'follow-up') {
      throw new AppError('not_in_follow_up', 409, localized(text, (m) => m.errors.notFollowing));
    }
    const unsettled = await this.db
      .selectFrom('peer_evaluation_findings')
      .select('position')
      .where('evaluation_id', '=', evaluation.id)
      .where('status', 'not in', SETTLED)
      .orderBy('position')
      .execute();
    if (unsettled.length > 0) {
      const list = unsettled.map((f) => `F${f.position}`).join(', ');
      throw new AppError('findings_unsettled', 409, localized(text, (m) => m.errors.unsettled(list)));
    }
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('peer_evaluations')
        .set({ state: 'closed', closed_at: now, summary: summary.trim(), updated_at: now })
        .where('id', '=', evaluation.id)
        .where('state', 'in', ['findings-shared', 'follow-up'])
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw new AppError('not_in_follow_up', 409, localized(text, (m) => m.errors.notFollowing));
      await this.audit.record(actor, { action: 'peer-evaluation.close', subjectType: 'peer_evaluation', subjectId: evaluation.id }, trx);
    });
  }

  /** Tells an organisation's delegates, in their language, without any content: the link leads to the details behind log-in. */
  private async notify(evaluation: PeerEvaluation, organisationId: string, step: 'shared' | 'note', trx: Kysely<Database>): Promise<void> {
    const link = new URL(`/membership/evaluations/${evaluation.number}`, this.config.publicUrl).toString();
    for (const delegate of await this.organisations.delegatesOf([organisationId], trx)) {
      const locale: Locale = isLocale(delegate.locale) ? delegate.locale : 'en';
      const m = text[locale].notices;
      await this.mailer.notify(delegate.id, { subject: m.subject(evaluation.number), text: m[step](link), sensitive: false }, trx);
    }
  }
}
