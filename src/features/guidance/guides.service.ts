import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor, AuditTrail } from '../../platform/audit/audit-trail.ts';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/secret-token.ts';
import { AppError, type FieldProblem } from '../../platform/http/errors.ts';
import { isLocale, LOCALES, localized, type Locale } from '../../platform/i18n/locale.ts';
import { RISK_LEVELS, type RiskLevel } from '../directory/directory.model.ts';
import { SKILL_LEVELS, type SkillLevel, type GuidesTable } from './guidance.table.ts';
import { guidesText } from './guides.messages.ts';

/** A learning resource of the library, in one language. */
export interface Guide {
  id: string;
  locale: Locale;
  title: string;
  summary: string;
  /** A page of this Haven ("/transparency") or an http(s) address; null when the summary is the guide. */
  url: string | null;
  levels: RiskLevel[];
  skills: SkillLevel[];
  createdAt: string;
  updatedAt: string;
}

export interface GuideInput {
  locale: string;
  title: string;
  summary: string;
  url: string | null;
  levels: readonly string[];
  skills: readonly string[];
}

export interface GuideFilter {
  locale?: Locale | null;
  level?: RiskLevel | null;
  skill?: SkillLevel | null;
}

/** Below this many guides in a person's language, those in the other language are offered too. */
export const FEW_GUIDES = 3;

const WEB_ADDRESS = /^https?:\/\/[^\s/?#]+(?:[/?#]\S*)?$/;
/** A page of this instance: one leading slash, never "//host" or "/\host", which browsers read as another site. */
const LOCAL_PATH = /^\/(?![/\\])\S*$/;

/** Only the words offered, each once, in their usual order. */
function chosen<T extends string>(offered: readonly T[], values: readonly string[]): T[] | null {
  if (values.some((v) => !(offered as readonly string[]).includes(v))) return null;
  return offered.filter((o) => values.includes(o));
}

/** Checks a guide as a steward wrote it; every problem is reported at once, in every language. */
function checkedGuide(input: GuideInput): Omit<Guide, 'id' | 'createdAt' | 'updatedAt'> {
  const problems: FieldProblem[] = [];
  const problem = (field: keyof (typeof guidesText)['en']['errors']) => problems.push({ field, text: localized(guidesText, (m) => m.errors[field]) });
  const title = input.title.trim();
  const summary = input.summary.trim();
  const url = input.url?.trim() || null;
  const levels = chosen(RISK_LEVELS, input.levels);
  const skills = chosen(SKILL_LEVELS, input.skills);
  if (!isLocale(input.locale)) problem('locale');
  if (title.length < 3 || title.length > 200) problem('title');
  if (summary.length < 10 || summary.length > 1000) problem('summary');
  if (url !== null && (url.length > 500 || !(WEB_ADDRESS.test(url) || LOCAL_PATH.test(url)))) problem('url');
  if (!levels || levels.length === 0) problem('levels');
  if (!skills || skills.length === 0) problem('skills');
  if (problems.length > 0) throw AppError.invalid(problems);
  return { locale: input.locale as Locale, title, summary, url, levels: levels!, skills: skills! };
}

function guideOf(row: GuidesTable): Guide {
  return {
    id: row.id,
    locale: isLocale(row.locale) ? row.locale : 'en',
    title: row.title,
    summary: row.summary,
    url: row.url,
    levels: JSON.parse(row.levels) as RiskLevel[],
    skills: JSON.parse(row.skills) as SkillLevel[],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const collators = Object.fromEntries(LOCALES.map((l) => [l, new Intl.Collator(l, { sensitivity: 'base', numeric: true })])) as Record<Locale, Intl.Collator>;

/** By language, then by title as a reader of that language sorts them (the same on every database). */
function byLanguageAndTitle(a: Guide, b: Guide): number {
  return a.locale === b.locale ? collators[a.locale].compare(a.title, b.title) || a.id.localeCompare(b.id) : a.locale.localeCompare(b.locale);
}

/** The small, translated library of learning resources the stewards keep: public to read, steward-kept. */
export class GuidesService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  /** Levels and skills are JSON lists; the library is small, so it is filtered here, alike on both databases. */
  async list(filter: GuideFilter = {}): Promise<Guide[]> {
    let query = this.db.selectFrom('guides').selectAll();
    if (filter.locale) query = query.where('locale', '=', filter.locale);
    const rows = await query.execute();
    return rows
      .map(guideOf)
      .filter((g) => (!filter.level || g.levels.includes(filter.level)) && (!filter.skill || g.skills.includes(filter.skill)))
      .sort(byLanguageAndTitle);
  }

  async get(id: string): Promise<Guide> {
    const row = await this.db.selectFrom('guides').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw AppError.notFound();
    return guideOf(row);
  }

  /**
   * The guides for the result of a self-assessment: those in the person's
   * language first; when there are fewer than three, those in the other
   * language follow, so nobody is left with nothing to read.
   */
  async forResult(level: RiskLevel, skill: SkillLevel | null, locale: Locale): Promise<Guide[]> {
    const fitting = await this.list({ level, skill });
    const theirs = fitting.filter((g) => g.locale === locale);
    return theirs.length >= FEW_GUIDES ? theirs : [...theirs, ...fitting.filter((g) => g.locale !== locale)];
  }

  async create(input: GuideInput, actor: Actor): Promise<string> {
    const guide = checkedGuide(input);
    const id = newId();
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('guides')
        .values({ id, locale: guide.locale, title: guide.title, summary: guide.summary, url: guide.url, levels: JSON.stringify(guide.levels), skills: JSON.stringify(guide.skills), created_at: now, updated_at: now })
        .execute();
      await this.audit.record(actor, { action: 'guide.create', subjectType: 'guide', subjectId: id }, trx);
    });
    return id;
  }

  async update(id: string, input: GuideInput, actor: Actor): Promise<void> {
    const guide = checkedGuide(input);
    await this.db.transaction().execute(async (trx) => {
      const changed = await trx
        .updateTable('guides')
        .set({ locale: guide.locale, title: guide.title, summary: guide.summary, url: guide.url, levels: JSON.stringify(guide.levels), skills: JSON.stringify(guide.skills), updated_at: this.clock.now().toISOString() })
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(changed.numUpdatedRows) === 0) throw AppError.notFound();
      await this.audit.record(actor, { action: 'guide.update', subjectType: 'guide', subjectId: id }, trx);
    });
  }

  async remove(id: string, actor: Actor): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const removed = await trx.deleteFrom('guides').where('id', '=', id).executeTakeFirst();
      if (Number(removed.numDeletedRows) === 0) throw AppError.notFound();
      await this.audit.record(actor, { action: 'guide.remove', subjectType: 'guide', subjectId: id }, trx);
    });
  }
}
