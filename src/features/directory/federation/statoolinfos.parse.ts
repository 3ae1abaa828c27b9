import { parseLines } from 'dot-properties';
import { systemClock, type Clock } from '../../../platform/clock.ts';
import type { InfrastructureControl, ProviderProfile, RegistrationKind, ServiceStatus, StructureType } from '../directory.model.ts';
import {
  MAX_LINKS,
  MetadataRejected,
  VALUE_LIMITS,
  countryCode,
  emailAddress,
  guessCategory,
  importedText,
  languageCodes,
  webAddress,
  type ImportedMetadata,
  type ImportedService,
} from './metadata.ts';

/**
 * StatoolInfos (the format behind stats.chatons.org, ChatonsInfos being the
 * CHATONS vocabulary for it): Java-style .properties files. A federation file
 * lists its organizations under subs.*, an organization file lists its
 * services the same way, and each service file describes one service with its
 * service.*, software.* and host.* keys.
 */
export type StatoolInfosKind = 'federation' | 'organization' | 'service';

export interface StatoolInfosFile {
  kind: StatoolInfosKind;
  properties: Map<string, string>;
  /** The subs.* links, in file order, http(s) only. */
  subs: string[];
  /** subs.* keys whose value was not a web address. */
  ignored: string[];
}

const SECTIONS = new Set(['file', 'federation', 'organization', 'service', 'software', 'host', 'subs', 'metrics']);

/** Keys that describe the file itself, its links or its statistics, never the provider: not worth reporting. */
const STRUCTURAL = /^(file|subs|metrics)\./;

/** Every key/value pair, keys lower-cased; comments, continuations and escapes as java.util.Properties reads them. */
export function parseProperties(text: string): Map<string, string> {
  let lines: (string | string[])[];
  try {
    lines = parseLines(text);
  } catch (error) {
    throw new MetadataRejected('bad_syntax', error instanceof Error ? error.message : 'unreadable properties file');
  }
  const properties = new Map<string, string>();
  for (const line of lines) {
    if (!Array.isArray(line)) continue;
    const key = (line[0] ?? '').trim().toLowerCase();
    if (key) properties.set(key, line[1] ?? '');
  }
  return properties;
}

function kindFromClass(value: string | undefined): StatoolInfosKind | undefined {
  const name = value?.trim().toLowerCase();
  if (name === 'federation' || name === 'service') return name;
  if (name === 'organization' || name === 'organisation') return 'organization';
  return undefined;
}

export function readStatoolInfosFile(text: string): StatoolInfosFile {
  const properties = parseProperties(text);
  const weight: Record<StatoolInfosKind, number> = { federation: 0, organization: 0, service: 0 };
  let recognised = 0;
  let subCount = 0;
  for (const key of properties.keys()) {
    const section = key.split('.', 1)[0] ?? '';
    if (!SECTIONS.has(section) || !key.includes('.')) continue;
    recognised++;
    if (section === 'subs') subCount++;
    if (section === 'federation' || section === 'organization') weight[section]++;
    if (section === 'service' || section === 'software' || section === 'host') weight.service++;
  }
  if (recognised === 0) throw new MetadataRejected('not_metadata', 'no StatoolInfos key (file.*, organization.*, service.*, subs.*…)');
  if (subCount > MAX_LINKS) throw new MetadataRejected('too_many_links', `${subCount} subs.* links; at most ${MAX_LINKS} are read`);

  const ranked = (Object.entries(weight) as [StatoolInfosKind, number][]).sort((a, b) => b[1] - a[1]);
  const dominant = ranked[0] && ranked[0][1] > 0 && ranked[0][1] !== ranked[1]?.[1] ? ranked[0][0] : undefined;
  const kind = kindFromClass(properties.get('file.class')) ?? dominant;
  if (!kind) throw new MetadataRejected('not_metadata', 'cannot tell whether the file describes a federation, an organization or a service');

  const subs: string[] = [];
  const ignored: string[] = [];
  for (const [key, value] of properties) {
    if (!key.startsWith('subs.') || !value.trim()) continue;
    const address = webAddress(value);
    if (!address) ignored.push(key);
    else if (!subs.includes(address)) subs.push(address);
  }
  return { kind, properties, subs, ignored };
}

