import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { EVERYONE, accessPeople, type Who } from '../../../test/access-people.ts';
import { forEachDialect } from '../../../test/dialects.ts';
import { fittingProvider } from '../../../test/guidance-fixtures.ts';
import { startHaven, type TestHaven } from '../../../test/harness.ts';
import { WebClient } from '../../../test/web-client.ts';
import { DAY } from '../../platform/clock.ts';

const MARKER = 'contact-me-at-marker-5520@example.org';

/** Every kind of person × every way a referral can be read: only the provider's delegates ever see what was shared. */
forEachDialect((dialect) => {
  describe('who can read a referral', () => {
    let t: TestHaven;
    const clients = new Map<Who, WebClient>();
    const base = '/directory/providers/matrix-host';

    before(async () => {
      t = await startHaven(dialect);
      t.clock.set(new Date('2026-11-23T10:00:00Z'));
      const home = await fittingProvider(t.haven, 'matrix-host', 'Matrix Host');
      const other = await fittingProvider(t.haven, 'other-host', 'Other Host');
      await accessPeople(t.haven, home, other, 'r');
      // Request 1 is answered by the delegate below; request 2 stays unanswered.
      for (let i = 0; i < 2; i++) await t.haven.referrals.create({ organisationId: home.id, serviceCategory: 'email', region: 'EU', shared: { level: 'high', skill: 'beginner', answers: null, contact: MARKER, message: 'Please help.' } }, 'system');
      // Flagged for the stewards, so that their list holds it.
      t.clock.advance(30 * DAY);
      await t.haven.referrals.flagUnanswered();
      // Logged in after the clock moved, so that the sessions are fresh.
      for (const who of EVERYONE) {
        const client = new WebClient(t.app);
        if (who !== 'anonymous') await client.logIn(`r-${who}`, 'matrix password 1');
        clients.set(who, client);
      }
    });
    after(() => t.close());

    for (const who of EVERYONE) {
      const reads = who === 'delegate';
      it(`${reads ? 'shows' : 'hides'} the provider’s requests ${reads ? 'to' : 'from'} ${who}, in the list, on the request’s page and on the profile`, async () => {
        const client = clients.get(who)!;
        const expected = reads ? 200 : who === 'anonymous' ? 401 : 404;
        const list = await client.get(`${base}/referrals`);
        const page = await client.get(`${base}/referrals/1`);
        assert.equal(list.status, expected, 'the list');
        assert.equal(page.status, expected, 'the request');
        assert.equal(page.body.includes(MARKER), reads, 'what was shared');
        assert.equal((await client.get(base)).body.includes(`${base}/referrals`), reads, 'the link on the profile');
      });

      it(`${reads ? 'lets' : 'does not let'} ${who} answer a request`, async () => {
        const client = clients.get(who)!;
        await client.get('/guidance');
        const answer = await client.post(`${base}/referrals/1/answer`, { kind: 'question', body: `A question from ${who}` });
        assert.equal(answer.status, reads ? 303 : who === 'anonymous' ? 401 : 404);
        const messages = (await t.haven.referrals.byNumber((await t.haven.organisations.getBySlug('matrix-host')).id, 1)).messages.map((m) => m.body);
        assert.equal(messages.includes(`A question from ${who}`), reads);
      });

      const steward = who === 'steward';
      it(`${steward ? 'shows' : 'hides'} the unanswered list ${steward ? 'to' : 'from'} ${who}, and never what was shared`, async () => {
        const page = await clients.get(who)!.get('/admin/referrals');
        assert.equal(page.status, steward ? 200 : who === 'anonymous' ? 401 : 403);
        assert.equal(page.body.includes('Matrix Host</a> — Request 2'), steward);
        assert.equal(page.body.includes(MARKER), false);
      });
    }
  });
});
