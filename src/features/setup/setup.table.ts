export interface SetupLinksTable {
  token_hash: string;
  created_at: string;
  expires_at: string;
}
