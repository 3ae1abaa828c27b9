export const DOCUMENT_KINDS = ['backup-policy', 'activity-report', 'accounts'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** What a backup policy states; reports and accounts carry only a title, a date and a link. */
export interface BackupPolicyFields {
  frequency: 'hourly' | 'daily' | 'weekly' | 'monthly';
  retentionDays: number;
  encrypted: boolean;
  offsite: boolean;
  lastRestoreTest: string | null;
}

export interface TransparencyDocumentsTable {
  id: string;
  organisation_id: string;
  kind: DocumentKind;
  title: string;
  /** The date the document speaks for (YYYY-MM-DD): older than a year, it is marked stale. */
  as_of: string;
  url: string | null;
  /** JSON: BackupPolicyFields for a backup policy, {} otherwise. */
  fields: string;
  created_at: string;
}
