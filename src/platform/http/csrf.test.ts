import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { forEachDialect } from '../../../test/dialects.ts';
import { startHaven, type TestHaven } from '../../../test/harness.ts';
import { createAccount, WebClient } from '../../../test/web-client.ts';
import { commonText } from '../i18n/common.messages.ts';

/**
 * Another site must not be able to make a person's browser act on Haven.
 * Every state-changing route outside the API is found in the router (so a new
 * form is covered the day it is added) and sent forged posts: without the
 * anti-forgery token, with a wrong one, with another browser's, and with a
 * valid token but cross-site fetch metadata or a foreign Origin. Each is
 * refused and nothing in the database changes.
 */

const PASSWORD = 'a long enough passphrase';
const UNSAFE = ['POST', 'PUT', 'PATCH', 'DELETE'];
const CSRF_MESSAGE = commonText.en.errors.csrf;

type Fields = Record<string, string | string[]>;

interface World {
  stewardId: string;
  memberId: string;
  tokenId: string;
}

/** Bodies that would do real harm if a forged post were obeyed. */
function harmfulBodies(world: World): Record<string, { params?: Record<string, string>; fields: Fields }> {
  return {
    '/login': { fields: { username: 'csrf-other', password: PASSWORD } },
    '/signup': { fields: { username: 'forged-signup', password: PASSWORD } },
    '/logout': { fields: {} },
    '/account/contact': { fields: { email: 'forged@example.org', pgpKey: '' } },
    '/account/password': { fields: { currentPassword: PASSWORD, newPassword: 'a forged new passphrase' } },
    '/account/sessions/close-all': { fields: {} },
    '/account/second-factor/begin': { fields: {} },
    '/account/tokens': { fields: { name: 'forged' } },
    '/account/tokens/:id/revoke': { params: { id: world.tokenId }, fields: {} },
    '/account/delete': { fields: { password: PASSWORD, confirmUsername: 'csrf-steward' } },
    '/organisations/:slug/delete': { params: { slug: 'csrf-org' }, fields: { 'confirmSlug-csrf-org': 'csrf-org' } },
    '/admin/accounts': { fields: { username: 'forged-admin', password: '', roles: 'steward' } },
    '/admin/accounts/:id/roles': { params: { id: world.memberId }, fields: { roles: ['steward', 'reviewer'] } },
    '/admin/accounts/:id/status': { params: { id: world.memberId }, fields: { status: 'suspended' } },
    '/admin/organisations': { fields: { slug: 'forged-org', name: 'Forged organisation', kind: 'partner' } },
    '/admin/organisations/:slug/members': { params: { slug: 'csrf-org' }, fields: { member: 'csrf-member', role: 'delegate' } },
    '/admin/jobs/run-due': { fields: {} },
    '/admin/demo': { fields: {} },
  };
}

/** Every route of the app with the methods it answers, read from Fastify's own route tree. */
function routesOf(app: FastifyInstance): { path: string; methods: string[] }[] {
  const routes: { path: string; methods: string[] }[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[├└]── (.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    const parent = depth === 0 ? '' : stack[depth - 1]!;
    const full = `${parent}${parent.endsWith('/') || match[2]!.startsWith('/') ? '' : '/'}${match[2]!}`.replace(/\/\/+/g, '/');
    stack[depth] = full;
    stack.length = depth + 1;
    if (match[3]) routes.push({ path: full, methods: match[3].split(',').map((m) => m.trim()) });
  }
  return routes;
}

function fillPath(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(values[name] ?? 'x'));
}

function encode(fields: Fields): string {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(key, v);
  return body.toString();
}

function csrfOf(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  assert.ok(token, 'the page carries an anti-forgery token');
  return token;
}

