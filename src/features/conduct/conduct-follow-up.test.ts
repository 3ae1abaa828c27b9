import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { forEachDialect } from '../../../test/dialects.ts';
import { startHaven, type TestHaven } from '../../../test/harness.ts';
import { createAccount, WebClient } from '../../../test/web-client.ts';
import type { Viewer } from '../accounts/viewer.ts';

forEachDialect((dialect) => {
  describe('what passes between the reporter and the team after a report', () => {
    let t: TestHaven;
    let token = '';
    const ids: Record<string, string> = {};
    const handler = async (): Promise<Viewer> => ({ accountId: ids.handler!, username: 'fu-handler', roles: new Set(['conduct']), memberships: [], via: { kind: 'session' } }) as unknown as Viewer;

    before(async () => {
      t = await startHaven(dialect);
      for (const name of ['handler', 'excluded']) ids[name] = (await createAccount(t.app, `fu-${name}`, { roles: ['conduct'] })).id;
      ids.subject = (await createAccount(t.app, 'fu-subject')).id;
      const sent = await t.haven.conductReports.submit(
        { content: { happened: 'Insults in the chat.', when: '', where: 'chat', involved: 'fu-subject', witnesses: '', wants: 'A warning.', tellBy: 'link', email: null }, involvedUsernames: ['fu-subject'], excluded: [ids.excluded!] },
        null,
      );
      token = sent.token;
    });
    after(() => t.close());

    it('tells the team, less the excluded member, when the reporter writes through the link', async () => {
      const reporter = new WebClient(t.app);
      await reporter.get(`/conduct/follow/${token}`);
      assert.equal((await reporter.post(`/conduct/follow/${token}/reply`, { body: 'It happened again today.' })).status, 303);
      const told = async (id: string) => (await t.haven.inbox.list(id)).filter((n) => /The reporter wrote on code-of-conduct report 1/.test(n.subject)).length;
      assert.equal(await told(ids.handler!), 1);
      assert.equal(await told(ids.excluded!), 0);
    });

    it('shows the reporter the outcome of a decision, never its reasons nor whom it names', async () => {
      await t.haven.conductHandling.acknowledge(await handler(), 1);
      await t.haven.conductHandling.decide(await handler(), 1, { outcome: 'warning', reasons: 'Internal reasons marker-9081.', subjectAccountId: ids.subject!, suspendedUntil: null, naming: 'none', namesHarmed: false, harmedConsentOn: null });
      const page = (await new WebClient(t.app).get(`/conduct/follow/${token}`)).body;
      assert.match(page, /a warning/);
      assert.doesNotMatch(page, /marker-9081|subjectAccountId|fu-subject|\{"outcome"/);
    });
  });
});

forEachDialect((dialect) => {
  it('tells a reporter who chose e-mail only that there is news, at that address, never what', async () => {
    const sent: { to: string; subject: string; text: string }[] = [];
    const t = await startHaven(dialect, { mailTransport: { sendMail: async (m) => void ('subject' in m && sent.push({ to: m.to, subject: m.subject, text: m.text })) } });
    try {
      const handler = await createAccount(t.app, 'mail-handler', { roles: ['conduct'] });
      await t.haven.conductReports.submit({ content: { happened: 'Insults.', when: '', where: '', involved: '', witnesses: '', wants: '', tellBy: 'email', email: 'reporter@mail.example' }, involvedUsernames: [], excluded: [] }, null);
      const viewer = { accountId: handler.id, username: 'mail-handler', roles: new Set(['conduct']), memberships: [], via: { kind: 'session' } } as unknown as Viewer;
      await t.haven.conductHandling.acknowledge(viewer, 1);
      const { notified } = await t.haven.conductHandling.message(viewer, 1, 'We spoke with them: marker-4410.');
      assert.equal(notified, true);
      await t.haven.jobs.runDue();
      const toReporter = sent.filter((m) => m.to === 'reporter@mail.example');
      assert.equal(toReporter.length, 1);
      assert.doesNotMatch(`${toReporter[0]!.subject}\n${toReporter[0]!.text}`, /marker-4410|conduct|Insults/i);
    } finally {
      await t.close();
    }
  });
});