// ChatonsInfos organization.type values.
const STRUCTURE_TYPES: Record<string, StructureType> = {
  ASSOCIATION: 'association',
  INFORMAL: 'collective',
  COOPERATIVE: 'cooperative',
  MICROCOMPANY: 'company',
  COMPANY: 'company',
  INDIVIDUAL: 'individual',
  OTHER: 'other',
};

// ChatonsInfos host.provider.type: whose hardware, in whose building.
const INFRASTRUCTURE: Record<string, InfrastructureControl> = {
  HOME: 'own-hardware',
  HOSTEDBAY: 'hosted-hardware',
  HOSTEDSERVER: 'rented-server',
  OUTSOURCED: 'outsourced',
};

const REGISTRATION: Record<string, RegistrationKind> = { NONE: 'none', FREE: 'free', MEMBER: 'members', CLIENT: 'clients' };
const REGISTRATION_OPENNESS: RegistrationKind[] = ['none', 'free', 'members', 'clients'];

/** service.status.level says how a running service is doing; OVER means it has closed; VOID states nothing. */
const STATUS_LEVELS = new Set(['OK', 'WARNING', 'ALERT', 'ERROR', 'OVER', 'VOID']);

// hasOwn: a file's value must not reach Object.prototype.
const enumValue = <T>(table: Record<string, T>) => (value: string) => {
  const key = value.trim().toUpperCase();
  return Object.hasOwn(table, key) ? table[key] : undefined;
};

/** A file may list several registrations ("Free;Member"); the most open one is how a newcomer gets in. */
function registration(value: string): RegistrationKind | undefined {
  const kinds = value.split(/[;,]/).map(enumValue(REGISTRATION));
  return REGISTRATION_OPENNESS.find((kind) => kinds.includes(kind));
}

function registrationOpen(value: string): boolean | undefined {
  const load = value.trim().toUpperCase();
  return load === 'OPEN' ? true : load === 'FULL' ? false : undefined;
}

/** ISO (2026-03-01) as StatoolInfos documents it, or French (01/03/2026) as many CHATONS files write it. */
function calendarDay(value: string): string | 'unreadable' {
  const text = value.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const french = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (french) return `${french[3]}-${french[2]!.padStart(2, '0')}-${french[1]!.padStart(2, '0')}`;
  return 'unreadable';
}

/**
 * A service with an end date is closing down: 'ending' until the date has
 * passed, 'ended' after. An unreadable date still announces an end.
 */
function serviceStatus(level: string | undefined, endDay: string | undefined, today: string): ServiceStatus | undefined {
  if (level === 'OVER') return 'ended';
  if (endDay) return endDay !== 'unreadable' && endDay < today ? 'ended' : 'ending';
  return level && level !== 'VOID' ? 'active' : undefined;
}

/** Reads keys through parsers and remembers which ones said something Haven understood. */
function keyReader(properties: Map<string, string>) {
  const understood = new Set<string>();
  const read = <T>(key: string, parse: (value: string) => T | undefined): T | undefined => {
    const raw = properties.get(key);
    if (raw === undefined || !raw.trim()) return undefined;
    const value = parse(raw);
    if (value !== undefined && !(Array.isArray(value) && value.length === 0)) understood.add(key);
    return value;
  };
  const notUnderstood = () =>
    [...properties].filter(([key, value]) => value.trim() && !understood.has(key) && !STRUCTURAL.test(key)).map(([key]) => key);
  return { read, understood, notUnderstood };
}

// StatoolInfos strings may carry line breaks as <br/>.
const multilineText = (limit: number) => (value: string) => importedText(value.replace(/<br\s*\/?>/gi, '\n'), limit, true);
const lineText = (limit: number) => (value: string) => importedText(value, limit);

