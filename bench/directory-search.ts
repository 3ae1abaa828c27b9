/**
 * Directory search under load, on SQLite then PostgreSQL.
 *
 * The requirement: with 10,000 providers and 50,000 services, directory
 * search on SQLite sustains at least half the requests per second of a bare
 * route of the same server measured in the same run, with p99 latency under
 * 30 ms at 32 concurrent connections; the same figures are reported for
 * PostgreSQL. Exits non-zero when SQLite misses it. See bench/README.md.
 *
 *   node --import tsx bench/directory-search.ts [--seconds 10] [--databases sqlite,postgres]
 */
import { fork } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { DialectName } from '../src/db/connection.ts';
import { searchHref } from '../src/features/directory/search-filters.ts';
import { POSTGRES_ADMIN_URL } from '../test/dialects.ts';
import { createTestDatabase } from '../test/harness.ts';
import type { ColdSearchFigures } from './cold-search.ts';
import type { ServerMessage, ServerOrders } from './directory-server.ts';
import { measureLoad, type LoadFigures } from './http-load.ts';
import { describeMachine } from './machine.ts';
import { searchMix } from './search-mix.ts';
import type { SeededDirectory } from './synthetic-directory.ts';
import { fixed, textTable, whole } from './text-table.ts';

const SIZE = { providers: 10_000, services: 50_000, seed: 20_251_123 };
const MIX = { count: 200, seed: 7 };
const TARGET = { ratio: 0.5, p99Ms: 30 };
/**
 * The comparison route. buildApp hands back an app that is already ready, and
 * Fastify refuses new routes after that, so no route can be added for the
 * benchmark. /healthz runs `select 1` on every call; the stylesheet is the
 * one route that does no database work and no rendering, yet passes through
 * every hook a search does (request context, security headers, logging).
 */
const BARE = '/assets/haven.css';

const { values: args } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, databases: { type: 'string', default: 'sqlite,postgres' } } });
const shape = { connections: 32, seconds: Number(args.seconds), warmupSeconds: 2 };
const mix = searchMix(MIX.count, MIX.seed);
const apiPaths = mix.map((f) => searchHref(f, '/api/v1/providers'));
const pagePaths = mix.map((f) => searchHref(f, '/directory'));

/** Load figures with the server's own CPU time: the per-answer cost does not depend on how fast the load generator is. */
type RouteFigures = LoadFigures & { serverCpuPercent: number; serverCpuMsPerAnswer: number };

interface DialectFigures {
  dialect: DialectName;
  seeded: SeededDirectory;
  cold: ColdSearchFigures;
  bare: RouteFigures;
  health: RouteFigures;
  search: RouteFigures;
  page: RouteFigures;
  memory: Extract<ServerMessage, { kind: 'memory' }>;
}

async function postgresReachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

