import { nextNumber } from '../../db/next-number.ts';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ProviderProfile, ProviderService } from './directory.model.ts';
import type { ProviderProfilesTable, ProviderServicesTable } from './directory.table.ts';

/** All SQL of the directory's profiles, services and history; plain functions over `db` or a transaction. */

export const PROVIDER_KINDS = ['hosting-provider', 'security-provider'] as const;

export function profileFromRow(row: ProviderProfilesTable): ProviderProfile {
  return {
    description: row.description,
    structureType: row.structure_type as ProviderProfile['structureType'],
    website: row.website,
    contact: row.contact,
    languages: JSON.parse(row.languages) as string[],
    countries: JSON.parse(row.countries) as string[],
    economicModel: row.economic_model as ProviderProfile['economicModel'],
    prices: row.prices,
    termsUrl: row.terms_url,
    privacyUrl: row.privacy_url,
    infrastructure: row.infrastructure,
    hypervisorAccess: row.hypervisor_access,
    physicalHost: row.physical_host,
    onionAddress: row.onion_address,
    fitness: JSON.parse(row.fitness) as ProviderProfile['fitness'],
  };
}

export function profileToRow(profile: ProviderProfile) {
  return {
    description: profile.description,
    structure_type: profile.structureType,
    website: profile.website,
    contact: profile.contact,
    languages: JSON.stringify(profile.languages),
    countries: JSON.stringify(profile.countries),
    economic_model: profile.economicModel,
    prices: profile.prices,
    terms_url: profile.termsUrl,
    privacy_url: profile.privacyUrl,
    infrastructure: profile.infrastructure,
    hypervisor_access: profile.hypervisorAccess,
    physical_host: profile.physicalHost,
    onion_address: profile.onionAddress,
    fitness: JSON.stringify(profile.fitness),
  };
}

export type StoredService = ProviderService & { id: string; slug: string; origin: 'haven' | 'federation' };

export function serviceFromRow(row: ProviderServicesTable): StoredService {
  return {
    id: row.id,
    slug: row.slug,
    origin: row.origin,
    name: row.name,
    category: row.category,
    description: row.description,
    url: row.url,
    softwareName: row.software_name,
    softwareLicence: row.software_licence,
    softwareVersion: row.software_version,
    sourceUrl: row.source_url,
    registration: row.registration,
    registrationOpen: row.registration_open === 1,
    price: row.price,
    freeOfCharge: row.free_of_charge === 1,
    languages: JSON.parse(row.languages) as string[],
    hostingCountry: row.hosting_country,
    onionAddress: row.onion_address,
    endToEndEncryption: row.end_to_end === 1,
    status: row.status,
  };
}

export function serviceToRow(service: ProviderService) {
  return {
    name: service.name,
    category: service.category,
    description: service.description,
    url: service.url,
    software_name: service.softwareName,
    software_licence: service.softwareLicence,
    software_version: service.softwareVersion,
    source_url: service.sourceUrl,
    registration: service.registration,
    registration_open: service.registrationOpen ? 1 : 0,
    price: service.price,
    free_of_charge: service.freeOfCharge ? 1 : 0,
    languages: JSON.stringify(service.languages),
    hosting_country: service.hostingCountry,
    onion_address: service.onionAddress,
    end_to_end: service.endToEndEncryption ? 1 : 0,
    status: service.status,
  };
}

export function findProfile(db: Kysely<Database>, organisationId: string) {
  return db.selectFrom('provider_profiles').selectAll().where('organisation_id', '=', organisationId).executeTakeFirst();
}

export async function saveProfile(trx: Kysely<Database>, organisationId: string, profile: ProviderProfile, now: string): Promise<void> {
  const row = { ...profileToRow(profile), updated_at: now };
  const updated = await trx.updateTable('provider_profiles').set(row).where('organisation_id', '=', organisationId).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) await trx.insertInto('provider_profiles').values({ organisation_id: organisationId, ...row }).execute();
}

export async function servicesOf(db: Kysely<Database>, organisationId: string): Promise<StoredService[]> {
  const rows = await db.selectFrom('provider_services').selectAll().where('organisation_id', '=', organisationId).orderBy('name').orderBy('slug').execute();
  return rows.map(serviceFromRow);
}

export function nextRevisionNumber(trx: Kysely<Database>, organisationId: string): Promise<number> {
  return nextNumber(trx, 'profile_revisions', 'organisation_id', organisationId);
}

export function revisionsOf(db: Kysely<Database>, organisationId: string) {
  return db
    .selectFrom('profile_revisions')
    .leftJoin('accounts', 'accounts.id', 'profile_revisions.changed_by')
    .select(['profile_revisions.number', 'profile_revisions.snapshot', 'profile_revisions.changed_by_kind', 'profile_revisions.created_at', 'accounts.username'])
    .where('profile_revisions.organisation_id', '=', organisationId)
    .orderBy('profile_revisions.number', 'desc')
    .execute();
}

/** Tells every instance that the directory changed; in the same transaction as the change. */
export async function bumpDirectoryRevision(trx: Kysely<Database>): Promise<void> {
  await trx.updateTable('directory_state').set({ revision: sql`revision + 1` }).where('id', '=', 1).execute();
}

export async function directoryRevision(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('directory_state').select('revision').where('id', '=', 1).executeTakeFirst();
  return Number(row?.revision ?? 0);
}

/** Listed providers with their profiles, a page at a time in slug order (for the search index and open data). */
export function listedProviders(db: Kysely<Database>, after: string, limit: number) {
  return db
    .selectFrom('provider_profiles')
    .innerJoin('organisations', 'organisations.id', 'provider_profiles.organisation_id')
    .leftJoin('coalition_memberships', 'coalition_memberships.organisation_id', 'organisations.id')
    .selectAll('provider_profiles')
    .select(['organisations.slug', 'organisations.name', 'organisations.kind', 'coalition_memberships.status as membership_status', 'coalition_memberships.joined_at'])
    .where('organisations.kind', 'in', [...PROVIDER_KINDS])
    .where('organisations.slug', '>', after)
    .orderBy('organisations.slug')
    .limit(limit)
    .execute();
}

export async function servicesOfMany(db: Kysely<Database>, organisationIds: string[]): Promise<Map<string, StoredService[]>> {
  const byProvider = new Map<string, StoredService[]>();
  if (organisationIds.length === 0) return byProvider;
  const rows = await db.selectFrom('provider_services').selectAll().where('organisation_id', 'in', organisationIds).orderBy('organisation_id').orderBy('name').orderBy('slug').execute();
  for (const row of rows) {
    const list = byProvider.get(row.organisation_id) ?? [];
    list.push(serviceFromRow(row));
    byProvider.set(row.organisation_id, list);
  }
  return byProvider;
}
