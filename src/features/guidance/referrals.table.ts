import type { RiskLevel } from '../directory/directory.model.ts';
import type { SkillLevel } from './guidance.table.ts';

/** sent → accepted | declined | question (the provider asked; the person answers and it is sent again); withdrawn by the person. */
export const REFERRAL_STATUSES = ['sent', 'question', 'accepted', 'declined', 'withdrawn'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export interface BeneficiariesTable {
  id: string;
  organisation_id: string;
  label: string;
  level: RiskLevel;
  skill: SkillLevel;
  region: string | null;
  answers_cipher: string;
  rules_version: number;
  created_at: string;
  updated_at: string;
}

export interface ReferralsTable {
  id: string;
  organisation_id: string;
  number: number;
  token_hash: string;
  status: ReferralStatus;
  level: RiskLevel;
  service_category: string | null;
  region: string | null;
  content_cipher: string | null;
  intermediary_id: string | null;
  beneficiary_id: string | null;
  consent_at: string | null;
  consent_withdrawn_at: string | null;
  suggested_organisation_id: string | null;
  created_at: string;
  updated_at: string;
  answered_at: string | null;
  flagged_at: string | null;
  purged_at: string | null;
}

export interface ReferralMessagesTable {
  id: string;
  referral_id: string;
  author: 'person' | 'provider';
  kind: 'message' | 'question' | 'accepted' | 'declined';
  body_cipher: string;
  created_at: string;
}
