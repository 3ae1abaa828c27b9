import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { forEachDialect } from './dialects.ts';
import { createTestDatabase, type TestDatabase } from './harness.ts';

/**
 * The server as an operator starts it (`node --import tsx src/server.ts`, what `npm start` runs),
 * in a child process on 127.0.0.1 and a port of its own choosing (PORT=0), on a fresh data folder.
 */
const root = path.resolve(import.meta.dirname, '..');
const START_TIMEOUT_MS = 60_000;
const STOP_WITHIN_MS = 5_000;
const servers = new Set<Server>();

after(() => {
  for (const server of servers) server.child.kill('SIGKILL');
});

function operatorEnv(settings: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(PORT|HOST|PUBLIC_URL|DATA_DIR|DATABASE_URL|HAVEN_|SMTP_URL|MAIL_FROM|LOG_LEVEL|JOBS_|NODE_TEST|NODE_OPTIONS)/.test(name)) continue;
    env[name] = value;
  }
  return { ...env, ...settings };
}

class Server {
  stdout = '';
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  #waiters = new Set<() => void>();

  constructor(readonly child: ChildProcessWithoutNullStreams) {
    servers.add(this);
    const heard = () => this.#waiters.forEach((wake) => wake());
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => ((this.stdout += chunk), heard()));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => ((this.stderr += chunk), heard()));
    this.exited = new Promise((resolve) =>
      child.on('exit', (code, signal) => {
        servers.delete(this);
        heard();
        resolve({ code, signal });
      }),
    );
  }

  static start(env: NodeJS.ProcessEnv): Server {
    return new Server(spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { cwd: root, env }));
  }

  /** Waits until standard output says something matching `pattern`. */
  waitFor(pattern: RegExp, timeoutMs = START_TIMEOUT_MS): Promise<RegExpExecArray> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = pattern.exec(this.stdout);
        if (found) done(() => resolve(found));
        else if (this.child.exitCode !== null || this.child.signalCode !== null) done(() => reject(new Error(`The server ended before printing ${pattern}:\n${this.output()}`)));
      };
      const timer = setTimeout(() => done(() => reject(new Error(`No ${pattern} within ${timeoutMs / 1000} s:\n${this.output()}`))), timeoutMs);
      const done = (settle: () => void) => {
        clearTimeout(timer);
        this.#waiters.delete(check);
        settle();
      };
      this.#waiters.add(check);
      check();
    });
  }

  /** The port it listens on, as it announces it. */
  async port(): Promise<number> {
    return Number((await this.waitFor(/Haven is listening on http:\/\/127\.0\.0\.1:(\d+) with/))[1]);
  }

  output(): string {
    return `stdout:\n${this.stdout}\nstderr:\n${this.stderr}`;
  }

  /** Asks it to stop as a service manager would, and says how it ended and how long that took. */
  async stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
    const started = Date.now();
    this.child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const ended = await Promise.race([
      this.exited,
      new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), START_TIMEOUT_MS))),
    ]);
    clearTimeout(timer);
    if (!ended) {
      this.child.kill('SIGKILL');
      assert.fail(`The server did not stop after SIGTERM:\n${this.output()}`);
    }
    return { ...ended, ms: Date.now() - started };
  }
}

const setupLinks = (text: string) => [...text.matchAll(/(http:\/\/\S+)\/setup\/([\w-]+)/g)];

