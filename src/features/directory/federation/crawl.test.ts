import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { forEachDialect } from '../../../../test/dialects.ts';
import { startHaven, type TestHaven } from '../../../../test/harness.ts';
import { LoopbackSite } from '../../../../test/loopback-site.ts';
import { createAccount, WebClient } from '../../../../test/web-client.ts';

const fixture = (name: string) => fs.readFileSync(new URL(`../../../../test/fixtures/federation/${name}`, import.meta.url));

function organization(site: LoopbackSite, subs: string[], country = 'FR') {
  return [
    'file.class = Organization',
    'file.protocol = ChatonsInfos-0.5',
    '# A comment, and a key nobody knows:',
    'organization.mood = sunny',
    'organization.name = Fjord Hosting',
    'organization.description = Mail and pads for newsrooms.',
    'organization.website = https://fjord.example.org',
    `organization.country.code = ${country}`,
    ...subs.map((s) => `subs.${s} = ${site.url(`/statoolinfos/${s}.properties`)}`),
  ].join('\n');
}

function service(name: string, options: { load?: 'open' | 'full'; country?: string; software?: string; endDate?: string } = {}) {
  return [
    'file.class = Service',
    `service.name = ${name}`,
    'service.registration = Free',
    `service.registration.load = ${options.load ?? 'open'}`,
    `software.name = ${options.software ?? 'Etherpad'}`,
    'software.license.name = Apache-2.0',
    `host.country.code = ${options.country ?? 'FR'}`,
    'host.provider.type = HOSTEDSERVER',
    ...(options.endDate ? [`service.enddate = ${options.endDate}`] : []),
  ].join('\n');
}

