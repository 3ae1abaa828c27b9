import {
  SERVICE_CATEGORIES,
  type ProviderProfile,
  type RegistrationKind,
  type ServiceStatus,
  type StructureType,
} from '../directory.model.ts';
import {
  MAX_LINKS,
  MetadataRejected,
  VALUE_LIMITS,
  countryCode,
  emailAddress,
  guessCategory,
  importedText,
  languageCodes,
  onionAddress,
  webAddress,
  type ImportedMetadata,
  type ImportedService,
} from './metadata.ts';

/**
 * A member's librehost.json. Real files follow the shared schema loosely:
 * early drafts spelt keys differently (logoUrl, tosUrl, privacyUrl,
 * languages) and services were never standardised, so each field is looked
 * for under every spelling met in the wild, singular or plural.
 */
type Json = Record<string, unknown>;

/**
 * Keys about the document itself, not the provider, and isServiceProvider,
 * which the services list already says: not worth reporting as ignored.
 */
const STRUCTURAL = new Set(['@context', '@type', '@id', 'version', 'dateCreated', 'dateModified', 'isServiceProvider']);

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads a JSON object's keys through parsers, remembering which said something understood. */
function fieldReader(object: Json) {
  const understood = new Set<string>();
  const read = <T>(keys: string[], parse: (value: unknown) => T | undefined): T | undefined => {
    for (const key of keys) {
      if (!Object.hasOwn(object, key)) continue;
      const value = parse(object[key]);
      if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
      understood.add(key);
      return value;
    }
    return undefined;
  };
  const stated = (value: unknown) => value !== null && value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0);
  const notUnderstood = (prefix = '') =>
    Object.keys(object)
      .filter((key) => !understood.has(key) && !STRUCTURAL.has(key) && stated(object[key]))
      .map((key) => prefix + key);
  return { read, understood, notUnderstood };
}

const text = (limit: number, multiline = false) => (value: unknown) => importedText(value, limit, multiline);
const boolean = (value: unknown) => (typeof value === 'boolean' ? value : undefined);

const STRUCTURE_WORDS: [StructureType, RegExp][] = [
  ['cooperative', /co-?op/],
  ['foundation', /foundation|fondation|stiftung/],
  ['association', /associa|non-?profit|verein/],
  ['collective', /collective|collectif|informal/],
  ['public-body', /public|government|municipal/],
  ['individual', /individual|person/],
  ['company', /company|business|enterprise|entreprise|ltd|gmbh|sarl/],
  ['other', /^other$/],
];

function structureType(value: unknown): StructureType | undefined {
  const words = importedText(value, 200)?.toLowerCase();
  return words ? STRUCTURE_WORDS.find(([, pattern]) => pattern.test(words))?.[0] : undefined;
}

const STATUS_WORDS: Record<string, ServiceStatus> = {
  active: 'active', online: 'active', running: 'active', production: 'active', ok: 'active',
  beta: 'beta', testing: 'beta', experimental: 'beta', preview: 'beta',
  ending: 'ending', deprecated: 'ending', closing: 'ending', sunset: 'ending',
  ended: 'ended', closed: 'ended', discontinued: 'ended', retired: 'ended', over: 'ended',
};

const REGISTRATION_WORDS: Record<string, RegistrationKind> = {
  none: 'none', free: 'free', member: 'members', members: 'members', client: 'clients', clients: 'clients', paid: 'clients',
};

// hasOwn: a file saying "constructor" must not reach Object.prototype.
const word = <T>(table: Record<string, T>) => (value: unknown) => {
  const key = typeof value === 'string' ? value.trim().toLowerCase() : '';
  return Object.hasOwn(table, key) ? table[key] : undefined;
};

/** "de", ["de", "fr"], {"addressCountry": "DE"}, or a list of such places. */
function countryCodes(value: unknown): string[] {
  const places = Array.isArray(value) ? value : [value];
  const codes = places.flatMap((place) => {
    const code = isObject(place) ? countryCode(place.addressCountry ?? place.country ?? place.countryCode) : countryCode(place);
    return code ? [code] : [];
  });
  return [...new Set(codes)].slice(0, 50);
}

/** contactUrl may be a page, a mailto: link or, in some files, a bare address. */
const contact = (value: unknown) =>
  typeof value === 'string' && /^mailto:/i.test(value.trim()) ? emailAddress(value) : (webAddress(value) ?? emailAddress(value));

