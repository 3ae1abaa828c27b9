import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { forEachDialect } from '../../../test/dialects.ts';
import { fittingProvider } from '../../../test/guidance-fixtures.ts';
import { startHaven, type TestHaven } from '../../../test/harness.ts';
import type { OrganisationKind, OrganisationRole } from '../organisations/organisations.table.ts';
import type { Answers } from './questionnaire.ts';

/** Everyone the rules on beneficiaries and reports must tell apart. */
type Who = 'anonymous' | 'plain' | 'provider-delegate' | 'intermediary-delegate' | 'intermediary-staff' | 'other-intermediary' | 'donor-delegate' | 'steward';
const EVERYONE: Who[] = ['anonymous', 'plain', 'provider-delegate', 'intermediary-delegate', 'intermediary-staff', 'other-intermediary', 'donor-delegate', 'steward'];
const BRIDGE_PEOPLE = new Set<Who>(['intermediary-delegate', 'intermediary-staff']);
const COALITION_READERS = new Set<Who>(['donor-delegate', 'steward']);

const MEDIUM: Answers = { adversaries: ['companies', 'criminals'], visibility: 'public', jurisdiction: 'no', countries: [], sensitivity: 'personal', skill: 'basic', support: 'occasional', services: ['email'], languages: ['en'] };

/** What each person is told on each read path. */
function expected(who: Who): { reports: number; list: number; beneficiary: number } {
  if (who === 'anonymous') return { reports: 401, list: 401, beneficiary: 401 };
  if (BRIDGE_PEOPLE.has(who)) return { reports: 200, list: 200, beneficiary: 200 };
  if (who === 'other-intermediary') return { reports: 200, list: 200, beneficiary: 404 };
  if (COALITION_READERS.has(who)) return { reports: 200, list: 403, beneficiary: 404 };
  return { reports: 403, list: 403, beneficiary: 404 };
}

