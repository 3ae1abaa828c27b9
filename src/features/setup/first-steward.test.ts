import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachDialect } from '../../../test/dialects.ts';
import { startHaven, type TestHaven } from '../../../test/harness.ts';
import { WebClient } from '../../../test/web-client.ts';
import { DAY } from '../../platform/clock.ts';

forEachDialect((dialect) => {
  let t: TestHaven;
  before(async () => (t = await startHaven(dialect)));
  after(() => t.close());

  it('refuses a made-up setup link', async () => {
    const response = await t.app.inject('/setup/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    assert.equal(response.statusCode, 404);
  });

  it('lets the first person become steward through the one-time link, once', async () => {
    const stale = await t.haven.setup.issueLink();
    const token = await t.haven.setup.issueLink();
    assert.equal((await t.app.inject(`/setup/${stale}`)).statusCode, 404, 'issuing a new link cancels the old one');

    const browser = new WebClient(t.app);
    const weak = await browser.post(`/setup/${token}`, { username: 'first', password: 'short' }, `/setup/${token}`);
    assert.equal(weak.status, 400);
    assert.match(weak.body, /password must be at least 10 characters/);
    assert.equal(await t.haven.accounts.count(), 0, 'a refused form creates nothing');

    const created = await browser.post(`/setup/${token}`, { username: 'first', password: 'a long enough passphrase' });
    assert.equal(created.status, 303);
    assert.equal(created.location, '/admin');
    const admin = await browser.get('/admin');
    assert.equal(admin.status, 200, 'the new steward is logged in and sees the administration');

    const again = await new WebClient(t.app).get(`/setup/${token}`);
    assert.equal(again.status, 404, 'the link works once');
    const account = await t.haven.accounts.findByUsername('first');
    assert.deepEqual(await t.haven.accounts.roles(account.id), ['steward']);
  });

  it('stops offering any link once an account exists', async () => {
    const token = await t.haven.setup.issueLink();
    assert.equal((await t.app.inject(`/setup/${token}`)).statusCode, 404);
  });

  it('lets a setup link expire after a day', async () => {
    const other = await startHaven(dialect, { clock: t.clock });
    try {
      const token = await other.haven.setup.issueLink();
      other.clock.advance(DAY + 1);
      assert.equal((await other.app.inject(`/setup/${token}`)).statusCode, 404);
    } finally {
      await other.close();
    }
  });
});
