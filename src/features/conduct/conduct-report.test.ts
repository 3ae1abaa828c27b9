import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { forEachDialect } from '../../../test/dialects.ts';
import { startHaven, type TestHaven } from '../../../test/harness.ts';
import { createAccount, WebClient } from '../../../test/web-client.ts';
import { conductText } from './conduct.messages.ts';
import { conductReportText } from './conduct-report.messages.ts';

const SECRET = 'he-followed-me-marker-5521';

forEachDialect((dialect) => {
  describe('a person reporting a conduct problem and following it up', () => {
    let t: TestHaven;
    const people: Record<string, { id: string; password: string }> = {};
    const count = async (table: 'conduct_reports' | 'conduct_recusals' | 'conduct_involved' | 'conduct_entries') =>
      Number((await t.haven.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const linkOf = (body: string) => /href="(\/conduct\/follow\/[^"]+)"/.exec(body)![1]!;

    before(async () => {
      t = await startHaven(dialect);
      t.clock.set(new Date('2026-11-23T10:00:00Z'));
      for (const [name, roles] of [['ada-conduct', ['conduct']], ['bo-conduct', ['conduct']], ['cy-conduct', ['conduct']], ['reporter-rose', []], ['someone-else', []]] as const) {
        people[name] = await createAccount(t.app, name, { roles: [...roles] });
      }
    });
    after(() => t.close());

    it('takes a report without an account, shows the secret link once, and keeps what was written encrypted', async () => {
      const person = new WebClient(t.app);
      const form = await person.get('/conduct/report');
      assert.equal(form.status, 200);
      for (const name of ['ada-conduct', 'bo-conduct', 'cy-conduct']) assert.match(form.body, new RegExp(`value="${name}"`), `${name} can be excluded`);
      assert.doesNotMatch(form.body, /value="account"/, 'no account to be told in');
      const sent = await person.post('/conduct/report', { happened: `At the meetup ${SECRET}`, when: 'Tuesday', where: 'the autumn event', tellBy: 'link' });
      assert.equal(sent.status, 200);
      assert.equal(sent.headers['cache-control'], 'no-store');
      assert.match(sent.body, /Report 1 received/);
      const link = linkOf(sent.body);
      const stored = await t.haven.database.db.selectFrom('conduct_reports').selectAll().executeTakeFirstOrThrow();
      assert.equal(stored.reporter_account_id, null);
      assert.doesNotMatch(JSON.stringify(stored), new RegExp(SECRET), 'encrypted at rest');
      assert.ok(!JSON.stringify(stored).includes(link.split('/').pop()!), 'only a hash of the link is kept');
      const follow = await person.get(link);
      assert.equal(follow.status, 200);
      assert.equal(follow.headers['cache-control'], 'no-store');
      assert.match(follow.body, /Received, not yet read/);
      assert.equal((await person.get('/conduct/follow/coc_not-a-real-token-at-all')).status, 404);
    });

    it('turns exclusions and team members named as involved into recusals', async () => {
      const person = new WebClient(t.app);
      await person.get('/conduct/report');
      const sent = await person.post('/conduct/report', { happened: 'Insults in the chat', involved: 'Bo and a guest', involvedAccounts: 'bo-conduct, someone-else', exclude: ['ada-conduct'], tellBy: 'link' });
      assert.equal(sent.status, 200, sent.body);
      const number = Number(/Report (\d+) received/.exec(sent.body)![1]);
      const report = await t.haven.database.db.selectFrom('conduct_reports').select('id').where('number', '=', number).executeTakeFirstOrThrow();
      const recusals = await t.haven.database.db.selectFrom('conduct_recusals').select(['account_id', 'reason']).where('report_id', '=', report.id).orderBy('reason').execute();
      assert.deepEqual(recusals, [
        { account_id: people['ada-conduct']!.id, reason: 'excluded' },
        { account_id: people['bo-conduct']!.id, reason: 'involved' },
      ]);
      const involved = await t.haven.database.db.selectFrom('conduct_involved').select('account_id').where('report_id', '=', report.id).execute();
      assert.deepEqual(involved.map((r) => r.account_id).sort(), [people['bo-conduct']!.id, people['someone-else']!.id].sort());
    });

    it('refuses incomplete or wrong reports in English and French and stores nothing', async () => {
      const before = await Promise.all([count('conduct_reports'), count('conduct_recusals'), count('conduct_involved')]);
      const person = new WebClient(t.app);
      await person.get('/conduct/report');
      const empty = await person.post('/conduct/report', { happened: '   ', tellBy: 'email', email: 'not-an-address', exclude: ['someone-else'] });
      assert.equal(empty.status, 400);
      for (const sentence of [conductText.en.errors.empty, conductText.en.errors.badEmail, conductText.en.errors.notTeam]) assert.ok(empty.body.includes(sentence.replace(/’/g, '&#8217;')) || empty.body.includes(sentence), sentence);
      const asAccount = await person.post('/conduct/report', { happened: 'Something', tellBy: 'account' });
      assert.equal(asAccount.status, 400);
      assert.ok(asAccount.body.includes('Log in to be told in your account'));
      const french = new WebClient(t.app, { headers: { 'accept-language': 'fr' } });
      await french.get('/conduct/report');
      const unknown = await french.post('/conduct/report', { happened: 'Quelque chose', involvedAccounts: 'nobody-here' });
      assert.equal(unknown.status, 400);
      assert.match(unknown.body, /Aucun compte n.{1,8}a le nom d.{1,8}utilisateur/);
      assert.match(unknown.body, /value="Quelque chose"|>Quelque chose</, 'what was written is kept in the form');
      const frEmpty = await french.post('/conduct/report', { happened: '' });
      assert.equal(frEmpty.status, 400);
      assert.match(frEmpty.body, /Dites ce qui s/);
      assert.deepEqual(await Promise.all([count('conduct_reports'), count('conduct_recusals'), count('conduct_involved')]), before);
    });

    it('shows the reporter the status and the team’s messages but never the handlers’ notes, and takes replies', async () => {
      const person = new WebClient(t.app);
      await person.get('/conduct/report');
      const link = linkOf((await person.post('/conduct/report', { happened: 'Off-topic images', tellBy: 'link' })).body);
      const report = await t.haven.conductReports.forReporter(link.split('/').pop()!);
      await t.haven.conductReports.addEntry(report, { kind: 'note', author: people['cy-conduct']!.id, body: 'internal-note-never-shown' });
      await t.haven.conductReports.addEntry(report, { kind: 'message', author: people['cy-conduct']!.id, body: 'Thank you, we are looking into it.' });
      const follow = await person.get(link);
      assert.match(follow.body, /Thank you, we are looking into it\./);
      assert.doesNotMatch(follow.body, /internal-note-never-shown/);
      const blank = await person.post(`${link}/reply`, { body: '  ' });
      assert.equal(blank.status, 400);
      assert.match(blank.body, new RegExp(conductReportText.en.errors.emptyReply));
      t.clock.set(new Date('2026-11-24T09:00:00Z'));
      const replied = await person.post(`${link}/reply`, { body: 'There was a second time, on Friday.' });
      assert.equal(replied.status, 303);
      const entries = await t.haven.conductReports.entries(report, 'reporter');
      assert.deepEqual(entries.at(-1), { kind: 'message', author: 'reporter', body: 'There was a second time, on Friday.', at: entries.at(-1)!.at });
      assert.match((await person.get(link)).body, /There was a second time, on Friday\./);
    });

    it('takes a report from a logged-in person, who is told in their account and sees it listed', async () => {
      const rose = new WebClient(t.app);
      await rose.logIn('reporter-rose', people['reporter-rose']!.password);
      const form = await rose.get('/conduct/report');
      assert.match(form.body, /value="account"/);
      const sent = await rose.post('/conduct/report', { happened: 'Repeated private messages after I said stop', tellBy: 'account' });
      assert.equal(sent.status, 200, sent.body);
      const number = Number(/Report (\d+) received/.exec(sent.body)![1]);
      const row = await t.haven.database.db.selectFrom('conduct_reports').select('reporter_account_id').where('number', '=', number).executeTakeFirstOrThrow();
      assert.equal(row.reporter_account_id, people['reporter-rose']!.id);
      const exported = JSON.parse((await rose.get('/account/export.json')).body);
      assert.deepEqual(exported.conductReportsSent.map((r: { number: number }) => r.number), [number], 'in the reporter’s data export');
      const mine = await rose.get('/conduct/mine');
      assert.match(mine.body, new RegExp(`Report ${number}`));
      const other = new WebClient(t.app);
      await other.logIn('someone-else', people['someone-else']!.password);
      assert.doesNotMatch((await other.get('/conduct/mine')).body, new RegExp(`Report ${number}`));
      assert.equal((await new WebClient(t.app).get('/conduct/mine')).status, 401);
    });

    it('takes a report through the API, anonymously, and refuses a bad one with the documented error', async () => {
      const created = await t.app.inject({ method: 'POST', url: '/api/v1/conduct/reports', payload: { happened: 'Threats on the mailing list', where: 'the members list', exclude: ['cy-conduct'], tellBy: 'email', email: 'me@example.org' } });
      assert.equal(created.statusCode, 201, created.body);
      const { number, followUpUrl } = created.json() as { number: number; followUpUrl: string };
      assert.match(followUpUrl, /^http:\/\/haven\.test\/conduct\/follow\/coc_/);
      const report = await t.haven.conductReports.forReporter(followUpUrl.split('/').pop()!);
      assert.equal(report.number, number);
      assert.deepEqual([...report.recused], [people['cy-conduct']!.id]);
      assert.equal(report.content?.email, 'me@example.org');
      const before = await count('conduct_reports');
      const refused = await t.app.inject({ method: 'POST', url: '/api/v1/conduct/reports', headers: { 'accept-language': 'fr' }, payload: { happened: 'Something', tellBy: 'account' } });
      assert.equal(refused.statusCode, 400);
      assert.deepEqual(refused.json().error.fields, [{ field: 'tellBy', message: conductText.fr.errors.accountNeeded }]);
      const missing = await t.app.inject({ method: 'POST', url: '/api/v1/conduct/reports', payload: { when: 'yesterday' } });
      assert.equal(missing.statusCode, 400);
      assert.equal(missing.json().error.code, 'invalid_input');
      assert.equal(await count('conduct_reports'), before);
    });
  });
});
