import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { accessPeople, EVERYONE, type Who } from '../../../test/access-people.ts';
import { forEachDialect } from '../../../test/dialects.ts';
import { startHaven, type TestHaven } from '../../../test/harness.ts';
import { createAccount, WebClient } from '../../../test/web-client.ts';
import { emptyProfile } from '../directory/directory.service.ts';
import type { LegalRequestInput } from './legal-requests.service.ts';

const HELD_SECRET = 'Subscriber records of a journalist mailbox';
const PUBLISHED_TEXT = 'Takedown of a leaked document';

const entry = (fields: Partial<LegalRequestInput>): LegalRequestInput => ({
  receivedOn: '2026-10-01',
  authorityKind: 'police',
  requestKind: 'data-disclosure',
  legalOrder: true,
  dataRequested: 'x',
  notes: '',
  outcome: 'refused',
  publication: 'now',
  publishAfter: null,
  ...fields,
});

forEachDialect((dialect) => {
  describe('the register of legal requests', () => {
    let t: TestHaven;
    let tokens: Map<Who, string>;
    let orgId: string;
    const P = '/directory/providers/home-host/legal-requests';
    const API = '/api/v1/providers/home-host/transparency';
    const read = (who: Who, url: string) => {
      const token = tokens.get(who);
      return t.app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });
    };

    before(async () => {
      t = await startHaven(dialect);
      t.clock.set(new Date('2026-11-23T10:00:00Z'));
      const home = await t.haven.organisations.create({ slug: 'home-host', name: 'Home Host', kind: 'hosting-provider' }, 'system');
      const other = await t.haven.organisations.create({ slug: 'other-host', name: 'Other Host', kind: 'hosting-provider' }, 'system');
      orgId = home.id;
      await t.haven.directory.saveProfile('home-host', emptyProfile(), { kind: 'system', actor: 'system' });
      tokens = await accessPeople(t.haven, home, other, 'l');
      await t.haven.legalRequests.record(orgId, entry({ dataRequested: HELD_SECRET, publication: 'after-date', publishAfter: '2027-01-15' }), 'system');
      await t.haven.legalRequests.record(orgId, entry({ dataRequested: PUBLISHED_TEXT, requestKind: 'takedown', outcome: 'contested' }), 'system');
      await t.haven.legalRequests.record(orgId, entry({ dataRequested: 'Held until legally possible', publication: 'when-possible', receivedOn: '2025-03-02' }), 'system');
    });
    after(() => t.close());

    for (const who of EVERYONE) {
      const insider = who === 'delegate' || who === 'steward';
      it(`${insider ? 'shows' : 'hides'} held-back entries ${insider ? 'to' : 'from'} ${who}, on the page and in the API, and counts them for everyone`, async () => {
        const page = await read(who, P);
        assert.equal(page.statusCode, 200);
        assert.match(page.body, new RegExp(PUBLISHED_TEXT));
        assert.equal(page.body.includes(HELD_SECRET), insider, 'the held-back entry on the page');
        assert.equal(page.body.includes('Held until legally possible'), insider);
        assert.match(page.body, /2026: 1 × data disclosure/);
        assert.match(page.body, /2026: 1 × takedown/);
        assert.match(page.body, /2025: 1 × data disclosure/);
        const api = await read(who, API);
        assert.equal(api.statusCode, 200);
        const body = api.json() as { legalRequests: { counts: { count: number }[]; entries: { dataRequested: string }[] } };
        assert.equal(body.legalRequests.counts.reduce((n, c) => n + c.count, 0), 3);
        assert.equal(body.legalRequests.entries.length, insider ? 3 : 1);
        assert.equal(JSON.stringify(body).includes(HELD_SECRET), insider, 'the held-back entry in the API');
      });
    }

    it('keeps what was requested encrypted at rest', async () => {
      const rows = await t.haven.database.db.selectFrom('legal_requests').selectAll().execute();
      assert.ok(!JSON.stringify(rows).includes(HELD_SECRET));
    });

    it('publishes a held-back entry by itself once its date has come, and not a day before', async () => {
      t.clock.set(new Date('2027-01-14T23:00:00Z'));
      await t.haven.jobs.runDue();
      assert.doesNotMatch((await read('anonymous', P)).body, new RegExp(HELD_SECRET));
      t.clock.set(new Date('2027-01-15T00:30:00Z'));
      await t.haven.jobs.runDue();
      assert.match((await read('anonymous', P)).body, new RegExp(HELD_SECRET));
      assert.doesNotMatch((await read('anonymous', P)).body, /Held until legally possible/, 'the one held until legally possible waits for the provider');
    });

    it('lets a delegate record an entry in the browser, refuses bad input in both languages, and publish one held back when it may', async () => {
      const { id, password } = await createAccount(t.app, 'register-d');
      await t.haven.organisations.addMember(orgId, id, 'delegate', 'system');
      const browser = new WebClient(t.app);
      await browser.logIn('register-d', password);
      const form = { receivedOn: '2027-01-10', authorityKind: 'court', requestKind: 'data-disclosure', legalOrder: 'true', dataRequested: 'Connection logs', notes: '', outcome: 'pending', publication: 'after-date', publishAfter: '' };
      const refused = await browser.post(P, form, P);
      assert.equal(refused.status, 400);
      assert.match(refused.body, /Give the date from which the entry may be published/);
      const future = await browser.post(P, { ...form, receivedOn: '2030-01-01', publication: 'now' }, P);
      assert.match(future.body, /cannot be received in the future/);
      assert.equal((await t.haven.legalRequests.counts(orgId)).reduce((n, c) => n + c.count, 0), 3, 'nothing was recorded');
      assert.equal((await browser.post(P, { ...form, publication: 'when-possible' }, P)).status, 303);
      assert.doesNotMatch((await read('anonymous', P)).body, /Connection logs/);
      assert.equal((await browser.post(`${P}/4/publish`, {}, P)).status, 303);
      assert.match((await read('anonymous', P)).body, /Connection logs/);
      assert.equal((await new WebClient(t.app).get(`${P}/4`)).status, 401, 'the edit form is for delegates');
    });
  });
});
