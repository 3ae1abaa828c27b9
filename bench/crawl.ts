/**
 * The federation crawl at coalition scale: 1,000 metadata files served on
 * loopback are crawled in under 15 s with peak memory under 300 MB.
 *
 * The organization files (each listing two or three service files) are served
 * by a separate process, so the memory measured here is Haven's alone. Haven
 * runs on SQLite, as the smallest installation would. Exits non-zero when the
 * target is missed. See bench/README.md.
 *
 *   node --import tsx bench/crawl.ts [--providers 1000] [--concurrency 16]
 */
import { fork } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { ReadingOutcome } from '../src/features/directory/federation/federation.service.ts';
import { describeMachine } from './machine.ts';
import type { SiteMessage } from './statoolinfos-site.ts';
import { fixed, textTable, whole } from './text-table.ts';

const TARGET = { seconds: 15, peakMB: 300 };
const { values: args } = parseArgs({ options: { providers: { type: 'string', default: '1000' }, concurrency: { type: 'string', default: '16' } } });
const providers = Number(args.providers);
const concurrency = Number(args.concurrency);
const mb = (bytes: number) => bytes / 2 ** 20;

/** The highest resident memory seen, sampled every 50 ms: the kernel's own peak (maxRSS) covers the whole process life. */
function watchMemory() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

const site = fork(new URL('./statoolinfos-site.ts', import.meta.url), [String(providers)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const published = await new Promise<SiteMessage>((resolve, reject) => {
  site.once('message', resolve);
  site.once('exit', (code) => reject(new Error(`the metadata site stopped (exit code ${code})`)));
});
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-bench-crawl-'));
const app = await buildApp(loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    PUBLIC_URL: 'http://haven.bench',
    HAVEN_MASTER_KEY: crypto.randomBytes(32).toString('base64'),
    // The providers' websites of this benchmark are on loopback, which production refuses.
    OUTBOUND_ALLOW_PRIVATE_ADDRESSES: 'true',
  }));
try {
  const { haven } = app;
  process.stdout.write(`Registering ${whole(providers)} providers and their metadata addresses…\n`);
  const ids: string[] = [];
  for (const organization of published.organizations) {
    const created = await haven.organisations.create({ slug: organization.slug, name: organization.name, kind: 'hosting-provider' }, 'system');
    await haven.federation.register(created.id, { url: organization.url, format: 'statoolinfos' }, 'system');
    ids.push(created.id);
  }

  const crawl = async () => {
    const before = mb(process.memoryUsage().rss);
    const memory = watchMemory();
    const started = performance.now();
    const outcomes = await haven.federation.crawl(ids, { concurrency });
    return { seconds: (performance.now() - started) / 1000, peakMB: mb(memory.stop()), beforeMB: before, outcomes };
  };
  process.stdout.write(`Crawling ${whole(published.files)} files (${fixed(mb(published.bytes))} MB), ${concurrency} providers at a time…\n`);
  const first = await crawl();
  process.stdout.write('Crawling again: every file unchanged…\n');
  const again = await crawl();
  const processPeakMB = process.resourceUsage().maxRSS / 1024;

  const db = haven.database.db;
  const [profiles, services] = await Promise.all([
    db.selectFrom('provider_profiles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('provider_services').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const tally = (outcomes: ReadingOutcome[]) => {
    const counts = new Map<string, number>();
    for (const o of outcomes) counts.set(o.reason ? `${o.outcome} (${o.reason})` : o.outcome, (counts.get(o.reason ? `${o.outcome} (${o.reason})` : o.outcome) ?? 0) + 1);
    return [...counts].map(([k, n]) => `${n} ${k}`).join(', ');
  };
  const imported = first.outcomes.filter((o) => o.outcome === 'imported').length;
  const met = imported === providers && first.seconds < TARGET.seconds && processPeakMB < TARGET.peakMB;

  process.stdout.write(
    [
      '',
      `Machine: ${describeMachine()}`,
      `Haven on SQLite; ${whole(providers)} organization files listing ${whole(published.files - providers)} service files, served by another process on loopback.`,
      '',
      textTable(['Crawl', 'seconds', 'files/s', 'RSS before (MB)', 'peak RSS sampled (MB)', 'outcomes'], [
        ['first reading (all new)', fixed(first.seconds, 2), whole(published.files / first.seconds), whole(first.beforeMB), whole(first.peakMB), tally(first.outcomes)],
        ['second reading (unchanged)', fixed(again.seconds, 2), whole(published.files / again.seconds), whole(again.beforeMB), whole(again.peakMB), tally(again.outcomes)],
      ]),
      '',
      `Peak RSS of the process over its whole life (maxRSS): ${whole(processPeakMB)} MB. Stored: ${Number(profiles.n)} profiles, ${Number(services.n)} services.`,
      `Target: ${providers} imported in under ${TARGET.seconds} s with peak memory under ${TARGET.peakMB} MB: ${met ? 'met' : 'MISSED'} ` +
        `(${imported} imported in ${fixed(first.seconds, 2)} s, peak ${whole(processPeakMB)} MB).`,
      '',
    ].join('\n'),
  );
  if (!met) process.exitCode = 1;
} finally {
  await app.close();
  if (site.connected) site.disconnect();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
