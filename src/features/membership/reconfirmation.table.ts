import type { AnswerValue } from './membership.table.ts';

/**
 * A member asked to re-confirm: a year after its last confirmation, or when a
 * new charter version is adopted. The row goes when it re-confirms or leaves.
 */
export interface ReconfirmationDuesTable {
  organisation_id: string;
  /** When it became due; the grace period runs from here. */
  due_since: string;
  /** 'yearly' or 'amendment'. */
  reason: string;
  /** When its delegates were asked by e-mail (once). */
  asked_at: string | null;
}

/** Each re-confirmation a member made: against which version, when, by whom. */
export interface ReconfirmationsTable {
  id: string;
  organisation_id: string;
  charter_version: number;
  confirmed_at: string;
  account_id: string | null;
}

export interface ReconfirmationAnswersTable {
  reconfirmation_id: string;
  criterion_key: string;
  answer: AnswerValue;
  explanation: string;
  /** JSON array of links. */
  evidence: string;
}
