import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { DEMO_ORGANISATIONS, DEMO_PEOPLE } from '../src/features/demo/demo-data.ts';
import { forEachDialect } from './dialects.ts';
import { createTestDatabase, type TestDatabase } from './harness.ts';
import { LoopbackSite } from './loopback-site.ts';

/**
 * The operator commands of the README, run as an operator runs them: `node bin/haven.js …`
 * (and `npm run haven -- …`) in a child process, against a fresh data folder and database.
 * What they did is then checked through an app built by buildApp on the same settings.
 */
const root = path.resolve(import.meta.dirname, '..');
const COMMAND_TIMEOUT_MS = 60_000;
const running = new Set<ChildProcess>();

/** Ends a command and whatever it started (npm starts a shell, which starts node): its whole process group. */
function kill(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

after(() => {
  for (const child of running) kill(child);
});

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of an operator's shell, without any Haven setting of the machine running the tests. */
function operatorEnv(settings: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(PORT|HOST|PUBLIC_URL|DATA_DIR|DATABASE_URL|HAVEN_|SMTP_URL|MAIL_FROM|LOG_LEVEL|NODE_TEST|NODE_OPTIONS)/.test(name)) continue;
    env[name] = value;
  }
  return { ...env, ...settings };
}

/** Runs a command to its end; standard input gets `stdin` and is then closed (empty when not given). */
function run(command: string, args: string[], env: NodeJS.ProcessEnv, stdin = ''): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    running.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdin.on('error', () => {}); // a command that exits before reading its input
    child.stdin.end(stdin);
    const timer = setTimeout(() => {
      kill(child);
      reject(new Error(`${command} ${args.join(' ')} did not finish within ${COMMAND_TIMEOUT_MS / 1000} s; it printed:\n${stdout}\n${stderr}`));
    }, COMMAND_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      running.delete(child);
      resolve({ code, stdout, stderr });
    });
  });
}

const show = (outcome: Outcome) => `exit ${outcome.code}\nstdout: ${outcome.stdout}\nstderr: ${outcome.stderr}`;

function assertSucceeded(outcome: Outcome): void {
  assert.equal(outcome.code, 0, show(outcome));
}

/** A refusal an operator can read: non-zero exit, one line on standard error, nothing on standard output. */
function assertRefused(outcome: Outcome, reason: RegExp): void {
  assert.notEqual(outcome.code, 0, show(outcome));
  assert.equal(outcome.stdout, '', show(outcome));
  const message = outcome.stderr.trimEnd();
  assert.doesNotMatch(message, /\n/, `one line only:\n${message}`);
  assert.match(message, reason);
}

