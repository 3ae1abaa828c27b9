export type MembershipStatus = 'member' | 'former';
export type DepartureKind = 'voluntary' | 'end-of-services' | 'breach';

/** An organisation's membership of the coalition, from acceptance (or founding) to departure. */
export interface CoalitionMembershipsTable {
  organisation_id: string;
  status: MembershipStatus;
  joined_at: string;
  /** 'application' or 'founding'. */
  joined_by: string;
  ended_at: string | null;
  end_kind: DepartureKind | null;
  end_reason: string | null;
  confirmed_at: string;
  confirmed_version: number;
}

export type ApplicationState = 'draft' | 'in-review' | 'decided' | 'withdrawn';
export type ApplicationOutcome = 'accepted' | 'rejected';
export type AnswerValue = 'meets' | 'partly' | 'no' | 'not-applicable';

export interface ApplicationsTable {
  id: string;
  /** A short public number, as people refer to applications. */
  number: number;
  organisation_id: string;
  charter_version: number;
  state: ApplicationState;
  outcome: ApplicationOutcome | null;
  submitted_at: string | null;
  window_ends_at: string | null;
  meeting_id: string | null;
  decided_at: string | null;
  /** Public: why it was accepted or rejected. */
  decision_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface ApplicationAnswersTable {
  application_id: string;
  criterion_key: string;
  answer: AnswerValue;
  explanation: string;
  /** JSON array of links. */
  evidence: string;
  updated_at: string;
}

/** Every earlier answer replaced after submission: amendments are kept. */
export interface ApplicationAnswerHistoryTable {
  id: string;
  application_id: string;
  criterion_key: string;
  answer: AnswerValue;
  explanation: string;
  evidence: string;
  replaced_at: string;
}

export interface ApplicationCommentsTable {
  id: string;
  application_id: string;
  parent_id: string | null;
  author_id: string | null;
  body: string;
  created_at: string;
}

export type StanceValue = 'support' | 'objection' | 'stand-aside';

/** One stance per member organisation, taken by one of its delegates. */
export interface StancesTable {
  application_id: string;
  organisation_id: string;
  account_id: string | null;
  stance: StanceValue;
  reason: string;
  updated_at: string;
  /** Set when a steward records that rough consensus overrules this objection. */
  overruled_at: string | null;
  overruled_reason: string | null;
}
