import type { RiskLevel } from '../directory/directory.model.ts';

export const SKILL_LEVELS = ['beginner', 'intermediate', 'advanced'] as const;
export type SkillLevel = (typeof SKILL_LEVELS)[number];

export interface ScoringRulesTable {
  version: number;
  rules: string;
  note: string;
  published_at: string;
}

export interface SavedAssessmentsTable {
  id: string;
  account_id: string;
  answers_cipher: string;
  rules_version: number;
  level: RiskLevel;
  created_at: string;
}

export interface GuidesTable {
  id: string;
  locale: string;
  title: string;
  summary: string;
  url: string | null;
  /** JSON array of RiskLevel */
  levels: string;
  /** JSON array of SkillLevel */
  skills: string;
  created_at: string;
  updated_at: string;
}
