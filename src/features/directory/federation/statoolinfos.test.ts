import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ManualClock } from '../../../platform/clock.ts';
import type { ProviderProfile, ProviderService } from '../directory.model.ts';
import { MetadataRejected, importedText } from './metadata.ts';
import type { PublishedProvider } from './published-provider.ts';
import { parseProperties, readStatoolInfosFile, statoolInfosToMetadata } from './statoolinfos.parse.ts';
import { statoolInfosFederationFile, statoolInfosOrganizationFile, statoolInfosServiceFile } from './statoolinfos.publish.ts';

const fixture = (name: string) => fs.readFileSync(new URL(`../../../../test/fixtures/federation/${name}`, import.meta.url), 'utf8');
const read = (name: string) => readStatoolInfosFile(fixture(name));
const rejectedWith = (code: MetadataRejected['code']) => (error: unknown) => error instanceof MetadataRejected && error.code === code;

const LANTERN_SERVICES = ['service-pads.properties', 'service-files-ending.properties', 'service-chat-messy.properties', 'service-videos-over.properties'];
const clock = new ManualClock('2026-01-15T09:00:00.000Z');
const lantern = (files = LANTERN_SERVICES, at = clock) =>
  statoolInfosToMetadata(read('organization-lantern.properties').properties, files.map((f) => read(f).properties), at);
const service = (metadata: ReturnType<typeof lantern>, name: string) => metadata.services.find((s) => s.name === name);

describe('reading StatoolInfos files', () => {
  it('reads comments, continuation lines, escapes and capitalised keys the way Java does', () => {
    const properties = parseProperties(fixture('service-chat-messy.properties'));
    assert.equal(properties.get('file.class'), 'service');
    assert.equal(properties.get('service.name'), 'Lantern Chat');
    assert.equal(properties.get('software.name'), 'Synapse');
    assert.equal(
      properties.get('service.description'),
      'Instant messaging for groups, federated with the rest of the network.\nEnd-to-end encryption is on by default in private rooms. Café talk welcome: come in.',
    );
    assert.ok(![...properties.keys()].some((key) => key.startsWith('#') || key.startsWith('!')), 'comments are not keys');
  });

  it("lists a federation's member files in order, keeping only web links and dropping generators' quotes", () => {
    const file = read('federation.properties');
    assert.equal(file.kind, 'federation');
    assert.deepEqual(file.subs, [
      'https://lantern.example.org/.well-known/chatonsinfos/lantern.properties',
      'https://quay.example.net/statoolinfos/quay.properties',
    ]);
    assert.deepEqual(file.ignored, ['subs.archive']);
  });

  it('tells an organization file by its keys when file.class is missing, and reads file.class in any case', () => {
    assert.equal(read('organization-quay.properties').kind, 'organization');
    assert.equal(read('service-chat-messy.properties').kind, 'service');
    assert.equal(readStatoolInfosFile('service.name = Pads\nsoftware.name = Etherpad\n').kind, 'service');
  });

  it('refuses a file without a single StatoolInfos key as not metadata', () => {
    assert.throws(() => readStatoolInfosFile('<!doctype html><title>Not found</title>'), rejectedWith('not_metadata'));
    assert.throws(() => readStatoolInfosFile('db.url = postgres://localhost\nlog.level = debug\n'), rejectedWith('not_metadata'));
    assert.throws(() => readStatoolInfosFile(''), rejectedWith('not_metadata'));
  });

  it('refuses a file listing more than 500 links, and reads one listing exactly 500', () => {
    const subs = (count: number) =>
      `file.class = federation\n${Array.from({ length: count }, (_, i) => `subs.m${i} = https://m${i}.example.org/o.properties`).join('\n')}`;
    assert.throws(() => readStatoolInfosFile(subs(501)), rejectedWith('too_many_links'));
    assert.equal(readStatoolInfosFile(subs(500)).subs.length, 500);
  });
});