function readService(properties: Map<string, string>, today: string) {
  const { read, understood, notUnderstood } = keyReader(properties);
  const name = read('service.name', lineText(VALUE_LIMITS.name));
  const softwareName = read('software.name', lineText(VALUE_LIMITS.softwareName));
  const level = read('service.status.level', (value) => (STATUS_LEVELS.has(value.trim().toUpperCase()) ? value.trim().toUpperCase() : undefined));
  const endDay = read('service.enddate', calendarDay) ?? read('service.end.date', calendarDay);
  const hostingCountry = read('host.country.code', countryCode) ?? read('host.country.name', countryCode);
  if (hostingCountry) understood.add('host.country.name');
  const service: Omit<ImportedService, 'name'> = {
    category: guessCategory(softwareName, name),
    description: read('service.description', multilineText(VALUE_LIMITS.description)),
    url: read('service.website', webAddress),
    softwareName,
    softwareLicence: read('software.license.name', lineText(VALUE_LIMITS.softwareLicence)),
    softwareVersion: read('software.version', lineText(VALUE_LIMITS.softwareVersion)),
    sourceUrl: read('software.source.url', webAddress),
    registration: read('service.registration', registration),
    registrationOpen: read('service.registration.load', registrationOpen),
    languages: read('service.languages', languageCodes),
    hostingCountry,
    status: serviceStatus(level, endDay, today),
  };
  const infrastructure = read('host.provider.type', enumValue(INFRASTRUCTURE));
  return { name, service: withoutUndefined(service), infrastructure, ignored: notUnderstood() };
}

function withoutUndefined<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined && !(Array.isArray(value) && value.length === 0))) as T;
}

/** The infrastructure most of the services run on; on a tie, the one named first. */
function mostCommon<T>(values: T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: T | undefined;
  for (const [value, count] of counts) if (best === undefined || count > counts.get(best)!) best = value;
  return best;
}

/**
 * An organization file and its service files, in the directory's words.
 * Keys the directory has no field for are listed in `ignored`, never refused.
 */
export function statoolInfosToMetadata(
  organization: Map<string, string>,
  services: Map<string, string>[],
  clock: Clock = systemClock,
): ImportedMetadata {
  const today = clock.now().toISOString().slice(0, 10);
  const { read, understood, notUnderstood } = keyReader(organization);
  const name = read('organization.name', lineText(VALUE_LIMITS.name));
  const countryOfOrganization = read('organization.country.code', countryCode) ?? read('organization.country.name', countryCode);
  if (countryOfOrganization) understood.add('organization.country.name');
  const contact = read('organization.contact.email', emailAddress) ?? read('organization.contact.url', webAddress);

  const readServices = services.map((properties) => readService(properties, today));
  const profile: Partial<ProviderProfile> = withoutUndefined({
    description: read('organization.description', multilineText(VALUE_LIMITS.description)),
    website: read('organization.website', webAddress),
    contact,
    countries: countryOfOrganization ? [countryOfOrganization] : undefined,
    structureType: read('organization.type', enumValue(STRUCTURE_TYPES)),
    // The CHATONS charter asks for published terms; organization.legal.url is where they link them.
    termsUrl: read('organization.legal.url', webAddress),
    languages: read('organization.languages', languageCodes),
    infrastructure: mostCommon(readServices.flatMap((s) => (s.infrastructure ? [s.infrastructure] : []))),
  });

  const ignored = new Set(notUnderstood());
  const imported: ImportedService[] = [];
  readServices.forEach(({ name, service, ignored: keys }, index) => {
    keys.forEach((key) => ignored.add(key));
    if (name) imported.push({ name, ...service });
    else ignored.add(`service file ${index + 1}: no service.name`);
  });
  return { ...(name ? { name } : {}), profile, services: imported, ignored: [...ignored] };
}
