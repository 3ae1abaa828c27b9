import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { forEachDialect } from '../../../test/dialects.ts';
import { startHaven, type TestHaven } from '../../../test/harness.ts';
import { WebClient } from '../../../test/web-client.ts';
import { HOUR } from '../../platform/clock.ts';
import { commonText } from '../../platform/i18n/common.messages.ts';

/**
 * Haven keeps no IP address, whole or in part, anywhere: not in the
 * database, not in the logs, not in any file. Rate limiting still works,
 * per client, through a keyed hash whose key is replaced every day.
 */

const V4 = '203.0.113.77';
const V6 = '2001:db8:85a3::8a2e:370:7334';
const PROXY = '192.0.2.200';
const FORWARDED = '198.51.100.23';
/** Other clients the tests use; they must not be kept either. */
const OTHERS = ['203.0.114.9', '192.0.2.77', '2001:db8:85a3::1', '2001:db8:85a4::1', '198.51.100.99'];

/** Each address, and the pieces of it someone could still recognise. */
const TRACES: Record<string, string[]> = {
  [V4]: [V4, '203.0.113', '0.113.77', '77.113.0.203', 'cb00714d', '203_0_113', '203-0-113'],
  [V6]: [V6, '2001:db8:85a3', '8a2e:370:7334', '2001:0db8:85a3', '20010db885a3', '0db885a3', '85a3::'],
  [PROXY]: [PROXY, '192.0.2.200', '200.2.0.192', 'c00002c8'],
  [FORWARDED]: [FORWARDED, '198.51.100', '51.100.23', '23.100.51.198', 'c6336417'],
  ...Object.fromEntries(OTHERS.map((a) => [a, [a]])),
};

const LOGIN_LIMIT = 10;
const PASSWORD = 'a long enough passphrase';