forEachDialect((dialect) => {
  describe('reading the metadata providers publish', () => {
    let t: TestHaven;
    let site: LoopbackSite;
    let delegate: WebClient;
    let ids: { fjord: string; harbour: string; delegate: string; steward: string };
    const base = '/directory/providers/fjord';

    before(async () => {
      t = await startHaven(dialect, { env: { OUTBOUND_ALLOW_PRIVATE_ADDRESSES: 'true' } });
      site = await LoopbackSite.start();
      const fjord = await t.haven.organisations.create({ slug: 'fjord', name: 'Fjord', kind: 'hosting-provider' }, 'system');
      const harbour = await t.haven.organisations.create({ slug: 'harbour', name: 'Harbour', kind: 'hosting-provider' }, 'system');
      const d = await createAccount(t.app, 'fjord-d');
      await t.haven.organisations.addMember(fjord.id, d.id, 'delegate', 'system');
      const s = await createAccount(t.app, 'steward-s', { roles: ['steward'] });
      ids = { fjord: fjord.id, harbour: harbour.id, delegate: d.id, steward: s.id };
      delegate = new WebClient(t.app);
      await delegate.logIn('fjord-d', d.password);
      site.set('/statoolinfos/fjord.properties', organization(site, ['pads', 'mail']));
      site.set('/statoolinfos/pads.properties', service('Fjord Pads'));
      site.set('/statoolinfos/mail.properties', service('Fjord Mail', { software: 'Roundcube' }));
    });
    after(async () => {
      await site.close();
      await t.close();
    });

    const snapshot = async (slug = 'fjord') => JSON.stringify(await t.haven.directory.provider(slug));
    const read = async () => {
      const page = await delegate.post(`${base}/federation/read`, {}, `${base}/federation`);
      assert.equal(page.status, 303, page.body.slice(0, 500));
    };

    it('imports a StatoolInfos organization file and the service files it lists, registered by a delegate in the browser', async () => {
      const registered = await delegate.post(`${base}/federation`, { url: site.url('/statoolinfos/fjord.properties'), format: 'statoolinfos' }, `${base}/federation`);
      assert.equal(registered.status, 303);
      await read();
      const record = await t.haven.directory.provider('fjord');
      assert.equal(record.published, true);
      assert.equal(record.profile.description, 'Mail and pads for newsrooms.');
      assert.equal(record.profile.website, 'https://fjord.example.org');
      assert.deepEqual(record.services.map((s) => [s.name, s.softwareName, s.category, s.hostingCountry, s.registrationOpen]), [
        ['Fjord Mail', 'Roundcube', 'email', 'FR', true],
        ['Fjord Pads', 'Etherpad', 'pads', 'FR', true],
      ]);
      const page = await delegate.get(`${base}/federation`);
      assert.match(page.body, /Imported/);
      assert.match(page.body, /organization\.mood/, 'the key nobody knows is shown as left aside, not an error');
      const history = await t.app.inject({ method: 'GET', url: `${base}/history` });
      assert.match(history.body, /from the provider’s published metadata/);
      assert.match((await t.app.inject({ method: 'GET', url: '/directory?q=fjord' })).body, /href="\/directory\/providers\/fjord"/, 'the search sees it at once');
    });

    it('keeps every distinct version, and reads an unchanged file as unchanged without a new revision', async () => {
      const revisions = (await t.haven.directory.history(ids.fjord)).length;
      await read();
      const status = await t.haven.federation.status(ids.fjord);
      assert.equal(status.imports[0]!.outcome, 'unchanged');
      assert.equal((await t.haven.directory.history(ids.fjord)).length, revisions);
      const kept = await t.haven.database.db.selectFrom('metadata_imports').select('content').where('organisation_id', '=', ids.fjord).where('outcome', '=', 'imported').execute();
      assert.equal(kept.length, 1);
      assert.match(kept[0]!.content!, /Fjord Pads/);
      const version = await delegate.get(`${base}/federation/versions/1`);
      assert.equal(version.status, 200);
      assert.match(version.body, /service\.name = Fjord Pads/, 'the delegates can read the version as it was fetched');
      assert.equal((await delegate.get(`${base}/federation/versions/2`)).status, 404, 'an unchanged reading keeps no copy');
      assert.equal((await t.app.inject({ method: 'GET', url: `${base}/federation/versions/1` })).statusCode, 401);
    });

    it('flags a new hosting country, a full registration and an ending service to the delegates and the stewards', async () => {
      site.set('/statoolinfos/fjord.properties', organization(site, ['pads', 'vpn']));
      site.set('/statoolinfos/pads.properties', service('Fjord Pads', { load: 'full' }));
      site.set('/statoolinfos/vpn.properties', service('Fjord VPN', { country: 'IS', software: 'WireGuard' }));
      const unread = async (id: string) => (await t.haven.inbox.list(id)).map((n) => `${n.subject}\n${n.text}`).join('\n');
      await read();
      const status = await t.haven.federation.status(ids.fjord);
      assert.equal(status.imports[0]!.outcome, 'imported');
      assert.deepEqual(status.imports[0]!.flags.map((f) => f.kind).sort(), ['new-country', 'registration-closed', 'service-ending'], JSON.stringify(status.imports[0]!.flags));
      for (const id of [ids.delegate, ids.steward]) {
        const text = await unread(id);
        assert.match(text, /Important change in the profile of Fjord/);
        assert.match(text, /now also hosted in Iceland/);
        assert.match(text, /registration to Fjord Pads is now full or closed/);
        assert.match(text, /Fjord Mail is ending/);
      }
      const record = await t.haven.directory.provider('fjord');
      assert.deepEqual(record.services.map((s) => s.name), ['Fjord Pads', 'Fjord VPN'], 'the service gone from the file is gone from the profile');
      assert.match((await delegate.get(`${base}/federation`)).body, /now also hosted in Iceland/);
    });

    it('never lets an import remove a service the delegates typed in Haven', async () => {
      await t.haven.directory.addService('fjord', { ...(await import('../service-defaults.ts')).newService(), name: 'Typed by hand', category: 'training' }, { kind: 'system', actor: 'system' });
      site.set('/statoolinfos/fjord.properties', organization(site, ['pads']));
      await read();
      assert.ok((await t.haven.directory.provider('fjord')).services.some((s) => s.name === 'Typed by hand'));
    });

    it('refuses broken and hostile files with a clear reason on the provider’s page, and never touches the profile', async () => {
      const cases: [string, Parameters<LoopbackSite['set']>[1], string, RegExp][] = [
        ['huge', { body: Buffer.alloc(3 * 1024 * 1024, 'a') }, 'too_large', /The file is too large/],
        ['binary', { body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]) }, 'binary', /The file is not text/],
        ['latin1', { body: fixture('organization-latin1.properties') }, 'bad_encoding', /not written in UTF-8/],
        ['missing', { status: 404, body: 'no' }, 'not_found', /The file was not found there/],
        ['loop', { status: 302, headers: { location: '/statoolinfos/loop.properties' } }, 'too_many_redirects', /redirected too many times/],
        ['not-metadata', '<html><body>Hello</body></html>', 'not_metadata', /does not look like metadata/],
        ['federation', fixture('federation.properties').toString(), 'not_metadata', /does not look like metadata/],
      ];
      const before = await snapshot();
      for (const [name, reply, code, sentence] of cases) {
        site.set(`/statoolinfos/${name}.properties`, reply);
        await t.haven.federation.register(ids.fjord, { url: site.url(`/statoolinfos/${name}.properties`), format: 'statoolinfos' }, 'system');
        await read();
        const last = (await t.haven.federation.status(ids.fjord)).imports[0]!;
        assert.equal(last.outcome, 'rejected', name);
        assert.equal(last.reason, code, name);
        assert.equal(await snapshot(), before, `${name}: the profile is untouched`);
        const page = await delegate.get(base);
        assert.match(page.body, sentence, `${name}: the reason is on the provider’s page`);
      }
      const french = await delegate.get(base, { 'accept-language': 'fr' });
      assert.match(french.body, /Le fichier ne ressemble pas à des métadonnées/);
      assert.doesNotMatch((await t.app.inject({ method: 'GET', url: base })).body, /Refused|does not look like metadata/, 'the public does not see the provider’s failed readings');
    });

    it('refuses a service file that fails, rather than importing the rest as if that service had ended', async () => {
      site.set('/statoolinfos/fjord.properties', organization(site, ['pads', 'gone']));
      await t.haven.federation.register(ids.fjord, { url: site.url('/statoolinfos/fjord.properties'), format: 'statoolinfos' }, 'system');
      const before = await snapshot();
      await read();
      assert.equal((await t.haven.federation.status(ids.fjord)).imports[0]!.reason, 'not_found');
      assert.equal(await snapshot(), before);
    });

    it('imports a librehost.json file, and refuses a broken one', async () => {
      site.set('/librehost.json', { body: fixture('librehost-good.json'), headers: { 'content-type': 'application/json' } });
      await t.haven.federation.register(ids.harbour, { url: site.url('/librehost.json'), format: 'librehost' }, 'system');
      assert.equal((await t.haven.federation.read(ids.harbour)).outcome, 'imported');
      const record = await t.haven.directory.provider('harbour');
      assert.equal(record.profile.website, 'https://harbour.example.org');
      assert.deepEqual(record.services.map((s) => s.name), ['Harbour Mail', 'Harbour Meet']);
      const before = await snapshot('harbour');
      site.set('/librehost.json', { body: fixture('librehost-broken.json') });
      const refused = await t.haven.federation.read(ids.harbour);
      assert.equal(refused.reason, 'bad_syntax');
      assert.equal(await snapshot('harbour'), before);
    });

    it('reads every source again on schedule, once the last reading is older than the interval', async () => {
      const readings = async () => (await t.haven.database.db.selectFrom('metadata_imports').select('id').execute()).length;
      const before = await readings();
      await t.haven.jobs.runDue();
      assert.equal(await readings(), before, 'every source was read within the day: nothing to do');
      t.clock.advance(25 * 60 * 60 * 1000);
      await t.haven.jobs.runDue();
      assert.equal(await readings(), before + 2, 'both sources (Fjord and Harbour) were read again');
    });

    it('publishes the whole directory in both formats, which another Haven can crawl back', async () => {
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const origin = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
      const other = await startHaven(dialect, { env: { OUTBOUND_ALLOW_PRIVATE_ADDRESSES: 'true' } });
      try {
        const federation = await t.app.inject({ method: 'GET', url: '/federation/statoolinfos/federation.properties' });
        assert.match(federation.body, /file\.class = federation/i);
        assert.match(federation.body, /subs\.harbour = http:\/\/haven\.test\/federation\/statoolinfos\/organizations\/harbour\.properties/);
        const list = (await t.app.inject({ method: 'GET', url: '/federation/librehosters.json' })).json() as { name: string }[];
        assert.deepEqual(list.map((p) => p.name).sort(), ['Fjord', 'Harbour']);

        // The other Haven reads Harbour's librehost.json as Haven publishes it.
        const copy = await other.haven.organisations.create({ slug: 'harbour-copy', name: 'Harbour copy', kind: 'hosting-provider' }, 'system');
        await other.haven.federation.register(copy.id, { url: `${origin}/federation/librehost/harbour.json`, format: 'librehost' }, 'system');
        assert.equal((await other.haven.federation.read(copy.id)).outcome, 'imported');
        const original = await t.haven.directory.provider('harbour');
        const copied = await other.haven.directory.provider('harbour-copy');
        assert.equal(copied.profile.description, original.profile.description);
        assert.deepEqual(copied.services.map((s) => [s.name, s.category, s.registrationOpen, s.softwareName]), original.services.map((s) => [s.name, s.category, s.registrationOpen, s.softwareName]));
      } finally {
        await other.close();
      }
    });
  });

  describe('reading metadata with private addresses refused (the production setting)', () => {
    let t: TestHaven;
    let site: LoopbackSite;
    before(async () => {
      t = await startHaven(dialect);
      site = await LoopbackSite.start();
    });
    after(async () => {
      await site.close();
      await t.close();
    });

    it('refuses to fetch from loopback or a private network, before any request is sent', async () => {
      site.set('/statoolinfos/org.properties', organization(site, []));
      const org = await t.haven.organisations.create({ slug: 'sneaky', name: 'Sneaky', kind: 'hosting-provider' }, 'system');
      for (const url of [site.url('/statoolinfos/org.properties'), `http://localhost:${new URL(site.origin).port}/statoolinfos/org.properties`, 'http://10.0.0.1/x.properties', 'http://[::1]/x.properties', 'http://169.254.169.254/latest/meta-data']) {
        await t.haven.federation.register(org.id, { url, format: 'statoolinfos' }, 'system');
        const outcome = await t.haven.federation.read(org.id);
        assert.equal(outcome.outcome, 'rejected', url);
        assert.equal(outcome.reason, 'forbidden_address', url);
      }
      assert.deepEqual(site.requests, [], 'the loopback site never received a request');
    });
  });
});
