import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { forEachDialect } from '../../../test/dialects.ts';
import { startHaven, type TestHaven } from '../../../test/harness.ts';
import { createAccount } from '../../../test/web-client.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { ReportContent } from './conduct-reports.service.ts';

const CONTENT: ReportContent = { happened: 'Repeated unwelcome messages after the meeting, marker-6612.', when: 'Last Tuesday', where: 'The members’ chat', involved: 'A member of the team', witnesses: 'None', wants: 'That it stops.', tellBy: 'link', email: null };

forEachDialect((dialect) => {
  describe('who may read a code-of-conduct report, in the service', () => {
    let t: TestHaven;
    const ids: Record<string, string> = {};
    const viewer = async (name: string): Promise<Viewer> => {
      const account = await t.haven.accounts.get(ids[name]!);
      return { accountId: account.id, username: account.username, roles: new Set(await t.haven.accounts.roles(account.id)), memberships: [], via: { kind: 'session' } } as unknown as Viewer;
    };

    before(async () => {
      t = await startHaven(dialect);
      for (const name of ['handler', 'excluded', 'involved', 'stepping-aside']) ids[name] = (await createAccount(t.app, `coc-${name}`, { roles: ['conduct'] })).id;
      ids.steward = (await createAccount(t.app, 'coc-steward', { roles: ['steward'] })).id;
      ids.reporter = (await createAccount(t.app, 'coc-reporter')).id;
    });
    after(() => t.close());

    it('refuses to exclude someone who is not on the team, or to name an account that does not exist, and keeps nothing', async () => {
      await assert.rejects(t.haven.conductReports.submit({ content: CONTENT, involvedUsernames: [], excluded: [ids.steward!] }, null), /conduct_not_team/);
      await assert.rejects(t.haven.conductReports.submit({ content: CONTENT, involvedUsernames: ['nobody-here'], excluded: [] }, null), /conduct_unknown_account/);
      assert.equal((await t.haven.database.db.selectFrom('conduct_reports').select('id').execute()).length, 0);
    });

    it('keeps the report encrypted, and shows it to the team less the members the reporter excluded or named', async () => {
      const { number, token } = await t.haven.conductReports.submit({ content: CONTENT, involvedUsernames: ['coc-involved'], excluded: [ids.excluded!] }, ids.reporter!);
      assert.equal(number, 1);
      const row = await t.haven.database.db.selectFrom('conduct_reports').selectAll().executeTakeFirstOrThrow();
      assert.doesNotMatch(JSON.stringify(row), /marker-6612/);
      assert.equal((await t.haven.conductReports.forReporter(token)).content?.happened, CONTENT.happened);
      const seen = async (name: string) => (await t.haven.conductReports.visibleTo(await viewer(name))).map((r) => r.number);
      assert.deepEqual(await seen('handler'), [1]);
      assert.deepEqual(await seen('stepping-aside'), [1]);
      for (const name of ['excluded', 'involved', 'steward', 'reporter']) {
        assert.deepEqual(await seen(name), [], name);
        await assert.rejects(t.haven.conductReports.forHandler(await viewer(name), 1), /not_found/, name);
      }
      const notified = async (name: string) => (await t.haven.inbox.list(ids[name]!)).filter((n) => /code-of-conduct report/.test(n.subject)).length;
      assert.equal(await notified('handler'), 1);
      assert.equal(await notified('excluded'), 0, 'no notice tells them it exists');
      assert.equal(await notified('involved'), 0);
    });

    it('lets a member step aside, after which the report is as hidden from them as a number never used', async () => {
      const aside = await viewer('stepping-aside');
      await t.haven.conductReports.recuse(aside, 1);
      assert.deepEqual(await t.haven.conductReports.visibleTo(aside), []);
      const never = await t.haven.conductReports.forHandler(aside, 99).catch((e: Error) => e.message);
      const recused = await t.haven.conductReports.forHandler(aside, 1).catch((e: Error) => e.message);
      assert.equal(recused, never, 'the same answer as for a report that does not exist');
    });

    it('writes each reading in the report’s own access trail, and nothing in the general audit trail', async () => {
      const before = await t.haven.database.db.selectFrom('audit_events').select('action').execute();
      const { report } = await t.haven.conductReports.forHandler(await viewer('handler'), 1);
      const trail = await t.haven.conductReports.accessTrail(report);
      // The clock stands still in tests: compare as a set, not in order.
      assert.deepEqual(trail.map((e) => `${e.username} ${e.action}`).sort(), ['coc-handler read', 'coc-stepping-aside recused']);
      const afterward = await t.haven.database.db.selectFrom('audit_events').select('action').execute();
      assert.deepEqual(afterward, before);
      assert.ok(!afterward.some((e) => e.action.startsWith('conduct')));
    });
  });
});
