export interface CanaryKeysTable {
  organisation_id: string;
  armored: string;
  /** Lowercase hex fingerprint of the primary key. */
  fingerprint: string;
  registered_at: string;
}

export interface CanariesTable {
  id: string;
  organisation_id: string;
  number: number;
  /** The clear-signed statement byte for byte as uploaded: anyone can check it with gpg --verify. */
  signed_text: string;
  statement_date: string;
  next_update: string;
  /** Fingerprint of the key that signed it: when the provider changes keys, older statements no longer match. */
  signed_by: string;
  published_at: string;
  overdue_notified_at: string | null;
}
