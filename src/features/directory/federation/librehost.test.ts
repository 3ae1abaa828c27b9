import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import type { ProviderProfile, ProviderService } from '../directory.model.ts';
import { parseLibrehost } from './librehost.parse.ts';
import { librehostJson } from './librehost.publish.ts';
import { MetadataRejected } from './metadata.ts';
import type { PublishedProvider } from './published-provider.ts';

const fixture = (name: string) => fs.readFileSync(new URL(`../../../../test/fixtures/federation/${name}`, import.meta.url), 'utf8');
const rejectedWith = (code: MetadataRejected['code']) => (error: unknown) => error instanceof MetadataRejected && error.code === code;

describe('reading librehost.json', () => {
  it('maps a member file to profile fields and services', () => {
    const metadata = parseLibrehost(fixture('librehost-good.json'));
    assert.equal(metadata.name, 'Harbour Hosting');
    assert.deepEqual(metadata.profile, {
      description: 'A collective of volunteers running services for community groups and journalists.',
      website: 'https://harbour.example.org',
      contact: 'crew@harbour.example.org',
      languages: ['en', 'nl'],
      countries: ['NL'],
      structureType: 'collective',
      termsUrl: 'https://harbour.example.org/terms',
      privacyUrl: 'https://harbour.example.org/privacy',
    });
    assert.deepEqual(metadata.services, [
      {
        name: 'Harbour Meet',
        category: 'video-calls',
        description: 'Video meetings in the browser.',
        url: 'https://meet.harbour.example.org/',
        softwareName: 'Jitsi Meet',
        softwareVersion: '2.0.9823',
        softwareLicence: 'Apache-2.0',
        sourceUrl: 'https://github.com/jitsi/jitsi-meet',
        status: 'active',
        registration: 'none',
        registrationOpen: true,
        freeOfCharge: true,
        languages: ['en', 'nl'],
        hostingCountry: 'NL',
        endToEndEncryption: false,
      },
      {
        name: 'Harbour Mail',
        category: 'email',
        url: 'https://mail.harbour.example.org/',
        softwareName: 'Roundcube',
        softwareLicence: 'GPL-3.0-or-later',
        status: 'beta',
        registration: 'members',
        registrationOpen: false,
        price: 'Included in membership (12 EUR a year)',
        freeOfCharge: false,
      },
    ]);
    assert.deepEqual(metadata.ignored, ['tagLine', 'logo', 'foundingDate']);
  });

  it('reads the early draft spellings, a single service and a location object, and lists what it does not use', () => {
    const metadata = parseLibrehost(fixture('librehost-unknown-keys.json'));
    assert.deepEqual(metadata.profile, {
      description: 'Hosting from the dunes',
      website: 'https://dune.example.net/',
      contact: 'https://dune.example.net/contact',
      languages: ['nl', 'de'],
      countries: ['NL'],
      structureType: 'foundation',
      privacyUrl: 'https://dune.example.net/privacy',
    });
    assert.deepEqual(metadata.services, [
      {
        name: 'Dune Matrix',
        category: 'chat',
        url: 'https://matrix.dune.example.net/',
        softwareName: 'Synapse',
        softwareLicence: 'AGPL-3.0-only',
        sourceUrl: 'https://github.com/element-hq/synapse',
        status: 'beta',
      },
    ]);
    assert.deepEqual(metadata.ignored.sort(), ['admins', 'donationsUrl', 'logoUrl', 'meta', 'services.quota', 'services.software.stars', 'statusUrl', 'tosUrl']);
  });

  it('never keeps a javascript: address', () => {
    assert.equal(parseLibrehost(fixture('librehost-unknown-keys.json')).profile.termsUrl, undefined);
    const metadata = parseLibrehost(JSON.stringify({ name: 'X', homeUrl: 'javascript:alert(1)', contactUrl: 'data:text/html,hi', services: [{ name: 'S', url: 'file:///etc/passwd' }] }));
    assert.equal(metadata.profile.website, undefined);
    assert.equal(metadata.profile.contact, undefined);
    assert.equal(metadata.services[0]?.url, undefined);
  });

  it('refuses broken JSON as bad syntax', () => {
    assert.throws(() => parseLibrehost(fixture('librehost-broken.json')), rejectedWith('bad_syntax'));
  });

  it('refuses a JSON list, a number or an object naming nothing as not metadata', () => {
    assert.throws(() => parseLibrehost(fixture('librehost-array.json')), rejectedWith('not_metadata'));
    assert.throws(() => parseLibrehost(fixture('librehost-number.json')), rejectedWith('not_metadata'));
    assert.throws(() => parseLibrehost('null'), rejectedWith('not_metadata'));
    assert.throws(() => parseLibrehost('{"homeUrl": "https://x.example.org/", "services": []}'), rejectedWith('not_metadata'));
  });

  it('refuses more than 500 services, and reads 500', () => {
    const services = (count: number) => JSON.stringify({ name: 'Many', services: Array.from({ length: count }, (_, i) => ({ name: `S${i}` })) });
    assert.throws(() => parseLibrehost(services(501)), rejectedWith('too_many_links'));
    assert.equal(parseLibrehost(services(500)).services.length, 500);
  });

  it('caps hostile values, drops wrong types and reports entries it cannot read', () => {
    const metadata = parseLibrehost(
      JSON.stringify({
        name: 'N'.repeat(10_000),
        description: 'd'.repeat(100_000),
        communicationLanguages: 'en',
        countries: ['Atlantis', 'de'],
        services: [{ name: 'Bell\u0007 ring', registrationOpen: 'yes', languages: 42, status: 'constructor', registration: '__proto__' }, 'pads', { url: 'https://nameless.example.org/' }],
      }),
    );
    assert.equal(metadata.name?.length, 200);
    assert.equal(metadata.profile.description?.length, 5000);
    assert.deepEqual(metadata.profile.languages, ['en']);
    assert.deepEqual(metadata.profile.countries, ['DE']);
    assert.deepEqual(metadata.services, [{ name: 'Bell ring', category: 'other' }]);
    for (const entry of ['services.registrationOpen', 'services.languages', 'services.status', 'services.registration', 'services[1]: not an object', 'services[2]: no name']) {
      assert.ok(metadata.ignored.includes(entry), `${entry} is reported`);
    }
  });
});