// The databases are tried side by side, each on its own data folder and database; the steps on one run in order.
describe('the server', { concurrency: true }, () => {
  forEachDialect((dialect) => {
    describe('an operator starting and stopping it, step by step', { concurrency: 1 }, () => {
      let dataDir: string;
      let database: TestDatabase;
      let env: NodeJS.ProcessEnv;
      let server: Server;
      let port: number;
      let firstToken: string;

      const started: Server[] = [];
      const start = () => {
        const next = Server.start(env);
        started.push(next);
        return next;
      };
      const url = (pathname: string) => `http://127.0.0.1:${port}${pathname}`;

      before(async () => {
        dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-server-'));
        database = await createTestDatabase(dialect);
        env = operatorEnv({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ...(database.url ? { DATABASE_URL: database.url } : {}) });
      });
      after(async () => {
        // Whatever a failed test left running goes before its database does.
        for (const leftover of started) leftover.child.kill('SIGKILL');
        await Promise.all(started.map((s) => s.exited));
        await database?.drop();
        if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
      });

      test('on an empty database the server prints a one-time setup link once, and the link opens the setup page', async () => {
        server = start();
        port = await server.port();
        const [, base, token] = await server.waitFor(/(http:\/\/\S+)\/setup\/([\w-]+)/);
        assert.equal(base, `http://localhost:${port}`, 'the link names the port the server chose');
        firstToken = token!;
        assert.equal(setupLinks(server.stdout).length, 1, server.output());
        assert.equal(setupLinks(server.stderr).length, 0, 'the link is not logged');

        const page = await fetch(url(`/setup/${firstToken}`));
        assert.equal(page.status, 200);
        assert.match(await page.text(), /name="password"/);
      });

      test(`/healthz says the server is up on ${dialect}`, async () => {
        const response = await fetch(url('/healthz'));
        assert.equal(response.status, 200);
        assert.deepEqual({ ...(await response.json()), version: undefined }, { status: 'ok', database: dialect, version: undefined });
      });

      test('the master key is written into DATA_DIR, readable by its owner only (0600)', () => {
        const stat = fs.statSync(path.join(dataDir, 'master.key'));
        assert.equal(stat.mode & 0o777, 0o600);
        assert.equal(Buffer.from(fs.readFileSync(path.join(dataDir, 'master.key'), 'utf8').trim(), 'base64').length, 32);
      });

      test('SIGTERM stops the server cleanly, with exit code 0, within a few seconds', async () => {
        const ended = await server.stop();
        assert.equal(ended.code, 0, server.output());
        assert.ok(ended.ms < STOP_WITHIN_MS, `stopped in ${ended.ms} ms`);
        assert.match(server.stdout, /SIGTERM received/);
      });

      test('a second start on the same data prints a new link; the old one no longer works, the new one creates the first steward', async () => {
        server = start();
        port = await server.port();
        const [, , token] = await server.waitFor(/(http:\/\/\S+)\/setup\/([\w-]+)/);
        assert.notEqual(token, firstToken);
        assert.equal((await fetch(url(`/setup/${firstToken}`))).status, 404);

        // The first steward, through the page the link opens, as a browser would.
        const page = await fetch(url(`/setup/${token}`));
        assert.equal(page.status, 200);
        const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
        const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
        assert.ok(csrf && cookie, 'the setup page hands out its anti-forgery token');
        const created = await fetch(url(`/setup/${token}`), {
          method: 'POST',
          redirect: 'manual',
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
          body: new URLSearchParams({ _csrf: csrf, username: 'alex', password: 'a long passphrase' }).toString(),
        });
        assert.equal(created.status, 303, await created.text());
        assert.equal(created.headers.get('location'), '/admin');
        assert.equal((await fetch(url(`/setup/${token}`))).status, 404, 'a spent link is gone');

        const ended = await server.stop();
        assert.equal(ended.code, 0, server.output());
      });

      test('once an account exists, a start prints no setup link', async () => {
        server = start();
        port = await server.port();
        // Anything the start-up printed comes before the log line of the first request.
        assert.equal((await fetch(url('/healthz'))).status, 200);
        await server.waitFor(/"route":"\/healthz"/);
        assert.equal(setupLinks(server.stdout).length, 0, server.output());
        assert.doesNotMatch(server.stdout, /no account yet/);

        const ended = await server.stop();
        assert.equal(ended.code, 0, server.output());
      });
    });
  });
});
