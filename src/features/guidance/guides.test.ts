import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { accessPeople, EVERYONE, type Who } from '../../../test/access-people.ts';
import { forEachDialect } from '../../../test/dialects.ts';
import { startHaven, type TestHaven } from '../../../test/harness.ts';
import { createAccount, WebClient } from '../../../test/web-client.ts';
import { DEMO_GUIDES, loadDemoGuides } from '../demo/demo-guides.ts';
import { guidesText } from './guides.messages.ts';
import type { GuideInput } from './guides.service.ts';

const guide = (over: Partial<GuideInput>): GuideInput => ({ locale: 'en', title: 'A guide', summary: 'What the reader will learn.', url: null, levels: ['low'], skills: ['beginner'], ...over });
const titles = (list: { title: string }[]) => list.map((g) => g.title);
/** The titles of the guides shown on a page, in order. */
const shownTitles = (html: string) => [...html.matchAll(/<li id="guide-[^"]+"><h3[^>]*>(?:<a [^>]*>)?([^<]+)/g)].map((m) => m[1]);

forEachDialect((dialect) => {
  describe('the library of learning resources', () => {
    let t: TestHaven;
    let steward: WebClient;

    before(async () => {
      t = await startHaven(dialect);
      t.clock.set('2026-12-01T10:00:00Z');
      const me = await createAccount(t.app, 'guide-steward', { roles: ['steward'] });
      steward = new WebClient(t.app);
      await steward.logIn(me.username, me.password);
      const add = (g: Partial<GuideInput>) => t.haven.guides.create(guide(g), 'system');
      await add({ title: 'Turn on two-factor', levels: ['low', 'medium'], skills: ['beginner'] });
      await add({ title: 'Browse with Tor', levels: ['high'], skills: ['intermediate', 'advanced'], url: 'https://guides.example/tor' });
      await add({ title: 'Encrypted messengers', levels: ['medium', 'high'], skills: ['beginner', 'intermediate'] });
      await add({ title: 'Avoid phishing', levels: ['low', 'medium', 'high'], skills: ['beginner'] });
      await add({ locale: 'fr', title: 'Chiffrer son téléphone', levels: ['high'], skills: ['beginner'], url: '/transparency' });
    });
    after(() => t.close());

    it('shows every guide to anyone, whom it suits in words, and marks those in another language with theirs', async () => {
      const page = (await t.app.inject('/guides')).body;
      assert.deepEqual(shownTitles(page), ['Avoid phishing', 'Browse with Tor', 'Encrypted messengers', 'Turn on two-factor', 'Chiffrer son téléphone'], 'the page language first, each by title');
      assert.match(page, /Risk level: low, medium · Experience: beginner<\/p>/);
      assert.match(page, /<h3 lang="fr"><a href="\/transparency" hreflang="fr">Chiffrer son téléphone<\/a><\/h3><p lang="fr">/);
      assert.match(page, /· in French<\/p>/);
      assert.match(page, /<a href="https:\/\/guides\.example\/tor" hreflang="en" rel="nofollow noopener noreferrer">Browse with Tor<\/a>/);
      assert.doesNotMatch(page, /<h3 lang="en"/, 'a guide in the page language carries no lang of its own');
      assert.doesNotMatch(page, /href="\/guides\/new"|\/edit"/, 'a visitor is offered no editing');
      const french = (await t.app.inject({ url: '/guides', headers: { 'accept-language': 'fr' } })).body;
      assert.equal(shownTitles(french)[0], 'Chiffrer son téléphone', 'in French, the French guide comes first');
      assert.match(french, /Niveau de risque : faible, moyen · Expérience : débutant · en anglais<\/p>/);
      assert.match(french, /<h3 lang="en">Turn on two-factor<\/h3>/);
      assert.doesNotMatch(french, /<h3 lang="fr"/);
    });

    it('filters by risk level, experience and language with a form that needs no script', async () => {
      const page = (await t.app.inject('/guides')).body;
      assert.match(page, /<form method="get" action="\/guides" class="search">/);
      assert.deepEqual(shownTitles((await t.app.inject('/guides?level=high')).body), ['Avoid phishing', 'Browse with Tor', 'Encrypted messengers', 'Chiffrer son téléphone']);
      assert.deepEqual(shownTitles((await t.app.inject('/guides?level=high&skill=beginner&language=')).body), ['Avoid phishing', 'Encrypted messengers', 'Chiffrer son téléphone']);
      assert.deepEqual(shownTitles((await t.app.inject('/guides?level=&skill=&language=fr')).body), ['Chiffrer son téléphone']);
      const none = (await t.app.inject('/guides?level=low&skill=advanced')).body;
      assert.deepEqual(shownTitles(none), []);
      assert.match(none, /No guide matches this choice yet/);
      assert.match((await t.app.inject('/guides?level=high')).body, /<option value="high" selected>/, 'the choice made stays chosen');
      assert.equal((await t.app.inject('/guides?level=extreme')).statusCode, 400);
      const api = (await t.app.inject('/api/v1/guides?level=high&skill=beginner')).json();
      assert.deepEqual(titles(api), ['Avoid phishing', 'Encrypted messengers', 'Chiffrer son téléphone']);
      assert.deepEqual(Object.keys(api[2]).sort(), ['id', 'language', 'levels', 'skills', 'summary', 'title', 'updatedAt', 'url']);
      assert.equal(api[2].language, 'fr');
    });

    it('gives a self-assessment result the guides of its level in the person’s language first, and the other language only when there are fewer than three', async () => {
      const { guides } = t.haven;
      assert.deepEqual(titles(await guides.forResult('high', null, 'en')), ['Avoid phishing', 'Browse with Tor', 'Encrypted messengers'], 'three in English: enough');
      assert.deepEqual(titles(await guides.forResult('high', 'beginner', 'en')), ['Avoid phishing', 'Encrypted messengers', 'Chiffrer son téléphone'], 'two in English: the French one follows');
      assert.deepEqual(titles(await guides.forResult('high', null, 'fr')), ['Chiffrer son téléphone', 'Avoid phishing', 'Browse with Tor', 'Encrypted messengers']);
      assert.deepEqual((await guides.forResult('high', null, 'fr')).map((g) => g.locale), ['fr', 'en', 'en', 'en'], 'each guide says its language');
      assert.deepEqual(titles(await guides.forResult('low', 'advanced', 'fr')), []);
    });

    it('lets a steward add, edit and remove a guide through the forms, each step in the audit trail', async () => {
      const form = await steward.get('/guides/new');
      assert.equal(form.status, 200);
      assert.match(form.body, /<fieldset id="field-levels"/);
      const created = await steward.post('/guides/new', { locale: 'fr', title: '  Sauvegarder  ', summary: 'Trois copies, dont une ailleurs.', url: '', levels: ['high', 'low'], skills: 'beginner' });
      assert.equal(created.status, 303);
      const id = /^\/guides#guide-(.+)$/.exec(created.location ?? '')![1]!;
      const stored = await t.haven.guides.get(id);
      assert.deepEqual([stored.locale, stored.title, stored.url, stored.levels, stored.skills], ['fr', 'Sauvegarder', null, ['low', 'high'], ['beginner']], 'trimmed, levels in their usual order');
      assert.match((await steward.get('/guides')).body, new RegExp(`<a href="/guides/${id}/edit" aria-label="Edit: Sauvegarder">Edit</a>`));

      const edit = await steward.get(`/guides/${id}/edit`);
      assert.match(edit.body, /value="Sauvegarder"/);
      assert.match(edit.body, /<option value="fr" selected>/);
      assert.match(edit.body, /id="field-levels-high" name="levels" value="high" checked/);
      t.clock.advance(60_000);
      const saved = await steward.post(`/guides/${id}/edit`, { locale: 'en', title: 'Make backups', summary: 'Three copies, one elsewhere.', url: '/transparency', levels: 'medium', skills: ['intermediate', 'advanced'] });
      assert.equal(saved.status, 303);
      const changed = await t.haven.guides.get(id);
      assert.deepEqual({ ...changed, id: '', createdAt: '' }, { id: '', createdAt: '', locale: 'en', title: 'Make backups', summary: 'Three copies, one elsewhere.', url: '/transparency', levels: ['medium'], skills: ['intermediate', 'advanced'], updatedAt: '2026-12-01T10:01:00.000Z' });

      const confirm = await steward.get(`/guides/${id}/delete`);
      assert.equal(confirm.status, 200);
      assert.match(confirm.body, /Remove the guide “Make backups”\?/);
      assert.match(confirm.body, new RegExp(`<form method="post" action="/guides/${id}/delete">`));
      assert.ok(await t.haven.guides.get(id), 'asking to remove removes nothing yet');
      const removed = await steward.post(`/guides/${id}/delete`, {});
      assert.equal(removed.status, 303);
      assert.equal(removed.location, '/guides');
      await assert.rejects(t.haven.guides.get(id), { code: 'not_found' });
      assert.equal((await steward.post(`/guides/${id}/delete`, {}, '/guides')).status, 404, 'a guide is removed once');

      const trail = (await t.haven.audit.latest(50)).filter((e) => e.subject_id === id);
      assert.deepEqual(trail.map((e) => `${e.actor_name} ${e.action}`).sort(), ['guide-steward guide.create', 'guide-steward guide.remove', 'guide-steward guide.update']);
    });

    it('refuses a bad guide with a reason for each field, in English and in French, and changes nothing', async () => {
      const before = await t.haven.guides.list();
      const target = before[0]!;
      const bad = { locale: 'de', title: 'ab', summary: 'Too short', url: 'javascript:alert(1)' };
      const reasons = (locale: 'en' | 'fr') => Object.values(guidesText[locale].errors);
      for (const locale of ['en', 'fr'] as const) {
        const client = new WebClient(t.app, { headers: { 'accept-language': locale } });
        const me = await createAccount(t.app, `guide-steward-${locale}`, { roles: ['steward'] });
        await client.logIn(me.username, me.password);
        for (const url of ['/guides/new', `/guides/${target.id}/edit`]) {
          const refused = await client.post(url, bad, url);
          assert.equal(refused.status, 400, url);
          for (const reason of reasons(locale)) assert.ok(refused.body.includes(reason), `${url} [${locale}] says: ${reason}`);
          assert.match(refused.body, /value="ab"/, 'what was typed is kept');
        }
      }
      for (const url of ['//evil.example/guide', '/\\evil.example', 'ftp://files.example/guide', 'https://', `https://x.example/${'a'.repeat(500)}`]) {
        await assert.rejects(t.haven.guides.create(guide({ url }), 'system'), { code: 'invalid_input' }, url);
      }
      await assert.rejects(t.haven.guides.update(target.id, guide({ levels: ['low', 'extreme'] }), 'system'), { code: 'invalid_input' });
      await assert.rejects(t.haven.guides.create(guide({ title: ' '.repeat(10) }), 'system'), { code: 'invalid_input' });
      await assert.rejects(t.haven.guides.create(guide({ summary: 'x'.repeat(1001) }), 'system'), { code: 'invalid_input' });
      assert.deepEqual(await t.haven.guides.list(), before);
    });

    describe('who may edit the library', () => {
      const tokens = new Map<Who, string>();
      let id: string;
      before(async () => {
        const home = await t.haven.organisations.create({ slug: 'guide-host', name: 'Guide Host', kind: 'hosting-provider' }, 'system');
        const other = await t.haven.organisations.create({ slug: 'guide-other', name: 'Guide Other', kind: 'partner' }, 'system');
        for (const [who, token] of await accessPeople(t.haven, home, other, 'guides')) tokens.set(who, token);
        id = (await t.haven.guides.list())[0]!.id;
      });

      for (const who of EVERYONE) {
        const expected = who === 'anonymous' ? 401 : who === 'steward' ? 200 : 403;
        it(`answers ${expected} to ${who} on the editing pages, and lets them read the library`, async () => {
          const headers: Record<string, string> = tokens.has(who) ? { authorization: `Bearer ${tokens.get(who)}` } : {};
          for (const url of ['/guides/new', `/guides/${id}/edit`, `/guides/${id}/delete`]) {
            assert.equal((await t.app.inject({ url, headers })).statusCode, expected, url);
          }
          const library = await t.app.inject({ url: '/guides', headers });
          assert.equal(library.statusCode, 200);
          assert.equal(library.body.includes('href="/guides/new"'), who === 'steward');
        });
      }

      it('refuses the posts of anyone but a steward, even with a valid form token, and changes nothing', async () => {
        const before = await t.haven.guides.list();
        const people: [WebClient, number][] = [[new WebClient(t.app), 401]];
        for (const name of ['guide-plain', 'guide-delegate']) {
          const account = await createAccount(t.app, name);
          if (name === 'guide-delegate') await t.haven.organisations.addMember((await t.haven.organisations.getBySlug('guide-host')).id, account.id, 'delegate', 'system');
          const client = new WebClient(t.app);
          await client.logIn(account.username, account.password);
          people.push([client, 403]);
        }
        for (const [client, status] of people) {
          // The log-in page hands even a visitor a form token, so the refusal below is the steward check, not the forgery check.
          const formPage = status === 401 ? '/login' : '/guides';
          const fields = { locale: 'en', title: 'Forged guide', summary: 'Should never be stored.', levels: 'low', skills: 'beginner' };
          assert.equal((await client.post('/guides/new', fields, formPage)).status, status);
          assert.equal((await client.post(`/guides/${id}/edit`, fields, formPage)).status, status);
          assert.equal((await client.post(`/guides/${id}/delete`, {}, formPage)).status, status);
        }
        assert.deepEqual(await t.haven.guides.list(), before);
      });
    });
  });

  describe('the demo learning resources', () => {
    let t: TestHaven;
    before(async () => {
      t = await startHaven(dialect);
    });
    after(() => t.close());

    it('loads guides in both languages for every risk level, pointing nowhere outside Haven, and adds nothing the second time', async () => {
      await loadDemoGuides(t.haven);
      const first = await t.haven.guides.list();
      assert.equal(first.length, DEMO_GUIDES.length);
      assert.ok(first.length >= 8);
      assert.deepEqual([...new Set(first.map((g) => g.locale))].sort(), ['en', 'fr']);
      for (const level of ['low', 'medium', 'high'] as const) {
        for (const locale of ['en', 'fr'] as const) assert.ok(first.some((g) => g.locale === locale && g.levels.includes(level)), `${level} in ${locale}`);
      }
      assert.ok(first.every((g) => g.url === null || g.url.startsWith('/')), 'no link leaves Haven');
      assert.ok(first.every((g) => /^Demo: |^Démo : /.test(g.title)), 'each is labelled as demo');
      await loadDemoGuides(t.haven);
      assert.deepEqual(await t.haven.guides.list(), first);
      assert.equal((await t.haven.guides.forResult('high', 'advanced', 'fr'))[0]!.locale, 'fr');
    });
  });
});
