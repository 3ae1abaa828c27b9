import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Answers } from './questionnaire.ts';
import { readAnswers, AnswersRefused } from './questionnaire.ts';
import { assess, DEFAULT_RULES, rulesProblems, type ScoringRules } from './scoring-rules.ts';

const base: Answers = { adversaries: ['none-known'], visibility: 'private', jurisdiction: 'no', countries: [], sensitivity: 'public', skill: 'basic', support: 'none', services: [], languages: ['en'] };
const level = (answers: Partial<Answers>) => assess({ ...base, ...answers }, DEFAULT_RULES, 1);
const why = (answers: Partial<Answers>) => level(answers).reasons.map((r) => `${r.question}=${r.answer}${r.floor ? `≥${r.floor}` : ''}`);

describe('the risk level of realistic situations, with the default rules', () => {
  it('a neighbourhood association publishing its events and keeping a members list: low, raised by nothing but its visibility and members’ data', () => {
    const result = level({ visibility: 'public', sensitivity: 'personal' });
    assert.equal(result.level, 'low');
    assert.equal(result.score, 2);
    assert.deepEqual(why({ visibility: 'public', sensitivity: 'personal' }), ['visibility=public', 'sensitivity=personal']);
  });

  it('a health collective that is known publicly and holds sensitive data: medium, though nobody is known to target it', () => {
    assert.equal(level({ visibility: 'public', sensitivity: 'sensitive' }).level, 'medium');
  });

  it('a journalist investigating organised crime and the companies around it, often in the news, protecting sources: high', () => {
    const result = level({ adversaries: ['criminals', 'companies'], visibility: 'prominent', sensitivity: 'sensitive' });
    assert.equal(result.level, 'high');
    assert.equal(result.score, 7);
  });

  it('a quiet group whose only worry is its local authorities: at least medium, because that answer alone sets a floor', () => {
    const result = level({ adversaries: ['local-authorities'] });
    assert.equal(result.score, 3);
    assert.equal(result.level, 'medium');
    assert.deepEqual(why({ adversaries: ['local-authorities'] }), ['adversaries=local-authorities≥medium']);
  });

  it('a defender who fears state spyware is high risk even with nothing else raised, and is told that this answer decided it', () => {
    const result = level({ adversaries: ['state-advanced'] });
    assert.equal(result.score, 5, 'under the high threshold by points');
    assert.equal(result.level, 'high');
    assert.equal(result.reasons[0]!.floor, 'high');
  });

  it('a collective working in a country hostile to its work, holding data whose leak could cost lives: high, the strongest reason first', () => {
    const result = level({ jurisdiction: 'yes', sensitivity: 'life-endangering' });
    assert.equal(result.level, 'high');
    assert.deepEqual(why({ jurisdiction: 'yes', sensitivity: 'life-endangering' }), ['sensitivity=life-endangering≥high', 'jurisdiction=yes≥medium']);
  });

  it('reads the skill level from comfort with technology and the help at hand', () => {
    assert.equal(level({ skill: 'none', support: 'none' }).skill, 'beginner');
    assert.equal(level({ skill: 'comfortable', support: 'occasional' }).skill, 'intermediate');
    assert.equal(level({ skill: 'expert', support: 'dedicated' }).skill, 'advanced');
  });

  it('names the rules version every result was decided with', () => {
    assert.equal(assess(base, DEFAULT_RULES, 7).rulesVersion, 7);
  });
});

describe('rules a steward publishes', () => {
  it('change the level of the same answers', () => {
    const stricter: ScoringRules = structuredClone(DEFAULT_RULES);
    stricter.thresholds = { medium: 1, high: 2 };
    assert.equal(assess({ ...base, visibility: 'public', sensitivity: 'personal' }, stricter, 2).level, 'high');
  });

  it('are refused when a threshold is not above the one before, a figure is not a whole number from 0 to 100, or an answer has no points', () => {
    const bad: ScoringRules = structuredClone(DEFAULT_RULES);
    bad.thresholds = { medium: 6, high: 6 };
    bad.points.visibility.public = -1;
    delete (bad.points.sensitivity as Partial<Record<string, number>>).personal;
    (bad.floors.visibility as Record<string, string>).prominent = 'extreme';
    bad.skill.thresholds = { intermediate: 2.5, advanced: 4 };
    assert.deepEqual(rulesProblems(bad).sort(), ['floors.visibility.prominent', 'points.sensitivity.personal', 'points.visibility.public', 'skill.thresholds.intermediate', 'thresholds.high'].sort());
    assert.deepEqual(rulesProblems(DEFAULT_RULES), []);
  });
});

describe('reading the answers of the questionnaire', () => {
  it('refuses every missing or unknown answer at once, naming each question', () => {
    try {
      readAnswers({ adversaries: ['aliens'], visibility: 'public', jurisdiction: ['no', 'yes'], languages: 'en' });
      assert.fail('refused');
    } catch (error) {
      assert.ok(error instanceof AnswersRefused);
      assert.deepEqual(
        error.problems.map((p) => `${p.field}:${p.code}`),
        ['adversaries:unknown', 'jurisdiction:unknown', 'sensitivity:missing', 'skill:missing', 'support:missing'],
      );
    }
  });

  it('drops “nobody I know of” when an adversary is named beside it, and keeps countries and languages as given', () => {
    const answers = readAnswers({ adversaries: ['none-known', 'companies'], visibility: 'private', jurisdiction: 'unsure', countries: ['BY', 'RU'], sensitivity: 'personal', skill: 'basic', support: 'none', services: 'email', languages: ['fr', 'en'] });
    assert.deepEqual(answers.adversaries, ['companies']);
    assert.deepEqual(answers.countries, ['BY', 'RU']);
    assert.deepEqual(answers.services, ['email']);
    assert.deepEqual(answers.languages, ['fr', 'en']);
  });
});
