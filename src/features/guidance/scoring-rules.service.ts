import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor, AuditTrail } from '../../platform/audit/audit-trail.ts';
import type { Clock } from '../../platform/clock.ts';
import { AppError } from '../../platform/http/errors.ts';
import { localized } from '../../platform/i18n/locale.ts';
import { guidanceText } from './guidance.messages.ts';
import { DEFAULT_RULES, rulesProblems, type ScoringRules } from './scoring-rules.ts';

export interface PublishedRules {
  version: number;
  rules: ScoringRules;
  note: string;
  publishedAt: string;
}

/** Version 1: the rules Haven ships with, in force until a steward publishes another version (reading them writes nothing). */
const BUILT_IN: PublishedRules = { version: 1, rules: DEFAULT_RULES, note: 'The rules Haven starts with.', publishedAt: '2026-11-23T00:00:00.000Z' };

/** The scoring rules, every version kept and public: anyone can see how a level was decided, then and now. */
export class ScoringRulesService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async current(): Promise<PublishedRules> {
    const row = await this.db.selectFrom('scoring_rules').selectAll().orderBy('version', 'desc').executeTakeFirst();
    return row ? published(row) : BUILT_IN;
  }

  async version(version: number): Promise<PublishedRules> {
    const row = await this.db.selectFrom('scoring_rules').selectAll().where('version', '=', version).executeTakeFirst();
    if (row) return published(row);
    if (version === 1) return BUILT_IN;
    throw AppError.notFound();
  }

  async history(): Promise<{ version: number; note: string; publishedAt: string }[]> {
    const rows = await this.db.selectFrom('scoring_rules').select(['version', 'note', 'published_at']).orderBy('version', 'desc').execute();
    const versions = rows.map((r) => ({ version: r.version, note: r.note, publishedAt: r.published_at }));
    return versions.some((v) => v.version === 1) ? versions : [...versions, { version: 1, note: BUILT_IN.note, publishedAt: BUILT_IN.publishedAt }];
  }

  /** A steward publishes new rules as the next version; rules that do not hold change nothing. */
  async publish(rules: ScoringRules, note: string, actor: Actor): Promise<number> {
    const problems = rulesProblems(rules);
    if (problems.length > 0) throw AppError.invalid(problems.map((field) => ({ field, text: localized(guidanceText, (m) => m.rules.errors.badRule) })));
    if (note.trim().length < 5 || note.length > 500) throw AppError.field('bad_note', 'note', localized(guidanceText, (m) => m.rules.errors.badNote));
    const { version: last } = await this.current();
    return this.db.transaction().execute(async (trx) => {
      // The built-in rules are stored as version 1 when the first new version is published, so that both stay on record.
      if (last === 1) await trx.insertInto('scoring_rules').values({ version: 1, rules: JSON.stringify(DEFAULT_RULES), note: BUILT_IN.note, published_at: BUILT_IN.publishedAt }).onConflict((oc) => oc.column('version').doNothing()).execute();
      const version = last + 1;
      // The primary key refuses a second publication of the same version by a steward who read the same "current".
      await trx.insertInto('scoring_rules').values({ version, rules: JSON.stringify(rules), note: note.trim(), published_at: this.clock.now().toISOString() }).execute();
      await this.audit.record(actor, { action: 'guidance.rules.publish', subjectType: 'scoring_rules', subjectId: String(version) }, trx);
      return version;
    });
  }
}

function published(row: { version: number; rules: string; note: string; published_at: string }): PublishedRules {
  return { version: row.version, rules: JSON.parse(row.rules) as ScoringRules, note: row.note, publishedAt: row.published_at };
}
