import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachDialect } from '../../../test/dialects.ts';
import { startHaven, type TestHaven } from '../../../test/harness.ts';
import { WebClient } from '../../../test/web-client.ts';
import { MINUTE } from '../clock.ts';

forEachDialect((dialect) => {
  let t: TestHaven;
  before(async () => (t = await startHaven(dialect)));
  after(() => t.close());

  it('slows down password guessing from one client, on every instance, until the window ends', async () => {
    const guesser = new WebClient(t.app, { remoteAddress: '192.0.2.10', headers: { 'accept-language': 'fr' } });
    await guesser.get('/login');
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      assert.equal((await guesser.post('/login', { username: 'someone', password: `guess ${attempt}` })).status, 401);
    }
    const limited = await guesser.post('/login', { username: 'someone', password: 'guess 11' });
    assert.equal(limited.status, 429);
    assert.match(limited.body, /Trop de tentatives/);
    assert.ok(limited.headers['retry-after']);

    const otherInstance = await t.sibling();
    const viaOther = new WebClient(otherInstance, { remoteAddress: '192.0.2.10' });
    assert.equal((await viaOther.post('/login', { username: 'someone', password: 'guess 12' }, '/login')).status, 429, 'the count is shared through the database');

    const someoneElse = new WebClient(t.app, { remoteAddress: '192.0.2.99' });
    assert.equal((await someoneElse.post('/login', { username: 'someone', password: 'x' }, '/login')).status, 401, 'another client is not held back');

    t.clock.advance(15 * MINUTE);
    assert.equal((await guesser.post('/login', { username: 'someone', password: 'guess 13' }, '/login')).status, 401, 'the window has ended');
  });

  it('forgets counters once their window has ended', async () => {
    t.clock.advance(20 * MINUTE);
    await t.haven.jobs.runDue();
    const left = await t.haven.database.db.selectFrom('rate_limit_windows').selectAll().where('expires_at', '<=', t.clock.now().toISOString()).execute();
    assert.equal(left.length, 0);
  });
});
