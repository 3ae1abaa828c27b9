import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { forEachDialect } from '../../../test/dialects.ts';
import { startHaven, type TestHaven } from '../../../test/harness.ts';
import { createAccount, WebClient } from '../../../test/web-client.ts';

/** A whole profile form as a delegate fills it in. */
const profileForm = {
  description: 'Small association hosting e-mail and pads for journalists in Lyon.',
  structureType: 'association',
  website: 'https://hosting.example.org',
  contact: 'contact@hosting.example.org',
  languages: 'fr, en',
  countries: 'FR',
  economicModel: 'donations',
  prices: 'Pay what you can',
  termsUrl: 'https://hosting.example.org/terms',
  privacyUrl: 'https://hosting.example.org/privacy',
  infrastructure: 'hosted-hardware',
  hypervisorAccess: 'Only our two administrators',
  physicalHost: 'Datacentre Coop',
  onionAddress: '',
  fitLow: 'true',
  explainLow: 'Everyday use',
  fitMedium: 'true',
  explainMedium: 'Encrypted disks and no logs',
  explainHigh: '',
};

const serviceForm = {
  name: 'Mail',
  category: 'email',
  description: 'Mailboxes with webmail',
  url: 'https://mail.hosting.example.org',
  softwareName: 'Postfix',
  softwareLicence: 'IPL-1.0',
  softwareVersion: '3.8',
  sourceUrl: 'https://github.com/vdukhovni/postfix',
  registration: 'free',
  registrationOpen: 'true',
  price: '',
  freeOfCharge: 'true',
  languages: 'fr',
  hostingCountry: 'FR',
  onionAddress: '',
  endToEndEncryption: '',
  status: 'active',
};