const fitness = { fit: true, explanation: 'We have worked with exiled reporters.' };

function publishedProvider(overrides: Partial<ProviderProfile> = {}): PublishedProvider {
  const meet: ProviderService = {
    name: 'Owl Meet',
    category: 'video-calls',
    description: 'Video calls.\nNo account needed.',
    url: 'https://meet.nightowl.example.org/',
    softwareName: 'Jitsi Meet',
    softwareLicence: 'Apache-2.0',
    softwareVersion: '2.0.9823',
    sourceUrl: 'https://github.com/jitsi/jitsi-meet',
    registration: 'none',
    registrationOpen: true,
    price: '',
    freeOfCharge: true,
    languages: ['en', 'es'],
    hostingCountry: 'IS',
    onionAddress: `http://${'a'.repeat(56)}.onion/`,
    endToEndEncryption: true,
    status: 'active',
  };
  const audit: ProviderService = {
    ...meet,
    name: 'Owl Audits',
    category: 'audit',
    description: '',
    url: null,
    softwareName: '',
    softwareLicence: '',
    softwareVersion: '',
    sourceUrl: null,
    registration: 'clients',
    registrationOpen: false,
    price: 'On quote',
    freeOfCharge: false,
    languages: [],
    hostingCountry: null,
    onionAddress: null,
    endToEndEncryption: false,
    status: 'ending',
  };
  return {
    slug: 'night-owl',
    name: 'Night Owl Tech',
    memberSince: null,
    updatedAt: '2026-01-10T12:00:00.000Z',
    profile: {
      description: 'A cooperative for journalists.\n"Quotes", \\ backslashes and é.',
      structureType: 'public-body',
      website: 'https://nightowl.example.org/',
      contact: 'desk@nightowl.example.org',
      languages: ['en', 'es'],
      countries: ['MX', 'IS'],
      economicModel: 'mixed',
      prices: 'Sliding scale',
      termsUrl: 'https://nightowl.example.org/terms',
      privacyUrl: 'https://nightowl.example.org/privacy',
      infrastructure: 'own-hardware',
      hypervisorAccess: 'Only us',
      physicalHost: 'Example Datacentre',
      onionAddress: `http://${'b'.repeat(56)}.onion`,
      fitness: { low: fitness, medium: fitness, high: fitness },
      ...overrides,
    },
    services: [
      { ...meet, slug: 'meet' },
      { ...audit, slug: 'audits' },
    ],
  };
}

