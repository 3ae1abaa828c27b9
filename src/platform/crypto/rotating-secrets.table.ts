export interface RotatingSecretsTable {
  purpose: string;
  period: string;
  secret_enc: string;
  created_at: string;
}
