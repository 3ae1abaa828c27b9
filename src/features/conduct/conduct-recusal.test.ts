import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { forEachDialect } from '../../../test/dialects.ts';
import { startHaven, type TestHaven } from '../../../test/harness.ts';
import { createAccount, WebClient } from '../../../test/web-client.ts';

const MARKER = 'marker-recusal-4471';
type Who = 'excluded' | 'involved' | 'self-recused' | 'handler' | 'steward' | 'plain' | 'anonymous';
const EVERYONE: Who[] = ['excluded', 'involved', 'self-recused', 'handler', 'steward', 'plain', 'anonymous'];

/** Every way a recused member — or anyone else off the report — could learn of it: none tells them anything. */
forEachDialect((dialect) => {
  describe('who learns of a code-of-conduct report', () => {
    let t: TestHaven;
    let reporterToken: string;
    /** Mail queued before the self-recused member stepped aside: they were told of the report then, as a team member. */
    let beforeRecusal = new Set<string>();
    const ids = new Map<Who, string>();
    const tokens = new Map<Who, string>();
    const web = new Map<Who, WebClient>();
    const api = (who: Who, method: 'GET' | 'POST', url: string, payload?: object) =>
      t.app.inject({ method, url: `/api/v1/conduct/reports${url}`, headers: tokens.has(who) ? { authorization: `Bearer ${tokens.get(who)}` } : {}, ...(payload ? { payload } : {}) });
    const mails = async () =>
      (await t.haven.database.db.selectFrom('jobs').select(['id', 'payload_enc']).where('kind', '=', 'mail.send').execute()).map((j) => ({ id: j.id, ...(JSON.parse(t.haven.cipher.decrypt(j.payload_enc!, `jobs.payload:${j.id}`)) as { accountId: string; subject: string; text: string }) }));

    before(async () => {
      t = await startHaven(dialect);
      // The excluded member is a steward too: the general audit view must not tell them either.
      const roles: Partial<Record<Who, ('conduct' | 'steward')[]>> = { excluded: ['conduct', 'steward'], involved: ['conduct'], 'self-recused': ['conduct'], handler: ['conduct'], steward: ['steward'] };
      for (const who of EVERYONE) {
        const client = new WebClient(t.app);
        web.set(who, client);
        if (who === 'anonymous') continue;
        const account = await createAccount(t.app, `rc-${who}`, { roles: roles[who] ?? [] });
        ids.set(who, account.id);
        tokens.set(who, (await t.haven.tokens.create(account.id, 'rc', 'system')).token);
        await client.logIn(`rc-${who}`, account.password);
      }
      const reporter = await createAccount(t.app, 'rc-reporter');
      const content = { happened: `What happened, ${MARKER}`, when: 'Monday', where: 'Chat', involved: 'rc-involved', witnesses: '', wants: 'Safety', tellBy: 'account' as const, email: null };
      ({ token: reporterToken } = await t.haven.conductReports.submit({ content, involvedUsernames: ['rc-involved'], excluded: [ids.get('excluded')!] }, reporter.id));
      beforeRecusal = new Set((await mails()).map((m) => m.id));
      // The self-recused member saw it, then stepped aside in the browser.
      assert.equal((await web.get('self-recused')!.post('/conduct/reports/1/recuse', {}, '/conduct/reports/1')).status, 303);
      // The handler works on it: every step that could notify or leave a trace.
      for (const payload of [{ kind: 'acknowledge' }, { kind: 'note', body: `Note ${MARKER}` }, { kind: 'message', body: 'We read it.' }, { kind: 'decision', outcome: 'warning', reasons: 'Agreed.', subjectAccountId: ids.get('involved') }]) {
        assert.equal((await api('handler', 'POST', '/1/entries', payload)).statusCode, 200, JSON.stringify(payload));
      }
    });
    after(() => t.close());

    for (const who of EVERYONE) {
      const handles = who === 'handler';
      const onTeam = ['excluded', 'involved', 'self-recused', 'handler'].includes(who);
      const refused = who === 'anonymous' ? 401 : 404;

      it(`${handles ? 'shows' : 'hides'} the report ${handles ? 'to' : 'from'} ${who} in the pages: list, count and detail`, async () => {
        const client = web.get(who)!;
        const list = await client.get('/conduct/reports');
        assert.equal(list.status, onTeam ? 200 : refused, 'the list');
        assert.equal(list.body.includes('/conduct/reports/1"'), handles, 'the list holds it');
        if (onTeam && !handles) assert.match(list.body, /No report for you to handle/, 'and counts nothing');
        const page = await client.get('/conduct/reports/1');
        const never = await client.get('/conduct/reports/999');
        assert.equal(page.status, handles ? 200 : refused, 'the report');
        assert.equal(page.status === never.status, !handles, 'answered exactly as a number never used');
        assert.equal(page.body.includes(MARKER), handles, 'its content');
      });

      it(`${handles ? 'lets' : 'does not let'} ${who} read or act on it through the API, and lists ${handles ? 'it' : 'nothing'} without refusing`, async () => {
        const list = await api(who, 'GET', '');
        assert.equal(list.statusCode, 200);
        assert.deepEqual(list.json().map((r: { number: number }) => r.number), handles ? [1] : []);
        const detail = await api(who, 'GET', '/1');
        assert.equal(detail.statusCode, handles ? 200 : refused);
        assert.equal(detail.body.includes(MARKER), handles);
        if (!handles) assert.deepEqual(detail.json(), (await api(who, 'GET', '/999')).json(), 'the same answer as for no report');
        const note = await api(who, 'POST', '/1/entries', { kind: 'note', body: `From ${who}` });
        assert.equal(note.statusCode, handles ? 200 : refused);
        const bodies = (await t.haven.database.db.selectFrom('conduct_entries').select('id').execute()).length;
        assert.ok(bodies >= 1);
      });

      if (who === 'anonymous') continue;
      it(`${handles ? 'notifies' : 'never notifies'} ${who} of it, in Haven or by e-mail`, async () => {
        const inbox = JSON.stringify(await t.haven.inbox.list(ids.get(who)!));
        const all = await mails();
        const mailed = (who === 'self-recused' ? all.filter((m) => !beforeRecusal.has(m.id)) : all).filter((m) => m.accountId === ids.get(who));
        assert.equal(mailed.length > 0, handles, 'queued mail');
        if (who !== 'self-recused') assert.equal(/code-of-conduct|conduct\/reports/.test(inbox), handles, 'the in-app inbox');
        assert.equal(inbox.includes(reporterToken) || JSON.stringify(mailed).includes(reporterToken), false, 'the reporter’s secret link reaches nobody');
      });

      it(`keeps the report out of the general audit view ${who} may read`, async () => {
        const events = await t.haven.database.db.selectFrom('audit_events').selectAll().execute();
        assert.equal(events.some((e) => JSON.stringify(e).includes('conduct_report') || /^conduct\.report/.test(String((e as { action?: string }).action))), false);
        const audit = await web.get(who)!.get('/admin/audit');
        const steward = who === 'steward' || who === 'excluded';
        assert.equal(audit.status, steward ? 200 : 403);
        assert.equal(audit.body.includes('/conduct/reports') || audit.body.includes(MARKER), false);
      });
    }

    it('writes every reading by a handler in the report’s own trail, and none by anyone else', async () => {
      const trail = await t.haven.database.db.selectFrom('conduct_access_log').select('account_id').execute();
      const readers = new Set(trail.map((a) => a.account_id));
      assert.ok(readers.has(ids.get('handler')!));
      for (const who of ['excluded', 'involved', 'steward', 'plain'] as const) assert.equal(readers.has(ids.get(who)!), false, who);
    });
  });
});