forEachDialect((dialect) => {
  describe('a client reaching Haven directly', () => {
    let t: TestHaven;
    before(async () => (t = await startHaven(dialect)));
    after(() => t.close());

    it('limits log-in attempts from one address with a translated refusal that says when to come back', async () => {
      const guesser = new WebClient(t.app, { remoteAddress: V4, headers: { 'accept-language': 'fr' } });
      const logInsSoFar = await walkThrough(guesser, 'quatre');
      for (let attempt = logInsSoFar + 1; attempt <= LOGIN_LIMIT; attempt += 1) {
        const refused = await guesser.post('/login', { username: 'quatre', password: `guess ${attempt}` }, '/login');
        assert.equal(refused.status, 401, `attempt ${attempt} is judged on its merits`);
      }
      const limited = await guesser.post('/login', { username: 'quatre', password: PASSWORD }, '/login');
      assert.equal(limited.status, 429, 'even the right password waits once the limit is reached');
      assert.ok(limited.body.includes(commonText.fr.errors.rateLimited), 'the refusal is in French');
      assert.ok(!limited.body.includes(commonText.en.errors.rateLimited));
      const retryAfter = Number(limited.headers['retry-after']);
      assert.ok(Number.isInteger(retryAfter) && retryAfter > 60 && retryAfter <= 15 * 60, `retry-after (${limited.headers['retry-after']}) is when the 15-minute window ends`);
      assert.equal(String(limited.headers['retry-after']), String(limited.headers['x-ratelimit-reset']));

      const english = await new WebClient(t.app, { remoteAddress: V4, headers: { 'accept-language': 'en' } }).post('/login', { username: 'quatre', password: PASSWORD }, '/login');
      assert.equal(english.status, 429, 'a fresh browser on the same address is the same client');
      assert.ok(english.body.includes(commonText.en.errors.rateLimited), 'and is told in English');
    });

    it('keeps the limit per client: someone at another address still logs in', async () => {
      const neighbour = new WebClient(t.app, { remoteAddress: '203.0.114.9' });
      const response = await neighbour.logIn('quatre', PASSWORD);
      assert.equal(response.status, 303);
      assert.equal((await neighbour.get('/account')).status, 200);
    });

    it('ignores an X-Forwarded-For header when no proxy is trusted, so a guesser cannot dodge the limit with it', async () => {
      const dodger = new WebClient(t.app, { remoteAddress: V4, headers: { 'x-forwarded-for': '192.0.2.77' } });
      assert.equal((await dodger.post('/login', { username: 'quatre', password: PASSWORD }, '/login')).status, 429);
    });

    it('treats an IPv6 /64 as one client and another /64 as someone else', async () => {
      const guesser = new WebClient(t.app, { remoteAddress: V6 });
      const logInsSoFar = await walkThrough(guesser, 'six');
      for (let attempt = logInsSoFar + 1; attempt <= LOGIN_LIMIT; attempt += 1) {
        assert.equal((await guesser.post('/login', { username: 'six', password: `guess ${attempt}` }, '/login')).status, 401);
      }
      assert.equal((await guesser.post('/login', { username: 'six', password: PASSWORD }, '/login')).status, 429);
      const sameNetwork = new WebClient(t.app, { remoteAddress: '2001:db8:85a3::1' });
      assert.equal((await sameNetwork.post('/login', { username: 'six', password: PASSWORD }, '/login')).status, 429, 'the same /64 shares the limit');
      const otherNetwork = new WebClient(t.app, { remoteAddress: '2001:db8:85a4::1' });
      assert.equal((await otherNetwork.logIn('six', PASSWORD)).status, 303, 'another /64 is not held back');
    });

    it('writes neither address, nor any recognisable part of it, to the database, the logs or the data folder', async () => {
      await t.haven.jobs.runDue();
      await assertNoTraces(t, [V4, V6, ...OTHERS], ['quatre', 'six']);
    });

    it('replaces the key behind rate limiting every day and deletes the old one', async () => {
      const db = t.haven.database.db;
      const today = t.clock.now().toISOString().slice(0, 10);
      const keysToday = await clientKeysOf(t);
      assert.ok((await db.selectFrom('rotating_secrets').select('period').where('period', '=', today).execute()).length > 0, "today's key exists");

      t.clock.set(`${nextDay(today)}T00:30:00.000Z`);
      const client = new WebClient(t.app, { remoteAddress: V4 });
      assert.equal((await client.post('/login', { username: 'quatre', password: 'wrong' }, '/login')).status, 401);
      const keysTomorrow = (await clientKeysOf(t)).filter((k) => !keysToday.includes(k));
      assert.equal(keysTomorrow.length, 1, 'the same address is counted under a new, unrelated key');

      await t.haven.jobs.runDue();
      const left = await db.selectFrom('rotating_secrets').select(['purpose', 'period']).execute();
      assert.deepEqual(left.filter((r) => r.period <= today), [], "yesterday's key is gone");
      assert.ok(left.some((r) => r.period === nextDay(today)), "today's key is kept");
    });
  });

  describe('a client behind a trusted proxy', () => {
    let t: TestHaven;
    before(async () => (t = await startHaven(dialect, { env: { TRUSTED_PROXIES: '1' } })));
    after(() => t.close());

    it('limits the client named by the proxy, not the proxy, and keeps neither address', async () => {
      const behindProxy = new WebClient(t.app, { remoteAddress: PROXY, headers: { 'x-forwarded-for': FORWARDED } });
      const logInsSoFar = await walkThrough(behindProxy, 'proxied');
      for (let attempt = logInsSoFar + 1; attempt <= LOGIN_LIMIT; attempt += 1) {
        assert.equal((await behindProxy.post('/login', { username: 'proxied', password: `guess ${attempt}` }, '/login')).status, 401);
      }
      assert.equal((await behindProxy.post('/login', { username: 'proxied', password: PASSWORD }, '/login')).status, 429);
      const otherClient = new WebClient(t.app, { remoteAddress: PROXY, headers: { 'x-forwarded-for': '198.51.100.99' } });
      assert.equal((await otherClient.logIn('proxied', PASSWORD)).status, 303, 'another client through the same proxy is not held back');

      await assertNoTraces(t, [PROXY, FORWARDED, ...OTHERS], ['proxied']);
    });
  });
});

/**
 * Everything a person does on a first visit: sign up, look around, save contact details, make and use
 * an API token, hit missing pages, log out and back in. Returns how many log-in posts it made.
 */
async function walkThrough(browser: WebClient, username: string): Promise<number> {
  assert.equal((await browser.get('/')).status, 200);
  assert.equal((await browser.post('/signup', { username, password: PASSWORD }, '/signup')).status, 303, 'signed up');
  for (const page of ['/account', '/account/tokens', '/account/data', '/account/second-factor', '/account/export.json']) {
    assert.equal((await browser.get(page)).status, 200, page);
  }
  assert.equal((await browser.post('/account/contact', { email: `${username}@example.org`, pgpKey: '' }, '/account')).status, 303);
  const created = await browser.post('/account/tokens', { name: 'script' }, '/account/tokens');
  const token = /class="secret">([^<]+)</.exec(created.body)?.[1];
  assert.ok(token, 'an API token was shown once');
  const bearer = { authorization: `Bearer ${token}` };
  assert.equal((await browser.request({ method: 'GET', url: '/api/v1/me', headers: bearer })).status, 200, 'the token works');
  assert.equal((await browser.request({ method: 'POST', url: '/api/v1/me/tokens', headers: bearer, payload: { name: 'from the api' } })).status, 201);
  assert.equal((await browser.get('/no/such/page')).status, 404);
  assert.equal((await browser.request({ method: 'GET', url: '/api/v1/nothing-here', headers: bearer })).status, 404);
  assert.equal((await browser.post('/logout', {}, '/account')).status, 303);
  assert.equal((await browser.logIn(username, PASSWORD)).status, 303, 'logged back in');
  assert.equal((await browser.get('/account')).status, 200);
  assert.equal((await browser.post('/logout', {}, '/account')).status, 303);
  return 1;
}

