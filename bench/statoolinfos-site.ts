/**
 * Providers' websites for the crawl benchmark: StatoolInfos organization
 * files, each listing two or three service files, served from loopback by a
 * process of their own so that the crawl's memory is Haven's alone. Started
 * by crawl.ts only; stops when crawl.ts disconnects.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serviceSlugFor } from '../src/features/directory/profile-history.ts';
import { AUDIENCES, CATEGORY_NOUNS, CITIES, COMMITMENTS, COUNTRIES, HOSTING_CATEGORIES, LANGUAGES, LICENCES, NAME_SUFFIXES, NAME_WORDS, SOFTWARE } from './directory-vocabulary.ts';
import { SeededRandom } from './seeded-random.ts';

export interface PublishedOrganization {
  slug: string;
  name: string;
  url: string;
}

export type SiteMessage = { kind: 'ready'; organizations: PublishedOrganization[]; files: number; bytes: number };

const ORGANIZATION_TYPES = ['ASSOCIATION', 'COOPERATIVE', 'INFORMAL', 'MICROCOMPANY', 'COMPANY', 'INDIVIDUAL'];
const PROVIDER_TYPES = ['HOME', 'HOSTEDBAY', 'HOSTEDSERVER', 'OUTSOURCED'];
const REGISTRATIONS = ['Free', 'Member', 'None', 'Client', 'Free;Member'];
const COUNTRY_NAMES = new Intl.DisplayNames(['en'], { type: 'region' });

const count = Number(process.argv[2] ?? 1000);
const pages = new Map<string, string>();
const server = http.createServer((request, response) => {
  const page = pages.get(request.url ?? '');
  if (page === undefined) response.writeHead(404).end('not here');
  else response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(page);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const random = new SeededRandom(4242);
const slugs = new Set<string>();
const organizations: PublishedOrganization[] = [];
for (let i = 0; i < count; i++) {
  const word = random.pick(NAME_WORDS);
  const name = `${word} ${random.pickSkewed(NAME_SUFFIXES, 0.6)}`;
  const slug = serviceSlugFor(name, slugs);
  slugs.add(slug);
  const country = random.pickSkewed(COUNTRIES, 0.9);
  const categories = random.someSkewed(HOSTING_CATEGORIES, 2, 3, 0.8);
  const subs = categories.map((category) => {
    const key = category.replace(/[^a-z]/g, '');
    pages.set(`/${slug}/statoolinfos/${key}.properties`, serviceFile(word, category, country));
    return `subs.${key} = ${origin}/${slug}/statoolinfos/${key}.properties`;
  });
  const url = `${origin}/${slug}/statoolinfos/organization.properties`;
  pages.set(new URL(url).pathname, organizationFile(name, slug, country, subs));
  organizations.push({ slug, name, url });
}

function organizationFile(name: string, slug: string, country: string, subs: string[]): string {
  const site = `https://${slug}.example.org`;
  return [
    '# [File]',
    'file.class = Organization',
    'file.protocol = ChatonsInfos-0.5',
    `file.datetime = 2025-${pad(random.int(1, 12))}-${pad(random.int(1, 28))}T${pad(random.int(0, 23))}:00:00`,
    'file.generator = StatoolInfos 0.6',
    '',
    '# [Organization]',
    `organization.name = ${name}`,
    `organization.description = ${random.pick(COMMITMENTS)}.<br/>We host services for ${random.pick(AUDIENCES)} in ${random.pick(CITIES[country]!)}.`,
    `organization.website = ${site}/`,
    `organization.logo = ${site}/logo.png`,
    `organization.socialnetworks.mastodon = https://social.example.org/@${slug}`,
    `organization.contact.url = ${site}/contact`,
    `organization.contact.email = hello@${slug}.example.org`,
    `organization.legal.url = ${site}/terms`,
    `organization.type = ${random.pick(ORGANIZATION_TYPES)}`,
    'organization.status.level = ACTIVE',
    `organization.country.name = ${COUNTRY_NAMES.of(country)}`,
    `organization.country.code = ${country.toLowerCase()}`,
    `organization.languages = ${random.someSkewed(LANGUAGES, 1, 3, 1.1).join(';')}`,
    `organization.startdate = ${random.int(2005, 2023)}-${pad(random.int(1, 12))}-01`,
    '',
    '# [Subs]',
    ...subs,
    '',
  ].join('\n');
}

function serviceFile(word: string, category: (typeof HOSTING_CATEGORIES)[number], country: string): string {
  const software = random.pick(SOFTWARE[category]);
  const name = `${word} ${random.pick(CATEGORY_NOUNS[category])}`;
  const year = random.int(2016, 2024);
  return [
    '# [File]',
    'file.class = Service',
    'file.protocol = ChatonsInfos-0.5',
    'file.generator = StatoolInfos 0.6',
    '',
    '# [Service]',
    `service.name = ${name}`,
    `service.description = ${software} for ${random.pick(AUDIENCES)}. ${random.pick(COMMITMENTS)}.`,
    `service.website = https://${category}.${word.toLowerCase()}.example.org/`,
    `service.startdate = ${year}-${pad(random.int(1, 12))}-${pad(random.int(1, 28))}`,
    `service.status.level = ${random.chance(0.95) ? 'OK' : 'WARNING'}`,
    'service.status.description = Running normally',
    `service.registration = ${random.pick(REGISTRATIONS)}`,
    `service.registration.load = ${random.chance(0.75) ? 'OPEN' : 'FULL'}`,
    'service.install.type = DISTRIBUTION',
    `service.languages = ${random.someSkewed(LANGUAGES, 1, 2, 1.1).join(';')}`,
    '',
    '# [Software]',
    `software.name = ${software}`,
    `software.website = https://${software.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.example.org/`,
    `software.license.name = ${random.pick(LICENCES)}`,
    `software.version = ${random.int(1, 30)}.${random.int(0, 12)}.${random.int(0, 9)}`,
    `software.source.url = https://source.example.org/${software.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
    '',
    '# [Host]',
    `host.name = ${random.pick(['lamp', 'bastion', 'hive', 'core', 'vm-03'])}`,
    `host.server.type = ${random.pick(['VIRTUAL', 'PHYSICAL'])}`,
    `host.provider.type = ${random.pick(PROVIDER_TYPES)}`,
    `host.country.name = ${COUNTRY_NAMES.of(country)}`,
    `host.country.code = ${country}`,
    '',
    // Published files carry their monthly statistics; Haven reads past them.
    '# [Metrics]',
    ...['hits', 'visitors', 'accounts', 'active.accounts'].flatMap((metric) =>
      [2024, 2025].map((y) => `metrics.${metric}.${y}.months = ${Array.from({ length: 12 }, () => random.int(0, 90_000)).join(',')}`),
    ),
    '',
  ].join('\n');
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

let bytes = 0;
for (const page of pages.values()) bytes += Buffer.byteLength(page);
process.send!({ kind: 'ready', organizations, files: pages.size, bytes } satisfies SiteMessage);
process.on('disconnect', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
