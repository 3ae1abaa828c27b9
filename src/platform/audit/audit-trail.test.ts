import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachDialect } from '../../../test/dialects.ts';
import { startHaven, type TestHaven } from '../../../test/harness.ts';
import { createAccount, WebClient } from '../../../test/web-client.ts';

forEachDialect((dialect) => {
  let t: TestHaven;
  before(async () => (t = await startHaven(dialect)));
  after(() => t.close());

  it('records who did what to which record, never the content, and shows it to stewards', async () => {
    const steward = await createAccount(t.app, 'auditor', { roles: ['steward'] });
    const browser = new WebClient(t.app);
    await browser.logIn('auditor', steward.password);
    await browser.post('/admin/organisations', { name: 'Secretive Collective', slug: 'secretive', kind: 'partner' }, '/admin/organisations');
    await browser.post('/account/contact', { email: 'auditor-private@example.org', pgpKey: '' }, '/account');

    const events = await t.haven.database.db.selectFrom('audit_events').selectAll().execute();
    const create = events.find((e) => e.action === 'organisation.create');
    assert.ok(create, 'the creation is recorded');
    assert.equal(create.actor_name, 'auditor');
    assert.ok(create.subject_id);
    const everything = JSON.stringify(events);
    assert.ok(!everything.includes('Secretive Collective'), 'no record content in the trail');
    assert.ok(!everything.includes('auditor-private'), 'no contact details in the trail');

    const page = await browser.get('/admin/audit');
    assert.match(page.body, /organisation\.create/);
    assert.match(page.body, /auditor/);
  });
});
