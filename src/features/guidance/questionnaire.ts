import { continents, countries } from 'countries-list';
import { SERVICE_CATEGORIES, type ServiceCategory } from '../directory/directory.model.ts';

/**
 * The risk self-assessment: a short questionnaire, the same for a person on their own
 * and for an intermediary assessing a beneficiary. The questions and answers are
 * identifiers here; their words are in guidance.messages.ts, their weight in the
 * scoring rules (data a steward edits).
 */
export const SCORED_QUESTIONS = {
  adversaries: ['none-known', 'criminals', 'companies', 'local-authorities', 'state-advanced'],
  visibility: ['private', 'public', 'prominent'],
  jurisdiction: ['no', 'unsure', 'yes'],
  sensitivity: ['public', 'personal', 'sensitive', 'life-endangering'],
} as const;
export type ScoredQuestion = keyof typeof SCORED_QUESTIONS;
export const SCORED_QUESTION_IDS = Object.keys(SCORED_QUESTIONS) as ScoredQuestion[];

export const SKILL_QUESTIONS = {
  skill: ['none', 'basic', 'comfortable', 'expert'],
  support: ['none', 'occasional', 'dedicated'],
} as const;
export type SkillQuestion = keyof typeof SKILL_QUESTIONS;
export const SKILL_QUESTION_IDS = Object.keys(SKILL_QUESTIONS) as SkillQuestion[];

/** Only the adversaries question takes several answers: a group may face more than one. */
export const MULTIPLE: ReadonlySet<string> = new Set(['adversaries']);

/** The services a person may ask for: what the directory lists, less what only providers buy from each other. */
export const NEEDED_SERVICES = SERVICE_CATEGORIES.filter((c) => c !== 'other' && c !== 'dns');

export const COUNTRY_CODES = Object.keys(countries).sort();
export const LANGUAGE_CODES = ['ar', 'de', 'en', 'es', 'fa', 'fr', 'it', 'pt', 'ru', 'tr', 'uk', 'zh'] as const;

/** The continent a country lies in: the only place reports name, never the country. */
export function regionOf(country: string | null | undefined): string | null {
  if (!country) return null;
  return (countries as Record<string, { continent: string }>)[country]?.continent ?? null;
}

/** Every continent code a region may be (countries-list's: AF, AN, AS, EU, NA, OC, SA). */
export const REGION_CODES = Object.keys(continents);

/** A continent's name in the reader's language. */
export function regionName(code: string, locale: 'en' | 'fr'): string {
  const fr: Record<string, string> = { AF: 'Afrique', AN: 'Antarctique', AS: 'Asie', EU: 'Europe', NA: 'Amérique du Nord', OC: 'Océanie', SA: 'Amérique du Sud' };
  return locale === 'fr' ? (fr[code] ?? code) : ((continents as Record<string, string>)[code] ?? code);
}

export interface Answers {
  adversaries: (typeof SCORED_QUESTIONS.adversaries)[number][];
  visibility: (typeof SCORED_QUESTIONS.visibility)[number];
  jurisdiction: (typeof SCORED_QUESTIONS.jurisdiction)[number];
  /** Countries whose authorities the person fears: no provider hosting there is recommended. */
  countries: string[];
  sensitivity: (typeof SCORED_QUESTIONS.sensitivity)[number];
  skill: (typeof SKILL_QUESTIONS.skill)[number];
  support: (typeof SKILL_QUESTIONS.support)[number];
  services: ServiceCategory[];
  /** The languages the person can use, ISO 639-1. */
  languages: string[];
}

/** A question left unanswered or answered with something not offered: the field and why. */
export class AnswersRefused extends Error {
  constructor(readonly problems: { field: string; code: 'missing' | 'unknown' | 'too_many' }[]) {
    super(problems.map((p) => `${p.field}: ${p.code}`).join(', '));
  }
}

const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : typeof value === 'string' && value !== '' ? [value] : []);

/** Reads answers from a form or a JSON body; every problem at once, nothing guessed. */
export function readAnswers(body: Record<string, unknown>): Answers {
  const problems: AnswersRefused['problems'] = [];
  const one = <T extends string>(field: string, allowed: readonly T[]): T => {
    const [value, ...more] = list(body[field]);
    if (value === undefined) problems.push({ field, code: 'missing' });
    else if (more.length > 0 || !(allowed as readonly string[]).includes(value)) problems.push({ field, code: 'unknown' });
    return value as T;
  };
  const many = <T extends string>(field: string, allowed: readonly T[], required: boolean, max: number): T[] => {
    const values = [...new Set(list(body[field]))];
    if (required && values.length === 0) problems.push({ field, code: 'missing' });
    else if (values.some((v) => !(allowed as readonly string[]).includes(v))) problems.push({ field, code: 'unknown' });
    else if (values.length > max) problems.push({ field, code: 'too_many' });
    return values as T[];
  };
  const answers: Answers = {
    adversaries: many('adversaries', SCORED_QUESTIONS.adversaries, true, SCORED_QUESTIONS.adversaries.length),
    visibility: one('visibility', SCORED_QUESTIONS.visibility),
    jurisdiction: one('jurisdiction', SCORED_QUESTIONS.jurisdiction),
    countries: many('countries', COUNTRY_CODES, false, 20),
    sensitivity: one('sensitivity', SCORED_QUESTIONS.sensitivity),
    skill: one('skill', SKILL_QUESTIONS.skill),
    support: one('support', SKILL_QUESTIONS.support),
    services: many('services', NEEDED_SERVICES, false, NEEDED_SERVICES.length),
    languages: many('languages', LANGUAGE_CODES, true, LANGUAGE_CODES.length),
  };
  // "None known" beside a named adversary contradicts itself: the named one counts.
  if (answers.adversaries.length > 1) answers.adversaries = answers.adversaries.filter((a) => a !== 'none-known');
  if (problems.length > 0) throw new AnswersRefused(problems);
  return answers;
}

/** The answers as form fields, to fill the questionnaire again or carry them to the next step. */
export function answerFields(answers: Answers): Record<string, string[]> {
  return {
    adversaries: answers.adversaries,
    visibility: [answers.visibility],
    jurisdiction: [answers.jurisdiction],
    countries: answers.countries,
    sensitivity: [answers.sensitivity],
    skill: [answers.skill],
    support: [answers.support],
    services: answers.services,
    languages: answers.languages,
  };
}