describe('StatoolInfos in the directory’s words', () => {
  it('maps an organization to its profile fields', () => {
    const metadata = lantern();
    assert.equal(metadata.name, 'Lantern Collective');
    assert.deepEqual(metadata.profile, {
      description: 'A volunteer association hosting free services for local groups.',
      website: 'https://lantern.example.org/',
      contact: 'hello@lantern.example.org',
      countries: ['FR'],
      structureType: 'association',
      termsUrl: 'https://lantern.example.org/terms',
      languages: ['fr', 'en'],
      infrastructure: 'rented-server',
    });
  });

  it('maps a complete service file to every service field it states', () => {
    assert.deepEqual(service(lantern(), 'Lantern Pads'), {
      name: 'Lantern Pads',
      category: 'pads',
      description: 'Collaborative text editing in the browser, no account needed to read.',
      url: 'https://pad.lantern.example.org/',
      softwareName: 'Etherpad',
      softwareLicence: 'Apache-2.0',
      softwareVersion: '2.2.5',
      sourceUrl: 'https://github.com/ether/etherpad-lite',
      registration: 'free',
      registrationOpen: false,
      languages: ['fr', 'en'],
      hostingCountry: 'DE',
      status: 'active',
    });
  });

  it('shows a service with an end date as ending until the date, and as ended after it', () => {
    assert.equal(service(lantern(), 'Lantern Cloud')?.status, 'ending');
    assert.equal(service(lantern(LANTERN_SERVICES, new ManualClock('2030-07-01T00:00:00Z')), 'Lantern Cloud')?.status, 'ended');
  });

  it('shows a service whose status level is OVER as ended', () => {
    assert.equal(service(lantern(), 'Lantern Videos')?.status, 'ended');
  });

  it('guesses the category from the software: Etherpad pads, Nextcloud file sharing, Synapse chat, PeerTube other', () => {
    const categories = Object.fromEntries(lantern().services.map((s) => [s.softwareName, s.category]));
    assert.deepEqual(categories, { Etherpad: 'pads', Nextcloud: 'file-sharing', Synapse: 'chat', PeerTube: 'other' });
  });

  it('keeps the most open of several registrations and reads a full service as closed for now', () => {
    const chat = service(lantern(), 'Lantern Chat');
    assert.equal(chat?.registration, 'free');
    assert.equal(chat?.registrationOpen, true);
    assert.equal(service(lantern(), 'Lantern Pads')?.registrationOpen, false);
  });

  it('reads a hosting country from its name, in French too, when the code is missing', () => {
    assert.equal(service(lantern(), 'Lantern Chat')?.hostingCountry, 'DE');
    const quay = statoolInfosToMetadata(read('organization-quay.properties').properties, []);
    assert.deepEqual(quay.profile.countries, ['BE']);
    assert.equal(quay.profile.description, 'Worker cooperative.\nWe run mail and files for newsrooms.');
  });

  it('takes the infrastructure most services run on as the provider’s', () => {
    assert.equal(lantern().profile.infrastructure, 'rented-server');
    assert.equal(lantern(['service-chat-messy.properties']).profile.infrastructure, 'own-hardware');
  });

  it('never keeps a javascript: address, and lists what it could not use instead of failing', () => {
    const metadata = lantern([...LANTERN_SERVICES, 'service-no-name.properties']);
    assert.equal(service(metadata, 'Lantern Chat')?.url, undefined);
    for (const key of ['service.website', 'service.mascot', 'host.rack.colour', 'organization.logo', 'service file 5: no service.name']) {
      assert.ok(metadata.ignored.includes(key), `${key} is reported`);
    }
    assert.ok(!metadata.ignored.some((key) => key.startsWith('file.') || key.startsWith('subs.')), 'the file’s own bookkeeping is not reported');
    assert.ok(!metadata.ignored.includes('organization.owner.name'), 'an empty key states nothing');
    assert.equal(metadata.services.length, 4);
  });

  it('caps hostile values and strips control characters so a file cannot blow up a profile', () => {
    const hostile = parseProperties(
      `organization.name = ${'N'.repeat(10_000)}\norganization.description = ${'d'.repeat(1_000_000)}\norganization.website = https://${'w'.repeat(600)}.example.org/\n`,
    );
    const metadata = statoolInfosToMetadata(hostile, [parseProperties('service.name = Bell\\u0007 \\u001b[2Jring\nsoftware.version = 1.2.3\\u0000\n')]);
    assert.equal(metadata.name?.length, 200);
    assert.equal(metadata.profile.description?.length, 5000);
    assert.equal(metadata.profile.website, undefined);
    assert.equal(metadata.services[0]?.name, 'Bell [2Jring');
    assert.equal(metadata.services[0]?.softwareVersion, '1.2.3');
  });
});

const fitness = { fit: false, explanation: '' };

function publishedProvider(overrides: Partial<ProviderProfile> = {}): PublishedProvider {
  const base: ProviderService = {
    name: 'Owl Pads',
    category: 'pads',
    description: 'Pads for newsrooms.\nNo account needed.',
    url: 'https://pad.nightowl.example.org/',
    softwareName: 'CryptPad',
    softwareLicence: 'AGPL-3.0-or-later',
    softwareVersion: '2024.12.0',
    sourceUrl: 'https://github.com/cryptpad/cryptpad',
    registration: 'members',
    registrationOpen: false,
    price: '',
    freeOfCharge: true,
    languages: ['en', 'es'],
    hostingCountry: 'IS',
    onionAddress: null,
    endToEndEncryption: true,
    status: 'active',
  };
  return {
    slug: 'night-owl',
    name: 'Night Owl Tech',
    memberSince: '2024-05-01T00:00:00.000Z',
    updatedAt: '2026-01-10T12:00:00.000Z',
    profile: {
      description: 'A cooperative for journalists.\nWe answer within a day: = ! # \\ and all.',
      structureType: 'cooperative',
      website: 'https://nightowl.example.org/',
      contact: 'desk@nightowl.example.org',
      languages: ['en', 'es'],
      countries: ['MX'],
      economicModel: 'donations',
      prices: '',
      termsUrl: 'https://nightowl.example.org/terms',
      privacyUrl: null,
      infrastructure: 'hosted-hardware',
      hypervisorAccess: '',
      physicalHost: '',
      onionAddress: null,
      fitness: { low: fitness, medium: fitness, high: fitness },
      ...overrides,
    },
    services: [
      { ...base, slug: 'pads' },
      { ...base, slug: 'archive', name: 'Owl Archive', category: 'other', description: '', url: null, softwareName: '', softwareLicence: '', softwareVersion: '', sourceUrl: null, registration: 'none', registrationOpen: true, languages: [], hostingCountry: null, status: 'ended' },
    ],
  };
}

