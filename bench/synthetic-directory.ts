import type { Kysely } from 'kysely';
import type { Database } from '../src/db/schema.ts';
import {
  ECONOMIC_MODELS,
  INFRASTRUCTURE_CONTROLS,
  STRUCTURE_TYPES,
  type ProviderProfile,
  type ProviderService,
  type RegistrationKind,
  type ServiceCategory,
  type ServiceStatus,
} from '../src/features/directory/directory.model.ts';
import { bumpDirectoryRevision, profileToRow, serviceToRow } from '../src/features/directory/directory.repository.ts';
import { serviceSlugFor } from '../src/features/directory/profile-history.ts';
import { newId } from '../src/platform/crypto/secret-token.ts';
import {
  AUDIENCES,
  CATEGORY_NOUNS,
  CITIES,
  COMMITMENTS,
  COUNTRIES,
  HOSTING_CATEGORIES,
  LANGUAGES,
  LICENCES,
  NAME_SUFFIXES,
  NAME_WORDS,
  PHYSICAL_HOSTS,
  SECURITY_CATEGORIES,
  SOFTWARE,
} from './directory-vocabulary.ts';
import { SeededRandom } from './seeded-random.ts';

/**
 * A directory the size the coalition plans for, written straight into the
 * tables: going through DirectoryService would add a revision and an audit
 * entry per row and take minutes, and the search reads only these tables.
 */
export interface DirectorySize {
  providers: number;
  services: number;
  seed: number;
}

export interface SeededDirectory {
  providers: number;
  services: number;
  members: number;
  milliseconds: number;
}

// Rows per INSERT: under SQLite's and PostgreSQL's limits on bound parameters (25 columns × 400).
const BATCH = 400;
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

export async function seedDirectory(db: Kysely<Database>, size: DirectorySize, now = new Date().toISOString()): Promise<SeededDirectory> {
  const started = performance.now();
  const random = new SeededRandom(size.seed);
  const perProvider = serviceCounts(random, size.providers, size.services);
  const slugs = new Set<string>();
  let members = 0;
  await db.transaction().execute(async (trx) => {
    for (let first = 0; first < size.providers; first += BATCH) {
      const organisations = [];
      const profiles = [];
      const services = [];
      const memberships = [];
      for (let i = first; i < Math.min(size.providers, first + BATCH); i++) {
        const provider = syntheticProvider(random, perProvider[i]!, slugs);
        const id = newId();
        organisations.push({ id, slug: provider.slug, name: provider.name, kind: provider.kind, created_at: now, updated_at: now });
        profiles.push({ organisation_id: id, ...profileToRow(provider.profile), updated_at: now });
        const taken = new Set<string>();
        for (const service of provider.services) {
          const slug = serviceSlugFor(service.name, taken);
          taken.add(slug);
          services.push({ id: newId(), organisation_id: id, slug, ...serviceToRow(service), origin: 'haven' as const, created_at: now, updated_at: now });
        }
        if (random.chance(0.04)) {
          members++;
          memberships.push({ organisation_id: id, status: 'member' as const, joined_at: now, joined_by: 'application', ended_at: null, end_kind: null, end_reason: null, confirmed_at: now, confirmed_version: 1 });
        }
      }
      await trx.insertInto('organisations').values(organisations).execute();
      await trx.insertInto('provider_profiles').values(profiles).execute();
      for (let s = 0; s < services.length; s += BATCH) await trx.insertInto('provider_services').values(services.slice(s, s + BATCH)).execute();
      if (memberships.length > 0) await trx.insertInto('coalition_memberships').values(memberships).execute();
    }
    await bumpDirectoryRevision(trx);
  });
  return { providers: size.providers, services: size.services, members, milliseconds: performance.now() - started };
}

/** From 1 to 12 services each, about five on average, adding up to exactly `total`. */
function serviceCounts(random: SeededRandom, providers: number, total: number): number[] {
  const mean = total / providers;
  const counts = Array.from({ length: providers }, () => Math.max(1, Math.round(mean + (random.next() + random.next() + random.next() - 1.5) * mean * 0.9)));
  let sum = counts.reduce((a, b) => a + b, 0);
  while (sum !== total) {
    const i = random.int(0, providers - 1);
    const step = sum < total ? 1 : -1;
    const count = counts[i]! + step;
    if (count < 1 || count > 12) continue;
    counts[i] = count;
    sum += step;
  }
  return counts;
}

interface SyntheticProvider {
  slug: string;
  name: string;
  kind: 'hosting-provider' | 'security-provider';
  profile: ProviderProfile;
  services: ProviderService[];
}

