import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { forEachDialect } from '../../../test/dialects.ts';
import { accessPeople, EVERYONE, type Who } from '../../../test/access-people.ts';
import { startHaven, type TestHaven } from '../../../test/harness.ts';

/**
 * Who may reach what: every kind of person against every read path of the
 * foundation. A rule removed from a policy makes a row here fail.
 */

const STEWARD_ONLY = ['/admin', '/admin/accounts', '/admin/organisations', '/admin/audit', '/admin/jobs', '/admin/demo', '/api/v1/accounts'];

function expectedForStewardOnly(who: Who): number {
  if (who === 'anonymous') return 401;
  return who === 'steward' ? 200 : 403;
}

function expectedForMembers(who: Who): number {
  if (who === 'anonymous') return 401;
  if (who === 'steward' || who === 'delegate') return 200;
  if (who === 'staff') return 403;
  return 404; // outsiders are not told the organisation exists
}

forEachDialect((dialect) => {
  let t: TestHaven;
  const tokens = new Map<Who, string>();

  before(async () => {
    t = await startHaven(dialect);
    const { haven } = t;
    const home = await haven.organisations.create({ slug: 'home-org', name: 'Home', kind: 'partner' }, 'system');
    const other = await haven.organisations.create({ slug: 'other-org', name: 'Other', kind: 'hosting-provider' }, 'system');
    for (const [who, token] of await accessPeople(haven, home, other, 'm')) tokens.set(who, token);
  });
  after(() => t.close());

  async function get(app: FastifyInstance, who: Who, url: string) {
    const token = tokens.get(who);
    return app.inject({ url, headers: token ? { authorization: `Bearer ${token}` } : {} });
  }

  for (const url of STEWARD_ONLY) {
    describe(`the steward-only path ${url}`, () => {
      for (const who of EVERYONE) {
        it(`answers ${expectedForStewardOnly(who)} to ${who}`, async () => {
          assert.equal((await get(t.app, who, url)).statusCode, expectedForStewardOnly(who));
        });
      }
    });
  }

  describe('the member list of an organisation', () => {
    for (const who of EVERYONE) {
      it(`answers ${expectedForMembers(who)} to ${who}`, async () => {
        assert.equal((await get(t.app, who, '/api/v1/organisations/home-org/members')).statusCode, expectedForMembers(who));
      });
    }
  });

  describe('the list of organisations', () => {
    for (const who of EVERYONE) {
      it(`shows ${who} only the organisations they may know of`, async () => {
        const response = await get(t.app, who, '/api/v1/organisations');
        if (who === 'anonymous') return assert.equal(response.statusCode, 401);
        const slugs = response.json().map((o: { slug: string }) => o.slug).sort();
        const expected =
          who === 'steward' ? ['home-org', 'other-org'] : who === 'staff' || who === 'delegate' ? ['home-org'] : who === 'outsider-delegate' ? ['other-org'] : [];
        assert.deepEqual(slugs, expected);
      });
    }
  });

  describe('changing who belongs to an organisation', () => {
    for (const who of EVERYONE) {
      const allowed = who === 'steward' || who === 'delegate';
      it(`${allowed ? 'is allowed' : 'is refused'} for ${who}`, async () => {
        const token = tokens.get(who);
        const response = await t.app.inject({
          method: 'POST',
          url: '/api/v1/organisations/home-org/members',
          headers: token ? { authorization: `Bearer ${token}` } : {},
          payload: { username: 'm-plain', role: 'staff' },
        });
        if (allowed) {
          assert.ok([204, 409].includes(response.statusCode), `got ${response.statusCode}`);
        } else {
          assert.equal(response.statusCode, expectedForMembers(who) === 200 ? 403 : expectedForMembers(who));
        }
      });
    }
  });
});
