import type { ProfileSnapshot } from '../profile-history.ts';

/** A change that matters to people relying on the provider, flagged to its delegates and the stewards. */
export type MaterialChange =
  | { kind: 'new-country'; country: string }
  | { kind: 'registration-closed'; service: string }
  | { kind: 'service-ending'; service: string };

const countriesOf = (s: ProfileSnapshot) => new Set([...s.profile.countries, ...s.services.flatMap((x) => (x.hostingCountry ? [x.hostingCountry] : []))]);
const ending = (status: string) => status === 'ending' || status === 'ended';

export function materialChanges(before: ProfileSnapshot, after: ProfileSnapshot): MaterialChange[] {
  const changes: MaterialChange[] = [];
  const known = countriesOf(before);
  for (const country of countriesOf(after)) if (!known.has(country)) changes.push({ kind: 'new-country', country });
  const next = new Map(after.services.map((s) => [s.slug, s]));
  for (const old of before.services) {
    const now = next.get(old.slug);
    if (!now) {
      if (!ending(old.status)) changes.push({ kind: 'service-ending', service: old.name });
      continue;
    }
    if (!ending(old.status) && ending(now.status)) changes.push({ kind: 'service-ending', service: old.name });
    else if (old.registration !== 'none' && old.registrationOpen && !now.registrationOpen) changes.push({ kind: 'registration-closed', service: old.name });
  }
  return changes;
}