async function clientKeysOf(t: TestHaven): Promise<string[]> {
  const rows = await t.haven.database.db.selectFrom('rate_limit_windows').select('key').where('key', 'like', 'POST /login|%').execute();
  return [...new Set(rows.map((r) => r.key))];
}

function nextDay(day: string): string {
  return new Date(new Date(`${day}T00:00:00.000Z`).getTime() + 24 * HOUR).toISOString().slice(0, 10);
}

/** The textual and binary forms of the addresses that must appear nowhere. */
function needlesFor(addresses: string[]): { text: string[]; bytes: Buffer[] } {
  const text = addresses.flatMap((a) => TRACES[a] ?? [a]).map((s) => s.toLowerCase());
  const bytes = addresses.map((a) => {
    if (net.isIPv4(a)) return Buffer.from(a.split('.').map(Number));
    return ipv6Bytes(a).subarray(0, 8); // the /64 prefix is already enough to find someone
  });
  return { text, bytes };
}

function ipv6Bytes(address: string): Buffer {
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return Buffer.from(groups.flatMap((g) => { const n = parseInt(g, 16); return [n >> 8, n & 255]; }));
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

/**
 * Searches every place an address could end up. Each search is shown to work
 * first: the usernames the walk-through created must be found where they are kept.
 */
async function assertNoTraces(t: TestHaven, addresses: string[], usernames: string[]) {
  const needles = needlesFor(addresses);

  // The data folder: the SQLite database with its -wal and -shm files, the master key, anything else.
  const files = filesUnder(t.dataDir);
  if (t.config.database.kind === 'sqlite') {
    const dbFile = t.config.database.file;
    assert.ok(files.includes(dbFile), 'the SQLite database lives in the data folder');
    assert.ok(files.includes(`${dbFile}-wal`), 'and so does its write-ahead log');
    const stored = Buffer.concat([dbFile, `${dbFile}-wal`].map((f) => fs.readFileSync(f)));
    for (const username of usernames) assert.ok(stored.includes(username), `the search finds "${username}" in the database files`);
  }
  for (const file of files) {
    const content = fs.readFileSync(file);
    const text = content.toString('latin1').toLowerCase();
    const textUtf16 = content.toString('utf16le').toLowerCase();
    for (const needle of needles.text) {
      assert.ok(!text.includes(needle) && !textUtf16.includes(needle), `${path.relative(t.dataDir, file)} holds "${needle}"`);
    }
    for (const needle of needles.bytes) assert.ok(!content.includes(needle), `${path.relative(t.dataDir, file)} holds the address in binary`);
  }

  // The logs.
  const logs = t.logs().toLowerCase();
  assert.match(logs, /"route":"\/login","status":429/, 'the logs did record the requests');
  for (const needle of needles.text) assert.ok(!logs.includes(needle), `the logs hold "${needle}"`);

  // Every column of every table, read through SQL (on PostgreSQL this is the only way in).
  const db = t.haven.database.db;
  const tables = t.config.database.kind === 'postgres'
    ? (await sql<{ table_name: string; column_name: string }>`select table_name, column_name from information_schema.columns where table_schema = 'public'`.execute(db)).rows
    : (await sql<{ table_name: string; column_name: string }>`select m.name as table_name, p.name as column_name from sqlite_master m join pragma_table_info(m.name) p where m.type = 'table'`.execute(db)).rows;
  assert.ok(tables.some((c) => c.table_name === 'accounts' && c.column_name === 'username'), 'the list of columns is complete enough to include accounts.username');
  const asText = (column: string) => sql`lower(cast(${sql.ref(column)} as text))`;
  const hexOf = (column: string) =>
    t.config.database.kind === 'postgres' ? sql`encode(convert_to(cast(${sql.ref(column)} as text), 'UTF8'), 'hex')` : sql`lower(hex(${sql.ref(column)}))`;
  const allNeedles = [...needles.text, ...needles.bytes.map((b) => b.toString('hex'))];
  const holding = async (table: string, column: string, wanted: string[]) => {
    const found: string[] = [];
    for (const needle of wanted) {
      const pattern = `%${needle}%`;
      const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)} where ${asText(column)} like ${pattern} or ${hexOf(column)} like ${pattern}`.execute(db);
      if (Number(rows[0]!.n) > 0) found.push(needle);
    }
    return found;
  };
  for (const username of usernames) {
    assert.deepEqual(await holding('accounts', 'username', [username]), [username], `the column search finds "${username}"`);
  }
  for (const { table_name, column_name } of tables) {
    assert.deepEqual(await holding(table_name, column_name, allNeedles), [], `${table_name}.${column_name} holds part of an address`);
  }
}