// The databases are tried side by side, each on its own data folder and database; the steps on one run in order.
describe('the haven command', { concurrency: true }, () => {
  forEachDialect((dialect) => {
    describe('an operator setting up a fresh instance, step by step', { concurrency: 1 }, () => {
      let dataDir: string;
      let database: TestDatabase;
      let settings: Record<string, string>;

      const haven = (args: string[], stdin?: string) => run(process.execPath, ['bin/haven.js', ...args], operatorEnv(settings), stdin);
      /** As the README writes it; --silent keeps npm's own lines off standard output. */
      const npmRunHaven = (args: string[], options: { silent?: boolean } = {}) =>
        run('npm', ['run', ...(options.silent ? ['--silent'] : []), 'haven', '--', ...args], operatorEnv(settings));

      /**
       * Looks at the instance the commands changed, through the same factory the server uses.
       * One app per dialect, built once the commands have made the master key, open beside them.
       */
      let looking: Promise<FastifyInstance> | null = null;
      async function inspect<T>(look: (app: FastifyInstance) => Promise<T>): Promise<T> {
        looking ??= buildApp(loadConfig({ ...settings, LOG_LEVEL: 'silent' }));
        return look(await looking);
      }
      const contents = () =>
        inspect(async ({ haven }) => ({
          accounts: (await haven.accounts.list()).map((a) => a.username).sort(),
          organisations: (await haven.organisations.list()).map((o) => o.slug).sort(),
        }));

      before(async () => {
        dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-cli-'));
        database = await createTestDatabase(dialect);
        settings = { DATA_DIR: dataDir, ...(database.url ? { DATABASE_URL: database.url } : {}) };
      });
      after(async () => {
        await looking?.then((app) => app.close(), () => {});
        await database?.drop();
        if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
      });

      test('migrate brings an empty database up to date, and running it again (through npm run haven) says it is up to date', async () => {
        const first = await haven(['migrate']);
        assertSucceeded(first);
        assert.match(first.stdout, /^Applied \d+ migration\(s\): 0001_accounts, .+\.\nThe database is up to date\.\n$/);

        const second = await npmRunHaven(['migrate']);
        assertSucceeded(second);
        assert.match(second.stdout, /^The database is up to date\.$/m);
        assert.doesNotMatch(second.stdout, /Applied/);
      });

      test('setup-link prints a one-time link to create the first steward while no account exists', async () => {
        const outcome = await haven(['setup-link']);
        assertSucceeded(outcome);
        const link = /^(http:\/\/localhost:8080\/setup\/([\w-]+))\n$/.exec(outcome.stdout);
        assert.ok(link, `a link alone on standard output: ${outcome.stdout}`);
        assert.equal(await inspect(({ haven }) => haven.setup.isValid(link[2]!)), true, 'the printed link is live');
      });

      test('user create reads the password from standard input and makes a steward who can sign in with it', async () => {
        const outcome = await haven(['user', 'create', '--name', 'alex', '--role', 'steward'], 'a long passphrase\n');
        assertSucceeded(outcome);
        assert.equal(outcome.stdout, 'Created account alex (steward).\n');
        await inspect(async ({ haven }) => {
          const account = await haven.accounts.authenticate('alex', 'a long passphrase');
          assert.deepEqual(await haven.accounts.roles(account.id), ['steward']);
        });
      });

      test('org create makes an organisation of the given kind', async () => {
        const outcome = await haven(['org', 'create', '--slug', 'riverbank', '--name', 'Riverbank Hosting', '--kind', 'hosting-provider']);
        assertSucceeded(outcome);
        assert.equal(outcome.stdout, 'Created organisation riverbank.\n');
        const organisation = await inspect(({ haven }) => haven.organisations.getBySlug('riverbank'));
        assert.equal(organisation.name, 'Riverbank Hosting');
        assert.equal(organisation.kind, 'hosting-provider');
      });

      let samPassword: string;
      test('user create with nothing on standard input prints a generated password once, and it works', async () => {
        const outcome = await haven(['user', 'create', '--name', 'sam', '--org', 'riverbank', '--org-role', 'delegate']);
        assertSucceeded(outcome);
        const lines = outcome.stdout.trimEnd().split('\n');
        assert.equal(lines[0], 'Created account sam, delegate of riverbank.');
        const passwords = lines.filter((line) => line.startsWith('Password (shown once): '));
        assert.equal(passwords.length, 1, outcome.stdout);
        samPassword = passwords[0]!.slice('Password (shown once): '.length);
        assert.ok(samPassword.length >= 16, samPassword);
        await inspect(async ({ haven }) => {
          await haven.accounts.authenticate('sam', samPassword);
        });
      });

      test('user create --org SLUG --org-role delegate makes the person a delegate of that organisation, and nothing more', async () => {
        assert.ok(samPassword, 'sam was created by the test before');
        await inspect(async ({ haven }) => {
          const sam = await haven.accounts.findByUsername('sam');
          const memberships = await haven.organisations.membershipsOf(sam.id);
          assert.deepEqual(memberships.map((m) => [m.slug, m.role]), [['riverbank', 'delegate']]);
          assert.deepEqual(await haven.accounts.roles(sam.id), []);
        });
      });

      test('bad input is refused with a clear one-line message, a non-zero exit, and no change', async () => {
        const before = await contents();
        const [unknownKind, badSlug, takenName, unknownOrg, shortPassword] = await Promise.all([
          haven(['org', 'create', '--slug', 'harbour', '--name', 'Harbour', '--kind', 'bakery']),
          haven(['org', 'create', '--slug', 'Bad Slug!', '--name', 'Bad', '--kind', 'partner']),
          haven(['user', 'create', '--name', 'alex']),
          haven(['user', 'create', '--name', 'dana', '--org', 'nowhere', '--org-role', 'delegate']),
          haven(['user', 'create', '--name', 'dana'], 'short\n'),
        ]);
        assertRefused(unknownKind!, /--kind.*'bakery'.*Choose one of: hosting-provider, security-provider, partner, intermediary, donor/);
        assertRefused(badSlug!, /--slug.*'Bad Slug!'.*lowercase letters and digits/);
        assertRefused(takenName!, /username "alex" is already taken/);
        assertRefused(unknownOrg!, /No organisation has the slug "nowhere"/);
        assertRefused(shortPassword!, /password .* must be 10 to 256 characters/);
        assert.deepEqual(await contents(), before);
      });

      test('token create prints the token alone on standard output, and the API answers to it as that person', async () => {
        const outcome = await npmRunHaven(['token', 'create', '--user', 'alex'], { silent: true });
        assertSucceeded(outcome);
        assert.match(outcome.stdout, /^haven_[\w-]+\n$/, 'one line, the token and nothing else');
        const token = outcome.stdout.trim();
        await inspect(async (app) => {
          const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
          assert.equal(me.statusCode, 200, me.body);
          assert.equal(me.json().username, 'alex');
        });
      });

      test('demo load creates the labelled demo data with progress on stderr and the demo password; loading again creates nothing', async () => {
        const first = await haven(['demo', 'load']);
        assertSucceeded(first);
        const steps = DEMO_ORGANISATIONS.length + DEMO_PEOPLE.length;
        assert.match(first.stdout, new RegExp(`^Demo data: ${DEMO_ORGANISATIONS.length} organisation\\(s\\) and ${DEMO_PEOPLE.length} account\\(s\\) created\\.$`, 'm'));
        const password = /has the password: (\S+)$/m.exec(first.stdout)?.[1];
        assert.ok(password, first.stdout);
        assert.match(first.stderr, new RegExp(`^demo data 1/${steps} demo-`, 'm'));
        assert.match(first.stderr, new RegExp(`^demo data ${steps}/${steps} demo-`, 'm'));
        assert.doesNotMatch(first.stdout, /demo data \d+\//, 'progress stays off standard output');

        const loaded = await contents();
        const demoOrganisations = loaded.organisations.filter((slug) => slug.startsWith('demo-'));
        assert.equal(demoOrganisations.length, DEMO_ORGANISATIONS.length);
        assert.deepEqual(loaded.organisations.filter((slug) => !slug.startsWith('demo-')), ['riverbank']);
        await inspect(async ({ haven }) => {
          for (const slug of demoOrganisations) assert.match((await haven.organisations.getBySlug(slug)).name, /\(Demo\)$/);
          await haven.accounts.authenticate('demo-steward', password);
        });

        const again = await haven(['demo', 'load']);
        assertSucceeded(again);
        assert.match(again.stdout, /^Demo data: 0 organisation\(s\) and 0 account\(s\) created\.\n$/);
        assert.deepEqual(await contents(), loaded);
      });

      test('crawl reads every registered metadata source with progress on stderr, and sums up what it imported and refused', async () => {
        const site = await LoopbackSite.start();
        try {
          site.set('/org.properties', ['file.class = Organization', 'organization.name = Riverbank', 'organization.description = Read by the crawl command'].join('\n'));
          await inspect(async ({ haven }) => {
            const riverbank = await haven.organisations.getBySlug('demo-riverbank-hosting');
            const lanterne = await haven.organisations.getBySlug('demo-lanterne-libre');
            await haven.federation.register(riverbank.id, { url: site.url('/org.properties'), format: 'statoolinfos' }, 'system');
            await haven.federation.register(lanterne.id, { url: site.url('/missing.json'), format: 'librehost' }, 'system');
          });
          const outcome = await run(process.execPath, ['bin/haven.js', 'crawl', '--concurrency', '2'], operatorEnv({ ...settings, OUTBOUND_ALLOW_PRIVATE_ADDRESSES: 'true' }));
          assertSucceeded(outcome);
          assert.equal(outcome.stdout, '2 source(s) read: 1 imported, 0 unchanged, 1 refused.\n');
          assert.match(outcome.stderr, /^crawl 1\/2 demo-/m);
          assert.match(outcome.stderr, /^crawl 2\/2 demo-/m);
          assert.match(outcome.stderr, /^refused demo-lanterne-libre: not_found$/m);
          const description = await inspect(async ({ haven }) => (await haven.directory.provider('demo-riverbank-hosting')).profile.description);
          assert.equal(description, 'Read by the crawl command');

          const refused = await haven(['crawl', '--concurrency', 'many']);
          assertRefused(refused, /Give a whole number from 1 to 64/);
        } finally {
          await site.close();
        }
      });

      test('jobs run-due runs the due background work, says how much, and exits 0', async () => {
        const outcome = await haven(['jobs', 'run-due']);
        assertSucceeded(outcome);
        const ran = /^(\d+) piece\(s\) of due work done, 0 failed\.\n$/.exec(outcome.stdout);
        assert.ok(ran, outcome.stdout);
        assert.ok(Number(ran[1]) > 0, 'the recurring work was due on a fresh instance');
        assert.equal(outcome.stderr.match(/^done /gm)?.length, Number(ran[1]), outcome.stderr);
        const counts = await inspect(({ haven }) => haven.jobs.counts());
        assert.equal(counts.done, Number(ran[1]));
      });

      test('canary sign makes the coalition’s key on first use, signs and publishes its canary, and refuses a date that is not one', async () => {
        const first = await haven(['canary', 'sign', '--next-update', '2099-01-01']);
        assertRefused(first, /at most 400 days after/);
        assert.equal(fs.existsSync(path.join(dataDir, 'coalition-canary.key')), true, 'the key is made before anything is signed');
        const keyFile = path.join(dataDir, 'coalition-canary.key');
        assert.equal(fs.statSync(keyFile).mode & 0o777, 0o600, 'readable by its owner only');
        const signed = await haven(['canary', 'sign']);
        assertSucceeded(signed);
        assert.match(signed.stdout, /^Signed with [0-9a-f]{40}: dated \d{4}-\d{2}-\d{2}, next update promised by \d{4}-\d{2}-\d{2}\.$/m);
        assert.match(signed.stdout, /^Published at http:\/\/localhost:8080\/canary\.txt/m);
        assertRefused(await haven(['canary', 'sign', '--next-update', 'soon']), /Next-Update must be a calendar date written YYYY-MM-DD/);
        await inspect(async (app) => {
          const api = (await app.inject({ method: 'GET', url: '/api/v1/coalition/transparency' })).json();
          assert.equal(api.canary.state, 'current');
          assert.equal(api.canary.keyFingerprint, /Signed with ([0-9a-f]{40})/.exec(signed.stdout)![1]);
          assert.match((await app.inject({ method: 'GET', url: '/canary.txt' })).body, /^-----BEGIN PGP SIGNED MESSAGE-----\n[\s\S]*Provider: coalition\n/);
        });
      });

      test('setup-link refuses once accounts exist', async () => {
        assertRefused(await haven(['setup-link']), /^error: Accounts already exist/);
      });
    });
  });
});