function syntheticProvider(random: SeededRandom, serviceCount: number, slugs: Set<string>): SyntheticProvider {
  const word = random.pick(NAME_WORDS);
  const name = `${word} ${random.pickSkewed(NAME_SUFFIXES, 0.6)}`;
  const slug = serviceSlugFor(name, slugs);
  slugs.add(slug);
  const kind = random.chance(0.85) ? 'hosting-provider' : 'security-provider';
  const countries = random.someSkewed(COUNTRIES, 1, random.chance(0.85) ? 1 : 3, 0.9);
  const city = random.pick(CITIES[countries[0]!]!);
  const languages = random.someSkewed(LANGUAGES, 1, 3, 1.1);
  const categories = kind === 'hosting-provider' ? HOSTING_CATEGORIES : SECURITY_CATEGORIES;
  const audiences = [random.pickSkewed(AUDIENCES, 0.7), random.pickSkewed(AUDIENCES, 0.7)];
  const offered = random.someSkewed(categories, 2, 3, 0.8).map((c) => CATEGORY_NOUNS[c][0]!.toLowerCase());
  const structure = random.pick(STRUCTURE_TYPES);
  const medium = random.chance(0.5);
  const explanation = (level: string) => `We have served ${random.pick(AUDIENCES)} at ${level} risk since ${random.int(2005, 2023)}; ${random.pick(COMMITMENTS).toLowerCase()}.`;
  const profile: ProviderProfile = {
    description: `${/^[aeiou]/.test(structure) ? 'An' : 'A'} ${structure.replace('-', ' ')} based in ${city}, offering ${offered.join(', ')} to ${audiences[0]} and ${audiences[1]}. ${random.pick(COMMITMENTS)}. ${random.pick(COMMITMENTS)}.`,
    structureType: structure,
    website: `https://${slug}.example.org`,
    contact: `contact@${slug}.example.org`,
    languages,
    countries,
    economicModel: random.pick(ECONOMIC_MODELS),
    prices: random.chance(0.5) ? '' : `From ${random.int(1, 12)} € a month; free for ${random.pick(AUDIENCES)}.`,
    termsUrl: random.chance(0.7) ? `https://${slug}.example.org/terms` : null,
    privacyUrl: random.chance(0.8) ? `https://${slug}.example.org/privacy` : null,
    infrastructure: random.pick(INFRASTRUCTURE_CONTROLS),
    hypervisorAccess: random.pick(['Only our own administrators', 'Our administrators and the host’s staff', '']),
    physicalHost: random.pick(PHYSICAL_HOSTS),
    onionAddress: random.chance(0.08) ? onion(random) : null,
    fitness: {
      low: random.chance(0.85) ? { fit: true, explanation: explanation('low') } : { fit: false, explanation: '' },
      medium: medium ? { fit: true, explanation: explanation('medium') } : { fit: false, explanation: '' },
      high: medium && random.chance(0.3) ? { fit: true, explanation: explanation('high') } : { fit: false, explanation: '' },
    },
  };
  const services: ProviderService[] = [];
  const names = new Set<string>();
  for (let i = 0; i < serviceCount; i++) {
    const category = random.pickSkewed(categories, 0.8);
    const software = random.pick(SOFTWARE[category]);
    let serviceName = `${word} ${random.pick(CATEGORY_NOUNS[category])}`;
    if (names.has(serviceName)) serviceName = `${word} ${software}`;
    if (names.has(serviceName)) serviceName = `${word} ${software} ${i + 1}`;
    names.add(serviceName);
    services.push(syntheticService(random, category, serviceName, software, { slug, languages, countries, city }));
  }
  return { slug, name, kind, profile, services };
}

function syntheticService(
  random: SeededRandom,
  category: ServiceCategory,
  name: string,
  software: string,
  provider: { slug: string; languages: string[]; countries: string[]; city: string },
): ProviderService {
  const registration: RegistrationKind = random.pickSkewed(['free', 'members', 'none', 'clients'] as const, 1);
  const freeOfCharge = registration === 'free' || registration === 'none' ? random.chance(0.9) : random.chance(0.15);
  const e2eLikelihood: Partial<Record<ServiceCategory, number>> = { chat: 0.7, 'video-calls': 0.5, pads: 0.3, 'file-sharing': 0.3, email: 0.15, vpn: 0.9 };
  const status: ServiceStatus = random.pickSkewed(['active', 'beta', 'ending', 'ended'] as const, 2.2);
  const host = random.chance(0.8) ? provider.countries[0]! : random.chance(0.9) ? random.pickSkewed(COUNTRIES, 0.9) : null;
  const part = name.split(' ').slice(1).join('-').toLowerCase().replace(/[^a-z0-9-]/g, '');
  return {
    name,
    category,
    description: `${software} for ${random.pickSkewed(AUDIENCES, 0.7)}, hosted in ${provider.city}. ${random.pick(COMMITMENTS)}.`,
    url: `https://${part || 'service'}.${provider.slug}.example.org`,
    softwareName: software,
    softwareLicence: random.pick(LICENCES),
    softwareVersion: `${random.int(1, 30)}.${random.int(0, 12)}.${random.int(0, 9)}`,
    sourceUrl: random.chance(0.6) ? `https://source.example.org/${software.toLowerCase().replace(/[^a-z0-9]+/g, '-')}` : null,
    registration,
    registrationOpen: random.chance(0.75),
    price: freeOfCharge ? '' : `${random.int(2, 30)} € a month`,
    freeOfCharge,
    languages: random.chance(0.7) ? provider.languages : random.someSkewed(LANGUAGES, 1, 2, 1.1),
    hostingCountry: host,
    onionAddress: random.chance(0.04) ? onion(random) : null,
    endToEndEncryption: random.chance(e2eLikelihood[category] ?? 0.05),
    status,
  };
}

function onion(random: SeededRandom): string {
  let address = '';
  for (let i = 0; i < 56; i++) address += BASE32[random.int(0, 31)];
  return `http://${address}.onion`;
}