async function benchmarkOn(dialect: DialectName): Promise<DialectFigures> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-bench-'));
  const database = await createTestDatabase(dialect);
  const orders: ServerOrders = {
    env: {
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      PUBLIC_URL: 'http://haven.bench',
      HAVEN_MASTER_KEY: crypto.randomBytes(32).toString('base64'),
      ...(database.url ? { DATABASE_URL: database.url } : {}),
    },
    size: SIZE,
    mix: MIX,
  };
  // --expose-gc: the server measures the heap its index keeps alive.
  const server = fork(new URL('./directory-server.ts', import.meta.url), [JSON.stringify(orders)], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <K extends ServerMessage['kind']>(kind: K) =>
    new Promise<Extract<ServerMessage, { kind: K }>>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the ${dialect} server stopped (exit code ${code})`));
      server.once('exit', onExit);
      server.on('message', function listen(message: ServerMessage) {
        if (message.kind !== kind) return;
        server.off('message', listen);
        server.off('exit', onExit);
        resolve(message as Extract<ServerMessage, { kind: K }>);
      });
    });
  try {
    process.stdout.write(`\n${dialect}: seeding ${whole(SIZE.providers)} providers and ${whole(SIZE.services)} services, measuring cold searches…\n`);
    const ready = await next('ready');
    const origin = `http://127.0.0.1:${ready.port}`;
    await checkAnswers(origin);
    const serverCpu = async () => {
      server.send('cpu');
      return (await next('cpu')).microseconds;
    };
    const measure = async (label: string, paths: readonly string[], seconds = shape.seconds): Promise<RouteFigures> => {
      process.stdout.write(`${dialect}: ${label} (${shape.warmupSeconds} s warm-up, ${seconds} s measured)…\n`);
      // Figures of the warm-up are dropped: JIT compilation, pools filling.
      await measureLoad(origin, paths, { connections: shape.connections, seconds: shape.warmupSeconds });
      const cpuBefore = await serverCpu();
      const started = performance.now();
      const load = await measureLoad(origin, paths, { connections: shape.connections, seconds });
      const cpuMs = ((await serverCpu()) - cpuBefore) / 1000;
      return { ...load, serverCpuPercent: (100 * cpuMs) / (performance.now() - started), serverCpuMsPerAnswer: cpuMs / load.requests };
    };
    const bare = await measure(`bare route ${BARE}`, [BARE]);
    const search = await measure('search API', apiPaths);
    const page = await measure('search page', pagePaths);
    const health = await measure('/healthz', ['/healthz'], Math.max(1, Math.round(shape.seconds / 2)));
    server.send('memory');
    const memory = await next('memory');
    return { dialect, seeded: ready.seeded, cold: ready.cold, bare, health, search, page, memory };
  } finally {
    if (server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      if (server.connected) server.send('stop');
      else server.kill();
      await exited;
    }
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Figures of error pages would measure nothing: every address of the mix must answer 200 before the load starts. */
async function checkAnswers(origin: string): Promise<void> {
  for (const address of [BARE, ...apiPaths, ...pagePaths]) {
    const response = await fetch(`${origin}${address}`);
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${address} answered ${response.status}`);
  }
}

function verdict(f: DialectFigures): { ratio: number; ratioMet: boolean; latencyMet: boolean; clean: boolean } {
  const ratio = f.search.rps / f.bare.rps;
  const clean = [f.bare, f.search, f.page, f.health].every((l) => l.failures === 0);
  return { ratio, ratioMet: ratio >= TARGET.ratio, latencyMet: f.search.p99 < TARGET.p99Ms, clean };
}

function report(all: DialectFigures[]): void {
  const row = (route: string, l: RouteFigures) => [
    route,
    whole(l.rps),
    fixed(l.p50, 0),
    fixed(l.p97_5, 0),
    fixed(l.p99, 0),
    fixed(l.max, 0),
    whole(l.bytesPerRequest),
    fixed(l.serverCpuMsPerAnswer, 3),
    whole(l.serverCpuPercent),
    String(l.failures),
  ];
  const out: string[] = [
    '',
    `Machine: ${describeMachine()}`,
    `Directory: ${whole(SIZE.providers)} providers, ${whole(SIZE.services)} services; ${MIX.count} distinct searches in rotation; ${shape.connections} connections, ${shape.seconds} s per measurement after ${shape.warmupSeconds} s warm-up.`,
    'Each address is requested once before the load to check it answers 200, which also fills the answer cache: the load measures searches answered from the cache.',
    'Latencies are whole milliseconds (autocannon). Server CPU % under 100 means the server was not the bottleneck: the load generator, on the other core, was.',
  ];
  for (const f of all) {
    const v = verdict(f);
    const mark = (met: boolean) => (met ? 'PASS' : 'FAIL');
    out.push(
      '',
      `## ${f.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'} (seeded in ${fixed(f.seeded.milliseconds / 1000)} s; index and providers ${whole(f.cold.indexHeapMB)} MB of live heap; server RSS ${whole(f.memory.rssMB)} MB after the runs, peak ${whole(f.memory.maxRssMB)} MB)`,
      '',
      textTable(['Route', 'req/s', 'p50 ms', 'p97.5 ms', 'p99 ms', 'max ms', 'bytes/answer', 'server CPU ms/answer', 'server CPU %', 'failures'], [
        row(`bare: GET ${BARE}`, f.bare),
        row('GET /api/v1/providers?… (search API)', f.search),
        row('GET /directory?… (search page, HTML)', f.page),
        row('GET /healthz (select 1)', f.health),
      ]),
      '',
      `Search API / bare route: ${fixed(v.ratio, 2)} (target ≥ ${TARGET.ratio}) ${mark(v.ratioMet)}; search p99 ${fixed(f.search.p99)} ms (target < ${TARGET.p99Ms} ms) ${mark(v.latencyMet)}${v.clean ? '' : '; FAILED REQUESTS: the figures are not valid'}`,
      `Search page / bare route: ${fixed(f.page.rps / f.bare.rps, 2)}; page p99 ${fixed(f.page.p99)} ms`,
      `Server CPU per answer, against the bare route: search API ×${fixed(f.search.serverCpuMsPerAnswer / f.bare.serverCpuMsPerAnswer)}, search page ×${fixed(f.page.serverCpuMsPerAnswer / f.bare.serverCpuMsPerAnswer)}.`,
      '',
      'What the answer cache hides (the server measured this before listening, with nothing else running):',
      '',
      textTable(['Cold cost', 'first (ms)', 'second (ms)'], [
        ['read every provider and service from the database', fixed(f.cold.load.first, 0), fixed(f.cold.load.second, 0)],
        ['build the search index', fixed(f.cold.build.first, 0), fixed(f.cold.build.second, 0)],
        ['first search after a change (revision check + read + build + search)', fixed(f.cold.afterChange.first, 0), fixed(f.cold.afterChange.second, 0)],
      ]),
      '',
      `Longest event-loop stall during those searches after a change (nothing else is answered meanwhile): ${fixed(f.cold.longestStallMs, 0)} ms.`,
      `${f.cold.queries.count} distinct searches computed on the index, uncached: ${fixed(f.cold.queries.totalMs, 0)} ms in all; ` +
        `per search mean ${fixed(f.cold.queries.meanMs, 2)} ms, p50 ${fixed(f.cold.queries.p50Ms, 2)} ms, p95 ${fixed(f.cold.queries.p95Ms, 2)} ms, max ${fixed(f.cold.queries.maxMs, 2)} ms (${f.cold.queries.slowest}).`,
    );
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

const dialects = args.databases.split(',').map((d) => d.trim()) as DialectName[];
const results: DialectFigures[] = [];
for (const dialect of dialects) {
  if (dialect === 'postgres') {
    const problem = await postgresReachable();
    if (problem) {
      process.stdout.write(`\nPostgreSQL skipped: not reachable at ${POSTGRES_ADMIN_URL} (${problem}). Set HAVEN_TEST_POSTGRES_URL to point at one.\n`);
      continue;
    }
  }
  results.push(await benchmarkOn(dialect));
}
report(results);

const sqlite = results.find((r) => r.dialect === 'sqlite');
if (sqlite) {
  const v = verdict(sqlite);
  const met = v.ratioMet && v.latencyMet && v.clean;
  process.stdout.write(`\nSQLite target ${met ? 'met' : 'MISSED'}.\n`);
  if (!met) process.exitCode = 1;
}
