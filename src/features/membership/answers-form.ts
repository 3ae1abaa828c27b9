import { AppError, type FieldProblem } from '../../platform/http/errors.ts';
import { localized } from '../../platform/i18n/locale.ts';
import type { AnswerInput } from './applications.service.ts';
import { membershipText } from './membership.messages.ts';
import type { AnswerValue } from './membership.table.ts';

export const ANSWER_VALUES: AnswerValue[] = ['meets', 'partly', 'no', 'not-applicable'];

/**
 * Reads the self-assessment form (`answer-<criterion>`, `explanation-<criterion>`,
 * `evidence-<criterion>`): criteria left unanswered are skipped, evidence is
 * one http(s) link per line.
 */
export function answersFromForm(body: Record<string, unknown>, criterionKeys: string[]): AnswerInput[] {
  const problems: FieldProblem[] = [];
  const answers: AnswerInput[] = [];
  for (const key of criterionKeys) {
    const answer = body[`answer-${key}`];
    if (answer === undefined || answer === '') continue;
    if (typeof answer !== 'string' || !(ANSWER_VALUES as string[]).includes(answer)) {
      problems.push({ field: `answer-${key}`, text: localized(membershipText, (m) => m.errors.unknownCriterion) });
      continue;
    }
    const explanation = typeof body[`explanation-${key}`] === 'string' ? (body[`explanation-${key}`] as string).trim() : '';
    const evidenceText = typeof body[`evidence-${key}`] === 'string' ? (body[`evidence-${key}`] as string) : '';
    const evidence = evidenceText.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    const bad = evidence.find((link) => !isWebLink(link));
    if (bad !== undefined || evidence.length > 20 || explanation.length > 5000) {
      problems.push({ field: `evidence-${key}`, text: { en: `Each evidence link must start with https:// or http:// (${bad ?? 'too many'}).`, fr: `Chaque lien de preuve doit commencer par https:// ou http:// (${bad ?? 'trop de liens'}).` } });
      continue;
    }
    answers.push({ criterionKey: key, answer: answer as AnswerValue, explanation, evidence });
  }
  if (problems.length > 0) throw AppError.invalid(problems);
  return answers;
}

function isWebLink(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && text.length <= 500;
  } catch {
    return false;
  }
}
