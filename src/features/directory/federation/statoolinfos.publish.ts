import { stringify } from 'dot-properties';
import type { InfrastructureControl, ProviderService, RegistrationKind, StructureType } from '../directory.model.ts';
import { countryName } from '../place-names.ts';
import { publishedAddress, type PublishedProvider } from './published-provider.ts';

/**
 * Haven's directory as StatoolInfos files, so stats.chatons.org-style
 * crawlers can read it: one federation file, one file per provider, one per
 * service, linked by subs.* keys. Keys are ChatonsInfos' own; the directory's
 * fields without a ChatonsInfos key (prices, fitness, onion addresses…) are
 * left out rather than invented, except organization.languages and
 * service.languages, which the directory's readers need.
 */
export const STATOOLINFOS_PROTOCOL = 'ChatonsInfos-0.5';
const GENERATOR = 'Haven';

export interface PublishedFederation {
  name: string;
  description: string;
  website: string;
  contactEmail: string | null;
}

type Line = string | [string, string];

/** A key only when there is something to say: an empty key reads as "unknown" anyway. */
const pair = (key: string, value: string | null | undefined): Line[] => (value && value.trim() ? [[key, value]] : []);

function propertiesFile(lines: Line[]): string {
  // No folding: some publishers' tooling edits these files line by line with sed.
  // UTF-8 as written by CHATONS members, with control characters and line breaks escaped.
  return `${stringify(lines, { lineWidth: null, latin1: false })}\n`;
}

/** StatoolInfos DATETIME: ISO without a zone, in UTC. */
function fileDatetime(iso: string | undefined): string | undefined {
  const time = iso ? new Date(iso) : undefined;
  return time && !Number.isNaN(time.getTime()) ? time.toISOString().slice(0, 19) : undefined;
}

function fileSection(fileClass: string, updatedAt: string | undefined): Line[] {
  return [
    '# [File]',
    ['file.class', fileClass],
    ['file.protocol', STATOOLINFOS_PROTOCOL],
    ...pair('file.datetime', fileDatetime(updatedAt)),
    ['file.generator', GENERATOR],
  ];
}

export function statoolInfosOrganizationUrl(baseUrl: URL, providerSlug: string): string {
  return publishedAddress(baseUrl, `/federation/statoolinfos/organizations/${encodeURIComponent(providerSlug)}.properties`);
}

export function statoolInfosServiceUrl(baseUrl: URL, providerSlug: string, serviceSlug: string): string {
  return publishedAddress(
    baseUrl,
    `/federation/statoolinfos/services/${encodeURIComponent(providerSlug)}/${encodeURIComponent(serviceSlug)}.properties`,
  );
}

export function statoolInfosFederationFile(federation: PublishedFederation, providers: PublishedProvider[], baseUrl: URL): string {
  const latest = providers.map((p) => p.updatedAt).sort().at(-1);
  return propertiesFile([
    ...fileSection('federation', latest),
    '',
    '# [Federation]',
    ['federation.name', federation.name],
    ...pair('federation.description', federation.description),
    ...pair('federation.website', federation.website),
    ...pair('federation.contact.email', federation.contactEmail),
    '',
    '# [Subs]',
    ...providers.map((p): Line => [`subs.${p.slug}`, statoolInfosOrganizationUrl(baseUrl, p.slug)]),
  ]);
}

// ChatonsInfos has no word for a foundation or a public body.
const ORGANIZATION_TYPES: Record<StructureType, string> = {
  association: 'ASSOCIATION',
  cooperative: 'COOPERATIVE',
  company: 'COMPANY',
  collective: 'INFORMAL',
  individual: 'INDIVIDUAL',
  foundation: 'OTHER',
  'public-body': 'OTHER',
  other: 'OTHER',
};

const HOST_PROVIDER_TYPES: Record<InfrastructureControl, string> = {
  'own-hardware': 'HOME',
  'hosted-hardware': 'HOSTEDBAY',
  'rented-server': 'HOSTEDSERVER',
  outsourced: 'OUTSOURCED',
};

const REGISTRATIONS: Record<RegistrationKind, string> = { none: 'None', free: 'Free', members: 'Member', clients: 'Client' };

const isEmail = (contact: string) => /^[^\s@]+@[^\s@]+$/.test(contact);

export function statoolInfosOrganizationFile(provider: PublishedProvider, baseUrl: URL): string {
  const { profile } = provider;
  const contact = profile.contact?.trim() ?? '';
  // The format holds one country; the first is where the provider is based.
  const country = profile.countries[0];
  return propertiesFile([
    ...fileSection('organization', provider.updatedAt),
    '',
    '# [Organization]',
    ['organization.name', provider.name],
    ...pair('organization.description', profile.description),
    ...pair('organization.website', profile.website),
    ...pair(isEmail(contact) ? 'organization.contact.email' : 'organization.contact.url', contact),
    ...pair('organization.legal.url', profile.termsUrl),
    ...pair('organization.type', profile.structureType ? ORGANIZATION_TYPES[profile.structureType] : null),
    ...pair('organization.country.name', country ? countryName(country, 'en') : null),
    ...pair('organization.country.code', country),
    ...pair('organization.languages', profile.languages.join(';')),
    '',
    '# [Subs]',
    ...provider.services.map((s): Line => [`subs.${s.slug}`, statoolInfosServiceUrl(baseUrl, provider.slug, s.slug)]),
  ]);
}

/** OVER is how ChatonsInfos marks a closed service; anything still running is OK. */
const statusLevel = (status: ProviderService['status']) => (status === 'ended' ? 'OVER' : 'OK');

export function statoolInfosServiceFile(provider: PublishedProvider, service: ProviderService): string {
  const infrastructure = provider.profile.infrastructure;
  return propertiesFile([
    ...fileSection('service', provider.updatedAt),
    '',
    '# [Service]',
    ['service.name', service.name],
    ...pair('service.description', service.description),
    ...pair('service.website', service.url),
    ['service.status.level', statusLevel(service.status)],
    ['service.registration', REGISTRATIONS[service.registration]],
    ['service.registration.load', service.registrationOpen ? 'OPEN' : 'FULL'],
    ...pair('service.languages', service.languages.join(';')),
    '',
    '# [Software]',
    ...pair('software.name', service.softwareName),
    ...pair('software.license.name', service.softwareLicence),
    ...pair('software.version', service.softwareVersion),
    ...pair('software.source.url', service.sourceUrl),
    '',
    '# [Host]',
    ...pair('host.provider.type', infrastructure ? HOST_PROVIDER_TYPES[infrastructure] : null),
    ...pair('host.country.name', service.hostingCountry ? countryName(service.hostingCountry, 'en') : null),
    ...pair('host.country.code', service.hostingCountry),
  ]);
}
