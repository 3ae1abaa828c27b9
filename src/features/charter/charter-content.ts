import type { BilingualText, CharterTemplate, CriterionTemplate, PrincipleTemplate } from './templates/charter-template.ts';

/** What one version of the charter says: the same shape as a template, owned by the coalition. */
export interface CharterContent {
  name: BilingualText;
  summary: BilingualText;
  principles: PrincipleTemplate[];
}

export type Criterion = CriterionTemplate;
export type Principle = PrincipleTemplate;

export function contentFromTemplate(template: CharterTemplate): CharterContent {
  return structuredClone({ name: template.name, summary: template.summary, principles: template.principles });
}

export type CriterionChange =
  | { kind: 'added'; principle: string; criterion: Criterion }
  | { kind: 'removed'; principle: string; criterion: Criterion }
  | { kind: 'changed'; principle: string; before: Criterion; after: Criterion; fields: (keyof Criterion)[] };

export interface CharterDiff {
  principlesAdded: Principle[];
  principlesRemoved: Principle[];
  principlesRenamed: { before: Principle; after: Principle }[];
  criteria: CriterionChange[];
}

const COMPARED: (keyof Criterion)[] = ['level', 'title', 'explanation', 'evidence', 'check', 'appliesTo'];

/** What changed from one version to the next, matched by the stable keys of principles and criteria. */
export function diffCharters(before: CharterContent, after: CharterContent): CharterDiff {
  const beforePrinciples = new Map(before.principles.map((p) => [p.key, p]));
  const afterPrinciples = new Map(after.principles.map((p) => [p.key, p]));
  const diff: CharterDiff = { principlesAdded: [], principlesRemoved: [], principlesRenamed: [], criteria: [] };
  for (const principle of after.principles) {
    const old = beforePrinciples.get(principle.key);
    if (!old) {
      diff.principlesAdded.push(principle);
      for (const criterion of principle.criteria) diff.criteria.push({ kind: 'added', principle: principle.key, criterion });
      continue;
    }
    if (!same(old.title, principle.title) || !same(old.summary, principle.summary)) diff.principlesRenamed.push({ before: old, after: principle });
    const oldCriteria = new Map(old.criteria.map((c) => [c.key, c]));
    for (const criterion of principle.criteria) {
      const previous = oldCriteria.get(criterion.key);
      if (!previous) {
        diff.criteria.push({ kind: 'added', principle: principle.key, criterion });
        continue;
      }
      const fields = COMPARED.filter((field) => !same(previous[field], criterion[field]));
      if (fields.length > 0) diff.criteria.push({ kind: 'changed', principle: principle.key, before: previous, after: criterion, fields });
    }
    for (const criterion of old.criteria) {
      if (!principle.criteria.some((c) => c.key === criterion.key)) diff.criteria.push({ kind: 'removed', principle: principle.key, criterion });
    }
  }
  for (const principle of before.principles) {
    if (!afterPrinciples.has(principle.key)) {
      diff.principlesRemoved.push(principle);
      for (const criterion of principle.criteria) diff.criteria.push({ kind: 'removed', principle: principle.key, criterion });
    }
  }
  return diff;
}

export function isEmptyDiff(diff: CharterDiff): boolean {
  return diff.principlesAdded.length + diff.principlesRemoved.length + diff.principlesRenamed.length + diff.criteria.length === 0;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
