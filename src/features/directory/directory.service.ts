import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor, AuditTrail } from '../../platform/audit/audit-trail.ts';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/secret-token.ts';
import { checkInput } from '../../platform/http/check-input.ts';
import { AppError } from '../../platform/http/errors.ts';
import { localized } from '../../platform/i18n/locale.ts';
import type { OrganisationsService } from '../organisations/organisations.service.ts';
import { RISK_LEVELS, type ProviderProfile, type ProviderService } from './directory.model.ts';
import { directoryText } from './directory.messages.ts';
import * as repo from './directory.repository.ts';
import { ProfileBody, ServiceBody } from './directory.schemas.ts';
import { serviceSlugFor, snapshotOf, type ProfileSnapshot } from './profile-history.ts';

/** How a change shows in the public history: the kind of person or process, never more to outsiders. */
export type ChangedBy = { kind: 'delegate' | 'steward'; actor: Exclude<Actor, 'system'> } | { kind: 'federation' | 'system'; actor: 'system' };

export interface ProviderRecord {
  organisation: { id: string; slug: string; name: string; kind: string };
  /** False until the provider first saves its profile: only published profiles are listed. */
  published: boolean;
  profile: ProviderProfile;
  services: repo.StoredService[];
  updatedAt: string | null;
}

export function emptyProfile(): ProviderProfile {
  return {
    description: '',
    structureType: null,
    website: null,
    contact: null,
    languages: [],
    countries: [],
    economicModel: null,
    prices: '',
    termsUrl: null,
    privacyUrl: null,
    infrastructure: null,
    hypervisorAccess: '',
    physicalHost: '',
    onionAddress: null,
    fitness: { low: { fit: false, explanation: '' }, medium: { fit: false, explanation: '' }, high: { fit: false, explanation: '' } },
  };
}

/** Provider profiles and their services, with every change kept as a revision. */
export class DirectoryService {
  readonly #listeners: (() => void)[] = [];

