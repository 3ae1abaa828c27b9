import { DEFAULT_RETENTION_DAYS } from './conduct-handling.service.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { AuditTrail } from '../../platform/audit/audit-trail.ts';
import type { Clock } from '../../platform/clock.ts';
import { AppError, type FieldProblem } from '../../platform/http/errors.ts';
import { LOCALES, type Locale } from '../../platform/i18n/locale.ts';
import { requireSteward } from '../accounts/accounts.policy.ts';
import { actorOf, type Viewer } from '../accounts/viewer.ts';
import { codeOfConductText, MAX_CODE_LENGTH } from './code-of-conduct.messages.ts';

/** How long reports are kept when the settings row is first written here (the conduct service may change it). */

/** One block of the code's plain-text format: never HTML, so nothing stored can inject markup. */
export type CodeBlock = { kind: 'heading'; text: string } | { kind: 'paragraph'; text: string } | { kind: 'list'; items: string[] };

/** The code of conduct: a translated text stewards edit, the paraphrased default until they do. */
export class CodeOfConductService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  /** The stewards' own texts, null for a language they left to the default. */
  async stored(): Promise<Record<Locale, string | null>> {
    const row = await this.db.selectFrom('conduct_settings').select(['code_en', 'code_fr']).where('id', '=', 1).executeTakeFirst();
    return { en: row?.code_en ?? null, fr: row?.code_fr ?? null };
  }

  /** The text shown in one language. */
  async text(locale: Locale): Promise<{ text: string; isDefault: boolean }> {
    const own = (await this.stored())[locale];
    return own ? { text: own, isDefault: false } : { text: codeOfConductText[locale].defaultText, isDefault: true };
  }

  /** A steward replaces both texts; an empty or oversized text is refused and nothing changes. */
  async save(viewer: Viewer | null, texts: Record<Locale, string>): Promise<void> {
    const steward = requireSteward(viewer);
    const problems: FieldProblem[] = [];
    const clean = {} as Record<Locale, string>;
    for (const locale of LOCALES) {
      clean[locale] = (texts[locale] ?? '').replace(/\r\n?/g, '\n').trim();
      const text = {} as Record<Locale, string>;
      for (const l of LOCALES) {
        const m = codeOfConductText[l];
        text[l] = clean[locale] === '' ? m.errors.empty(m.languages[locale]) : m.errors.tooLong(m.languages[locale]);
      }
      if (clean[locale] === '' || clean[locale].length > MAX_CODE_LENGTH) problems.push({ field: `code_${locale}`, text });
    }
    if (problems.length > 0) throw AppError.invalid(problems);
    await this.write(clean.en, clean.fr);
    await this.audit.record(actorOf(steward), { action: 'conduct.code.edit', subjectType: 'conduct_code', subjectId: null });
  }

  /** A steward goes back to the default text in both languages. */
  async reset(viewer: Viewer | null): Promise<void> {
    const steward = requireSteward(viewer);
    await this.write(null, null);
    await this.audit.record(actorOf(steward), { action: 'conduct.code.reset', subjectType: 'conduct_code', subjectId: null });
  }

  private async write(en: string | null, fr: string | null): Promise<void> {
    const now = this.clock.now().toISOString();
    await this.db
      .insertInto('conduct_settings')
      .values({ id: 1, retention_days: DEFAULT_RETENTION_DAYS, code_en: en, code_fr: fr, updated_at: now })
      .onConflict((oc) => oc.column('id').doUpdateSet({ code_en: en, code_fr: fr, updated_at: now }))
      .execute();
  }
}

/** Reads the plain-text format: blank lines part paragraphs, "## " starts a heading, "- " a list item. */
export function codeBlocks(text: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  for (const chunk of text.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    const lines = chunk.split('\n').map((l) => l.trim()).filter((l) => l !== '');
    let paragraph: string[] = [];
    const flush = () => {
      if (paragraph.length) blocks.push({ kind: 'paragraph', text: paragraph.join(' ') });
      paragraph = [];
    };
    for (const line of lines) {
      if (line.startsWith('#')) {
        flush();
        blocks.push({ kind: 'heading', text: line.replace(/^#+\s*/, '') });
      } else if (/^[-*]\s+/.test(line)) {
        flush();
        const item = line.replace(/^[-*]\s+/, '');
        const last = blocks.at(-1);
        if (last?.kind === 'list') last.items.push(item);
        else blocks.push({ kind: 'list', items: [item] });
      } else {
        paragraph.push(line);
      }
    }
    flush();
  }
  return blocks;
}
