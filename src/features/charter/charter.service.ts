import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor, AuditTrail } from '../../platform/audit/audit-trail.ts';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/secret-token.ts';
import { AppError } from '../../platform/http/errors.ts';
import { localized } from '../../platform/i18n/locale.ts';
import { contentFromTemplate, diffCharters, isEmptyDiff, type CharterContent, type Criterion, type Principle } from './charter-content.ts';
import { charterAdminText } from './charter-admin.messages.ts';
import { templateByKey } from './templates/index.ts';

export interface CharterVersion {
  version: number;
  basedOn: string;
  content: CharterContent;
  note: string;
  adoptedAt: string;
}

export interface CharterDraft {
  baseVersion: number;
  content: CharterContent;
  updatedAt: string;
}

/** Listeners told when a new version is adopted (membership asks members to re-confirm). */
export type CharterAdoptedListener = (version: CharterVersion, trx: Kysely<Database>) => Promise<void>;

/**
 * The coalition's charter as versioned data: a version never changes once
 * adopted; a steward prepares an amendment as a draft and publishes it as
 * the next version, with a public list of what changed.
 */
export class CharterService {
  readonly #listeners: CharterAdoptedListener[] = [];

  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  onAdopted(listener: CharterAdoptedListener): void {
    this.#listeners.push(listener);
  }

  async current(): Promise<CharterVersion | null> {
    const row = await this.db.selectFrom('charter_versions').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirst();
    return row ? toVersion(row) : null;
  }

  async version(version: number): Promise<CharterVersion> {
    const row = await this.db.selectFrom('charter_versions').selectAll().where('version', '=', version).executeTakeFirst();
    if (!row) throw AppError.notFound();
    return toVersion(row);
  }

  async history(): Promise<CharterVersion[]> {
    const rows = await this.db.selectFrom('charter_versions').selectAll().orderBy('version', 'desc').execute();
    return rows.map(toVersion);
  }

  /** What changed in this version compared with the one before (null for the first version). */
  async changesIn(version: number) {
    const after = await this.version(version);
    if (version === 1) return { version: after, diff: null };
    const before = await this.version(version - 1);
    return { version: after, diff: diffCharters(before.content, after.content) };
  }

  /** Adopts a built-in template as the next version (the first one, or a fresh start). */
  async adoptTemplate(templateKey: string, note: string, actor: Actor): Promise<CharterVersion> {
    const template = templateByKey(templateKey);
    if (!template) throw AppError.field('unknown_template', 'template', localized(charterAdminText, (m) => m.errors.unknownTemplate));
    return this.adopt(template.key, contentFromTemplate(template), note, actor);
  }

