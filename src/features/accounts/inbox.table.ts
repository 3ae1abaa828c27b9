export interface NotificationsTable {
  id: string;
  account_id: string;
  subject_enc: string;
  text_enc: string;
  created_at: string;
  read_at: string | null;
}
