import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { forEachDialect } from '../../../test/dialects.ts';
import { startHaven, type TestHaven } from '../../../test/harness.ts';
import type { ProviderProfile, ProviderService } from './directory.model.ts';
import { emptyProfile } from './directory.service.ts';
import { newService } from './service-defaults.ts';

const system = { kind: 'system', actor: 'system' } as const;

forEachDialect((dialect) => {
  describe('directory search', () => {
    let t: TestHaven;

    async function provider(slug: string, name: string, profile: Partial<ProviderProfile>, services: Partial<ProviderService>[] = []) {
      await t.haven.organisations.create({ slug, name, kind: 'hosting-provider' }, 'system');
      await t.haven.directory.saveProfile(slug, { ...emptyProfile(), ...profile }, system);
      for (const s of services) await t.haven.directory.addService(slug, { ...newService(), name: 'Service', ...s }, system);
    }
    const fit = (level: 'low' | 'medium' | 'high') => ({ ...emptyProfile().fitness, [level]: { fit: true, explanation: 'Because' } });
    const search = async (query: string) => {
      const response = await t.app.inject({ method: 'GET', url: `/api/v1/providers?${query}` });
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.headers['set-cookie'], undefined, 'a search through the API sets no cookie');
      return response.json() as { total: number; pages: number; page: number; results: { slug: string; member: boolean; why: { kind: string; text: string }[]; services: { name: string }[] }[] };
    };
    const slugs = async (query: string) => (await search(query)).results.map((r) => r.slug);

    before(async () => {
      t = await startHaven(dialect);
      await provider('bastion', 'Bastion Mail', { description: 'Encrypted mailboxes for newsrooms', languages: ['en', 'fr'], countries: ['FR'], fitness: fit('high') }, [
        { name: 'Bastion Mail', category: 'email', softwareName: 'Postfix', registration: 'free', registrationOpen: true, freeOfCharge: true, languages: ['fr'], hostingCountry: 'FR', endToEndEncryption: true },
        { name: 'Bastion Pads', category: 'pads', softwareName: 'Etherpad', registration: 'members', registrationOpen: false, freeOfCharge: false, hostingCountry: 'IS' },
      ]);
      await provider('ceres', 'Cérès Coop', { description: 'Cooperative cloud storage', languages: ['de'], countries: ['DE'], onionAddress: `http://${'c'.repeat(56)}.onion`, fitness: fit('medium') }, [
        { name: 'Cérès Cloud', category: 'file-sharing', softwareName: 'Nextcloud', registration: 'clients', registrationOpen: true, freeOfCharge: false, price: '4 € / month', languages: ['de'], hostingCountry: 'DE' },
        { name: 'Cérès Mail', category: 'email', softwareName: 'Dovecot', registration: 'clients', registrationOpen: true, freeOfCharge: false, status: 'ended' },
      ]);
      await provider('dune', 'Dune Collective', { description: 'Pads and forms, free for activists', languages: ['es'], countries: ['ES'], fitness: fit('low') }, [
        { name: 'Pads', category: 'pads', softwareName: 'HedgeDoc', registration: 'none', registrationOpen: true, freeOfCharge: true, languages: ['es'], hostingCountry: 'ES' },
      ]);
      for (let i = 1; i <= 23; i++) await provider(`filler-${String(i).padStart(2, '0')}`, `Filler ${String(i).padStart(2, '0')}`, { description: 'Generic web hosting', languages: ['it'], countries: ['IT'] }, [{ name: 'Web', category: 'web-hosting', registrationOpen: true, hostingCountry: 'IT' }]);
      // A provider that never published its profile is not listed.
      await t.haven.organisations.create({ slug: 'hidden', name: 'Hidden Mail', kind: 'hosting-provider' }, 'system');
    });
    after(() => t.close());

    it('finds providers by words in their name, description or services, accents and case aside, and says where it matched', async () => {
      const byName = await search('q=bastion');
      assert.deepEqual(byName.results.map((r) => r.slug), ['bastion']);
      assert.match(byName.results[0]!.why[0]!.text, /the name contains “bastion”/);
      assert.deepEqual(await slugs('q=CERES'), ['ceres'], 'Cérès is found without its accents');
      const bySoftware = await search('q=nextcl');
      assert.deepEqual(bySoftware.results.map((r) => r.slug), ['ceres'], 'a word may be typed in part');
      assert.match(bySoftware.results[0]!.why[0]!.text, /the service Cérès Cloud matches “nextcl”/);
      assert.deepEqual(await slugs('q=newsrooms'), ['bastion']);
      assert.deepEqual(await slugs('q=pads free'), ['dune'], 'every word must match');
      assert.deepEqual(await slugs('q=hidden'), [], 'an unpublished profile is never found');
      assert.match((await t.app.inject({ method: 'GET', url: '/api/v1/providers?q=bastion', headers: { 'accept-language': 'fr' } })).json().results[0].why[0].text, /le nom contient « bastion »/);
    });

    it('ranks a match in the name above a match in the description', async () => {
      await provider('zeta', 'Zeta Newsroom Tools', { description: 'Tools' });
      assert.deepEqual((await slugs('q=newsroom')).slice(0, 2), ['zeta', 'bastion']);
    });

    it('filters on facets, and service filters must hold for one and the same service', async () => {
      assert.deepEqual(await slugs('service=email'), ['bastion'], 'the ended Cérès Mail does not count');
      assert.deepEqual(await slugs('service=pads&open=true'), ['dune'], 'Bastion Pads is full');
      assert.deepEqual(await slugs('service=pads&free=true'), ['dune']);
      assert.deepEqual(await slugs('service=email&e2e=true'), ['bastion']);
      assert.deepEqual(await slugs('service=file-sharing&free=true'), [], 'Cérès Cloud is not free');
      assert.deepEqual(await slugs('language=de'), ['ceres']);
      assert.deepEqual(await slugs('country=IS'), ['bastion'], 'a service hosted in Iceland counts');
      assert.deepEqual(await slugs('risk=high'), ['bastion']);
      assert.deepEqual(await slugs('onion=true'), ['ceres']);
      const why = (await search('service=pads&open=true&language=es&country=ES')).results[0]!.why.map((w) => w.text);
      assert.deepEqual(why, ['services that fit the filters: Pads', 'works in Spanish', 'present in Spain']);
    });

    it('refuses a malformed search with a clear error instead of guessing', async () => {
      for (const query of ['service=teleportation', 'language=french', 'country=fr', 'risk=extreme', 'page=0', `q=${'x'.repeat(201)}`]) {
        const response = await t.app.inject({ method: 'GET', url: `/api/v1/providers?${query}` });
        assert.equal(response.statusCode, 400, query);
        assert.equal(response.json().error.code, 'invalid_input');
      }
      const page = await t.app.inject({ method: 'GET', url: '/directory?service=teleportation', headers: { 'accept-language': 'fr' } });
      assert.equal(page.statusCode, 400);
      assert.match(page.body, /<html lang="fr"/);
    });

    it('pages through results in a stable order: every provider once, the same order every time', async () => {
      const first = await search('');
      assert.equal(first.total, 27);
      assert.equal(first.pages, 3);
      const pages = async () => [...(await search('')).results, ...(await search('page=2')).results, ...(await search('page=3')).results].map((r) => r.slug);
      const all = await pages();
      assert.equal(all.length, 27);
      assert.equal(new Set(all).size, 27);
      assert.deepEqual(all.slice(0, 4), ['bastion', 'ceres', 'dune', 'filler-01']);
      assert.deepEqual(await pages(), all);
      assert.equal((await search('page=4')).results.length, 0);
    });

    it('shows the same search on a page that works without JavaScript, with why each result matched and links to the next page', async () => {
      const page = await t.app.inject({ method: 'GET', url: '/directory?service=pads&open=true' });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /1 provider</);
      assert.match(page.body, /href="\/directory\/providers\/dune"/);
      assert.match(page.body, /Why it matched: services that fit the filters: Pads/);
      assert.match(page.body, /<option value="pads" selected/);
      const all = await t.app.inject({ method: 'GET', url: '/directory' });
      assert.match(all.body, /href="\/directory\?page=2"/);
      assert.doesNotMatch(all.body, /<script/);
    });

    it('lists only running services that accept new people on the “open to me now” page', async () => {
      const page = await t.app.inject({ method: 'GET', url: '/directory/open?language=fr' });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Bastion Mail/);
      assert.doesNotMatch(page.body, /Bastion Pads/, 'full');
      assert.doesNotMatch(page.body, /Cérès Mail/, 'ended');
      const everywhere = await t.app.inject({ method: 'GET', url: '/directory/open' });
      assert.match(everywhere.body, /Cérès Cloud/);
      assert.doesNotMatch(everywhere.body, /Cérès Mail|Bastion Pads/);
      assert.doesNotMatch((await t.app.inject({ method: 'GET', url: '/directory/open?free=true' })).body, /Cérès Cloud/);
    });

    it('publishes the directory as documented open data, in JSON and CSV, with its licence', async () => {
      const json = await t.app.inject({ method: 'GET', url: '/open-data/providers.json' });
      assert.equal(json.statusCode, 200);
      const data = json.json() as { licence: { name: string }; providers: { slug: string; profile: { fitness: unknown }; services: { slug: string; id?: string }[] }[] };
      assert.match(data.licence.name, /ODbL/);
      const bastion = data.providers.find((p) => p.slug === 'bastion')!;
      assert.deepEqual(bastion.services.map((x) => x.slug), ['bastion-mail', 'bastion-pads']);
      assert.equal(bastion.services[0]!.id, undefined, 'no database id leaves the server');
      assert.ok(!data.providers.some((p) => p.slug === 'hidden'), 'unpublished profiles are not in the open data');

      const csv = await t.app.inject({ method: 'GET', url: '/open-data/providers.csv' });
      assert.match(String(csv.headers['content-type']), /^text\/csv/);
      const lines = csv.body.trimEnd().split('\n');
      assert.match(lines[0]!, /^# Open Data Commons Open Database License/);
      const { CSV_COLUMNS } = await import('./open-data.routes.tsx');
      assert.equal(lines[1], CSV_COLUMNS.join(','));
      const rows = lines.filter((l) => l.startsWith('bastion,'));
      assert.equal(rows.length, 2, 'one row per service');
      assert.match(rows[0]!, /,Bastion Mail,email,Postfix,/);

      for (const [language, sentence] of [['en', 'one row per service'], ['fr', 'une ligne par service']] as const) {
        const page = await t.app.inject({ method: 'GET', url: '/open-data', headers: { 'accept-language': language } });
        assert.match(page.body, new RegExp(sentence));
        for (const column of CSV_COLUMNS) assert.match(page.body, new RegExp(`<code>${column}</code>`), `${column} is documented in ${language}`);
      }
    });

    it('shows a provider as a member as soon as it is admitted, and no longer once it leaves', async () => {
      const member = async () => (await search('q=bastion')).results[0]!.member;
      assert.equal(await member(), false);
      const { version } = await t.haven.charter.adoptTemplate('secure-hosting-coalition', 'note', 'system');
      const bastion = await t.haven.organisations.getBySlug('bastion');
      await t.haven.membership.admit(bastion.id, 'founding', version, 'system');
      assert.equal(await member(), true);
      await t.haven.membership.end(bastion.id, 'voluntary', 'moving on', 'system');
      assert.equal(await member(), false);
    });

    it('forgets a provider whose organisation is deleted, at once', async () => {
      await provider('ephemeral', 'Ephemeral Host', { description: 'Gone soon' });
      assert.deepEqual(await slugs('q=ephemeral'), ['ephemeral']);
      await t.haven.organisations.delete((await t.haven.organisations.getBySlug('ephemeral')).id, 'system');
      assert.deepEqual(await slugs('q=ephemeral'), []);
      assert.doesNotMatch((await t.app.inject({ method: 'GET', url: '/open-data/providers.json' })).body, /ephemeral/i);
    });

    it('sees a change made through another instance on the same database within a second', async () => {
      const other = await t.sibling();
      try {
        assert.deepEqual((await other.inject({ method: 'GET', url: '/api/v1/providers?q=quokka' })).json().results, []);
        await provider('quokka', 'Quokka Hosting', { description: 'New' });
        assert.deepEqual(await slugs('q=quokka'), ['quokka'], 'at once on the instance that made the change');
        await new Promise((resolve) => setTimeout(resolve, 1100));
        assert.equal((await other.inject({ method: 'GET', url: '/api/v1/providers?q=quokka' })).json().results[0].slug, 'quokka');
      } finally {
        await other.close();
      }
    });
  });
});
