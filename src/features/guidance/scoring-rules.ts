import { RISK_LEVELS, type RiskLevel } from '../directory/directory.model.ts';
import type { SkillLevel } from './guidance.table.ts';
import { SCORED_QUESTION_IDS, SCORED_QUESTIONS, SKILL_QUESTION_IDS, SKILL_QUESTIONS, type Answers, type ScoredQuestion, type SkillQuestion } from './questionnaire.ts';

/**
 * How answers become levels. Each answer of a scored question carries points; the sum
 * against two thresholds gives the risk level; some answers also set a floor the level
 * cannot fall below, whatever the sum (a state adversary is never "low", however
 * private the work). The skill level is read the same way from two questions.
 */
export interface ScoringRules {
  points: { [Q in ScoredQuestion]: Record<(typeof SCORED_QUESTIONS)[Q][number], number> };
  /** The sums from which the level is medium, and high. */
  thresholds: { medium: number; high: number };
  floors: { [Q in ScoredQuestion]: Partial<Record<(typeof SCORED_QUESTIONS)[Q][number], 'medium' | 'high'>> };
  skill: {
    points: { [Q in SkillQuestion]: Record<(typeof SKILL_QUESTIONS)[Q][number], number> };
    thresholds: { intermediate: number; advanced: number };
  };
}

/** Version 1, used until a steward publishes another. */
export const DEFAULT_RULES: ScoringRules = {
  points: {
    adversaries: { 'none-known': 0, criminals: 2, companies: 1, 'local-authorities': 3, 'state-advanced': 5 },
    visibility: { private: 0, public: 1, prominent: 2 },
    jurisdiction: { no: 0, unsure: 1, yes: 3 },
    sensitivity: { public: 0, personal: 1, sensitive: 2, 'life-endangering': 4 },
  },
  thresholds: { medium: 3, high: 6 },
  floors: {
    adversaries: { 'local-authorities': 'medium', 'state-advanced': 'high' },
    visibility: {},
    jurisdiction: { yes: 'medium' },
    sensitivity: { 'life-endangering': 'high' },
  },
  skill: {
    points: { skill: { none: 0, basic: 1, comfortable: 2, expert: 3 }, support: { none: 0, occasional: 1, dedicated: 2 } },
    thresholds: { intermediate: 2, advanced: 4 },
  },
};

/** One answer's part in the result, for the "why" the person reads. */
export interface Reason {
  question: ScoredQuestion;
  answer: string;
  points: number;
  floor: 'medium' | 'high' | null;
}

export interface Assessment {
  level: RiskLevel;
  score: number;
  reasons: Reason[];
  skill: SkillLevel;
  rulesVersion: number;
}

const rank = (level: RiskLevel) => RISK_LEVELS.indexOf(level);
const MAX_POINTS = 100;

export function assess(answers: Answers, rules: ScoringRules, rulesVersion: number): Assessment {
  const reasons: Reason[] = [];
  for (const question of SCORED_QUESTION_IDS) {
    const chosen = question === 'adversaries' ? answers.adversaries : [answers[question]];
    for (const answer of chosen) {
      const points = (rules.points[question] as Record<string, number>)[answer] ?? 0;
      const floor = (rules.floors[question] as Record<string, 'medium' | 'high' | undefined>)[answer] ?? null;
      if (points > 0 || floor) reasons.push({ question, answer, points, floor });
    }
  }
  const score = reasons.reduce((sum, r) => sum + r.points, 0);
  let level: RiskLevel = score >= rules.thresholds.high ? 'high' : score >= rules.thresholds.medium ? 'medium' : 'low';
  for (const r of reasons) if (r.floor && rank(r.floor) > rank(level)) level = r.floor;
  const skillScore = SKILL_QUESTION_IDS.reduce((sum, q) => sum + ((rules.skill.points[q] as Record<string, number>)[answers[q]] ?? 0), 0);
  const skill: SkillLevel = skillScore >= rules.skill.thresholds.advanced ? 'advanced' : skillScore >= rules.skill.thresholds.intermediate ? 'intermediate' : 'beginner';
  // Strongest reasons first: the person reads why before the details.
  reasons.sort((a, b) => (b.floor ? rank(b.floor) + 1 : 0) - (a.floor ? rank(a.floor) + 1 : 0) || b.points - a.points);
  return { level, score, reasons, skill, rulesVersion };
}

/** What is wrong with a set of rules, as the field names of the rules form; empty when they hold. */
export function rulesProblems(rules: ScoringRules): string[] {
  const problems: string[] = [];
  const points = (value: unknown, field: string) => {
    if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > MAX_POINTS) problems.push(field);
  };
  for (const q of SCORED_QUESTION_IDS) {
    for (const a of SCORED_QUESTIONS[q]) {
      points((rules.points[q] as Record<string, unknown>)?.[a], `points.${q}.${a}`);
      const floor = (rules.floors[q] as Record<string, unknown>)?.[a];
      if (floor !== undefined && floor !== 'medium' && floor !== 'high') problems.push(`floors.${q}.${a}`);
    }
  }
  for (const q of SKILL_QUESTION_IDS) for (const a of SKILL_QUESTIONS[q]) points((rules.skill.points[q] as Record<string, unknown>)?.[a], `skill.${q}.${a}`);
  points(rules.thresholds.medium, 'thresholds.medium');
  points(rules.thresholds.high, 'thresholds.high');
  if (!(rules.thresholds.high > rules.thresholds.medium)) problems.push('thresholds.high');
  points(rules.skill.thresholds.intermediate, 'skill.thresholds.intermediate');
  points(rules.skill.thresholds.advanced, 'skill.thresholds.advanced');
  if (!(rules.skill.thresholds.advanced > rules.skill.thresholds.intermediate)) problems.push('skill.thresholds.advanced');
  return [...new Set(problems)];
}
