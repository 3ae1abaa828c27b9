/** A provider's organisation id, or 'coalition' for the coalition's own canary. */
export type CanaryScope = string;
export const COALITION_CANARY: CanaryScope = 'coalition';

export interface CanaryKeysTable {
  scope: CanaryScope;
  armored: string;
  /** Lowercase hex fingerprint of the primary key. */
  fingerprint: string;
  registered_at: string;
}

export interface CanariesTable {
  id: string;
  scope: CanaryScope;
  number: number;
  /** The clear-signed statement byte for byte as uploaded: anyone can check it with gpg --verify. */
  signed_text: string;
  statement_date: string;
  next_update: string;
  /** Fingerprint of the key that signed it: when the provider changes keys, older statements no longer match. */
  signed_by: string;
  published_at: string;
  overdue_notified_at: string | null;
  invalid_notified_at: string | null;
}

/** A canary the provider hosts at its own address, fetched and verified on a schedule. */
export interface CanarySourcesTable {
  scope: CanaryScope;
  url: string;
  registered_at: string;
  checked_at: string | null;
  /** Why the last fetch did not give a verified statement, as a refusal code; null when it did. */
  problem: string | null;
  problem_since: string | null;
}
