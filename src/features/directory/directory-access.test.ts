import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { forEachDialect } from '../../../test/dialects.ts';
import { accessPeople, EVERYONE, type Who } from '../../../test/access-people.ts';
import { startHaven, type TestHaven } from '../../../test/harness.ts';
import { emptyProfile } from './directory.service.ts';
import { newService } from './service-defaults.ts';

/**
 * Who may keep a provider's profile: every kind of person against every
 * path that changes it or shows its private side (readings of its metadata).
 * Public reads are checked against everyone too: a profile is public once
 * published, and its failed readings never are.
 */
const MAY_EDIT = new Set<Who>(['delegate', 'steward']);

const P = '/directory/providers/home-host';
const API = '/api/v1/providers/home-host';
const service = { ...newService(), name: 'Matrix service', category: 'chat' as const };

/** Every way to change a profile, in the browser and through the API. */
const WRITES: { method: 'GET' | 'POST' | 'PUT' | 'DELETE'; url: string; payload?: unknown; ok: number[] }[] = [
  { method: 'GET', url: `${P}/edit`, ok: [200] },
  { method: 'GET', url: `${P}/services/new`, ok: [200] },
  { method: 'GET', url: `${P}/services/kept`, ok: [200] },
  { method: 'GET', url: `${P}/federation`, ok: [200] },
  { method: 'POST', url: `${P}/edit`, payload: { description: 'Changed' }, ok: [303] },
  { method: 'POST', url: `${P}/services/new`, payload: { name: 'Web form', category: 'forms', registration: 'free', status: 'active' }, ok: [303] },
  { method: 'POST', url: `${P}/federation`, payload: { url: 'https://home-host.example/org.properties', format: 'statoolinfos' }, ok: [303] },
  { method: 'POST', url: `${P}/checks`, ok: [303] },
  { method: 'PUT', url: `${API}/profile`, payload: { ...emptyProfile(), description: 'Changed by API' }, ok: [204] },
  { method: 'POST', url: `${API}/services`, payload: service, ok: [201] },
  { method: 'PUT', url: `${API}/services/kept`, payload: { ...service, name: 'Kept' }, ok: [204] },
  { method: 'PUT', url: `${API}/metadata-source`, payload: { url: 'https://home-host.example/librehost.json', format: 'librehost' }, ok: [204] },
  { method: 'POST', url: `${API}/checks`, ok: [200] },
  { method: 'GET', url: `${P}/canary`, ok: [200] },
  // Allowed through, then refused for what it says: a 400, never a 403.
  { method: 'POST', url: `${P}/canary/key`, payload: { key: 'not a key' }, ok: [400] },
  { method: 'POST', url: `${P}/canary/statements`, payload: { statement: 'not signed' }, ok: [400] },
  { method: 'POST', url: `${P}/legal-requests`, payload: { receivedOn: 'someday' }, ok: [400] },
  { method: 'POST', url: `${P}/incidents`, payload: { title: 'x' }, ok: [400] },
  { method: 'POST', url: `${P}/documents`, payload: { kind: 'accounts', title: 'x' }, ok: [400] },
];

forEachDialect((dialect) => {
  let t: TestHaven;
  const tokens = new Map<Who, string>();

  before(async () => {
    t = await startHaven(dialect);
    const { haven } = t;
    const home = await haven.organisations.create({ slug: 'home-host', name: 'Home Host', kind: 'hosting-provider' }, 'system');
    const other = await haven.organisations.create({ slug: 'other-host', name: 'Other Host', kind: 'security-provider' }, 'system');
    await haven.directory.saveProfile('home-host', emptyProfile(), { kind: 'system', actor: 'system' });
    await haven.directory.addService('home-host', { ...service, name: 'Kept' }, { kind: 'system', actor: 'system' });
    for (const [who, token] of await accessPeople(haven, home, other, 'd')) tokens.set(who, token);
  });
  after(() => t.close());

  function send(who: Who, request: { method: string; url: string; payload?: unknown }) {
    const token = tokens.get(who);
    const form = request.url.startsWith('/directory') && request.method === 'POST';
    return t.app.inject({
      method: request.method as 'GET',
      url: request.url,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      payload: form ? new URLSearchParams(request.payload as Record<string, string>).toString() : (request.payload as object | undefined),
    });
  }

  for (const write of WRITES) {
    describe(`${write.method} ${write.url}`, () => {
      for (const who of EVERYONE) {
        // An anonymous form post has no anti-forgery token: it is refused as forged before anything else.
        const anonymous = write.method === 'POST' && write.url.startsWith('/directory') ? [403] : [401];
        const expected = who === 'anonymous' ? anonymous : MAY_EDIT.has(who) ? write.ok : [403];
        it(`answers ${expected.join(' or ')} to ${who}`, async () => {
          const response = await send(who, write);
          assert.ok(expected.includes(response.statusCode), `${who}: got ${response.statusCode} ${response.body.slice(0, 200)}`);
        });
      }
    });
  }

  describe('the public side of a profile', () => {
    for (const who of EVERYONE) {
      it(`shows ${who} the profile, its history and its data, and the readings of its metadata only to those who keep it`, async () => {
        await t.haven.federation.register((await t.haven.organisations.getBySlug('home-host')).id, { url: 'https://home-host.example/x', format: 'librehost' }, 'system');
        for (const url of [P, `${P}/history`, API, '/directory', '/open-data/providers.json', '/federation/librehost/home-host.json', '/federation/statoolinfos/organizations/home-host.properties']) {
          assert.equal((await send(who, { method: 'GET', url })).statusCode, 200, `${who} reads ${url}`);
        }
        const page = (await send(who, { method: 'GET', url: P })).body;
        assert.equal(page.includes('id="federation-status"'), MAY_EDIT.has(who), `${who} sees the readings of the metadata`);
      });
    }
  });
});
