import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { BilingualText, CharterTemplate, CriterionTemplate } from './charter-template.ts';
import { CHARTER_TEMPLATES, templateByKey } from './index.ts';

const KEY = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const PROVIDER_KINDS = ['hosting-provider', 'security-provider'] as const;

function criteriaOf(template: CharterTemplate): CriterionTemplate[] {
  return template.principles.flatMap((principle) => principle.criteria);
}

function template(key: CharterTemplate['key']): CharterTemplate {
  const found = templateByKey(key);
  assert.ok(found, `template ${key} exists`);
  return found;
}

/** Every piece of prose a template shows, labelled with where it comes from. */
function textsOf(t: CharterTemplate): { where: string; text: string }[] {
  const bilingual = (where: string, text: BilingualText) => [
    { where: `${where} (en)`, text: text.en },
    { where: `${where} (fr)`, text: text.fr },
  ];
  return [
    ...bilingual(`${t.key} name`, t.name),
    ...bilingual(`${t.key} summary`, t.summary),
    { where: `${t.key} basedOn`, text: t.basedOn },
    ...t.principles.flatMap((p) => [
      ...bilingual(`${t.key}/${p.key} title`, p.title),
      ...bilingual(`${t.key}/${p.key} summary`, p.summary),
      ...p.criteria.flatMap((c) => [
        ...bilingual(`${t.key}/${c.key} title`, c.title),
        ...bilingual(`${t.key}/${c.key} explanation`, c.explanation),
      ]),
    ]),
  ];
}

describe('built-in charter templates', () => {
  it('offers CHATONS v2, Librehosters CPP and the Secure Hosting Coalition, each findable by key', () => {
    assert.deepEqual(
      CHARTER_TEMPLATES.map((t) => t.key),
      ['chatons-v2', 'librehosters-cpp', 'secure-hosting-coalition'],
    );
    for (const t of CHARTER_TEMPLATES) assert.equal(templateByKey(t.key), t);
    assert.equal(templateByKey('no-such-charter'), undefined);
  });

  it('cannot be altered in place, so adopting a template never changes the built-in', () => {
    const criterion = CHARTER_TEMPLATES[0]!.principles[0]!.criteria[0]!;
    assert.throws(() => {
      criterion.level = 'recommended';
    }, TypeError);
    assert.throws(() => criterion.appliesTo.push('donor'), TypeError);
  });

  for (const t of CHARTER_TEMPLATES) {
    describe(t.key, () => {
      it('has unique, lowercase-dash keys for principles and for criteria', () => {
        const principleKeys = t.principles.map((p) => p.key);
        const criterionKeys = criteriaOf(t).map((c) => c.key);
        for (const key of [...principleKeys, ...criterionKeys]) assert.match(key, KEY);
        assert.equal(new Set(principleKeys).size, principleKeys.length, 'principle keys repeat');
        assert.equal(new Set(criterionKeys).size, criterionKeys.length, 'criterion keys repeat');
      });

      it('says everything in English and in French', () => {
        for (const { where, text } of textsOf(t)) assert.ok(text.trim().length > 0, `${where} is empty`);
        for (const p of t.principles) assert.ok(p.criteria.length > 0, `${p.key} has no criteria`);
      });

      it('keeps explanations short and its apostrophes typographic', () => {
        for (const { where, text } of textsOf(t)) {
          assert.ok(!text.includes("'"), `${where} mixes in a straight apostrophe`);
          assert.ok(!/\s{2}/.test(text) && text === text.trim(), `${where} has stray spaces`);
        }
        for (const c of criteriaOf(t)) {
          for (const lang of ['en', 'fr'] as const) {
            const sentences = c.explanation[lang].split(/[.!?](?:\s|$)/).filter((s) => s.trim()).length;
            assert.ok(sentences >= 1 && sentences <= 3, `${c.key} (${lang}) has ${sentences} sentences`);
          }
        }
      });

      it('names an automated check exactly when the evidence is an automated check', () => {
        for (const c of criteriaOf(t)) {
          if (c.evidence === 'automated-check') assert.ok(c.check, `${c.key} lacks its check`);
          else assert.equal(c.check, undefined, `${c.key} names a check it does not use`);
        }
      });

      it('binds at least one kind of organisation with every criterion', () => {
        for (const c of criteriaOf(t)) {
          assert.ok(c.appliesTo.length > 0, `${c.key} applies to nobody`);
          assert.equal(new Set(c.appliesTo).size, c.appliesTo.length, `${c.key} repeats a kind`);
        }
      });
    });
  }

  describe('CHATONS v2', () => {
    // Required and recommended counts per section of the seed ("Critères requis" /
    // "Critères recommandés"); "Le Collectif" (2 required) is folded into solidarity.
    const expected: Record<string, { required: number; recommended: number }> = {
      hosts: { required: 5, recommended: 1 },
      alternative: { required: 5, recommended: 0 },
      transparent: { required: 11, recommended: 2 },
      open: { required: 8, recommended: 2 },
      neutral: { required: 6, recommended: 0 },
      solidarity: { required: 2 + 7, recommended: 0 },
    };

    it('has the six principles of the charter, with required and recommended criteria as the charter marks them', () => {
      const chatons = template('chatons-v2');
      assert.deepEqual(
        chatons.principles.map((p) => p.key),
        Object.keys(expected),
      );
      for (const p of chatons.principles) {
        const count = (level: string) => p.criteria.filter((c) => c.level === level).length;
        assert.deepEqual({ required: count('required'), recommended: count('recommended') }, expected[p.key], p.key);
      }
      assert.deepEqual(
        criteriaOf(chatons)
          .filter((c) => c.level === 'recommended')
          .map((c) => c.key)
          .sort(),
        ['anonymised-usage-statistics', 'contributions-listed', 'free-firmware', 'full-infrastructure-control', 'public-accounts'],
      );
    });

    it('asks for the transparency records the charter requires', () => {
      const keys = new Set(criteriaOf(template('chatons-v2')).map((c) => c.key));
      for (const key of [
        'hardware-host-named',
        'incident-journal',
        'backup-policy-public',
        'authority-request-register',
        'terms-of-service',
        'leave-with-data',
        'deletion-on-request',
      ]) {
        assert.ok(keys.has(key), `missing ${key}`);
      }
    });
  });

  describe('Secure Hosting Coalition', () => {
    const shc = () => template('secure-hosting-coalition');

    it('binds intermediaries and donors through its annexes, and only through them', () => {
      const bound = (kind: string) => criteriaOf(shc()).filter((c) => (c.appliesTo as string[]).includes(kind));
      assert.ok(bound('intermediary').length > 0, 'no criterion binds intermediaries');
      assert.ok(bound('donor').length > 0, 'no criterion binds donors');
      const annex = (key: string) => shc().principles.find((p) => p.key === key)!.criteria.map((c) => c.key);
      assert.deepEqual(bound('intermediary').map((c) => c.key), annex('intermediary-commitments'));
      assert.deepEqual(bound('donor').map((c) => c.key), annex('donor-commitments'));
    });

    it('binds both kinds of provider with its core commitments', () => {
      const core = shc().principles.filter((p) => !p.key.endsWith('-commitments'));
      assert.ok(core.length >= 3);
      for (const c of core.flatMap((p) => p.criteria)) assert.deepEqual([...c.appliesTo].sort(), [...PROVIDER_KINDS]);
    });
  });
});

