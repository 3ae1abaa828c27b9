import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { forEachDialect } from '../../../test/dialects.ts';
import { startHaven, type TestHaven } from '../../../test/harness.ts';
import { createAccount, WebClient } from '../../../test/web-client.ts';
import { emptyProfile } from '../directory/directory.service.ts';

forEachDialect((dialect) => {
  describe('incident journals', () => {
    let t: TestHaven;
    let delegate: WebClient;
    let steward: WebClient;
    let outsider: WebClient;
    const base = '/directory/providers/journal-host/incidents';

    before(async () => {
      t = await startHaven(dialect);
      t.clock.set(new Date('2026-11-23T10:00:00Z'));
      const org = await t.haven.organisations.create({ slug: 'journal-host', name: 'Journal Host', kind: 'hosting-provider' }, 'system');
      await t.haven.directory.saveProfile('journal-host', emptyProfile(), { kind: 'system', actor: 'system' });
      const people = { d: await createAccount(t.app, 'journal-d'), s: await createAccount(t.app, 'journal-s', { roles: ['steward'] }), o: await createAccount(t.app, 'journal-o') };
      await t.haven.organisations.addMember(org.id, people.d.id, 'delegate', 'system');
      delegate = new WebClient(t.app);
      await delegate.logIn('journal-d', people.d.password);
      steward = new WebClient(t.app);
      await steward.logIn('journal-s', people.s.password);
      outsider = new WebClient(t.app);
      await outsider.logIn('journal-o', people.o.password);
    });
    after(() => t.close());

    it('lets a delegate record an incident, follow it with updates to its resolution, and publish a post-mortem', async () => {
      const opened = await delegate.post(base, { title: 'Mail delayed', services: 'Mail, Webmail', startedAt: '2026-11-23T08:15', body: 'Messages are queued; we are looking.' }, base);
      assert.equal(opened.status, 303);
      assert.equal(opened.location, `${base}/1`);
      const early = await delegate.post(`${base}/1/post-mortem`, { postMortem: 'Too early' }, `${base}/1`);
      assert.equal(early.status, 400);
      assert.match(early.body, /once the incident is resolved/);
      assert.equal((await delegate.post(`${base}/1/updates`, { status: 'identified', body: 'A full disk on the relay.' }, `${base}/1`)).status, 303);
      t.clock.advance(60 * 60 * 1000);
      assert.equal((await delegate.post(`${base}/1/updates`, { status: 'resolved', body: 'Disk grown; queue flushed.' }, `${base}/1`)).status, 303);
      assert.equal((await delegate.post(`${base}/1/post-mortem`, { postMortem: 'Alerts on disk space now page us at 80 %.' }, `${base}/1`)).status, 303);

      const page = (await t.app.inject({ method: 'GET', url: `${base}/1` })).body;
      for (const text of ['Incident 1: Mail delayed', 'Mail, Webmail', 'A full disk on the relay.', 'Disk grown; queue flushed.', 'Alerts on disk space now page us at 80 %.', 'Resolved']) assert.ok(page.includes(text), text);
      assert.match(page, /ended 23 Nov 2026, 11:00 UTC/);
      const french = (await t.app.inject({ method: 'GET', url: base, headers: { 'accept-language': 'fr' } })).body;
      assert.match(french, /Journal des incidents de Journal Host/);
      assert.match(french, /Analyse après incident/);
    });

    it('publishes each journal as an Atom feed', async () => {
      const feed = await t.app.inject({ method: 'GET', url: `${base}.atom` });
      assert.equal(feed.statusCode, 200);
      assert.match(String(feed.headers['content-type']), /^application\/atom\+xml/);
      assert.match(feed.body, /<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom">/);
      assert.match(feed.body, /<id>http:\/\/haven\.test\/directory\/providers\/journal-host\/incidents\/1<\/id>/);
      assert.match(feed.body, /Mail delayed — Resolved/);
      assert.match(feed.body, /Alerts on disk space now page us/);
      const api = (await t.app.inject({ method: 'GET', url: '/api/v1/providers/journal-host/transparency' })).json();
      assert.equal(api.incidents[0].title, 'Mail delayed');
      assert.equal(api.incidents[0].updates.length, 3);
    });

    it('refuses bad input with a translated message and records nothing', async () => {
      const future = await delegate.post(base, { title: 'Later', services: '', startedAt: '2027-01-01T00:00', body: 'x' }, base);
      assert.equal(future.status, 400);
      assert.match(future.body, /cannot start in the future/);
      const short = await delegate.post(base, { title: 'x', services: '', startedAt: '2026-11-23T08:00', body: '' }, base);
      assert.equal(short.status, 400);
      assert.equal((await t.haven.incidents.list((await t.haven.organisations.getBySlug('journal-host')).id)).length, 1);
    });

    it('lets only the provider’s delegates and stewards write its journal, and only stewards the coalition’s', async () => {
      assert.equal((await outsider.post(base, { title: 'Defaced', services: '', startedAt: '2026-11-23T08:00', body: 'x' }, base)).status, 403);
      assert.equal((await outsider.post(`${base}/1/updates`, { status: 'investigating', body: 'x' }, base)).status, 403);
      assert.equal((await delegate.post('/incidents', { title: 'Haven down', services: 'Haven', startedAt: '2026-11-23T08:00', body: 'x' }, '/incidents')).status, 403);
      const opened = await steward.post('/incidents', { title: 'Haven slow', services: 'Haven', startedAt: '2026-11-23T09:00', body: 'Investigating.' }, '/incidents');
      assert.equal(opened.status, 303);
      assert.match((await t.app.inject({ method: 'GET', url: '/incidents' })).body, /Incident 1: Haven slow/);
      assert.match((await t.app.inject({ method: 'GET', url: '/incidents.atom' })).body, /Haven slow — Investigating/);
      assert.doesNotMatch((await t.app.inject({ method: 'GET', url: base })).body, /Defaced/);
    });
  });
});