let nextAddress = 1;
/** A post straight to Haven, each from its own address so that rate limits never answer in place of the check. */
async function post(app: FastifyInstance, method: string, url: string, options: { cookie?: string | null; headers?: Record<string, string>; body: string; contentType?: string }) {
  const n = nextAddress++;
  return app.inject({
    method: method as 'POST',
    url,
    remoteAddress: `10.77.${(n >> 8) & 255}.${n & 255}`,
    headers: {
      'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
      ...(options.cookie ? { cookie: `haven=${options.cookie}` } : {}),
      ...options.headers,
    },
    payload: options.body,
  });
}

/** Every row of every table, except the rate-limit counters and the day's secret, which any request may touch. */
async function snapshot(t: TestHaven) {
  const db = t.haven.database.db;
  const tables = (await db.introspection.getTables()).map((table) => table.name).filter((name) => !['rate_limit_windows', 'rotating_secrets'].includes(name));
  const all: Record<string, string[]> = {};
  for (const name of tables.sort()) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db);
    all[name] = rows.map((row) => JSON.stringify(row)).sort();
  }
  assert.ok(all.sessions && all.accounts, 'the snapshot covers sessions and accounts');
  return all;
}

async function sessionsOf(t: TestHaven, accountId: string): Promise<number> {
  return (await t.haven.database.db.selectFrom('sessions').select('id').where('account_id', '=', accountId).execute()).length;
}

/** The five ways a forged post can come: each must be refused. */
function forgeries(victim: { cookie: string; csrf: string }, stranger: { csrf: string }): { name: string; cookie: string; csrf: string | undefined; headers: Record<string, string> }[] {
  return [
    { name: 'without the anti-forgery token', cookie: victim.cookie, csrf: undefined, headers: {} },
    { name: 'with a made-up token', cookie: victim.cookie, csrf: crypto.randomBytes(32).toString('base64url'), headers: {} },
    { name: "with a token from another browser's cookie", cookie: victim.cookie, csrf: stranger.csrf, headers: {} },
    { name: 'from another site, by fetch metadata', cookie: victim.cookie, csrf: victim.csrf, headers: { 'sec-fetch-site': 'cross-site' } },
    { name: 'from another site, by Origin', cookie: victim.cookie, csrf: victim.csrf, headers: { origin: 'https://evil.example' } },
  ];
}