/*
 * Paraphrase guard. The seeds are reference texts the project may not copy; this fails if any run
 * of eight consecutive words of a seed (case and punctuation ignored) appears in a template, in
 * either language. The seeds live beside the repository, not in it.
 */
const SEED_DIR = process.env.HAVEN_SEEDS_DIR ?? path.resolve(import.meta.dirname, '../../../../../shared/seeds');
const RUN = 8;

/** Two readings of punctuation, so that "d’hébergeurs" is caught both as one word and as two. */
const TOKENIZERS: ((text: string) => string[])[] = [
  (text) => words(text.replace(/[^\p{L}\p{N}]+/gu, ' ')),
  (text) => words(text.replace(/[’'‘`ʼ]/gu, '').replace(/[^\p{L}\p{N}]+/gu, ' ')),
];

function words(text: string): string[] {
  return text
    .normalize('NFC')
    .toLowerCase()
    .split(' ')
    .filter((w) => w.length > 0);
}

function runs(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + RUN <= tokens.length; i++) out.push(tokens.slice(i, i + RUN).join(' '));
  return out;
}

describe('paraphrase guard', () => {
  const seedFiles = fs.existsSync(SEED_DIR) ? fs.readdirSync(SEED_DIR).filter((f) => f.endsWith('.txt')) : [];
  const skip = seedFiles.length === 0 ? `seed texts not found in ${SEED_DIR} (set HAVEN_SEEDS_DIR)` : false;

  it(`copies no run of ${RUN} words from any seed text, in English or French`, { skip }, () => {
    assert.ok(seedFiles.length >= 3, 'expected at least the three charter seeds');
    const seedText = seedFiles.map((f) => fs.readFileSync(path.join(SEED_DIR, f), 'utf8').normalize('NFC'));
    const copied: string[] = [];
    for (const tokenize of TOKENIZERS) {
      const seedRuns = new Set(seedText.flatMap((text) => runs(tokenize(text))));
      for (const t of CHARTER_TEMPLATES) {
        for (const { where, text } of textsOf(t)) {
          for (const run of runs(tokenize(text))) if (seedRuns.has(run)) copied.push(`${where}: "${run}"`);
        }
      }
    }
    assert.deepEqual([...new Set(copied)], [], 'template text copies a seed');
  });
});
