import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachDialect } from '../../../test/dialects.ts';
import { startHaven, type TestHaven } from '../../../test/harness.ts';
import { createAccount, WebClient } from '../../../test/web-client.ts';

forEachDialect((dialect) => {
  let t: TestHaven;
  before(async () => (t = await startHaven(dialect)));
  after(() => t.close());

  it('gives a person everything held about them and their organisation, as JSON and CSV', async () => {
    const { id, password } = await createAccount(t.app, 'exporter');
    const org = await t.haven.organisations.create({ slug: 'export-org', name: 'Export Org', kind: 'partner' }, 'system');
    await t.haven.organisations.addMember(org.id, id, 'delegate', 'system');
    const colleague = await createAccount(t.app, 'colleague');
    await t.haven.organisations.addMember(org.id, colleague.id, 'staff', 'system');
    const browser = new WebClient(t.app);
    await browser.logIn('exporter', password);
    await browser.post('/account/contact', { email: 'exporter@example.org', pgpKey: '' }, '/account');

    const json = await browser.get('/account/export.json');
    assert.equal(json.status, 200);
    assert.match(String(json.headers['content-disposition']), /attachment/);
    const data = JSON.parse(json.body);
    assert.equal(data.account.username, 'exporter');
    assert.equal(data.account.email, 'exporter@example.org');
    assert.deepEqual(data.organisations.map((o: { slug: string }) => o.slug), ['export-org']);
    assert.deepEqual(data.organisationsYouSpeakFor[0].members.map((m: { username: string }) => m.username).sort(), ['colleague', 'exporter']);
    assert.ok(data.activity.some((a: { action: string }) => a.action === 'account.contact.update'));
    assert.equal(data.sessions.length, 1);

    const csv = await browser.get('/account/export/activity.csv');
    assert.equal(csv.status, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.match(csv.body.split('\n')[0]!, /^at,action,subjectType,subjectId/);
    assert.match(csv.body, /account\.contact\.update/);
  });

  it('gives a provider’s delegate its directory profile, services, history and metadata source in the export', async () => {
    const { id, password } = await createAccount(t.app, 'provider-exporter');
    const org = await t.haven.organisations.create({ slug: 'export-host', name: 'Export Host', kind: 'hosting-provider' }, 'system');
    await t.haven.organisations.addMember(org.id, id, 'delegate', 'system');
    const { emptyProfile } = await import('../directory/directory.service.ts');
    const { newService } = await import('../directory/service-defaults.ts');
    await t.haven.directory.saveProfile('export-host', { ...emptyProfile(), description: 'Exported profile' }, { kind: 'system', actor: 'system' });
    await t.haven.directory.addService('export-host', { ...newService(), name: 'Exported pads', category: 'pads' }, { kind: 'system', actor: 'system' });
    await t.haven.federation.register(org.id, { url: 'https://export-host.example/librehost.json', format: 'librehost' }, 'system');
    const browser = new WebClient(t.app);
    await browser.logIn('provider-exporter', password);
    const data = JSON.parse((await browser.get('/account/export.json')).body);
    const directory = data.organisationsYouSpeakFor[0].directory;
    assert.equal(directory.profile.description, 'Exported profile');
    assert.deepEqual(directory.services.map((s: { name: string }) => s.name), ['Exported pads']);
    assert.equal(directory.history.length, 2);
    assert.equal(directory.metadataSource.url, 'https://export-host.example/librehost.json');
  });

  it('keeps the e-mail address encrypted at rest', async () => {
    const { id } = await createAccount(t.app, 'private-mail');
    await t.haven.accounts.updateContact(id, { email: 'hidden-person@example.org', pgpKey: null }, 'system');
    const row = await t.haven.database.db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.ok(!JSON.stringify(row).includes('hidden-person'));
  });

  it('says beforehand what deletion removes and what may be kept', async () => {
    const { password } = await createAccount(t.app, 'reader');
    const browser = new WebClient(t.app);
    await browser.logIn('reader', password);
    const page = await browser.get('/account/data');
    assert.match(page.body, /removes at once and for good/);
    assert.match(page.body, /What stays/);
  });

  it('deletes an account for good: gone from every table, its actions kept without its name', async () => {
    const { id, password } = await createAccount(t.app, 'goodbye');
    await t.haven.accounts.updateContact(id, { email: 'goodbye@example.org', pgpKey: null }, { accountId: id, username: 'goodbye' });
    await t.haven.tokens.create(id, 'script', { accountId: id, username: 'goodbye' });
    const browser = new WebClient(t.app);
    await browser.logIn('goodbye', password);

    const mismatch = await browser.post('/account/delete', { password, confirmUsername: 'someone-else' }, '/account/data');
    assert.equal(mismatch.status, 400);
    assert.ok(await t.haven.accounts.findByUsername('goodbye'), 'a refused confirmation deletes nothing');

    const done = await browser.post('/account/delete', { password, confirmUsername: 'goodbye' }, '/account/data');
    assert.equal(done.status, 200);
    const db = t.haven.database.db;
    for (const table of ['accounts', 'sessions', 'api_tokens', 'account_roles', 'organisation_members', 'recovery_codes'] as const) {
      const rows = await db.selectFrom(table).selectAll().execute();
      assert.ok(!JSON.stringify(rows).includes(id), `${table} still mentions the account`);
    }
    const audit = await db.selectFrom('audit_events').selectAll().execute();
    assert.ok(!JSON.stringify(audit).includes('goodbye'), 'the audit trail no longer names the person');
    assert.ok(audit.some((e) => e.action === 'token.create' && e.actor_name === 'deleted account'), 'what was done is still recorded');
    assert.equal((await browser.get('/account')).status, 401);
  });

  it('refuses to delete the last steward, so the coalition is never left without one', async () => {
    const { id } = await createAccount(t.app, 'only-steward', { roles: ['steward'] });
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/delete',
      headers: { authorization: `Bearer ${(await t.haven.tokens.create(id, 'x', 'system')).token}` },
      payload: { password: 'pass-only-steward-correct-horse' },
    });
    assert.equal(response.statusCode, 409);
    assert.equal(response.json().error.code, 'last_steward');
  });
});
