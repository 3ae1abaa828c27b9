import type { ProviderProfile, ProviderService } from './directory.model.ts';

/** A profile as the history keeps it: what the public sees, without database ids. */
export interface ProfileSnapshot {
  profile: ProviderProfile;
  services: (ProviderService & { slug: string })[];
}

export function snapshotOf(record: { profile: ProviderProfile; services: (ProviderService & { slug: string; id?: string; origin?: string })[] }): ProfileSnapshot {
  return {
    profile: record.profile,
    services: record.services.map(({ id: _id, origin: _origin, ...service }) => service).sort((a, b) => a.slug.localeCompare(b.slug)),
  };
}

export type ProfileChange =
  | { kind: 'profile'; field: keyof ProviderProfile; before: unknown; after: unknown }
  | { kind: 'service-added'; service: string }
  | { kind: 'service-removed'; service: string }
  | { kind: 'service'; service: string; field: keyof ProviderService; before: unknown; after: unknown };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** What changed from one revision to the next, field by field; a first revision lists nothing. */
export function changesBetween(previous: ProfileSnapshot | null, next: ProfileSnapshot): ProfileChange[] {
  if (!previous) return [];
  const changes: ProfileChange[] = [];
  for (const field of Object.keys(next.profile) as (keyof ProviderProfile)[]) {
    if (!same(previous.profile[field], next.profile[field])) changes.push({ kind: 'profile', field, before: previous.profile[field], after: next.profile[field] });
  }
  const before = new Map(previous.services.map((s) => [s.slug, s]));
  const after = new Map(next.services.map((s) => [s.slug, s]));
  for (const [slug, service] of after) {
    const old = before.get(slug);
    if (!old) {
      changes.push({ kind: 'service-added', service: service.name });
      continue;
    }
    for (const field of Object.keys(service) as (keyof ProviderService | 'slug')[]) {
      if (field === 'slug') continue;
      if (!same(old[field], service[field])) changes.push({ kind: 'service', service: service.name, field, before: old[field], after: service[field] });
    }
  }
  for (const [slug, service] of before) if (!after.has(slug)) changes.push({ kind: 'service-removed', service: service.name });
  return changes;
}

/** A readable, stable slug for a new service, unique within its provider. */
export function serviceSlugFor(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 56)
      .replace(/-+$/g, '') || 'service';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
