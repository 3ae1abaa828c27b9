import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as openpgp from 'openpgp';
import { forEachDialect } from '../../../test/dialects.ts';
import { startHaven, type TestHaven } from '../../../test/harness.ts';
import { LoopbackSite } from '../../../test/loopback-site.ts';
import { createAccount, WebClient } from '../../../test/web-client.ts';
import { DAY, HOUR } from '../../platform/clock.ts';
import { emptyProfile } from '../directory/directory.service.ts';
import { signCanary } from './canary-statement.ts';

async function keyPair(name: string) {
  return openpgp.generateKey({ type: 'ecc', curve: 'ed25519Legacy', date: new Date('2026-01-01T00:00:00Z'), userIDs: [{ name }], format: 'armored' });
}

/** What a mail server received: the subject and text of each message sent in clear. */
type Sent = { to: string; subject: string; text: string };

forEachDialect((dialect) => {
  describe('canaries a provider hosts itself, and the people following it', () => {
    let t: TestHaven;
    let site: LoopbackSite;
    let keys: Awaited<ReturnType<typeof keyPair>>;
    const sent: Sent[] = [];
    const ids: Record<string, string> = {};
    const base = '/directory/providers/self-host';
    const day = (offset: number) => new Date(t.clock.now().getTime() + offset * DAY).toISOString().slice(0, 10);
    const statement = (fields: Partial<{ date: string; nextUpdate: string; text: string }> = {}) =>
      signCanary({ provider: 'self-host', date: day(0), nextUpdate: day(30), text: 'No secret order, gag order or warrant has reached us.', ...fields }, keys.privateKey, undefined, t.clock.now());
    const fetchDue = async () => {
      t.clock.advance(7 * HOUR);
      await t.haven.jobs.runDue();
    };
    const inbox = async (id: string, pattern: RegExp) => (await t.haven.inbox.list(id)).filter((n) => pattern.test(n.subject));
    const profile = async () => (await t.app.inject({ method: 'GET', url: base })).body;

    before(async () => {
      site = await LoopbackSite.start();
      t = await startHaven(dialect, {
        env: { OUTBOUND_ALLOW_PRIVATE_ADDRESSES: 'true' },
        mailTransport: { sendMail: async (m) => void ('subject' in m && sent.push({ to: m.to, subject: m.subject, text: m.text })) },
      });
      t.clock.set(new Date('2026-11-23T10:00:00Z'));
      const org = await t.haven.organisations.create({ slug: 'self-host', name: 'Self Host', kind: 'hosting-provider' }, 'system');
      await t.haven.directory.saveProfile('self-host', emptyProfile(), { kind: 'system', actor: 'system' });
      const d = await createAccount(t.app, 'self-delegate');
      await t.haven.organisations.addMember(org.id, d.id, 'delegate', 'system');
      await t.haven.accounts.updateContact(d.id, { email: 'delegate@self-host.example', pgpKey: null }, 'system');
      const f = await createAccount(t.app, 'self-follower');
      await t.haven.accounts.updateContact(f.id, { email: 'follower@mail.example', pgpKey: null }, 'system');
      const bystander = await createAccount(t.app, 'self-bystander');
      Object.assign(ids, { org: org.id, delegate: d.id, follower: f.id, bystander: bystander.id, delegatePassword: d.password, followerPassword: f.password });
      keys = await keyPair('Self Host');
      await t.haven.canaries.setKey(org.id, keys.publicKey, 'system');
    });
    after(async () => {
      await t.close();
      await site.close();
    });

    it('lets a person follow a published provider from its profile, and shows the list to that person only', async () => {
      const anonymous = await new WebClient(t.app).get(base);
      assert.match(anonymous.body, /Log in to follow this provider/);
      assert.equal((await new WebClient(t.app).post(`${base}/follow`, {}, '/login')).status, 401, 'no account, no following');
      const follower = new WebClient(t.app);
      await follower.logIn('self-follower', ids.followerPassword!);
      const followed = await follower.post(`${base}/follow`, {}, base);
      assert.equal(followed.status, 303);
      assert.equal(followed.location, `${base}#follow`);
      assert.match((await follower.get(base)).body, /You follow this provider/);
      assert.match((await follower.get('/account/following')).body, /<a href="\/directory\/providers\/self-host">Self Host<\/a>/);
      const export_ = JSON.parse((await follower.get('/account/export.json')).body);
      assert.deepEqual(export_.followedProviders.map((p: { slug: string }) => p.slug), ['self-host']);
      // Following again changes nothing, and nobody else sees it: not the provider's delegate, not the bystander.
      assert.equal((await follower.post(`${base}/follow`, {}, base)).status, 303);
      const delegate = new WebClient(t.app);
      await delegate.logIn('self-delegate', ids.delegatePassword!);
      assert.doesNotMatch((await delegate.get(base)).body, /self-follower/);
      assert.doesNotMatch((await delegate.get(`${base}/canary`)).body, /self-follower/);
      assert.equal((await t.haven.followers.followedBy(ids.bystander!)).length, 0);
    });

    it('cannot follow a provider whose profile is not published', async () => {
      await t.haven.organisations.create({ slug: 'hidden-host', name: 'Hidden Host', kind: 'hosting-provider' }, 'system');
      const follower = new WebClient(t.app);
      await follower.logIn('self-follower', ids.followerPassword!);
      assert.equal((await follower.post('/directory/providers/hidden-host/follow', {}, '/account')).status, 404);
    });

    it('publishes the statement the provider hosts, once it verifies with the registered key', async () => {
      const signed = await statement();
      site.set('/canary.txt', signed);
      const delegate = new WebClient(t.app);
      await delegate.logIn('self-delegate', ids.delegatePassword!);
      const bad = await delegate.post(`${base}/canary/source`, { url: 'ftp://self-host.example/canary.txt' }, `${base}/canary`);
      assert.equal(bad.status, 400);
      assert.match(bad.body, /starting with https:\/\//);
      assert.equal((await delegate.post(`${base}/canary/source`, { url: site.url('/canary.txt') }, `${base}/canary`)).status, 303);
      assert.match((await delegate.get(`${base}/canary`)).body, /Not fetched yet/);
      await fetchDue();
      assert.equal((await t.app.inject({ method: 'GET', url: '/providers/self-host/canary.txt' })).body, signed);
      assert.match(await profile(), /Current: signed on 23 November 2026/);
      // Fetched again, the same statement is not published twice.
      await fetchDue();
      assert.equal((await t.haven.canaries.history(ids.org!)).length, 1);
      const api = (await t.app.inject({ method: 'GET', url: '/api/v1/providers/self-host/transparency' })).json();
      assert.equal(api.canary.source.url, site.url('/canary.txt'));
      assert.equal(api.canary.source.problem, null);
    });

    it('says the canary is invalid when the hosted statement is tampered with, and tells the delegates, the stewards and the followers once', async () => {
      const steward = await createAccount(t.app, 'self-steward', { roles: ['steward'] });
      const good = await statement({ date: '2026-11-24', nextUpdate: '2026-12-24' });
      site.set('/canary.txt', good.replace('No secret order', 'One secret order'));
      await fetchDue();
      const page = await profile();
      assert.match(page, /class="canary-alarm" role="alert"/);
      assert.match(page, /SIGNATURE INVALID: the statement at the provider’s own address no longer verifies/);
      assert.match(page, /changed after it was signed/);
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/providers/self-host/transparency' })).json().canary.state, 'invalid');
      await fetchDue();
      for (const id of [ids.delegate!, steward.id, ids.follower!]) assert.equal((await inbox(id, /Self Host no longer verifies/)).length, 1, 'told once');
      assert.equal((await inbox(ids.delegate!, /hosted warrant canary of Self Host could not be verified/)).length, 1, 'the delegates learn why');
      assert.equal((await inbox(ids.bystander!, /Self Host/)).length, 0);
      // By e-mail the delegate reads the alarm; the follower, who gave no key, only a nudge that names nothing.
      assert.ok(sent.some((m) => m.to === 'delegate@self-host.example' && /Self Host no longer verifies/.test(m.subject)));
      const toFollower = sent.filter((m) => m.to === 'follower@mail.example');
      assert.ok(toFollower.length > 0);
      for (const m of toFollower) assert.doesNotMatch(`${m.subject}\n${m.text}`, /Self Host|self-host/);
    });

    it('keeps the last good statement when the address cannot be reached, without calling it invalid', async () => {
      site.set('/canary.txt', await statement({ date: '2026-11-24', nextUpdate: '2026-12-24' }));
      await fetchDue();
      assert.match(await profile(), /Current: signed on 24 November 2026/, 'a good statement ends the alarm');
      site.set('/canary.txt', { status: 503, body: 'down for maintenance' });
      await fetchDue();
      assert.match(await profile(), /Current: signed on 24 November 2026/);
      const delegate = new WebClient(t.app);
      await delegate.logIn('self-delegate', ids.delegatePassword!);
      assert.match((await delegate.get(`${base}/canary`)).body, /The last fetch failed: The address answered with an error/);
    });

    it('tells the followers when the canary goes overdue, and stops telling someone who unfollows', async () => {
      site.set('/canary.txt', { status: 404, body: 'gone' });
      t.clock.advance(32 * DAY);
      await t.haven.jobs.runDue();
      assert.equal((await inbox(ids.follower!, /Self Host is overdue/)).length, 1);
      const follower = new WebClient(t.app);
      await follower.logIn('self-follower', ids.followerPassword!);
      assert.equal((await follower.post(`${base}/unfollow`, {}, '/account/following')).status, 303);
      assert.match((await follower.get('/account/following')).body, /You follow no provider yet/);
      assert.deepEqual(await t.haven.followers.followersOf(ids.org!), []);
    });

    it('forgets the hosted address when asked', async () => {
      const delegate = new WebClient(t.app);
      await delegate.logIn('self-delegate', ids.delegatePassword!);
      assert.equal((await delegate.post(`${base}/canary/source`, { url: '', remove: 'yes' }, `${base}/canary`)).status, 303);
      assert.equal((await t.haven.canaries.status(ids.org!)).source, null);
    });
  });
});
