import { nextNumber } from '../../../db/next-number.ts';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { Value } from 'typebox/value';
import type { Config } from '../../../config.ts';
import type { Database } from '../../../db/schema.ts';
import type { Actor, AuditTrail } from '../../../platform/audit/audit-trail.ts';
import type { Clock } from '../../../platform/clock.ts';
import { newId } from '../../../platform/crypto/secret-token.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { isLocale, localized, type Locale } from '../../../platform/i18n/locale.ts';
import type { Mailer } from '../../../platform/mail/mailer.ts';
import type { OutboundPolicy } from '../../../platform/outbound/outbound-fetch.ts';
import type { AccountsService } from '../../accounts/accounts.service.ts';
import type { OrganisationsService } from '../../organisations/organisations.service.ts';
import type { ProviderProfile, ProviderService } from '../directory.model.ts';
import { ProfileBody, ServiceBody, WebAddress } from '../directory.schemas.ts';
import { findProfile, profileFromRow, saveProfile, servicesOf, serviceToRow } from '../directory.repository.ts';
import { emptyProfile, type DirectoryService } from '../directory.service.ts';
import { countryName } from '../place-names.ts';
import { serviceSlugFor, snapshotOf } from '../profile-history.ts';
import { newService } from '../service-defaults.ts';
import { federationText } from './federation.messages.ts';
import { materialChanges, type MaterialChange } from './material-changes.ts';
import { readMetadata } from './metadata-reader.ts';
import { MetadataRejected, type ImportedMetadata, type MetadataFormat } from './metadata.ts';

export interface ReadingOutcome {
  organisationId: string;
  outcome: 'imported' | 'unchanged' | 'rejected';
  reason: string | null;
  flags: MaterialChange[];
}

export type ImportListener = (organisationId: string, reading: { format: MetadataFormat; files: Record<string, string> }, trx: Kysely<Database>) => Promise<unknown>;

