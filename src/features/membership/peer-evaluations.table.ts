/** The risk level whose declared fitness an evaluation examines. */
export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** open → findings-shared → follow-up → closed; see PeerEvaluationsService for who moves it. */
export const EVALUATION_STATES = ['open', 'findings-shared', 'follow-up', 'closed'] as const;
export type EvaluationState = (typeof EVALUATION_STATES)[number];

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const FINDING_STATUSES = ['open', 'in-progress', 'resolved', 'wont-fix'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/** A finding is about one chosen criterion, or about the declared risk fitness. */
export const RISK_FITNESS = 'risk-fitness';

/** One member organisation's evaluation of another. */
export interface PeerEvaluationsTable {
  id: string;
  /** A short public number, as people refer to evaluations. */
  number: number;
  evaluator_id: string;
  evaluated_id: string;
  /** The charter version the chosen criteria belong to. */
  charter_version: number;
  /** JSON array of criterion keys of that version. */
  criteria: string;
  risk_level: RiskLevel;
  state: EvaluationState;
  opened_by: string | null;
  opened_at: string;
  shared_at: string | null;
  closed_at: string | null;
  /** Written by the evaluator on closing; public, so it never holds a finding's details. */
  summary: string | null;
  updated_at: string;
}

export interface PeerEvaluationFindingsTable {
  id: string;
  evaluation_id: string;
  /** F1, F2… within its evaluation. */
  position: number;
  /** A criterion key, or 'risk-fitness'. */
  subject: string;
  severity: Severity;
  /** Encrypted at rest: a finding describes a weakness of a provider that protects people at risk. */
  observation_enc: string;
  recommendation_enc: string;
  status: FindingStatus;
  created_at: string;
  updated_at: string;
}

/** A dated follow-up note on a finding, by a person of either organisation, perhaps changing its status. */
export interface PeerEvaluationNotesTable {
  id: string;
  finding_id: string;
  organisation_id: string;
  author_id: string | null;
  /** Encrypted at rest, like the finding. */
  body_enc: string;
  /** The status the finding was given with this note; null when unchanged. */
  status: FindingStatus | null;
  created_at: string;
}
