import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as openpgp from 'openpgp';
import { forEachDialect } from '../../../test/dialects.ts';
import { startHaven, type TestHaven } from '../../../test/harness.ts';
import { createAccount } from '../../../test/web-client.ts';
import { emptyProfile } from '../directory/directory.service.ts';
import { signCanary } from './canary-statement.ts';

forEachDialect((dialect) => {
  describe('a provider’s canary kept by script, through the API', () => {
    let t: TestHaven;
    let keys: Awaited<ReturnType<typeof openpgp.generateKey>> & { privateKey: string; publicKey: string };
    const auth: Record<string, { authorization: string }> = {};
    const api = '/api/v1/providers/script-host/canary';
    const call = (method: 'PUT' | 'POST' | 'DELETE', url: string, who: string | null, payload?: object, locale = 'en') =>
      t.app.inject({ method, url, payload, headers: { ...(who ? auth[who] : {}), 'accept-language': locale } });

    before(async () => {
      t = await startHaven(dialect);
      t.clock.set(new Date('2026-11-23T10:00:00Z'));
      const org = await t.haven.organisations.create({ slug: 'script-host', name: 'Script Host', kind: 'hosting-provider' }, 'system');
      await t.haven.directory.saveProfile('script-host', emptyProfile(), { kind: 'system', actor: 'system' });
      const delegate = await createAccount(t.app, 'script-delegate');
      await t.haven.organisations.addMember(org.id, delegate.id, 'delegate', 'system');
      const outsider = await createAccount(t.app, 'script-outsider');
      auth.delegate = { authorization: `Bearer ${(await t.haven.tokens.create(delegate.id, 'cron', 'system')).token}` };
      auth.outsider = { authorization: `Bearer ${(await t.haven.tokens.create(outsider.id, 'cron', 'system')).token}` };
      keys = (await openpgp.generateKey({ type: 'ecc', curve: 'ed25519Legacy', date: new Date('2026-01-01T00:00:00Z'), userIDs: [{ name: 'Script Host' }], format: 'armored' })) as typeof keys;
    });
    after(() => t.close());

    it('refuses anyone but the provider’s delegates and stewards, and changes nothing', async () => {
      assert.equal((await call('PUT', `${api}/key`, null, { key: keys.publicKey })).statusCode, 401);
      assert.equal((await call('PUT', `${api}/key`, 'outsider', { key: keys.publicKey })).statusCode, 403);
      assert.equal((await call('PUT', `${api}/source`, 'outsider', { url: 'https://script-host.example/canary.txt' })).statusCode, 403);
      assert.equal((await t.haven.canaries.status((await t.haven.organisations.getBySlug('script-host')).id)).key, null);
    });

    it('sets the key, publishes a statement once, and says so when the same statement comes again', async () => {
      assert.equal((await call('PUT', `${api}/key`, 'delegate', { key: keys.publicKey })).statusCode, 204);
      const statement = await signCanary({ provider: 'script-host', date: '2026-11-23', nextUpdate: '2026-12-23', text: 'Nothing secret has reached us.' }, keys.privateKey, undefined, t.clock.now());
      const first = await call('POST', `${api}/statements`, 'delegate', { statement });
      assert.equal(first.statusCode, 201);
      assert.deepEqual(first.json(), { published: true });
      const again = await call('POST', `${api}/statements`, 'delegate', { statement });
      assert.equal(again.statusCode, 200);
      assert.deepEqual(again.json(), { published: false });
      assert.equal((await t.app.inject({ method: 'GET', url: '/providers/script-host/canary.txt' })).body, statement);
    });

    it('answers a tampered statement with a translated error naming the field', async () => {
      const statement = await signCanary({ provider: 'script-host', date: '2026-11-24', nextUpdate: '2026-12-24', text: 'Nothing secret has reached us.' }, keys.privateKey, undefined, t.clock.now());
      const refused = await call('POST', `${api}/statements`, 'delegate', { statement: statement.replace('Nothing secret', 'Something secret') }, 'fr');
      assert.equal(refused.statusCode, 400);
      assert.equal(refused.json().error.code, 'canary_bad_signature');
      assert.equal(refused.json().error.fields[0].field, 'statement');
      assert.match(JSON.stringify(refused.json()), /La signature ne correspond pas au texte/);
      assert.equal((await t.haven.canaries.history((await t.haven.organisations.getBySlug('script-host')).id)).length, 1);
    });

    it('registers and forgets the address of a hosted canary', async () => {
      const bad = await call('PUT', `${api}/source`, 'delegate', { url: 'javascript:alert(1)' });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.code, 'canary_bad_url');
      assert.equal((await call('PUT', `${api}/source`, 'delegate', { url: 'https://script-host.example/canary.txt' })).statusCode, 204);
      const shown = (await t.app.inject({ method: 'GET', url: '/api/v1/providers/script-host/transparency' })).json();
      assert.deepEqual(shown.canary.source, { url: 'https://script-host.example/canary.txt', checkedAt: null, problem: null });
      assert.equal((await call('DELETE', `${api}/source`, 'delegate')).statusCode, 204);
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/providers/script-host/transparency' })).json().canary.source, null);
    });
  });
});
