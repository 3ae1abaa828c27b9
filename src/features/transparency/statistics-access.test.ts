import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { accessPeople, EVERYONE, type Who } from '../../../test/access-people.ts';
import { forEachDialect } from '../../../test/dialects.ts';
import { startHaven, type TestHaven } from '../../../test/harness.ts';
import { emptyProfile } from '../directory/directory.service.ts';

/** Who may publish a provider's usage statistics, and who may read them before its profile is published. */
const MAY_EDIT = new Set<Who>(['delegate', 'steward']);

const page = (slug: string) => `/directory/providers/${slug}/statistics`;
const WRITES: { method: 'POST' | 'PUT'; url: string; payload: unknown; ok: number }[] = [
  { method: 'POST', url: page('home-host'), payload: { months: '2026-01,10,1,5' }, ok: 303 },
  // Allowed through, then refused for what it says: a 400, never a 403.
  { method: 'POST', url: `${page('home-host')}/remove`, payload: { month: '1999-01' }, ok: 400 },
  { method: 'PUT', url: '/api/v1/providers/home-host/statistics', payload: { months: [{ month: '2026-02', accounts: 11 }] }, ok: 204 },
];

forEachDialect((dialect) => {
  let t: TestHaven;
  const tokens = new Map<Who, string>();

  before(async () => {
    t = await startHaven(dialect);
    t.clock.set(new Date('2026-06-15T12:00:00Z'));
    const { haven } = t;
    const home = await haven.organisations.create({ slug: 'home-host', name: 'Home Host', kind: 'hosting-provider' }, 'system');
    const other = await haven.organisations.create({ slug: 'other-host', name: 'Other Host', kind: 'hosting-provider' }, 'system');
    await haven.directory.saveProfile('other-host', emptyProfile(), { kind: 'system', actor: 'system' });
    await haven.statistics.record(home.id, [{ month: '2026-03', accounts: 7, storageMb: null, monthlyActive: null }], 'upload', 'system');
    for (const [who, token] of await accessPeople(haven, home, other, 's')) tokens.set(who, token);
  });
  after(() => t.close());

  function send(who: Who, request: { method: string; url: string; payload?: unknown }) {
    const token = tokens.get(who);
    const form = request.url.startsWith('/directory') && request.method === 'POST';
    return t.app.inject({
      method: request.method as 'GET',
      url: request.url,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      payload: form ? new URLSearchParams(request.payload as Record<string, string>).toString() : (request.payload as object | undefined),
    });
  }

  describe('before the profile is published', () => {
    for (const who of EVERYONE) {
      const mayRead = MAY_EDIT.has(who);
      it(`${mayRead ? 'shows' : 'hides'} the statistics page and its CSV file to ${who}`, async () => {
        for (const url of [page('home-host'), `${page('home-host')}.csv`]) {
          const response = await send(who, { method: 'GET', url });
          assert.equal(response.statusCode, mayRead ? 200 : 404, `${url}: ${response.body.slice(0, 200)}`);
        }
      });
    }

    it('leaves the transparency JSON of an unpublished profile unknown', async () => {
      assert.equal((await send('anonymous', { method: 'GET', url: '/api/v1/providers/home-host/transparency' })).statusCode, 404);
    });
  });

  for (const write of WRITES) {
    describe(`${write.method} ${write.url}`, () => {
      for (const who of EVERYONE) {
        // An anonymous form post has no anti-forgery token: it is refused as forged before anything else.
        const expected = who === 'anonymous' ? (write.method === 'POST' ? 403 : 401) : MAY_EDIT.has(who) ? write.ok : 403;
        it(`answers ${expected} to ${who}`, async () => {
          const response = await send(who, write);
          assert.equal(response.statusCode, expected, `${who}: ${response.body.slice(0, 200)}`);
        });
      }
    });
  }

  it('changed nothing for those refused: only the delegate’s and the steward’s months are there', async () => {
    const home = await t.haven.organisations.getBySlug('home-host');
    assert.deepEqual((await t.haven.statistics.list(home.id)).map((u) => [u.month, u.accounts]), [
      ['2026-01', 10],
      ['2026-02', 11],
      ['2026-03', 7],
    ]);
  });

  it('offers the upload form only to those who may use it, once the profile is public', async () => {
    await t.haven.directory.saveProfile('home-host', emptyProfile(), { kind: 'system', actor: 'system' });
    for (const who of EVERYONE) {
      const response = await send(who, { method: 'GET', url: page('home-host') });
      assert.equal(response.statusCode, 200, who);
      assert.equal(/name="months"/.test(response.body), MAY_EDIT.has(who), `${who} ${MAY_EDIT.has(who) ? 'sees' : 'does not see'} the upload form`);
    }
    assert.equal((await send('anonymous', { method: 'GET', url: `${page('home-host')}.csv` })).statusCode, 200);
  });
});