forEachDialect((dialect) => {
  describe('provider profiles', () => {
    let t: TestHaven;
    const people: Record<string, WebClient> = {};

    async function person(username: string, options: { org?: string; role?: 'delegate' | 'staff'; roles?: ('steward' | 'reviewer')[] } = {}) {
      const { id, password } = await createAccount(t.app, username, { roles: options.roles ?? [] });
      if (options.org) await t.haven.organisations.addMember((await t.haven.organisations.getBySlug(options.org)).id, id, options.role ?? 'delegate', 'system');
      people[username] = new WebClient(t.app);
      await people[username].logIn(username, password);
    }

    before(async () => {
      t = await startHaven(dialect);
      await t.haven.organisations.create({ slug: 'lyon-hosting', name: 'Lyon Hosting', kind: 'hosting-provider' }, 'system');
      await t.haven.organisations.create({ slug: 'other-host', name: 'Other Host', kind: 'hosting-provider' }, 'system');
      await t.haven.organisations.create({ slug: 'partner-org', name: 'Partner Org', kind: 'partner' }, 'system');
      await person('lyon-d', { org: 'lyon-hosting' });
      await person('lyon-staff', { org: 'lyon-hosting', role: 'staff' });
      await person('other-d', { org: 'other-host' });
      await person('steward-s', { roles: ['steward'] });
      people.anonymous = new WebClient(t.app);
    });
    after(() => t.close());

    it('keeps an unpublished profile out of sight of the public, but lets its delegates start it', async () => {
      assert.equal((await people.anonymous!.get('/directory/providers/lyon-hosting')).status, 404);
      const own = await people['lyon-d']!.get('/directory/providers/lyon-hosting');
      assert.equal(own.status, 200);
      assert.match(own.body, /has not published its profile yet/);
      assert.equal((await people.anonymous!.get('/directory/providers/partner-org')).status, 404, 'partners have no directory profile');
    });

    it('lets a delegate fill in the profile in the browser, and shows it to everyone', async () => {
      const saved = await people['lyon-d']!.post('/directory/providers/lyon-hosting/edit', profileForm, '/directory/providers/lyon-hosting/edit');
      assert.equal(saved.status, 303);
      const page = await people.anonymous!.get('/directory/providers/lyon-hosting');
      assert.equal(page.status, 200);
      for (const text of ['Small association hosting e-mail', 'Datacentre Coop', 'Only our two administrators', 'Own hardware, hosted in a data centre', 'Encrypted disks and no logs', 'French', 'France']) {
        assert.ok(page.body.includes(text), `the public profile shows “${text}”`);
      }
      assert.match(page.body, /Not declared fit for high risk/);
      const french = await people.anonymous!.get('/directory/providers/lyon-hosting', { 'accept-language': 'fr' });
      assert.match(french.body, /Matériel à soi, hébergé dans un centre de données/);
      assert.match(french.body, /français/);
    });

    it('refuses bad input with a translated message next to the field, and changes nothing', async () => {
      const before = await people.anonymous!.get('/directory/providers/lyon-hosting');
      const cases: [Record<string, string>, RegExp, RegExp][] = [
        [{ languages: 'french' }, /Languages: use two-letter codes/, /Langues : utilisez des codes/],
        [{ fitHigh: 'true', explainHigh: '' }, /Explain why you are fit for high risk/, /Expliquez pourquoi vous êtes adapté au risque élevé/],
        [{ website: 'javascript:alert(1)' }, /id="field-website-problem"/, /id="field-website-problem"/],
        [{ structureType: 'empire' }, /id="field-structureType-problem"/, /id="field-structureType-problem"/],
      ];
      for (const [change, english, french] of cases) {
        const refused = await people['lyon-d']!.post('/directory/providers/lyon-hosting/edit', { ...profileForm, ...change }, '/directory/providers/lyon-hosting/edit');
        assert.equal(refused.status, 400, JSON.stringify(change));
        assert.match(refused.body, english);
        const refusedFr = await people['lyon-d']!.request({
          method: 'POST',
          url: '/directory/providers/lyon-hosting/edit',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'fr' },
          payload: new URLSearchParams({ ...profileForm, ...change, _csrf: /name="_csrf" value="([^"]+)"/.exec(refused.body)![1]! }).toString(),
        });
        assert.match(refusedFr.body, french);
      }
      const afterwards = await people.anonymous!.get('/directory/providers/lyon-hosting');
      assert.equal(afterwards.body, before.body, 'the public profile is unchanged');
    });

    it('lets only the provider’s delegates and stewards edit: staff, other providers and strangers cannot', async () => {
      const edit = { ...profileForm, description: 'Defaced' };
      assert.equal((await people['lyon-staff']!.post('/directory/providers/lyon-hosting/edit', edit, '/directory/providers/lyon-hosting')).status, 403);
      assert.equal((await people['other-d']!.post('/directory/providers/lyon-hosting/edit', edit, '/directory/providers/lyon-hosting')).status, 403);
      assert.equal((await people['other-d']!.get('/directory/providers/lyon-hosting/edit')).status, 403);
      assert.equal((await people.anonymous!.get('/directory/providers/lyon-hosting/edit')).status, 401);
      assert.equal((await people['other-d']!.post('/directory/providers/lyon-hosting/services/new', serviceForm, '/directory/providers/lyon-hosting')).status, 403);
      assert.doesNotMatch((await people.anonymous!.get('/directory/providers/lyon-hosting')).body, /Defaced/);
      const bySteward = await people['steward-s']!.post('/directory/providers/lyon-hosting/edit', { ...profileForm, prices: 'Free for journalists' }, '/directory/providers/lyon-hosting/edit');
      assert.equal(bySteward.status, 303);
      assert.match((await people.anonymous!.get('/directory/providers/lyon-hosting')).body, /Free for journalists/);
    });

    it('adds, edits and removes services, and the history tells each change and by whom', async () => {
      const d = people['lyon-d']!;
      assert.equal((await d.post('/directory/providers/lyon-hosting/services/new', serviceForm, '/directory/providers/lyon-hosting/services/new')).status, 303);
      assert.equal((await d.post('/directory/providers/lyon-hosting/services/new', { ...serviceForm, name: 'Pads', category: 'pads', softwareName: 'Etherpad' }, '/directory/providers/lyon-hosting/services/new')).status, 303);
      const withServices = await people.anonymous!.get('/directory/providers/lyon-hosting');
      assert.match(withServices.body, /id="service-mail"/);
      assert.match(withServices.body, /Etherpad/);

      const full = await d.post('/directory/providers/lyon-hosting/services/mail', { ...serviceForm, registrationOpen: '' }, '/directory/providers/lyon-hosting/services/mail');
      assert.equal(full.status, 303);
      assert.match((await people.anonymous!.get('/directory/providers/lyon-hosting')).body, /Free sign-up \(full for now\)/);
      assert.equal((await d.post('/directory/providers/lyon-hosting/services/pads/remove', {}, '/directory/providers/lyon-hosting/services/pads')).status, 303);
      assert.doesNotMatch((await people.anonymous!.get('/directory/providers/lyon-hosting')).body, /Etherpad/);

      const history = await people.anonymous!.get('/directory/providers/lyon-hosting/history');
      assert.equal(history.status, 200);
      assert.match(history.body, /Profile published/);
      assert.match(history.body, /Prices: Pay what you can → Free for journalists/);
      assert.match(history.body, /by a steward/);
      assert.match(history.body, /Service added: Pads/);
      assert.match(history.body, /Mail, Registration open: Yes → No/);
      assert.match(history.body, /Service removed: Pads/);
      assert.doesNotMatch(history.body, /lyon-d|steward-s/, 'the public does not learn who made each change');
      assert.match((await d.get('/directory/providers/lyon-hosting/history')).body, /\(steward-s\)/, 'delegates do');
    });

    it('saves nothing and records no revision when a form is sent again unchanged', async () => {
      const count = async () => (await t.haven.directory.history((await t.haven.organisations.getBySlug('lyon-hosting')).id)).length;
      const before = await count();
      const page = await people['lyon-d']!.get('/directory/providers/lyon-hosting/edit');
      assert.equal(page.status, 200);
      const current = await t.haven.directory.provider('lyon-hosting');
      await t.haven.directory.saveProfile('lyon-hosting', current.profile, { kind: 'delegate', actor: { accountId: 'x', username: 'x' } });
      assert.equal(await count(), before);
    });

    it('lets delegates keep the profile through the API with a token, with the same rules', async () => {
      const { id } = await createAccount(t.app, 'other-api');
      await t.haven.organisations.addMember((await t.haven.organisations.getBySlug('other-host')).id, id, 'delegate', 'system');
      const token = (await t.haven.tokens.create(id, 'api', 'system')).token;
      const auth = { authorization: `Bearer ${token}` };
      const profile = {
        ...(await t.haven.directory.provider('other-host')).profile,
        description: 'Another host',
        languages: ['de'],
        countries: ['DE'],
        fitness: { low: { fit: true, explanation: 'Yes' }, medium: { fit: false, explanation: '' }, high: { fit: false, explanation: '' } },
      };
      assert.equal((await t.app.inject({ method: 'PUT', url: '/api/v1/providers/other-host/profile', headers: auth, payload: profile })).statusCode, 204);
      const bad = await t.app.inject({ method: 'PUT', url: '/api/v1/providers/other-host/profile', headers: { ...auth, 'accept-language': 'fr' }, payload: { ...profile, languages: ['deutsch'] } });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.code, 'invalid_input');
      assert.equal((await t.app.inject({ method: 'PUT', url: '/api/v1/providers/lyon-hosting/profile', headers: auth, payload: profile })).statusCode, 403, 'not its provider');
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/v1/providers/other-host/services',
        headers: auth,
        payload: { name: 'Cloud', category: 'file-sharing', description: '', url: null, softwareName: 'Nextcloud', softwareLicence: 'AGPL-3.0', softwareVersion: '29', sourceUrl: null, registration: 'members', registrationOpen: true, price: '5 € / month', freeOfCharge: false, languages: ['de'], hostingCountry: 'DE', onionAddress: null, endToEndEncryption: false, status: 'active' },
      });
      assert.equal(created.statusCode, 201);
      assert.equal(created.json().slug, 'cloud');
      const detail = await t.app.inject({ method: 'GET', url: '/api/v1/providers/other-host' });
      assert.equal(detail.statusCode, 200);
      assert.equal(detail.json().profile.description, 'Another host');
      assert.equal(detail.json().services[0].softwareName, 'Nextcloud');
      assert.equal(detail.json().services[0].id, undefined, 'database ids never leave the server');
      assert.equal((await t.app.inject({ method: 'DELETE', url: '/api/v1/providers/other-host/services/cloud', headers: auth })).statusCode, 204);
    });
  });
});
