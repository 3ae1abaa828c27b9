import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { forEachDialect } from '../../../test/dialects.ts';
import { startHaven, type TestHaven } from '../../../test/harness.ts';
import { createAccount, WebClient } from '../../../test/web-client.ts';
import { DAY } from '../../platform/clock.ts';
import type { ReportContent } from './conduct-reports.service.ts';

const content = (tellBy: ReportContent['tellBy']): ReportContent => ({ happened: 'Shouted at a volunteer, marker-7731.', when: 'Friday', where: 'The workshop', involved: 'coh-subject', witnesses: 'Two', wants: 'A warning.', tellBy, email: tellBy === 'email' ? 'me@example.org' : null });

forEachDialect((dialect) => {
  describe('handling a code-of-conduct report', () => {
    let t: TestHaven;
    let token: string;
    const ids: Record<string, string> = {};
    const api = (method: 'GET' | 'POST', url: string, payload?: object, as = token) => t.app.inject({ method, url: `/api/v1/conduct/reports${url}`, headers: { authorization: `Bearer ${as}` }, ...(payload ? { payload } : {}) });
    // The clock stands still in tests: a second between steps keeps the history in order.
    const step = (number: number, payload: object) => (t.clock.advance(1000), api('POST', `/${number}/entries`, payload));
    const report = (tellBy: ReportContent['tellBy'] = 'account') => t.haven.conductReports.submit({ content: content(tellBy), involvedUsernames: ['coh-subject'], excluded: [] }, ids.reporter!);
    const status = async (id: string) => (await t.haven.accounts.get(id)).status;

    before(async () => {
      t = await startHaven(dialect);
      t.clock.set('2026-03-02T09:00:00Z');
      ids.handler = (await createAccount(t.app, 'coh-handler', { roles: ['conduct'] })).id;
      ids.subject = (await createAccount(t.app, 'coh-subject')).id;
      ids.bystander = (await createAccount(t.app, 'coh-bystander')).id;
      ids.reporter = (await createAccount(t.app, 'coh-reporter')).id;
      token = (await t.haven.tokens.create(ids.handler, 'coh', 'system')).token;
    });
    after(() => t.close());

    it('goes from received to closed through the API, keeps notes from the reporter and tells them in their account', async () => {
      const { number } = await report();
      assert.equal((await step(number, { kind: 'decision', outcome: 'warning', reasons: 'x', subjectAccountId: ids.subject })).statusCode, 409, 'acknowledge first');
      assert.equal((await step(number, { kind: 'acknowledge' })).json().status, 'acknowledged');
      await step(number, { kind: 'note', body: 'Handlers only: spoke to a witness.' });
      assert.equal((await step(number, { kind: 'message', body: 'We are looking into it.' })).statusCode, 200);
      const decided = await step(number, { kind: 'decision', outcome: 'warning', reasons: 'Witnesses agree.', subjectAccountId: ids.subject });
      assert.equal(decided.json().status, 'decided');
      assert.equal(decided.json().decision.outcome, 'warning');
      await step(number, { kind: 'follow-up', body: 'The warning was delivered.' });
      const closed = (await step(number, { kind: 'close' })).json();
      assert.equal(closed.status, 'closed');
      assert.deepEqual(closed.entries.map((e: { kind: string }) => e.kind), ['note', 'message', 'decision', 'follow-up']);
      assert.ok(closed.accessTrail.some((a: { action: string; username: string }) => a.action === 'decided' && a.username === 'coh-handler'));
      assert.equal((await step(number, { kind: 'note', body: 'late' })).statusCode, 409, 'a closed report takes nothing more');
      assert.equal(await status(ids.subject!), 'active', 'a warning leaves the account alone');
      const inbox = JSON.stringify(await t.haven.inbox.list(ids.reporter!));
      assert.match(inbox, /We are looking into it/);
      assert.match(inbox, /a warning/);
      assert.doesNotMatch(inbox, /Handlers only/);
    });

    it('refuses a decision on someone the reporter did not name, and a suspension without a future end', async () => {
      const { number } = await report();
      await step(number, { kind: 'acknowledge' });
      const stranger = await step(number, { kind: 'decision', outcome: 'expulsion', reasons: 'r', subjectAccountId: ids.bystander });
      assert.equal(stranger.statusCode, 400);
      assert.equal(stranger.json().error.fields[0].field, 'subjectAccountId');
      const past = await step(number, { kind: 'decision', outcome: 'suspension', reasons: 'r', subjectAccountId: ids.subject, suspendedUntil: '2026-01-01T00:00:00Z' });
      assert.equal(past.json().error.fields[0].field, 'suspendedUntil');
      assert.equal(await status(ids.bystander!), 'active');
    });

    it('never names a person who was harmed without their recorded consent', async () => {
      const { number } = await report();
      await step(number, { kind: 'acknowledge' });
      const refused = await step(number, { kind: 'decision', outcome: 'warning', reasons: 'r', subjectAccountId: ids.subject, naming: 'public', namesHarmed: true });
      assert.equal(refused.statusCode, 400);
      assert.equal(refused.json().error.fields[0].field, 'harmedConsentOn');
      const subjectOnly = await step(number, { kind: 'decision', outcome: 'warning', reasons: 'r', subjectAccountId: ids.subject, naming: 'third-parties', namesHarmed: false });
      assert.equal(subjectOnly.json().decision.naming, 'third-parties');
      assert.equal(subjectOnly.json().decision.namesHarmed, false);
      const second = await report();
      await step(second.number, { kind: 'acknowledge' });
      const consented = await step(second.number, { kind: 'decision', outcome: 'warning', reasons: 'r', subjectAccountId: ids.subject, naming: 'public', namesHarmed: true, harmedConsentOn: '2026-03-01' });
      assert.equal(consented.json().decision.harmedConsentOn, '2026-03-01');
    });

    it('suspends the subject’s account until the date, then reinstates it once the clock passes it', async () => {
      const { number } = await report();
      await step(number, { kind: 'acknowledge' });
      const until = new Date(t.clock.now().getTime() + 10 * DAY).toISOString();
      assert.equal((await step(number, { kind: 'decision', outcome: 'suspension', reasons: 'Repeated.', subjectAccountId: ids.subject, suspendedUntil: until })).statusCode, 200);
      assert.equal(await status(ids.subject!), 'suspended');
      assert.equal(await t.haven.conductHandling.endDueSuspensions(), 0, 'not yet');
      t.clock.advance(11 * DAY);
      assert.equal(await t.haven.conductHandling.endDueSuspensions(), 1);
      assert.equal(await status(ids.subject!), 'active');
      assert.equal(await t.haven.conductHandling.endDueSuspensions(), 0, 'only once');
      const audit = await t.haven.database.db.selectFrom('audit_events').selectAll().execute().catch(() => []);
      assert.doesNotMatch(JSON.stringify(audit), /conduct/, 'the general audit trail never ties it to a report');
    });

    it('expels for good: the account stays suspended whatever the clock', async () => {
      const subject = await createAccount(t.app, 'coh-expelled');
      const { number } = await t.haven.conductReports.submit({ content: content('link'), involvedUsernames: ['coh-expelled'], excluded: [] }, null);
      await step(number, { kind: 'acknowledge' });
      await step(number, { kind: 'decision', outcome: 'expulsion', reasons: 'Threats.', subjectAccountId: subject.id });
      t.clock.advance(400 * DAY);
      await t.haven.conductHandling.endDueSuspensions();
      assert.equal(await status(subject.id), 'suspended');
    });

    it('forgets what a closed report said after the stewards’ retention period, keeping its number and dates', async () => {
      assert.equal(await t.haven.conductHandling.retentionDays(), 180, 'the default');
      await t.haven.conductHandling.setRetentionDays(30);
      const { number } = await report('email');
      await step(number, { kind: 'note', body: 'A note.' });
      await step(number, { kind: 'close' });
      t.clock.advance(29 * DAY);
      await t.haven.conductHandling.purgeExpired();
      assert.equal((await api('GET', `/${number}`)).json().content.happened, content('email').happened);
      t.clock.advance(2 * DAY);
      assert.ok((await t.haven.conductHandling.purgeExpired()) >= 1);
      const purged = (await api('GET', `/${number}`)).json();
      assert.equal(purged.content, null);
      assert.deepEqual(purged.entries, []);
      assert.equal(purged.number, number);
      assert.ok(purged.closedAt);
      const row = await t.haven.database.db.selectFrom('conduct_reports').select(['purged_at', 'content_cipher']).where('number', '=', number).executeTakeFirstOrThrow();
      assert.ok(row.purged_at);
      assert.equal(row.content_cipher, null);
    });

    it('lets a handler do it all in the browser without JavaScript, and a steward set the retention', async () => {
      const { number } = await report('email');
      const web = new WebClient(t.app);
      const pw = await createAccount(t.app, 'coh-web', { roles: ['conduct'] });
      await web.logIn('coh-web', pw.password);
      const base = `/conduct/reports/${number}`;
      assert.match((await web.get('/conduct/reports')).body, new RegExp(`${base}"`));
      const page = await web.get(base);
      assert.match(page.body, /marker-7731/);
      assert.match(page.body, /waits on their secret link/);
      assert.equal((await web.post(`${base}/acknowledge`, {}, base)).status, 303);
      assert.equal((await web.post(`${base}/note`, { body: 'Web note.' }, base)).status, 303);
      const bad = await web.post(`${base}/decision`, { outcome: 'suspension', reasons: 'r', subjectAccountId: ids.subject!, suspendedUntil: '' }, base);
      assert.equal(bad.status, 400);
      assert.match(bad.body, /future/);
      assert.equal((await web.post(`${base}/decision`, { outcome: 'no-action', reasons: 'Not a breach.', naming: 'none' }, base)).status, 303);
      assert.match((await web.get(base)).body, /Decided: no action/);
      assert.equal((await web.get('/conduct/settings')).status, 403, 'the retention is the stewards’ to set');
      const steward = new WebClient(t.app);
      const s = await createAccount(t.app, 'coh-steward', { roles: ['steward'] });
      await steward.logIn('coh-steward', s.password);
      assert.equal((await steward.post('/conduct/settings', { retentionDays: '90' }, '/conduct/settings')).status, 303);
      assert.equal(await t.haven.conductHandling.retentionDays(), 90);
      assert.equal((await steward.post('/conduct/settings', { retentionDays: '0' }, '/conduct/settings')).status, 400);
    });
  });
});

forEachDialect((dialect) => {
  describe('the demo code-of-conduct reports', () => {
    let t: TestHaven;
    before(async () => (t = await startHaven(dialect)));
    after(() => t.close());

    it('hold reports in several states, and loading again adds nothing', async () => {
      const { loadDemoData } = await import('../demo/demo-data.ts');
      await loadDemoData(t.haven, 'system');
      await loadDemoData(t.haven, 'system');
      const rows = await t.haven.database.db.selectFrom('conduct_reports').select('status').orderBy('number').execute();
      assert.deepEqual(rows.map((r) => r.status), ['received', 'acknowledged', 'decided', 'closed']);
    });
  });
});
