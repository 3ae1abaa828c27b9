import type { ProviderService, RegistrationKind, ServiceCategory, ServiceStatus, StructureType } from '../directory.model.ts';
import { publishedAddress, type PublishedProvider } from './published-provider.ts';

/**
 * The Librehosters librehost.json: schema.org-flavoured keys of the shared
 * schema (version 0.0.1: name, description, homeUrl, contactUrl,
 * communicationLanguages, privacyPolicyUrl, termsOfServiceUrl,
 * organizationType…). That schema planned, but never fixed, a services list
 * and locations; Haven publishes them as `services` and `countries`, with the
 * directory's own field names, so another Haven reads them back whole.
 */
export const LIBREHOST_SCHEMA_VERSION = '0.0.1';

export interface LibrehostService {
  name: string;
  category: ServiceCategory;
  description?: string;
  url?: string;
  software?: { name?: string; version?: string; license?: string; sourceUrl?: string };
  status: ServiceStatus;
  registration: RegistrationKind;
  registrationOpen: boolean;
  price?: string;
  freeOfCharge: boolean;
  languages: string[];
  country?: string;
  onionAddress?: string;
  endToEndEncryption: boolean;
}

export interface LibrehostMember {
  '@context': 'http://schema.org';
  '@type': 'Organization';
  '@id': string;
  version: string;
  name: string;
  description?: string;
  organizationType?: string;
  homeUrl?: string;
  contactUrl?: string;
  communicationLanguages: string[];
  countries: string[];
  privacyPolicyUrl?: string;
  termsOfServiceUrl?: string;
  onionAddress?: string;
  isServiceProvider: boolean;
  dateModified: string;
  services: LibrehostService[];
}

/** Free text in the shared schema ("Informal collective"); these words read back to the same structure. */
export const ORGANIZATION_TYPE_WORDS: Record<StructureType, string> = {
  association: 'Association',
  cooperative: 'Cooperative',
  company: 'Company',
  collective: 'Informal collective',
  individual: 'Individual',
  foundation: 'Foundation',
  'public-body': 'Public body',
  other: 'Other',
};

export function librehostUrl(baseUrl: URL, providerSlug: string): string {
  return publishedAddress(baseUrl, `/federation/librehost/${encodeURIComponent(providerSlug)}.json`);
}

/** Empty strings and nulls are left out: the format has no "unknown" other than absence. */
const stated = (value: string | null | undefined) => (value && value.trim() ? value : undefined);

/** contactUrl is an address; an e-mail contact becomes a mailto: link. */
function contactUrl(contact: string | null): string | undefined {
  const text = stated(contact)?.trim();
  if (!text) return undefined;
  return /^[^\s@/:]+@[^\s@/]+$/.test(text) ? `mailto:${text}` : text;
}

function librehostService(service: ProviderService): LibrehostService {
  const software = {
    name: stated(service.softwareName),
    version: stated(service.softwareVersion),
    license: stated(service.softwareLicence),
    sourceUrl: stated(service.sourceUrl),
  };
  return withoutUndefined({
    name: service.name,
    category: service.category,
    description: stated(service.description),
    url: stated(service.url),
    software: Object.values(software).some(Boolean) ? withoutUndefined(software) : undefined,
    status: service.status,
    registration: service.registration,
    registrationOpen: service.registrationOpen,
    price: stated(service.price),
    freeOfCharge: service.freeOfCharge,
    languages: service.languages,
    country: stated(service.hostingCountry),
    onionAddress: stated(service.onionAddress),
    endToEndEncryption: service.endToEndEncryption,
  });
}

function withoutUndefined<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}

/** One provider as a librehost.json document; the network-wide list is an array of these. */
export function librehostJson(provider: PublishedProvider, baseUrl: URL): LibrehostMember {
  const { profile } = provider;
  return withoutUndefined({
    '@context': 'http://schema.org' as const,
    '@type': 'Organization' as const,
    '@id': librehostUrl(baseUrl, provider.slug),
    version: LIBREHOST_SCHEMA_VERSION,
    name: provider.name,
    description: stated(profile.description),
    organizationType: profile.structureType ? ORGANIZATION_TYPE_WORDS[profile.structureType] : undefined,
    homeUrl: stated(profile.website),
    contactUrl: contactUrl(profile.contact),
    communicationLanguages: profile.languages,
    countries: profile.countries,
    privacyPolicyUrl: stated(profile.privacyUrl),
    termsOfServiceUrl: stated(profile.termsUrl),
    onionAddress: stated(profile.onionAddress),
    isServiceProvider: provider.services.length > 0,
    dateModified: provider.updatedAt,
    services: provider.services.map(librehostService),
  });
}