const PROFILE_FIELDS = ['description', 'website', 'contact', 'languages', 'countries', 'structureType', 'termsUrl', 'privacyUrl', 'onionAddress'] as const;
const SERVICE_FIELDS = [
  'name', 'category', 'description', 'url', 'softwareName', 'softwareLicence', 'softwareVersion', 'sourceUrl', 'registration',
  'registrationOpen', 'price', 'freeOfCharge', 'languages', 'hostingCountry', 'onionAddress', 'endToEndEncryption', 'status',
] as const;

/** What a file states: empty strings, nulls and empty lists are absence in the format. */
const stated = <T extends object>(record: T, fields: readonly (keyof T)[]) =>
  Object.fromEntries(fields.filter((f) => record[f] !== null && record[f] !== '' && !(Array.isArray(record[f]) && (record[f] as unknown[]).length === 0)).map((f) => [f, record[f]]));

const roundTrip = (provider: PublishedProvider) => parseLibrehost(JSON.stringify(librehostJson(provider, new URL('https://haven.example.org/'))));

describe('publishing the directory as librehost.json', () => {
  it('publishes a provider that reads back with the same profile and every service field', () => {
    const provider = publishedProvider();
    const metadata = roundTrip(provider);
    assert.equal(metadata.name, provider.name);
    assert.deepEqual(metadata.profile, stated(provider.profile, PROFILE_FIELDS));
    assert.deepEqual(metadata.services, provider.services.map((s) => stated(s, SERVICE_FIELDS)));
    assert.deepEqual(metadata.ignored, []);
  });

  it('reads back every kind of structure and a contact page as published', () => {
    for (const structureType of ['association', 'cooperative', 'company', 'collective', 'individual', 'foundation', 'public-body', 'other'] as const) {
      assert.equal(roundTrip(publishedProvider({ structureType })).profile.structureType, structureType);
    }
    assert.equal(roundTrip(publishedProvider({ contact: 'https://nightowl.example.org/contact' })).profile.contact, 'https://nightowl.example.org/contact');
  });

  it('publishes the shared schema’s keys, an e-mail contact as a mailto: link, and no internal fields', () => {
    const document = librehostJson(publishedProvider(), new URL('https://coalition.example.org/haven'));
    assert.equal(document['@context'], 'http://schema.org');
    assert.equal(document['@id'], 'https://coalition.example.org/haven/federation/librehost/night-owl.json');
    assert.equal(document.version, '0.0.1');
    assert.equal(document.homeUrl, 'https://nightowl.example.org/');
    assert.equal(document.contactUrl, 'mailto:desk@nightowl.example.org');
    assert.deepEqual(document.communicationLanguages, ['en', 'es']);
    assert.equal(document.isServiceProvider, true);
    const text = JSON.stringify(document);
    for (const internal of ['Sliding scale', 'Only us', 'Example Datacentre', 'exiled reporters']) assert.ok(!text.includes(internal), `${internal} stays out`);
  });
});