/** Provider metadata published elsewhere: where it is, each reading of it, and what it changed. */
export class FederationService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly config: Config,
    private readonly directory: DirectoryService,
    private readonly organisations: OrganisationsService,
    private readonly accounts: AccountsService,
    private readonly mailer: Mailer,
    private readonly policy: OutboundPolicy,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly log: FastifyBaseLogger,
  ) {}

  readonly #importListeners: ImportListener[] = [];

  /** Another feature reading the same files (usage statistics), inside the import's transaction: only its trx may be used. */
  onImported(listener: ImportListener): void {
    this.#importListeners.push(listener);
  }

  async register(organisationId: string, source: { url: string; format: MetadataFormat }, actor: Actor): Promise<void> {
    const url = source.url.trim();
    if (!Value.Check(WebAddress, url)) throw AppError.field('bad_url', 'url', localized(federationText, (m) => m.errors.badUrl));
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('metadata_sources').where('organisation_id', '=', organisationId).execute();
      await trx.insertInto('metadata_sources').values({ organisation_id: organisationId, url, format: source.format, registered_at: now, last_attempt_at: null }).execute();
      await this.audit.record(actor, { action: 'directory.federation.register', subjectType: 'organisation', subjectId: organisationId }, trx);
    });
  }

  async unregister(organisationId: string, actor: Actor): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('metadata_sources').where('organisation_id', '=', organisationId).execute();
      await this.audit.record(actor, { action: 'directory.federation.unregister', subjectType: 'organisation', subjectId: organisationId }, trx);
    });
  }

  async status(organisationId: string) {
    const [source, imports] = await Promise.all([
      this.db.selectFrom('metadata_sources').selectAll().where('organisation_id', '=', organisationId).executeTakeFirst(),
      this.db
        .selectFrom('metadata_imports')
        .select(['id', 'number', 'url', 'format', 'fetched_at', 'outcome', 'reason', 'detail', 'flags', 'content_sha256'])
        .where('organisation_id', '=', organisationId)
        .orderBy('number', 'desc')
        .limit(20)
        .execute(),
    ]);
    return {
      source: source ?? null,
      imports: imports.map((i) => ({ ...i, flags: JSON.parse(i.flags) as MaterialChange[] & { ignored?: string[] } })),
    };
  }

  /** The files of one imported version, as they were fetched. */
  async version(organisationId: string, number: number): Promise<{ fetchedAt: string; files: Record<string, string> }> {
    const row = await this.db
      .selectFrom('metadata_imports')
      .select(['fetched_at', 'content'])
      .where('organisation_id', '=', organisationId)
      .where('number', '=', number)
      .where('outcome', '=', 'imported')
      .executeTakeFirst();
    if (!row?.content) throw AppError.notFound();
    return { fetchedAt: row.fetched_at, files: JSON.parse(row.content) as Record<string, string> };
  }

  /** Sources not read since `before`, oldest first. */
  async due(before: string, limit = 10_000) {
    return this.db
      .selectFrom('metadata_sources')
      .select('organisation_id')
      .where((eb) => eb.or([eb('last_attempt_at', 'is', null), eb('last_attempt_at', '<', before)]))
      .orderBy('registered_at')
      .limit(limit)
      .execute()
      .then((rows) => rows.map((r) => r.organisation_id));
  }

  /** Reads every given source, `concurrency` at a time, telling `onProgress` after each. */
  async crawl(organisationIds: string[], options: { concurrency: number; onProgress?: (done: number, outcome: ReadingOutcome) => void }): Promise<ReadingOutcome[]> {
    const outcomes: ReadingOutcome[] = [];
    let next = 0;
    const worker = async () => {
      while (next < organisationIds.length) {
        const organisationId = organisationIds[next++]!;
        // One source failing in an unforeseen way (its registration removed meanwhile, the database busy) must not stop the others.
        const outcome = await this.read(organisationId).catch((error: unknown): ReadingOutcome => {
          this.log.error({ organisationId, err: error }, 'metadata reading failed');
          return { organisationId, outcome: 'rejected', reason: 'error', flags: [] };
        });
        outcomes.push(outcome);
        options.onProgress?.(outcomes.length, outcome);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
    return outcomes;
  }

  /** One reading: fetched and parsed outside any transaction, then applied (or refused) in one. */
  async read(organisationId: string): Promise<ReadingOutcome> {
    const source = await this.db.selectFrom('metadata_sources').selectAll().where('organisation_id', '=', organisationId).executeTakeFirst();
    if (!source) throw AppError.notFound();
    const fetchedAt = this.clock.now().toISOString();
    const row = { id: newId(), organisation_id: organisationId, url: source.url, format: source.format, fetched_at: fetchedAt };
    let reading: Awaited<ReturnType<typeof readMetadata>>;
    try {
      reading = await readMetadata(source.url, source.format, this.policy);
    } catch (error) {
      if (!(error instanceof MetadataRejected)) throw error;
      await this.db.transaction().execute(async (trx) => {
        await trx.insertInto('metadata_imports').values({ ...row, number: await nextNumber(trx, 'metadata_imports', 'organisation_id', organisationId), outcome: 'rejected', reason: error.code, detail: error.detail.slice(0, 500), content_sha256: null, content: null, flags: '[]' }).execute();
        await trx.updateTable('metadata_sources').set({ last_attempt_at: fetchedAt }).where('organisation_id', '=', organisationId).execute();
      });
      this.log.info({ organisationId, reason: error.code }, 'metadata refused');
      return { organisationId, outcome: 'rejected', reason: error.code, flags: [] };
    }

    const organisation = await this.organisations.getById(organisationId);
    let flags: MaterialChange[] = [];
    const outcome = await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('metadata_sources').set({ last_attempt_at: fetchedAt }).where('organisation_id', '=', organisationId).execute();
      const last = await trx
        .selectFrom('metadata_imports')
        .select('content_sha256')
        .where('organisation_id', '=', organisationId)
        .where('outcome', '=', 'imported')
        .orderBy('number', 'desc')
        .executeTakeFirst();
      if (last?.content_sha256 === reading.sha256) {
        await trx.insertInto('metadata_imports').values({ ...row, number: await nextNumber(trx, 'metadata_imports', 'organisation_id', organisationId), outcome: 'unchanged', reason: null, detail: null, content_sha256: reading.sha256, content: null, flags: '[]' }).execute();
        return 'unchanged' as const;
      }
      const before = snapshotOf(await this.directory.provider(organisation.slug, trx));
      const ignored = [...reading.metadata.ignored];
      await this.directory.change(organisation.slug, { kind: 'federation', actor: 'system' }, 'directory.federation.import', (t, id, now) => applyMetadata(t, id, now, reading.metadata, ignored), trx);
      flags = materialChanges(before, snapshotOf(await this.directory.provider(organisation.slug, trx)));
      await trx
        .insertInto('metadata_imports')
        .values({ ...row, number: await nextNumber(trx, 'metadata_imports', 'organisation_id', organisationId), outcome: 'imported', reason: null, detail: ignored.length ? `ignored: ${ignored.slice(0, 50).join(', ')}`.slice(0, 500) : null, content_sha256: reading.sha256, content: JSON.stringify(reading.files), flags: JSON.stringify(flags) })
        .execute();
      if (flags.length > 0) await this.notify(organisation, flags, trx);
      for (const listener of this.#importListeners) await listener(organisationId, { format: source.format, files: reading.files }, trx);
      return 'imported' as const;
    });
    if (outcome === 'imported') this.directory.changed();
    return { organisationId, outcome, reason: null, flags };
  }

  /** Tells the provider's delegates and the stewards, each in their language, in the import's transaction. */
  private async notify(organisation: { id: string; slug: string; name: string }, flags: MaterialChange[], trx: Kysely<Database>): Promise<void> {
    const recipients = new Map<string, Locale>();
    for (const row of [...(await this.organisations.delegatesOf([organisation.id], trx)), ...(await this.accounts.withRole('steward', trx))]) {
      recipients.set(row.id, isLocale(row.locale) ? row.locale : 'en');
    }
    const link = new URL(`/directory/providers/${organisation.slug}`, this.config.publicUrl).toString();
    for (const [accountId, locale] of recipients) {
      const m = federationText[locale];
      const lines = flags.map((f) => `- ${flagText(f, locale)}`).join('\n');
      await this.mailer.notify(accountId, { subject: m.noticeSubject(organisation.name), text: m.noticeText(organisation.name, lines, link), sensitive: false }, trx);
    }
  }
}