function roundTrip(provider: PublishedProvider) {
  const baseUrl = new URL('https://haven.example.org/');
  const organization = readStatoolInfosFile(statoolInfosOrganizationFile(provider, baseUrl));
  const services = provider.services.map((s) => readStatoolInfosFile(statoolInfosServiceFile(provider, s)));
  return { organization, services, metadata: statoolInfosToMetadata(organization.properties, services.map((s) => s.properties)) };
}

const PROFILE_FIELDS = ['description', 'website', 'contact', 'countries', 'structureType', 'termsUrl', 'languages', 'infrastructure'] as const;
const SERVICE_FIELDS = ['name', 'category', 'description', 'url', 'softwareName', 'softwareLicence', 'softwareVersion', 'sourceUrl', 'registration', 'registrationOpen', 'languages', 'hostingCountry', 'status'] as const;

/** What a file states: empty strings, nulls and empty lists are absence in the format. */
const stated = <T extends object>(record: T, fields: readonly (keyof T)[]) =>
  Object.fromEntries(fields.filter((f) => record[f] !== null && record[f] !== '' && !(Array.isArray(record[f]) && (record[f] as unknown[]).length === 0)).map((f) => [f, record[f]]));

describe('publishing the directory as StatoolInfos', () => {
  it('publishes a provider that reads back with the same profile and service fields', () => {
    const provider = publishedProvider();
    const { organization, services, metadata } = roundTrip(provider);
    assert.equal(organization.kind, 'organization');
    assert.ok(services.every((s) => s.kind === 'service'));
    assert.equal(metadata.name, provider.name);
    assert.deepEqual(metadata.profile, stated(provider.profile, PROFILE_FIELDS));
    assert.deepEqual(metadata.services, provider.services.map((s) => stated(s, SERVICE_FIELDS)));
    assert.deepEqual(metadata.ignored, []);
  });

  it('keeps contact pages, other structures and other infrastructures through a round trip', () => {
    for (const overrides of [
      { contact: 'https://nightowl.example.org/contact', structureType: 'collective', infrastructure: 'own-hardware' },
      { contact: null, structureType: 'individual', infrastructure: 'outsourced', languages: [], countries: [] },
      { structureType: 'company', infrastructure: 'rented-server', website: null, termsUrl: null },
    ] as Partial<ProviderProfile>[]) {
      const provider = publishedProvider(overrides);
      assert.deepEqual(roundTrip(provider).metadata.profile, stated(provider.profile, PROFILE_FIELDS));
    }
  });

  it('links the federation file to each provider, and each provider file to its services, under any base path', () => {
    const provider = publishedProvider();
    const baseUrl = new URL('https://coalition.example.org/haven/');
    const federation = readStatoolInfosFile(
      statoolInfosFederationFile({ name: 'Haven', description: 'A coalition of trustworthy providers.', website: 'https://coalition.example.org/', contactEmail: 'hello@coalition.example.org' }, [provider], baseUrl),
    );
    assert.equal(federation.kind, 'federation');
    assert.equal(federation.properties.get('federation.name'), 'Haven');
    assert.equal(federation.properties.get('file.protocol'), 'ChatonsInfos-0.5');
    assert.deepEqual(federation.subs, ['https://coalition.example.org/haven/federation/statoolinfos/organizations/night-owl.properties']);
    assert.deepEqual(readStatoolInfosFile(statoolInfosOrganizationFile(provider, baseUrl)).subs, [
      'https://coalition.example.org/haven/federation/statoolinfos/services/night-owl/pads.properties',
      'https://coalition.example.org/haven/federation/statoolinfos/services/night-owl/archive.properties',
    ]);
  });

  it('keeps any description intact through a round trip: line breaks, backslashes, accents, property syntax', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (description) => {
        const { metadata } = roundTrip(publishedProvider({ description }));
        assert.equal(metadata.profile.description, importedText(description.replace(/<br\s*\/?>/gi, '\n'), 5000, true));
      }),
      { numRuns: 300 },
    );
  });
});
