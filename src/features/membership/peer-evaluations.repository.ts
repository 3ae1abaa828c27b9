import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { EvaluationState, RiskLevel } from './peer-evaluations.table.ts';

/** The queries of peer evaluations that are more than a line; each takes `db` or, inside a transaction, `trx`. */

export interface PeerEvaluation {
  id: string;
  number: number;
  evaluator: { id: string; slug: string; name: string };
  evaluated: { id: string; slug: string; name: string };
  charterVersion: number;
  criteria: string[];
  riskLevel: RiskLevel;
  state: EvaluationState;
  openedAt: string;
  sharedAt: string | null;
  closedAt: string | null;
  summary: string | null;
}

export function selectEvaluations(db: Kysely<Database>) {
  return db
    .selectFrom('peer_evaluations')
    .innerJoin('organisations as evaluator', 'evaluator.id', 'peer_evaluations.evaluator_id')
    .innerJoin('organisations as evaluated', 'evaluated.id', 'peer_evaluations.evaluated_id')
    .selectAll('peer_evaluations')
    .select(['evaluator.slug as evaluator_slug', 'evaluator.name as evaluator_name', 'evaluated.slug as evaluated_slug', 'evaluated.name as evaluated_name']);
}

type Row = Database['peer_evaluations'] & { evaluator_slug: string; evaluator_name: string; evaluated_slug: string; evaluated_name: string };

export function toEvaluation(row: Row): PeerEvaluation {
  return {
    id: row.id,
    number: Number(row.number),
    evaluator: { id: row.evaluator_id, slug: row.evaluator_slug, name: row.evaluator_name },
    evaluated: { id: row.evaluated_id, slug: row.evaluated_slug, name: row.evaluated_name },
    charterVersion: Number(row.charter_version),
    criteria: JSON.parse(row.criteria) as string[],
    riskLevel: row.risk_level,
    state: row.state,
    openedAt: row.opened_at,
    sharedAt: row.shared_at,
    closedAt: row.closed_at,
    summary: row.summary,
  };
}

/** The number of the evaluation of this member by this evaluator that is not closed yet, if any. */
export async function pendingBetween(db: Kysely<Database>, evaluatorId: string, evaluatedId: string): Promise<number | null> {
  const row = await db
    .selectFrom('peer_evaluations')
    .select('number')
    .where('evaluator_id', '=', evaluatorId)
    .where('evaluated_id', '=', evaluatedId)
    .where('state', '!=', 'closed')
    .executeTakeFirst();
  return row ? Number(row.number) : null;
}

/** Inserts an open evaluation with the next public number. */
export async function insertEvaluation(
  trx: Kysely<Database>,
  values: Pick<Database['peer_evaluations'], 'id' | 'evaluator_id' | 'evaluated_id' | 'charter_version' | 'criteria' | 'risk_level' | 'opened_by' | 'opened_at'>,
): Promise<void> {
  const last = await trx.selectFrom('peer_evaluations').select('number').orderBy('number', 'desc').limit(1).executeTakeFirst();
  await trx
    .insertInto('peer_evaluations')
    .values({ ...values, number: Number(last?.number ?? 0) + 1, state: 'open', shared_at: null, closed_at: null, summary: null, updated_at: values.opened_at })
    .execute();
}

/** The follow-up notes of these findings, oldest first, still encrypted. */
export function notesOf(db: Kysely<Database>, findingIds: string[]) {
  return db
    .selectFrom('peer_evaluation_notes')
    .innerJoin('organisations', 'organisations.id', 'peer_evaluation_notes.organisation_id')
    .leftJoin('accounts', 'accounts.id', 'peer_evaluation_notes.author_id')
    .select(['peer_evaluation_notes.id', 'peer_evaluation_notes.finding_id', 'peer_evaluation_notes.body_enc', 'peer_evaluation_notes.status', 'peer_evaluation_notes.created_at', 'organisations.slug', 'organisations.name', 'accounts.username'])
    .where('peer_evaluation_notes.finding_id', 'in', findingIds)
    .orderBy('peer_evaluation_notes.created_at')
    .orderBy('peer_evaluation_notes.id')
    .execute();
}