forEachDialect((dialect) => {
  describe('forms of a logged-in steward', () => {
    let t: TestHaven;
    let world: World;
    let victim: WebClient;
    let stranger: WebClient;

    before(async () => {
      t = await startHaven(dialect);
      const steward = await createAccount(t.app, 'csrf-steward', { roles: ['steward'], password: PASSWORD });
      const member = await createAccount(t.app, 'csrf-member', { password: PASSWORD });
      await createAccount(t.app, 'csrf-other', { password: PASSWORD });
      const organisation = await t.haven.organisations.create({ slug: 'csrf-org', name: 'CSRF Organisation', kind: 'partner' }, 'system');
      await t.haven.organisations.addMember(organisation.id, steward.id, 'delegate', 'system');
      const token = await t.haven.tokens.create(steward.id, 'kept', 'system');
      world = { stewardId: steward.id, memberId: member.id, tokenId: token.id };
      victim = new WebClient(t.app);
      assert.equal((await victim.logIn('csrf-steward', PASSWORD)).status, 303);
      stranger = new WebClient(t.app);
      assert.equal((await stranger.logIn('csrf-other', PASSWORD)).status, 303);
    });
    after(() => t.close());

    it('finds the state-changing routes in the router, including the known forms', () => {
      const forms = routesOf(t.app).filter((r) => !r.path.startsWith('/api/') && r.methods.some((m) => UNSAFE.includes(m)));
      for (const known of Object.keys(harmfulBodies(world)).concat('/setup/:token', '/login/second-factor', '/account/second-factor/confirm', '/account/second-factor/disable')) {
        assert.ok(forms.some((r) => r.path === known), `${known} is among the routes found`);
      }
    });

    it('refuses every forged post to every form, and nothing changes', async () => {
      const bodies = harmfulBodies(world);
      const victimCsrf = csrfOf((await victim.get('/account')).body);
      const strangerCsrf = csrfOf((await stranger.get('/account')).body);
      const forms = routesOf(t.app).filter((r) => !r.path.startsWith('/api/'));
      let tried = 0;
      for (const route of forms) {
        for (const method of route.methods.filter((m) => UNSAFE.includes(m))) {
          const known = bodies[route.path];
          const url = fillPath(route.path, { slug: 'csrf-org', id: world.memberId, number: '1', ...known?.params });
          const before = await snapshot(t);
          for (const forged of forgeries({ cookie: victim.cookie!, csrf: victimCsrf }, { csrf: strangerCsrf })) {
            const fields = forged.csrf === undefined ? (known?.fields ?? {}) : { _csrf: forged.csrf, ...known?.fields };
            const response = await post(t.app, method, url, { cookie: forged.cookie, headers: forged.headers, body: encode(fields) });
            assert.equal(response.statusCode, 403, `${method} ${url} ${forged.name}: answered ${response.statusCode}`);
            assert.ok(response.body.includes(CSRF_MESSAGE), `${method} ${url} ${forged.name}: refused as a forgery`);
            tried += 1;
          }
          assert.deepEqual(await snapshot(t), before, `${method} ${route.path}: nothing changed`);
        }
      }
      assert.ok(tried >= 5 * 20, `forged posts were sent to every form (${tried})`);
      assert.equal((await victim.get('/account')).status, 200, 'the steward is still logged in after the forged log-out');
    });

    it('refuses a token sent in a header in place of the form field when it is wrong, and accepts it when right', async () => {
      const csrf = csrfOf((await victim.get('/account/tokens')).body);
      const wrong = await post(t.app, 'POST', '/account/tokens', { cookie: victim.cookie, headers: { 'x-csrf-token': 'x'.repeat(43) }, body: encode({ name: 'by header' }) });
      assert.equal(wrong.statusCode, 403);
      const right = await post(t.app, 'POST', '/account/tokens', { cookie: victim.cookie, headers: { 'x-csrf-token': csrf }, body: encode({ name: 'by header' }) });
      assert.equal(right.statusCode, 200, 'the same post with the right token is obeyed');
      assert.ok((await t.haven.tokens.list(world.stewardId)).some((token) => token.name === 'by header'));
    });

    it('obeys the same harmful posts when they carry the right token, so the refusals above were the check at work', async () => {
      const bodies = harmfulBodies(world);
      const csrf = csrfOf((await victim.get('/account')).body);
      const send = (path: string) =>
        post(t.app, 'POST', fillPath(path, bodies[path]!.params ?? {}), { cookie: victim.cookie, body: encode({ _csrf: csrf, ...bodies[path]!.fields }) });

      assert.equal((await send('/account/tokens')).statusCode, 200);
      assert.ok((await t.haven.tokens.list(world.stewardId)).some((token) => token.name === 'forged'), 'a token was made');
      assert.equal((await send('/admin/accounts')).statusCode, 201);
      assert.ok(await t.haven.accounts.findByUsername('forged-admin'), 'an account was made');
      assert.equal((await send('/admin/accounts/:id/status')).statusCode, 303);
      assert.equal((await t.haven.accounts.get(world.memberId)).status, 'suspended', 'an account was suspended');
      assert.equal((await send('/account/tokens/:id/revoke')).statusCode, 303);
      assert.ok(!(await t.haven.tokens.list(world.stewardId)).some((token) => token.id === world.tokenId), 'a token was revoked');
      const sessions = await sessionsOf(t, world.stewardId);
      assert.equal((await send('/logout')).statusCode, 303);
      assert.equal(await sessionsOf(t, world.stewardId), sessions - 1, 'the session was closed');
    });
  });

  describe('forms of an anonymous visitor', () => {
    let t: TestHaven;
    before(async () => {
      t = await startHaven(dialect);
      await createAccount(t.app, 'csrf-other', { password: PASSWORD });
    });
    after(() => t.close());

    for (const form of [
      { path: '/login', fields: { username: 'csrf-other', password: PASSWORD }, what: 'no session is opened' },
      { path: '/signup', fields: { username: 'forged-signup', password: PASSWORD }, what: 'no account is created' },
    ]) {
      it(`refuses forged posts to ${form.path}: ${form.what}; the genuine post works`, async () => {
        const visitor = new WebClient(t.app);
        const csrf = csrfOf((await visitor.get(form.path)).body);
        const stranger = new WebClient(t.app);
        const strangerCsrf = csrfOf((await stranger.get(form.path)).body);
        const before = await snapshot(t);
        for (const forged of forgeries({ cookie: visitor.cookie!, csrf }, { csrf: strangerCsrf })) {
          const fields = forged.csrf === undefined ? form.fields : { _csrf: forged.csrf, ...form.fields };
          const response = await post(t.app, 'POST', form.path, { cookie: forged.cookie, headers: forged.headers, body: encode(fields) });
          assert.equal(response.statusCode, 403, `${form.path} ${forged.name}`);
          assert.ok(response.body.includes(CSRF_MESSAGE), `${form.path} ${forged.name}: refused as a forgery`);
          assert.equal(response.cookies.find((c) => c.name === 'haven' && c.value !== visitor.cookie), undefined, 'no new session cookie is handed out');
        }
        const noCookie = await post(t.app, 'POST', form.path, { cookie: null, body: encode({ _csrf: csrf, ...form.fields }) });
        assert.equal(noCookie.statusCode, 403, 'a token without its cookie is refused');
        assert.deepEqual(await snapshot(t), before, form.what);

        const genuine = await post(t.app, 'POST', form.path, { cookie: visitor.cookie, body: encode({ _csrf: csrf, ...form.fields }) });
        assert.equal(genuine.statusCode, 303, 'the same post from the page itself is obeyed');
        assert.notDeepEqual(await snapshot(t), before);
      });
    }

    it('refuses forged posts to the first-steward setup link: no account is created', async () => {
      const fresh = await startHaven(dialect);
      try {
        const token = await fresh.haven.setup.issueLink();
        const url = `/setup/${token}`;
        const visitor = new WebClient(fresh.app);
        const csrf = csrfOf((await visitor.get(url)).body);
        const stranger = new WebClient(fresh.app);
        const strangerCsrf = csrfOf((await stranger.get(url)).body);
        const fields = { username: 'forged-first', password: PASSWORD };
        for (const forged of forgeries({ cookie: visitor.cookie!, csrf }, { csrf: strangerCsrf })) {
          const response = await post(fresh.app, 'POST', url, { cookie: forged.cookie, headers: forged.headers, body: encode(forged.csrf === undefined ? fields : { _csrf: forged.csrf, ...fields }) });
          assert.equal(response.statusCode, 403, forged.name);
          assert.ok(response.body.includes(CSRF_MESSAGE));
        }
        assert.equal(await fresh.haven.accounts.count(), 0, 'no account was created');
        const genuine = await post(fresh.app, 'POST', url, { cookie: visitor.cookie, body: encode({ _csrf: csrf, ...fields }) });
        assert.equal(genuine.statusCode, 303);
        assert.equal(await fresh.haven.accounts.count(), 1);
      } finally {
        await fresh.close();
      }
    });
  });

  describe('the API', () => {
    let t: TestHaven;
    let accountId: string;
    let browser: WebClient;
    let bearer: string;
    before(async () => {
      t = await startHaven(dialect);
      accountId = (await createAccount(t.app, 'api-user', { roles: ['steward'], password: PASSWORD })).id;
      bearer = (await t.haven.tokens.create(accountId, 'script', 'system')).token;
      browser = new WebClient(t.app);
      assert.equal((await browser.logIn('api-user', PASSWORD)).status, 303);
    });
    after(() => t.close());

    const json = (body: unknown) => ({ body: JSON.stringify(body), contentType: 'application/json' });
    const tokenNames = async () => (await t.haven.tokens.list(accountId)).map((token) => token.name).sort();

    it('takes calls with a Bearer token without any anti-forgery token', async () => {
      const created = await post(t.app, 'POST', '/api/v1/me/tokens', { headers: { authorization: `Bearer ${bearer}` }, ...json({ name: 'by bearer' }) });
      assert.equal(created.statusCode, 201);
      const id = created.json().id as string;
      const revoked = await t.app.inject({ method: 'DELETE', url: `/api/v1/me/tokens/${id}`, headers: { authorization: `Bearer ${bearer}` } });
      assert.equal(revoked.statusCode, 204);
    });

    it('reads with the session cookie alone, but refuses a change without the x-csrf-token header', async () => {
      const read = await t.app.inject({ url: '/api/v1/me', headers: { cookie: `haven=${browser.cookie}` } });
      assert.equal(read.statusCode, 200, 'reading needs no token');

      const csrf = csrfOf((await browser.get('/account')).body);
      const strangerBrowser = new WebClient(t.app);
      const strangerCsrf = csrfOf((await strangerBrowser.get('/login')).body);
      const before = await tokenNames();
      const attempts: { name: string; headers: Record<string, string>; body: Record<string, string> }[] = [
        { name: 'without the header', headers: {}, body: { name: 'by cookie' } },
        { name: 'with the token in the body instead', headers: {}, body: { _csrf: csrf, name: 'by cookie' } },
        { name: 'with a made-up header', headers: { 'x-csrf-token': 'y'.repeat(43) }, body: { name: 'by cookie' } },
        { name: "with another browser's token", headers: { 'x-csrf-token': strangerCsrf }, body: { name: 'by cookie' } },
        { name: 'from another site', headers: { 'x-csrf-token': csrf, 'sec-fetch-site': 'cross-site' }, body: { name: 'by cookie' } },
        { name: 'from a foreign Origin', headers: { 'x-csrf-token': csrf, origin: 'https://evil.example' }, body: { name: 'by cookie' } },
      ];
      for (const attempt of attempts) {
        const response = await post(t.app, 'POST', '/api/v1/me/tokens', { cookie: browser.cookie, headers: attempt.headers, ...json(attempt.body) });
        assert.equal(response.statusCode, 403, attempt.name);
        assert.equal(response.json().error.code, 'csrf_failed', attempt.name);
      }
      assert.deepEqual(await tokenNames(), before, 'no token was made');

      const kept = (await t.haven.tokens.list(accountId)).find((token) => token.name === 'script')!;
      const forgedDelete = await t.app.inject({ method: 'DELETE', url: `/api/v1/me/tokens/${kept.id}`, headers: { cookie: `haven=${browser.cookie}` } });
      assert.equal(forgedDelete.statusCode, 403);
      assert.deepEqual(await tokenNames(), before, 'no token was revoked');

      const genuine = await post(t.app, 'POST', '/api/v1/me/tokens', { cookie: browser.cookie, headers: { 'x-csrf-token': csrf }, ...json({ name: 'by cookie' }) });
      assert.equal(genuine.statusCode, 201, 'with the header, the call is obeyed');
      assert.deepEqual(await tokenNames(), [...before, 'by cookie'].sort());
    });

    it('refuses a change through every API route to a caller with only the session cookie', async () => {
      const routes = routesOf(t.app).filter((r) => r.path.startsWith('/api/'));
      let tried = 0;
      const before = await snapshot(t);
      for (const route of routes) {
        for (const method of route.methods.filter((m) => UNSAFE.includes(m))) {
          const url = fillPath(route.path, { id: 'x', slug: 'x', username: 'nobody', number: '1' });
          const response = await post(t.app, method, url, { cookie: browser.cookie, ...json({}) });
          assert.equal(response.statusCode, 403, `${method} ${url}`);
          assert.equal(response.json().error.code, 'csrf_failed', `${method} ${url}`);
          tried += 1;
        }
      }
      assert.ok(tried >= 6, `every unsafe API route was tried (${tried})`);
      assert.deepEqual(await snapshot(t), before);
    });
  });
});
