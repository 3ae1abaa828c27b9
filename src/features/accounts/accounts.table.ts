export const COALITION_ROLES = ['steward', 'reviewer', 'advisory', 'conduct'] as const;
export type CoalitionRole = (typeof COALITION_ROLES)[number];

export type AccountStatus = 'active' | 'suspended';

export interface AccountsTable {
  id: string;
  username: string;
  password_hash: string;
  /** Encrypted at rest (see platform/crypto/field-cipher). */
  email_enc: string | null;
  pgp_key_enc: string | null;
  locale: string | null;
  status: AccountStatus;
  totp_secret_enc: string | null;
  totp_enabled_at: string | null;
  totp_last_step: number | null;
  created_at: string;
  updated_at: string;
}

export interface AccountRolesTable {
  account_id: string;
  role: CoalitionRole;
  granted_at: string;
}

export interface SessionsTable {
  id: string;
  account_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface ApiTokensTable {
  id: string;
  account_id: string;
  name: string;
  token_hash: string;
  /** The last characters of the token, so its owner can tell tokens apart. */
  hint: string;
  created_at: string;
  last_used_at: string | null;
}

export interface RecoveryCodesTable {
  account_id: string;
  code_hash: string;
  used_at: string | null;
}
