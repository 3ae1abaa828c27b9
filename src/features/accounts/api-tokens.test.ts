import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachDialect } from '../../../test/dialects.ts';
import { startHaven, type TestHaven } from '../../../test/harness.ts';
import { createAccount, WebClient } from '../../../test/web-client.ts';

forEachDialect((dialect) => {
  let t: TestHaven;
  before(async () => (t = await startHaven(dialect)));
  after(() => t.close());

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('creates a token in the browser, shows it once, and the token acts as its owner', async () => {
    const { password } = await createAccount(t.app, 'scripter');
    const browser = new WebClient(t.app);
    await browser.logIn('scripter', password);
    const created = await browser.post('/account/tokens', { name: 'backup script' }, '/account/tokens');
    const token = /class="secret">(haven_[A-Za-z0-9_-]+)</.exec(created.body)![1]!;
    const me = await t.app.inject({ url: '/api/v1/me', headers: bearer(token) });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().username, 'scripter');
    const list = await browser.get('/account/tokens');
    assert.match(list.body, /backup script/);
    assert.ok(!list.body.includes(token), 'the list never shows the secret again');
  });

  it('keeps only a fingerprint of each token', async () => {
    const { id } = await createAccount(t.app, 'fingerprint');
    const { token } = await t.haven.tokens.create(id, 'x', 'system');
    const rows = await t.haven.database.db.selectFrom('api_tokens').selectAll().execute();
    assert.ok(rows.every((r) => !JSON.stringify(r).includes(token)));
  });

  it('lists and revokes tokens through the API; a revoked token stops working at once', async () => {
    const { id } = await createAccount(t.app, 'api-owner');
    const { token } = await t.haven.tokens.create(id, 'first', 'system');
    const second = await t.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: bearer(token), payload: { name: 'second' } });
    assert.equal(second.statusCode, 201);
    const listed = (await t.app.inject({ url: '/api/v1/me/tokens', headers: bearer(token) })).json();
    assert.deepEqual(listed.map((x: { name: string }) => x.name).sort(), ['first', 'second']);
    assert.ok(listed.every((x: Record<string, unknown>) => !('token' in x)));
    const revoked = await t.app.inject({ method: 'DELETE', url: `/api/v1/me/tokens/${second.json().id}`, headers: bearer(token) });
    assert.equal(revoked.statusCode, 204);
    assert.equal((await t.app.inject({ url: '/api/v1/me', headers: bearer(second.json().token) })).statusCode, 401);
  });

  it('does not let anyone revoke, or learn of, someone else’s token', async () => {
    const alice = await createAccount(t.app, 'alice-tokens');
    const bob = await createAccount(t.app, 'bob-tokens');
    const aliceToken = await t.haven.tokens.create(alice.id, 'alice', 'system');
    const bobToken = await t.haven.tokens.create(bob.id, 'bob', 'system');
    const attempt = await t.app.inject({ method: 'DELETE', url: `/api/v1/me/tokens/${aliceToken.id}`, headers: bearer(bobToken.token) });
    assert.equal(attempt.statusCode, 404);
    assert.equal((await t.app.inject({ url: '/api/v1/me', headers: bearer(aliceToken.token) })).statusCode, 200);
  });

  it('answers an unknown token with 401 and a clear JSON error', async () => {
    const response = await t.app.inject({ url: '/api/v1/me', headers: { ...bearer('haven_nope'), 'accept-language': 'fr' } });
    assert.equal(response.statusCode, 401);
    assert.equal(response.json().error.code, 'unauthenticated');
    assert.equal(response.json().error.message, 'Connectez-vous pour continuer.');
  });
});