function readService(entry: Json) {
  const { read, understood, notUnderstood } = fieldReader(entry);
  // "software" is a name in some files, an object with name, version, licence and source in others.
  const software = fieldReader(isObject(entry.software) ? entry.software : {});
  const name = read(['name', 'title'], text(VALUE_LIMITS.name));
  const softwareName =
    read(['software', 'softwareName'], text(VALUE_LIMITS.softwareName)) ?? software.read(['name'], text(VALUE_LIMITS.softwareName));
  const service: Omit<ImportedService, 'name'> = {
    category: read(['category'], (v) => SERVICE_CATEGORIES.find((category) => category === v)) ?? guessCategory(softwareName, name),
    description: read(['description'], text(VALUE_LIMITS.description, true)),
    url: read(['url', 'homeUrl', 'website', 'link'], webAddress),
    softwareName,
    softwareVersion:
      software.read(['version'], text(VALUE_LIMITS.softwareVersion)) ?? read(['softwareVersion', 'version'], text(VALUE_LIMITS.softwareVersion)),
    softwareLicence:
      software.read(['license', 'licence'], text(VALUE_LIMITS.softwareLicence)) ??
      read(['license', 'licence', 'softwareLicense', 'softwareLicence'], text(VALUE_LIMITS.softwareLicence)),
    sourceUrl: software.read(['sourceUrl', 'source', 'code', 'repository'], webAddress) ?? read(['sourceUrl', 'source', 'sourceCode'], webAddress),
    status: read(['status'], word(STATUS_WORDS)),
    registration: read(['registration'], word(REGISTRATION_WORDS)),
    registrationOpen: read(['registrationOpen'], boolean),
    price: read(['price', 'prices'], text(VALUE_LIMITS.other, true)),
    freeOfCharge: read(['freeOfCharge', 'free'], boolean),
    languages: read(['languages', 'language'], languageCodes),
    hostingCountry: read(['country', 'hostingCountry', 'location'], (v) => countryCodes(v)[0]),
    onionAddress: read(['onionAddress', 'onionUrl', 'onion'], onionAddress),
    endToEndEncryption: read(['endToEndEncryption', 'e2ee'], boolean),
  };
  if (isObject(entry.software)) understood.add('software');
  const ignored = [...notUnderstood('services.'), ...software.notUnderstood('services.software.')];
  return { name, service: withoutEmpty(service), ignored };
}

function withoutEmpty<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))) as T;
}

export function parseLibrehost(source: string): ImportedMetadata {
  let document: unknown;
  try {
    document = JSON.parse(source);
  } catch (error) {
    throw new MetadataRejected('bad_syntax', error instanceof Error ? error.message : 'not JSON');
  }
  if (!isObject(document)) throw new MetadataRejected('not_metadata', `a librehost.json is one JSON object, not ${Array.isArray(document) ? 'a list' : typeof document}`);

  const { read, notUnderstood } = fieldReader(document);
  const entries = read(['services', 'service'], (v) => (Array.isArray(v) ? v : isObject(v) ? [v] : undefined)) ?? [];
  if (entries.length > MAX_LINKS) throw new MetadataRejected('too_many_links', `${entries.length} services; at most ${MAX_LINKS} are read`);
  const name = read(['name'], text(VALUE_LIMITS.name));
  if (!name && entries.length === 0) throw new MetadataRejected('not_metadata', 'neither a name nor services');

  const profile: Partial<ProviderProfile> = withoutEmpty({
    description: read(['description', 'tagLine'], text(VALUE_LIMITS.description, true)),
    website: read(['homeUrl', 'url', 'website'], webAddress),
    contact: read(['contactUrl', 'contact', 'email'], contact),
    languages: read(['communicationLanguages', 'languages', 'language', 'availableLanguage'], languageCodes),
    countries: read(['countries', 'country', 'locations', 'location', 'addressCountry'], countryCodes),
    structureType: read(['organizationType'], structureType),
    termsUrl: read(['termsOfServiceUrl', 'tosUrl', 'termsUrl'], webAddress),
    privacyUrl: read(['privacyPolicyUrl', 'privacyUrl'], webAddress),
    onionAddress: read(['onionAddress', 'onionUrl', 'onion'], onionAddress),
  });

  const ignored = new Set(notUnderstood());
  const services: ImportedService[] = [];
  entries.forEach((entry, index) => {
    if (!isObject(entry)) return void ignored.add(`services[${index}]: not an object`);
    const { name: serviceName, service, ignored: keys } = readService(entry);
    keys.forEach((key) => ignored.add(key));
    if (serviceName) services.push({ name: serviceName, ...service });
    else ignored.add(`services[${index}]: no name`);
  });
  return { ...(name ? { name } : {}), profile, services, ignored: [...ignored] };
}