forEachDialect((dialect) => {
  describe('who reads beneficiaries and referrals in figures', () => {
    let t: TestHaven;
    const tokens = new Map<Who, string>();
    let beneficiaryId = '';

    const read = (who: Who, url: string) => {
      const token = tokens.get(who);
      return t.app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });
    };
    const post = (who: Who, url: string, fields: Record<string, string>) => {
      const token = tokens.get(who);
      return t.app.inject({ method: 'POST', url, payload: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', ...(token ? { authorization: `Bearer ${token}` } : {}) } });
    };

    before(async () => {
      t = await startHaven(dialect);
      const { haven } = t;
      t.clock.set(new Date('2026-02-10T10:00:00Z'));
      const safe = await fittingProvider(haven, 'safe-host', 'Safe Host');
      const org = (slug: string, kind: OrganisationKind) => haven.organisations.create({ slug, name: slug.toUpperCase(), kind }, 'system');
      const bridge = await org('bridge', 'intermediary');
      const harbour = await org('harbour', 'intermediary');
      const fund = await org('fund', 'donor');
      const memberships: Partial<Record<Who, [string, OrganisationRole]>> = {
        'provider-delegate': [safe.id, 'delegate'],
        'intermediary-delegate': [bridge.id, 'delegate'],
        'intermediary-staff': [bridge.id, 'staff'],
        'other-intermediary': [harbour.id, 'delegate'],
        'donor-delegate': [fund.id, 'delegate'],
      };
      for (const who of EVERYONE.filter((w) => w !== 'anonymous')) {
        const account = await haven.accounts.create({ username: `r-${who}`, password: 'matrix password 1', roles: who === 'steward' ? ['steward'] : [] }, 'system');
        if (memberships[who]) await haven.organisations.addMember(memberships[who][0], account.id, memberships[who][1], 'system');
        tokens.set(who, (await haven.tokens.create(account.id, 'matrix', 'system')).token);
      }
      // Bridge commissions e-mail for five beneficiaries in Europe in the first quarter (one group of five); Harbour for one in Africa.
      const consent = { given: true, on: '2026-02-09' };
      for (const [organisationId, country, labels] of [[bridge.id, 'FR', ['Case 1', 'Case 2', 'Case 3', 'Case 4', 'Case 5']], [harbour.id, 'KE', ['Lone case']]] as const) {
        for (const label of labels) {
          const b = await haven.beneficiaries.record(organisationId, { label, country, answers: MEDIUM }, 'system');
          await haven.beneficiaries.commission(b, safe.id, { consent, shareAnswers: false, message: null, serviceCategory: 'email' }, 'system');
          if (label === 'Case 1') beneficiaryId = b.id;
        }
      }
      t.clock.set(new Date('2026-05-20T10:00:00Z'));
    });
    after(() => t.close());

    const beneficiaryPaths = () => [`/guidance/beneficiaries/${beneficiaryId}`, `/guidance/beneficiaries/${beneficiaryId}/edit`, `/guidance/beneficiaries/${beneficiaryId}/remove`, `/guidance/beneficiaries/${beneficiaryId}/engagements/safe-host/1`];

    for (const who of EVERYONE) {
      const want = expected(who);
      it(`answers ${want.reports} to ${who} on the reports page and API, with only the figures of their scope`, async () => {
        const page = await read(who, '/guidance/reports?by=level');
        const api = await read(who, '/api/v1/guidance/reports?by=level,quarter');
        assert.equal(page.statusCode, want.reports, page.body.slice(0, 300));
        assert.equal(api.statusCode, want.reports, api.body.slice(0, 300));
        if (want.reports !== 200) return;
        const body = api.json() as { scope: { kind: string; organisation: string | null }; total: { count: number; suppressed: boolean }; groups: { quarter?: string; count: number }[] };
        const scope = COALITION_READERS.has(who) ? { kind: 'coalition', organisation: null } : { kind: 'intermediary', organisation: who === 'other-intermediary' ? 'harbour' : 'bridge' };
        assert.deepEqual(body.scope, scope);
        // The coalition: Bridge's five and Harbour's lone one, left out; Bridge: its five; Harbour: its one, never shown as 1.
        const total = who === 'other-intermediary' ? { count: 0, suppressed: true } : COALITION_READERS.has(who) ? { count: 5, suppressed: true } : { count: 5, suppressed: false };
        assert.deepEqual(body.total, total);
        assert.deepEqual(body.groups.map((g) => g.quarter), ['2026-Q1']);
        for (const text of [page.body, api.body]) {
          assert.doesNotMatch(text, /Case \d\b|Lone case|Safe Host|safe-host|2026-02-/, 'no beneficiary, provider or date finer than a quarter');
        }
        assert.match(page.body, who === 'other-intermediary' ? /small numbers/ : /<td>5<\/td>|at least 5/);
      });

      it(`answers ${want.list} to ${who} on the beneficiaries list, and ${want.beneficiary} on every page of another intermediary’s beneficiary`, async () => {
        for (const url of ['/guidance/beneficiaries', '/guidance/beneficiaries/new']) {
          const response = await read(who, url);
          assert.equal(response.statusCode, want.list, `${url}: ${response.body.slice(0, 200)}`);
          if (response.statusCode === 200 && !BRIDGE_PEOPLE.has(who)) assert.doesNotMatch(response.body, /Case 1\b/);
        }
        for (const url of beneficiaryPaths()) {
          const response = await read(who, url);
          assert.equal(response.statusCode, want.beneficiary, `${url}: ${response.body.slice(0, 200)}`);
        }
      });
    }

    it('refuses a scope that is not the reader’s own', async () => {
      assert.equal((await read('other-intermediary', '/api/v1/guidance/reports?org=bridge')).statusCode, 404);
      assert.equal((await read('donor-delegate', '/guidance/reports?org=bridge')).statusCode, 404);
      assert.equal((await read('intermediary-delegate', '/api/v1/guidance/reports?org=coalition')).statusCode, 404);
      assert.equal((await read('steward', '/api/v1/guidance/reports?org=coalition&level=medium')).statusCode, 200);
      assert.equal((await read('steward', '/api/v1/guidance/reports?by=level,name')).statusCode, 400, 'only the four dimensions');
    });

    it('lets no one else commission, withdraw consent or remove for another intermediary’s beneficiary, and changes nothing', async () => {
      const page = `/guidance/beneficiaries/${beneficiaryId}`;
      for (const who of ['plain', 'provider-delegate', 'other-intermediary', 'donor-delegate', 'steward'] as Who[]) {
        assert.equal((await post(who, `${page}/engagements`, { provider: 'safe-host', serviceCategory: '', consent: 'yes', consentOn: '2026-05-19' })).statusCode, 404, who);
        assert.equal((await post(who, `${page}/engagements/safe-host/1/withdraw`, {})).statusCode, 404, who);
        assert.equal((await post(who, `${page}/remove`, {})).statusCode, 404, who);
      }
      const referrals = await t.haven.database.db.selectFrom('referrals').select(['status', 'content_cipher']).execute();
      assert.equal(referrals.length, 6);
      assert.ok(referrals.every((r) => r.status === 'sent' && r.content_cipher !== null));
      assert.equal((await t.haven.database.db.selectFrom('beneficiaries').select('id').execute()).length, 6);
    });

    it('counts a quarter only once it has ended', async () => {
      t.clock.set(new Date('2026-03-31T23:00:00Z'));
      assert.deepEqual((await read('steward', '/api/v1/guidance/reports').then((r) => r.json())).total, { count: 0, suppressed: false });
      t.clock.set(new Date('2026-04-01T00:00:00Z'));
      assert.deepEqual((await read('steward', '/api/v1/guidance/reports').then((r) => r.json())).total, { count: 5, suppressed: true });
      t.clock.set(new Date('2026-05-20T10:00:00Z'));
    });
  });
});
