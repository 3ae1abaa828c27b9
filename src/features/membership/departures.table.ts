export type LeavingKind = 'voluntary' | 'end-of-services';
export type BreachCaseState = 'open' | 'closed';
/** 'left': the member left of its own accord while the case was open; nothing was decided. */
export type BreachOutcome = 'removed' | 'kept' | 'left';
export type BreachStanceValue = 'remove' | 'keep' | 'stand-aside';

/** The public log of members that left: on their own, at the end of their services, or removed for breach. */
export interface DeparturesTable {
  id: string;
  organisation_id: string;
  kind: LeavingKind | 'breach';
  /** Public: the member's note, or the stewards' reason for a removal. */
  note: string;
  departed_at: string;
  breach_case_id: string | null;
}

/** A steward's case that a member breaches its commitments: notice, the member's answer, stances, outcome. */
export interface BreachCasesTable {
  id: string;
  /** A short number people refer to the case by. */
  number: number;
  organisation_id: string;
  charter_version: number;
  /** JSON array of criterion keys of that charter version. */
  criteria: string;
  /** Private to the people who may see the case. */
  notice: string;
  opened_by: string | null;
  opened_at: string;
  answer_ends_at: string;
  state: BreachCaseState;
  outcome: BreachOutcome | null;
  /** Public once decided. */
  outcome_reason: string | null;
  decided_at: string | null;
}

/** The member's written answers to the notice, in the order given. */
export interface BreachAnswersTable {
  id: string;
  case_id: string;
  account_id: string | null;
  body: string;
  created_at: string;
}

/** One stance per member organisation on a breach case, taken by one of its delegates. */
export interface BreachStancesTable {
  case_id: string;
  organisation_id: string;
  account_id: string | null;
  stance: BreachStanceValue;
  reason: string;
  updated_at: string;
}