  private async adopt(basedOn: string, content: CharterContent, note: string, actor: Actor): Promise<CharterVersion> {
    return this.db.transaction().execute(async (trx) => {
      const latest = await trx.selectFrom('charter_versions').select('version').orderBy('version', 'desc').limit(1).executeTakeFirst();
      const version: CharterVersion = {
        version: (latest?.version ?? 0) + 1,
        basedOn,
        content,
        note: note.trim(),
        adoptedAt: this.clock.now().toISOString(),
      };
      const id = newId();
      await trx
        .insertInto('charter_versions')
        .values({
          id,
          version: version.version,
          based_on: basedOn,
          content: JSON.stringify(content),
          note: version.note,
          adopted_at: version.adoptedAt,
        })
        .execute();
      await trx.deleteFrom('charter_drafts').execute();
      await this.audit.record(actor, { action: 'charter.adopt', subjectType: 'charter_version', subjectId: id }, trx);
      for (const listener of this.#listeners) await listener(version, trx);
      return version;
    });
  }

  async draft(): Promise<CharterDraft | null> {
    const row = await this.db.selectFrom('charter_drafts').selectAll().limit(1).executeTakeFirst();
    return row ? { baseVersion: row.base_version, content: JSON.parse(row.content) as CharterContent, updatedAt: row.updated_at } : null;
  }

  /** The draft amendment, started from the current version when there is none. */
  async openDraft(): Promise<CharterDraft> {
    const existing = await this.draft();
    if (existing) return existing;
    const current = await this.current();
    if (!current) throw new AppError('no_charter', 409, localized(charterAdminText, (m) => m.errors.noCharter));
    const now = this.clock.now().toISOString();
    await this.db
      .insertInto('charter_drafts')
      .values({ id: 'draft', base_version: current.version, content: JSON.stringify(current.content), updated_at: now })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    return (await this.draft())!;
  }

  private async saveDraft(content: CharterContent): Promise<void> {
    await this.db
      .updateTable('charter_drafts')
      .set({ content: JSON.stringify(content), updated_at: this.clock.now().toISOString() })
      .where('id', '=', 'draft')
      .execute();
  }

  /** Adds or replaces a criterion of a principle in the draft. `originalKey` names the one being edited. */
  async saveCriterion(principleKey: string, originalKey: string | null, criterion: Criterion): Promise<void> {
    const draft = await this.openDraft();
    const principle = draft.content.principles.find((p) => p.key === principleKey);
    if (!principle) throw AppError.notFound();
    const clash = principle.criteria.some((c) => c.key === criterion.key && c.key !== originalKey);
    if (clash || draft.content.principles.some((p) => p.key !== principleKey && p.criteria.some((c) => c.key === criterion.key))) {
      throw AppError.field('key_taken', 'key', localized(charterAdminText, (m) => m.errors.keyTaken), 409);
    }
    if (criterion.evidence === 'automated-check' && !criterion.check) {
      throw AppError.field('check_missing', 'check', localized(charterAdminText, (m) => m.errors.checkMissing));
    }
    if (criterion.evidence !== 'automated-check') delete criterion.check;
    const index = originalKey === null ? -1 : principle.criteria.findIndex((c) => c.key === originalKey);
    if (originalKey !== null && index === -1) throw AppError.notFound();
    if (index === -1) principle.criteria.push(criterion);
    else principle.criteria[index] = criterion;
    await this.saveDraft(draft.content);
  }

  async removeCriterion(principleKey: string, criterionKey: string): Promise<void> {
    const draft = await this.openDraft();
    const principle = draft.content.principles.find((p) => p.key === principleKey);
    if (!principle?.criteria.some((c) => c.key === criterionKey)) throw AppError.notFound();
    principle.criteria = principle.criteria.filter((c) => c.key !== criterionKey);
    await this.saveDraft(draft.content);
  }

  async savePrinciple(originalKey: string | null, principle: Omit<Principle, 'criteria'>): Promise<void> {
    const draft = await this.openDraft();
    if (draft.content.principles.some((p) => p.key === principle.key && p.key !== originalKey)) {
      throw AppError.field('key_taken', 'key', localized(charterAdminText, (m) => m.errors.keyTaken), 409);
    }
    const existing = originalKey === null ? undefined : draft.content.principles.find((p) => p.key === originalKey);
    if (originalKey !== null && !existing) throw AppError.notFound();
    if (existing) Object.assign(existing, principle);
    else draft.content.principles.push({ ...principle, criteria: [] });
    await this.saveDraft(draft.content);
  }

  async removePrinciple(principleKey: string): Promise<void> {
    const draft = await this.openDraft();
    if (!draft.content.principles.some((p) => p.key === principleKey)) throw AppError.notFound();
    draft.content.principles = draft.content.principles.filter((p) => p.key !== principleKey);
    await this.saveDraft(draft.content);
  }

  async discardDraft(): Promise<void> {
    await this.db.deleteFrom('charter_drafts').execute();
  }

  /** Publishes the draft as the next version; refuses an empty amendment or one overtaken by another version. */
  async publishDraft(note: string, actor: Actor): Promise<CharterVersion> {
    const draft = await this.draft();
    const current = await this.current();
    if (!draft || !current) throw AppError.notFound();
    if (draft.baseVersion !== current.version) {
      throw new AppError('draft_outdated', 409, localized(charterAdminText, (m) => m.errors.draftOutdated));
    }
    if (isEmptyDiff(diffCharters(current.content, draft.content))) {
      throw new AppError('nothing_changed', 400, localized(charterAdminText, (m) => m.errors.nothingChanged));
    }
    return this.adopt(current.basedOn, draft.content, note, actor);
  }
}

function toVersion(row: { version: number; based_on: string; content: string; note: string; adopted_at: string }): CharterVersion {
  return {
    version: Number(row.version),
    basedOn: row.based_on,
    content: JSON.parse(row.content) as CharterContent,
    note: row.note,
    adoptedAt: row.adopted_at,
  };
}
