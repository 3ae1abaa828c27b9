import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachDialect } from '../../../test/dialects.ts';
import { startHaven, type TestHaven } from '../../../test/harness.ts';
import { createAccount, WebClient } from '../../../test/web-client.ts';

forEachDialect((dialect) => {
  let t: TestHaven;
  let steward: WebClient;
  before(async () => {
    t = await startHaven(dialect);
    const { password } = await createAccount(t.app, 'head-steward', { roles: ['steward'] });
    steward = new WebClient(t.app);
    await steward.logIn('head-steward', password);
  });
  after(() => t.close());

  it('lets a steward create an account with a generated password shown once', async () => {
    const page = await steward.post('/admin/accounts', { username: 'newcomer', password: '', roles: 'reviewer' }, '/admin/accounts');
    assert.equal(page.status, 201);
    const password = /class="secret">([^<]+)</.exec(page.body)![1]!;
    const login = await new WebClient(t.app).logIn('newcomer', password);
    assert.equal(login.status, 303);
    const account = await t.haven.accounts.findByUsername('newcomer');
    assert.deepEqual(await t.haven.accounts.roles(account.id), ['reviewer']);
    assert.ok(!(await steward.get('/admin/accounts')).body.includes(password), 'the password is not shown again');
  });

  it('changes roles with checkboxes, but never removes the last steward', async () => {
    const newcomer = await t.haven.accounts.findByUsername('newcomer');
    await steward.post(`/admin/accounts/${newcomer.id}/roles`, { roles: ['reviewer', 'conduct'] }, '/admin/accounts');
    assert.deepEqual(await t.haven.accounts.roles(newcomer.id), ['conduct', 'reviewer']);
    const self = await t.haven.accounts.findByUsername('head-steward');
    const refused = await steward.post(`/admin/accounts/${self.id}/roles`, { roles: 'reviewer' }, '/admin/accounts');
    assert.equal(refused.status, 409);
    assert.match(refused.body, /last steward/);
    assert.deepEqual(await t.haven.accounts.roles(self.id), ['steward']);
  });

  it('creates an organisation and adds a member, explaining an unknown username', async () => {
    const created = await steward.post('/admin/organisations', { name: 'Tidewater Hosting', slug: 'tidewater', kind: 'hosting-provider' }, '/admin/organisations');
    assert.equal(created.status, 303);
    const duplicate = await steward.post('/admin/organisations', { name: 'Again', slug: 'tidewater', kind: 'partner' }, '/admin/organisations');
    assert.equal(duplicate.status, 409);
    assert.match(duplicate.body, /already uses this short name/);
    const unknown = await steward.post('/admin/organisations/tidewater/members', { member: 'ghost', role: 'staff' }, '/admin/organisations');
    assert.equal(unknown.status, 404);
    assert.match(unknown.body, /There is no account with this username/);
    const added = await steward.post('/admin/organisations/tidewater/members', { member: 'newcomer', role: 'delegate' }, '/admin/organisations');
    assert.equal(added.status, 303);
    assert.match((await steward.get('/admin/organisations')).body, /newcomer — Delegate/);
  });

  it('lets a delegate delete their organisation for good after typing its name', async () => {
    const delegate = await createAccount(t.app, 'org-delegate');
    const org = await t.haven.organisations.create({ slug: 'short-lived', name: 'Short Lived', kind: 'partner' }, 'system');
    await t.haven.organisations.addMember(org.id, delegate.id, 'delegate', 'system');
    const browser = new WebClient(t.app);
    await browser.logIn('org-delegate', delegate.password);
    const wrong = await browser.post('/organisations/short-lived/delete', { 'confirmSlug-short-lived': 'nope' }, '/account/data');
    assert.equal(wrong.status, 400);
    const done = await browser.post('/organisations/short-lived/delete', { 'confirmSlug-short-lived': 'short-lived' }, '/account/data');
    assert.equal(done.status, 200);
    assert.equal(await t.haven.organisations.findBySlug('short-lived'), undefined);
    const outsider = new WebClient(t.app);
    const other = await createAccount(t.app, 'not-a-delegate');
    await outsider.logIn('not-a-delegate', other.password);
    const refused = await outsider.post('/organisations/tidewater/delete', { 'confirmSlug-tidewater': 'tidewater' }, '/account');
    assert.equal(refused.status, 404);
    assert.ok(await t.haven.organisations.findBySlug('tidewater'));
  });

  it('suspends and reinstates an account', async () => {
    const person = await createAccount(t.app, 'to-suspend');
    await steward.post(`/admin/accounts/${person.id}/status`, { status: 'suspended' }, '/admin/accounts');
    assert.equal((await new WebClient(t.app).logIn('to-suspend', person.password)).status, 403);
    await steward.post(`/admin/accounts/${person.id}/status`, { status: 'active' }, '/admin/accounts');
    assert.equal((await new WebClient(t.app).logIn('to-suspend', person.password)).status, 303);
  });

  it('runs due work on request and loads the labelled demo data', async () => {
    const ran = await steward.post('/admin/jobs/run-due', {}, '/admin/jobs');
    assert.match(ran.body, /piece\(s\) of work done, 0 failed/);
    const demo = await steward.post('/admin/demo', {}, '/admin/demo');
    assert.match(demo.body, /Every demo account has the password: demo-/);
    const home = await new WebClient(t.app).get('/');
    assert.match(home.body, /demonstration data/, 'every page says the data is invented');
  });
});
