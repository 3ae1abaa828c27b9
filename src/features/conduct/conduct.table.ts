export const REPORT_STATUSES = ['received', 'acknowledged', 'decided', 'closed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const RECUSAL_REASONS = ['excluded', 'involved', 'self'] as const;
export type RecusalReason = (typeof RECUSAL_REASONS)[number];

export const ENTRY_KINDS = ['note', 'message', 'decision', 'follow-up'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export const OUTCOMES = ['no-action', 'warning', 'suspension', 'expulsion'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface ConductReportsTable {
  id: string;
  number: number;
  token_hash: string;
  reporter_account_id: string | null;
  status: ReportStatus;
  content_cipher: string | null;
  created_at: string;
  updated_at: string;
  acknowledged_at: string | null;
  closed_at: string | null;
  purged_at: string | null;
}

export interface ConductRecusalsTable {
  report_id: string;
  account_id: string;
  reason: RecusalReason;
  at: string;
}

export interface ConductInvolvedTable {
  report_id: string;
  account_id: string;
}

export interface ConductEntriesTable {
  id: string;
  report_id: string;
  kind: EntryKind;
  author: string;
  body_cipher: string;
  created_at: string;
}

export interface ConductAccessLogTable {
  id: string;
  report_id: string;
  account_id: string | null;
  action: string;
  at: string;
}

export interface ConductSettingsTable {
  id: number;
  retention_days: number;
  code_en: string | null;
  code_fr: string | null;
  updated_at: string;
}
