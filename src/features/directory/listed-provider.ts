import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ProviderProfile } from './directory.model.ts';
import { allServices, listedProviders, profileFromRow, type StoredService } from './directory.repository.ts';

/** A provider as the public directory shows it: search, open data and federation files all read this. */
export interface ListedProvider {
  id: string;
  slug: string;
  name: string;
  kind: string;
  member: boolean;
  memberSince: string | null;
  profile: ProviderProfile;
  services: StoredService[];
  updatedAt: string;
}

export async function loadListedProviders(db: Kysely<Database>): Promise<ListedProvider[]> {
  const [rows, services] = await Promise.all([listedProviders(db), allServices(db)]);
  return rows.map((row) => ({
    id: row.organisation_id,
    slug: row.slug,
    name: row.name,
    kind: row.kind,
    member: row.membership_status === 'member',
    memberSince: row.membership_status === 'member' ? (row.joined_at ?? null) : null,
    profile: profileFromRow(row),
    services: services.get(row.organisation_id) ?? [],
    updatedAt: row.updated_at,
  }));
}

/** A service someone can sign up to today: running, and its registration not closed or full. */
export function isOpenNow(service: StoredService): boolean {
  return (service.status === 'active' || service.status === 'beta') && service.registrationOpen;
}

export function isCurrent(service: StoredService): boolean {
  return service.status !== 'ended';
}