  constructor(
    private readonly db: Kysely<Database>,
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  /** Called after every committed change (the search index of this instance listens). */
  onChange(listener: () => void): void {
    this.#listeners.push(listener);
  }

  changed(): void {
    for (const listener of this.#listeners) listener();
  }

  async provider(slug: string, trx: Kysely<Database> = this.db): Promise<ProviderRecord> {
    const organisation = await this.organisations.findBySlug(slug, trx);
    if (!organisation || !(repo.PROVIDER_KINDS as readonly string[]).includes(organisation.kind)) throw AppError.notFound();
    const [row, services] = await Promise.all([repo.findProfile(trx, organisation.id), repo.servicesOf(trx, organisation.id)]);
    return {
      organisation: { id: organisation.id, slug: organisation.slug, name: organisation.name, kind: organisation.kind },
      published: row !== undefined,
      profile: row ? repo.profileFromRow(row) : emptyProfile(),
      services,
      updatedAt: row?.updated_at ?? null,
    };
  }

  async saveProfile(slug: string, input: ProviderProfile, by: ChangedBy): Promise<void> {
    checkProfile(input);
    await this.change(slug, by, 'directory.profile.update', async (trx, organisationId, now) => {
      await repo.saveProfile(trx, organisationId, input, now);
    });
  }

  async addService(slug: string, input: ProviderService, by: ChangedBy): Promise<string> {
    checkService(input);
    let serviceSlug = '';
    await this.change(slug, by, 'directory.service.add', async (trx, organisationId, now) => {
      const taken = new Set((await repo.servicesOf(trx, organisationId)).map((s) => s.slug));
      serviceSlug = serviceSlugFor(input.name, taken);
      await trx
        .insertInto('provider_services')
        .values({ id: newId(), organisation_id: organisationId, slug: serviceSlug, ...repo.serviceToRow(input), origin: 'haven', created_at: now, updated_at: now })
        .execute();
    });
    return serviceSlug;
  }

  async updateService(slug: string, serviceSlug: string, input: ProviderService, by: ChangedBy): Promise<void> {
    checkService(input);
    await this.change(slug, by, 'directory.service.update', async (trx, organisationId, now) => {
      const result = await trx
        .updateTable('provider_services')
        .set({ ...repo.serviceToRow(input), origin: 'haven', updated_at: now })
        .where('organisation_id', '=', organisationId)
        .where('slug', '=', serviceSlug)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw AppError.notFound();
    });
  }

  async removeService(slug: string, serviceSlug: string, by: ChangedBy): Promise<void> {
    await this.change(slug, by, 'directory.service.remove', async (trx, organisationId) => {
      const result = await trx.deleteFrom('provider_services').where('organisation_id', '=', organisationId).where('slug', '=', serviceSlug).executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) throw AppError.notFound();
    });
  }

  /**
   * Something the directory shows changed outside it: the organisation is
   * being deleted (its rows go with it by cascade), or it joined or left the
   * coalition. Every instance must refresh its search index, this one at once.
   */
  async organisationChanged(trx: Kysely<Database>): Promise<void> {
    await repo.bumpDirectoryRevision(trx);
    this.changed();
  }

  /** Every revision, newest first, each with the snapshot before it for comparison. */
  async history(organisationId: string) {
    const rows = await repo.revisionsOf(this.db, organisationId);
    return rows.map((row, i) => ({
      number: row.number,
      at: row.created_at,
      changedByKind: row.changed_by_kind as ChangedBy['kind'],
      username: row.username,
      snapshot: JSON.parse(row.snapshot) as ProfileSnapshot,
      previous: rows[i + 1] ? (JSON.parse(rows[i + 1]!.snapshot) as ProfileSnapshot) : null,
    }));
  }

  /**
   * Runs a change in one transaction: the edit, a revision when anything
   * actually changed, the audit entry and the directory's revision bump.
   * Inside, only `trx` is used (SQLite has a single connection).
   */
  async change(
    slug: string,
    by: ChangedBy,
    action: string,
    edit: (trx: Kysely<Database>, organisationId: string, now: string) => Promise<void>,
    trx?: Kysely<Database>,
  ): Promise<boolean> {
    const run = async (t: Kysely<Database>) => {
      const before = await this.provider(slug, t);
      const now = this.clock.now().toISOString();
      await edit(t, before.organisation.id, now);
      const after = await this.provider(slug, t);
      if (!after.published) await repo.saveProfile(t, before.organisation.id, after.profile, now);
      const snapshot = snapshotOf(after);
      if (before.published && JSON.stringify(snapshot) === JSON.stringify(snapshotOf(before))) return false;
      await t
        .insertInto('profile_revisions')
        .values({
          id: newId(),
          organisation_id: before.organisation.id,
          number: await repo.nextRevisionNumber(t, before.organisation.id),
          snapshot: JSON.stringify(snapshot),
          changed_by_kind: by.kind,
          changed_by: by.actor === 'system' ? null : by.actor.accountId,
          created_at: now,
        })
        .execute();
      await t.updateTable('provider_profiles').set({ updated_at: now }).where('organisation_id', '=', before.organisation.id).execute();
      await this.audit.record(by.actor, { action, subjectType: 'organisation', subjectId: before.organisation.id }, t);
      await repo.bumpDirectoryRevision(t);
      return true;
    };
    if (trx) return run(trx);
    const changed = await this.db.transaction().execute(run);
    if (changed) this.changed();
    return changed;
  }
}

/** Each field checked on its own, so a form shows every problem next to its field. */
function checkFields(schema: typeof ProfileBody | typeof ServiceBody, input: object): void {
  const values = input as Record<string, unknown>;
  checkInput(Object.fromEntries(Object.entries(schema.properties).map(([field, fieldSchema]) => [field, { schema: fieldSchema, value: values[field] }])));
}

function checkProfile(input: ProviderProfile): void {
  checkFields(ProfileBody, input);
  for (const level of RISK_LEVELS) {
    if (input.fitness[level].fit && input.fitness[level].explanation.trim() === '') {
      throw AppError.field('fitness_unexplained', `fitness-${level}`, localized(directoryText, (m) => m.errors.fitnessUnexplained(m.riskLevels[level])));
    }
  }
}

function checkService(input: ProviderService): void {
  checkFields(ServiceBody, input);
}
