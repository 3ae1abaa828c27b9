import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ProviderProfile } from './directory.model.ts';
import { listedProviders, profileFromRow, servicesOfMany, type StoredService } from './directory.repository.ts';

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

/** Providers read per query: each read is short, so a server loading a large directory keeps answering meanwhile. */
const PAGE = 500;

export async function loadListedProviders(db: Kysely<Database>): Promise<ListedProvider[]> {
  const providers: ListedProvider[] = [];
  let after = '';
  for (;;) {
    const rows = await listedProviders(db, after, PAGE);
    if (rows.length === 0) return providers;
    const services = await servicesOfMany(db, rows.map((r) => r.organisation_id));
    for (const row of rows) {
      providers.push({
        id: row.organisation_id,
        slug: row.slug,
        name: row.name,
        kind: row.kind,
        member: row.membership_status === 'member',
        memberSince: row.membership_status === 'member' ? (row.joined_at ?? null) : null,
        profile: profileFromRow(row),
        services: services.get(row.organisation_id) ?? [],
        updatedAt: row.updated_at,
      });
    }
    after = rows.at(-1)!.slug;
    // better-sqlite3 reads synchronously: let waiting requests through between pages.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** A service someone can sign up to today: running, and its registration not closed or full. */
export function isOpenNow(service: StoredService): boolean {
  return (service.status === 'active' || service.status === 'beta') && service.registrationOpen;
}

export function isCurrent(service: StoredService): boolean {
  return service.status !== 'ended';
}
