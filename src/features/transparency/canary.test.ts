import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as openpgp from 'openpgp';
import { forEachDialect } from '../../../test/dialects.ts';
import { gpgTestName, verifyAsAnyoneWould } from '../../../test/gpg.ts';
import { startHaven, type TestHaven } from '../../../test/harness.ts';
import { createAccount, WebClient } from '../../../test/web-client.ts';
import { DAY } from '../../platform/clock.ts';
import { emptyProfile } from '../directory/directory.service.ts';
import { signCanary } from './canary-statement.ts';


async function keyPair(name: string) {
  // Made before the test's clock, which stands on 23 November 2026.
  return openpgp.generateKey({ type: 'ecc', curve: 'ed25519Legacy', date: new Date('2026-01-01T00:00:00Z'), userIDs: [{ name, email: `${name.toLowerCase().replace(/\W+/g, '')}@provider.example` }], format: 'armored' });
}

forEachDialect((dialect) => {
  describe('warrant canaries', () => {
    let t: TestHaven;
    let delegate: WebClient;
    let keys: Awaited<ReturnType<typeof keyPair>>;
    let stranger: Awaited<ReturnType<typeof keyPair>>;
    const ids: Record<string, string> = {};
    const base = '/directory/providers/canary-host';
    const day = (offset: number) => new Date(t.clock.now().getTime() + offset * DAY).toISOString().slice(0, 10);
    const statement = (privateKey: string, fields: Partial<{ provider: string; date: string; nextUpdate: string; text: string }> = {}) =>
      signCanary({ provider: 'canary-host', date: day(0), nextUpdate: day(30), text: 'We have received no secret order, gag order or warrant.', ...fields }, privateKey, undefined, t.clock.now());

    before(async () => {
      t = await startHaven(dialect);
      t.clock.set(new Date('2026-11-23T10:00:00Z'));
      const org = await t.haven.organisations.create({ slug: 'canary-host', name: 'Canary Host', kind: 'hosting-provider' }, 'system');
      await t.haven.directory.saveProfile('canary-host', emptyProfile(), { kind: 'system', actor: 'system' });
      const d = await createAccount(t.app, 'canary-d');
      await t.haven.organisations.addMember(org.id, d.id, 'delegate', 'system');
      const s = await createAccount(t.app, 'canary-steward', { roles: ['steward'] });
      Object.assign(ids, { org: org.id, delegate: d.id, steward: s.id });
      delegate = new WebClient(t.app);
      await delegate.logIn('canary-d', d.password);
      [keys, stranger] = await Promise.all([keyPair('Canary Host'), keyPair('Someone Else')]);
    });
    after(() => t.close());

    it('shows no canary until the provider publishes one', async () => {
      assert.match((await t.app.inject({ method: 'GET', url: base })).body, /No canary published/);
      assert.equal((await t.app.inject({ method: 'GET', url: '/providers/canary-host/canary.txt' })).statusCode, 404);
    });

    it('refuses a statement before a key is saved, and a key that is not one', async () => {
      const early = await delegate.post(`${base}/canary/statements`, { statement: await statement(keys.privateKey) }, `${base}/canary`);
      assert.equal(early.status, 400);
      assert.match(early.body, /Save your signing key before publishing/);
      const bad = await delegate.post(`${base}/canary/key`, { key: 'not a key' }, `${base}/canary`);
      assert.equal(bad.status, 400);
      assert.match(bad.body, /not a usable OpenPGP public key/);
    });

    it('publishes a statement signed with the saved key, and serves it exactly as signed', async () => {
      assert.equal((await delegate.post(`${base}/canary/key`, { key: keys.publicKey }, `${base}/canary`)).status, 303);
      const signed = await statement(keys.privateKey);
      assert.equal((await delegate.post(`${base}/canary/statements`, { statement: signed }, `${base}/canary`)).status, 303);
      const served = await t.app.inject({ method: 'GET', url: '/providers/canary-host/canary.txt' });
      assert.equal(served.statusCode, 200);
      assert.equal(served.body, signed, 'byte for byte');
      const key = await t.app.inject({ method: 'GET', url: '/providers/canary-host/canary-key.asc' });
      assert.equal(key.body.trim(), keys.publicKey.trim());
      const profile = (await t.app.inject({ method: 'GET', url: base })).body;
      assert.match(profile, /Current: signed on 23 November 2026, next update promised by 23 December 2026/);
      const api = (await t.app.inject({ method: 'GET', url: '/api/v1/providers/canary-host/transparency' })).json();
      assert.equal(api.canary.state, 'current');
      assert.equal(api.canary.nextUpdate, '2026-12-23');
      assert.equal(api.canary.statementUrl, 'http://haven.test/providers/canary-host/canary.txt');
      const french = (await t.app.inject({ method: 'GET', url: base, headers: { 'accept-language': 'fr' } })).body;
      assert.match(french, /À jour : signé le 23 novembre 2026/);
    });

    it(gpgTestName, async () => {
      const served = (await t.app.inject({ method: 'GET', url: '/providers/canary-host/canary.txt' })).body;
      const publicKey = (await t.app.inject({ method: 'GET', url: '/providers/canary-host/canary-key.asc' })).body;
      const output = await verifyAsAnyoneWould(served, publicKey);
      if (output !== null) assert.match(output, /\[GNUPG:\] GOODSIG/);
      // One changed character, and the check says so.
      await assert.rejects(verifyAsAnyoneWould(served.replace('no secret order', 'no secret 0rder'), publicKey));
    });

    it('refuses a tampered statement, one signed with another key, or one naming another provider, and keeps the current one', async () => {
      const current = (await t.app.inject({ method: 'GET', url: '/providers/canary-host/canary.txt' })).body;
      const good = await statement(keys.privateKey, { date: day(1), nextUpdate: day(31) });
      const cases: [string, RegExp][] = [
        [good.replace('no secret order', 'one secret order'), /changed after it was signed/],
        [await statement(stranger.privateKey), /not signed with your registered key/],
        [await statement(keys.privateKey, { provider: 'someone-else' }), /names another provider/],
        ['We promise.', /not a clear-signed OpenPGP message/],
      ];
      for (const [text, reason] of cases) {
        const refused = await delegate.post(`${base}/canary/statements`, { statement: text }, `${base}/canary`);
        assert.equal(refused.status, 400);
        assert.match(refused.body, reason);
      }
      assert.equal((await t.app.inject({ method: 'GET', url: '/providers/canary-host/canary.txt' })).body, current, 'nothing was published');
      assert.equal((await t.haven.canaries.history(ids.org!)).length, 1);
    });

    it('refuses an older statement signed again, so a canary cannot be turned back', async () => {
      const older = await statement(keys.privateKey, { date: day(-10), nextUpdate: day(20) });
      const refused = await delegate.post(`${base}/canary/statements`, { statement: older }, `${base}/canary`);
      assert.equal(refused.status, 400);
      assert.match(refused.body, /older than the statement already published/);
    });

    it('lets only the provider’s delegates and stewards keep the canary', async () => {
      const other = new WebClient(t.app);
      const o = await createAccount(t.app, 'canary-outsider');
      await other.logIn('canary-outsider', o.password);
      assert.equal((await other.get(`${base}/canary`)).status, 403);
      assert.equal((await other.post(`${base}/canary/key`, { key: stranger.publicKey }, base)).status, 403);
      assert.equal((await new WebClient(t.app).get(`${base}/canary`)).status, 401);
    });

    it('says loudly when the next statement is overdue, and tells the delegates and the stewards once', async () => {
      const notices = async (id: string) => (await t.haven.inbox.list(id)).filter((n) => /warrant canary of Canary Host is overdue/.test(n.subject)).length;
      t.clock.advance(25 * DAY);
      assert.match((await t.app.inject({ method: 'GET', url: base })).body, /Due soon/);
      await t.haven.jobs.runDue();
      assert.equal(await notices(ids.delegate!), 0, 'not overdue yet');
      t.clock.advance(6 * DAY);
      const page = (await t.app.inject({ method: 'GET', url: base })).body;
      assert.match(page, /class="canary-alarm" role="alert"/);
      assert.match(page, /OVERDUE: the last statement was signed on 23 November 2026/);
      await t.haven.jobs.runDue();
      t.clock.advance(2 * 60 * 60 * 1000);
      await t.haven.jobs.runDue();
      assert.equal(await notices(ids.delegate!), 1);
      assert.equal(await notices(ids.steward!), 1);
    });

    it('marks the latest statement invalid once the provider replaces its key, until a statement signed with the new key arrives', async () => {
      const fresh = await keyPair('Canary Host 2027');
      await t.haven.canaries.setKey(ids.org!, fresh.publicKey, 'system');
      assert.match((await t.app.inject({ method: 'GET', url: base })).body, /SIGNATURE INVALID/);
      await t.haven.canaries.publish(ids.org!, 'canary-host', await statement(fresh.privateKey), 'system');
      assert.match((await t.app.inject({ method: 'GET', url: base })).body, /Current: signed on/);
    });
  });
});

forEachDialect((dialect) => {
  it('fills the demo with a current, an overdue and a broken canary', async () => {
    const t = await startHaven(dialect);
    try {
      const { loadDemoData } = await import('../demo/demo-data.ts');
      await loadDemoData(t.haven, 'system');
      const state = async (slug: string) => (await t.app.inject({ method: 'GET', url: `/api/v1/providers/${slug}/transparency` })).json().canary.state;
      assert.equal(await state('demo-riverbank-hosting'), 'current');
      assert.equal(await state('demo-lanterne-libre'), 'overdue');
      assert.equal(await state('demo-shieldline'), 'invalid');
      await loadDemoData(t.haven, 'system');
      assert.equal((await t.haven.canaries.history((await t.haven.organisations.getBySlug('demo-riverbank-hosting')).id)).length, 1, 'loading again adds nothing');
    } finally {
      await t.close();
    }
  });
});