export function flagText(flag: MaterialChange, locale: Locale): string {
  const m = federationText[locale].flags;
  return flag.kind === 'new-country' ? m['new-country'](countryName(flag.country, locale)) : m[flag.kind](flag.service);
}

/**
 * Applies what the file says: stated profile fields replace Haven's, each
 * checked against the same schema as a form (a bad value is left aside, not
 * stored); services are matched by name; services that came from an earlier
 * file and are gone now are removed; services typed in Haven stay.
 */
async function applyMetadata(trx: Kysely<Database>, organisationId: string, now: string, metadata: ImportedMetadata, ignored: string[]): Promise<void> {
  const current = await findProfile(trx, organisationId);
  const profile: ProviderProfile = current ? profileFromRow(current) : emptyProfile();
  for (const [field, value] of Object.entries(metadata.profile) as [keyof ProviderProfile, unknown][]) {
    if (value === undefined) continue;
    if (Value.Check(ProfileBody.properties[field], value)) (profile as unknown as Record<string, unknown>)[field] = value;
    else ignored.push(field);
  }
  await saveProfile(trx, organisationId, profile, now);

  const existing = await servicesOf(trx, organisationId);
  const bySlug = new Map(existing.map((s) => [s.slug, s]));
  const taken = new Set(existing.map((s) => s.slug));
  const seen = new Set<string>();
  for (const imported of metadata.services) {
    const match = existing.find((s) => s.name.toLowerCase() === imported.name.toLowerCase() && !seen.has(s.slug));
    const { id: _id, slug: _slug, origin: _origin, ...kept } = match ?? { ...newService(), id: '', slug: '', origin: 'federation' };
    const service: ProviderService = { ...kept };
    for (const [field, value] of Object.entries(imported) as [keyof ProviderService, unknown][]) {
      if (value === undefined) continue;
      if (Value.Check(ServiceBody.properties[field], value)) (service as unknown as Record<string, unknown>)[field] = value;
      else ignored.push(`${imported.name}: ${field}`);
    }
    if (!Value.Check(ServiceBody, service)) {
      ignored.push(imported.name);
      continue;
    }
    if (match) {
      seen.add(match.slug);
      await trx.updateTable('provider_services').set({ ...serviceToRow(service), origin: 'federation', updated_at: now }).where('id', '=', match.id).execute();
    } else {
      const slug = serviceSlugFor(service.name, taken);
      taken.add(slug);
      seen.add(slug);
      await trx.insertInto('provider_services').values({ id: newId(), organisation_id: organisationId, slug, ...serviceToRow(service), origin: 'federation', created_at: now, updated_at: now }).execute();
    }
  }
  for (const [slug, service] of bySlug) {
    if (service.origin === 'federation' && !seen.has(slug)) await trx.deleteFrom('provider_services').where('id', '=', service.id).execute();
  }
}
