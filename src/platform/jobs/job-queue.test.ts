import assert from 'node:assert/strict';
import fs from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterEach, it } from 'node:test';
import { forEachDialect } from '../../../test/dialects.ts';
import { startHaven, type TestHaven } from '../../../test/harness.ts';
import type { Haven } from '../../haven.ts';
import { HOUR, MINUTE } from '../clock.ts';
import { JobQueue } from './job-queue.ts';

/** Several app instances on one database, as behind a load balancer. */
async function instances(t: TestHaven, count: number): Promise<Haven[]> {
  const havens = [t.haven];
  for (let i = 1; i < count; i += 1) havens.push((await t.sibling()).haven);
  return havens;
}

async function jobRows(haven: Haven, kind: string) {
  return haven.database.db.selectFrom('jobs').selectAll().where('kind', '=', kind).orderBy('created_at').execute();
}

forEachDialect((dialect) => {
  let t: TestHaven | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('runs each piece of due work exactly once, even when several instances run due work at the same moment', async () => {
    t = await startHaven(dialect);
    const havens = await instances(t, 3);
    const runs: { n: number; by: number }[] = [];
    havens.forEach((haven, by) =>
      haven.jobs.define('test.count', async (payload) => {
        await nextTurn(); // let the other instances claim in the meantime
        runs.push({ n: (payload as { n: number }).n, by });
      }),
    );
    const total = 200;
    await t.haven.database.db.transaction().execute(async (trx) => {
      for (let n = 0; n < total; n += 1) await t!.haven.jobs.enqueue('test.count', { n }, {}, trx);
    });

    const reports = await Promise.all(havens.map((haven) => haven.jobs.runDue()));

    const seen = runs.map((r) => r.n).sort((a, b) => a - b);
    assert.deepEqual(seen, Array.from({ length: total }, (_, n) => n), 'every job ran once and only once');
    assert.equal(reports.reduce((sum, r) => sum + r.failed, 0), 0);
    assert.ok(new Set(runs.map((r) => r.by)).size > 1, 'the work was shared between instances, so they really competed');
    const rows = await jobRows(t.haven, 'test.count');
    assert.equal(rows.length, total);
    assert.ok(rows.every((row) => row.state === 'done' && row.attempts === 1), 'no job was claimed twice');

    await Promise.all(havens.map((haven) => haven.jobs.runDue()));
    assert.equal(runs.length, total, 'finished work does not run again');
  });

  it('runs recurring work once per period across instances, and again in the next period', async () => {
    t = await startHaven(dialect);
    const havens = await instances(t, 3);
    const runs: string[] = [];
    for (const haven of havens) {
      haven.jobs.define(
        'test.hourly',
        async () => {
          await nextTurn();
          runs.push(t!.clock.now().toISOString());
        },
        { everyMs: HOUR },
      );
    }

    await Promise.all(havens.map((haven) => haven.jobs.runDue()));
    await Promise.all(havens.map((haven) => haven.jobs.runDue()));
    assert.equal(runs.length, 1, 'once in the first hour, however many instances and ticks');

    t.clock.advance(30 * MINUTE);
    await Promise.all(havens.map((haven) => haven.jobs.runDue()));
    assert.equal(runs.length, 1, 'still once later in the same hour');

    t.clock.advance(HOUR);
    await Promise.all(havens.map((haven) => haven.jobs.runDue()));
    await Promise.all(havens.map((haven) => haven.jobs.runDue()));
    assert.equal(runs.length, 2, 'once more in the next hour');
    const rows = await jobRows(t.haven, 'test.hourly');
    assert.deepEqual(
      rows.map((row) => row.state),
      ['done', 'done'],
    );
  });

  it('picks up work left by an instance that died, once its lease has run out and not before', async () => {
    t = await startHaven(dialect);
    const [dying, survivor] = await instances(t, 2);
    const runs: string[] = [];
    for (const haven of [dying!, survivor!]) haven.jobs.define('test.orphan', async (payload) => void runs.push((payload as { note: string }).note));
    await Promise.all([dying!.jobs.runDue(), survivor!.jobs.runDue()]); // nothing else pending

    await dying!.jobs.enqueue('test.orphan', { note: 'left behind' });
    const claimed = await dying!.jobs.claimNext();
    assert.equal(claimed?.kind, 'test.orphan', 'the dying instance holds the work');
    // … and dies here without finishing it.

    await survivor!.jobs.runDue();
    assert.deepEqual(runs, [], 'work under a live lease is left alone');
    t.clock.advance(5 * MINUTE);
    await survivor!.jobs.runDue();
    assert.deepEqual(runs, [], 'not even at the very end of the lease');

    t.clock.advance(1);
    await survivor!.jobs.runDue();
    assert.deepEqual(runs, ['left behind'], 'the survivor takes over once the lease has run out');
    await survivor!.jobs.runDue();
    assert.deepEqual(runs, ['left behind'], 'and runs it only once');
    const [row] = await jobRows(t.haven, 'test.orphan');
    assert.equal(row!.state, 'done');
    assert.equal(row!.claimed_by, survivor!.jobs.instanceId);
  });

  it('keeps the lease of long work while it runs, so no other instance takes it over', async () => {
    t = await startHaven(dialect);
    const { haven } = t;
    // An instance that renews its leases every few milliseconds instead of every minute.
    const busy = new JobQueue(haven.database.db, haven.database.dialect, haven.cipher, t.clock, haven.log, 5);
    const runs: string[] = [];
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    busy.define('test.long', async () => {
      runs.push('busy');
      await released;
    });
    haven.jobs.define('test.long', async () => void runs.push('other'));
    await busy.enqueue('test.long', {});
    const running = busy.runDue();
    const lease = async () => (await jobRows(haven, 'test.long'))[0]!;
    for (let i = 0; i < 200 && (await lease()).state !== 'running'; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    const first = (await lease()).lease_until!;

    t.clock.advance(6 * MINUTE); // past the first lease
    for (let i = 0; i < 400 && (await lease()).lease_until! <= t.clock.now().toISOString(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.ok((await lease()).lease_until! > first, 'the lease was renewed while the work ran');
    await haven.jobs.runDue();
    assert.deepEqual(runs, ['busy'], 'the other instance left the running work alone');

    release();
    await running;
    assert.equal((await lease()).state, 'done');
    await haven.jobs.runDue();
    assert.deepEqual(runs, ['busy']);
  });

  it('retries failing work later with growing delays, gives up after five attempts, and keeps running other work', async () => {
    t = await startHaven(dialect);
    const { jobs } = t.haven;
    let attempts = 0;
    const done: string[] = [];
    jobs.define('test.flaky', async () => {
      attempts += 1;
      throw new Error(`mail server said no (${attempts})`);
    });
    jobs.define('test.fine', async (payload) => void done.push(payload as string));
    await jobs.runDue(); // recurring housekeeping out of the way

    await jobs.enqueue('test.flaky', {});
    await jobs.enqueue('test.fine', 'first');
    await jobs.enqueue('test.fine', 'second');
    const report = await jobs.runDue();
    assert.deepEqual(report, { ran: 2, failed: 1 });
    assert.deepEqual(done, ['first', 'second'], 'a failure does not stop the other work');
    assert.equal(attempts, 1);

    // Waits of 2, 4, 8 and 16 minutes between the five attempts.
    for (const [attempt, wait] of [[2, 2], [3, 4], [4, 8], [5, 16]] as const) {
      const [pending] = await jobRows(t.haven, 'test.flaky');
      assert.equal(pending!.state, 'pending');
      assert.equal(pending!.last_error, `mail server said no (${attempt - 1})`);
      assert.equal(pending!.run_at, new Date(t.clock.now().getTime() + wait * MINUTE).toISOString());
      t.clock.advance(wait * MINUTE - 1);
      await jobs.runDue();
      assert.equal(attempts, attempt - 1, `attempt ${attempt} waits its full ${wait} minutes`);
      t.clock.advance(1);
      await jobs.runDue();
      assert.equal(attempts, attempt, `attempt ${attempt} runs after ${wait} minutes`);
    }

    const [failed] = await jobRows(t.haven, 'test.flaky');
    assert.equal(failed!.state, 'failed');
    assert.equal(failed!.attempts, 5);
    assert.equal(failed!.finished_at, t.clock.now().toISOString());
    t.clock.advance(6 * HOUR);
    await jobs.runDue();
    assert.equal(attempts, 5, 'abandoned work is not tried again');
    assert.equal((await jobs.counts()).failed, 1);
  });

  it('stores work details encrypted and forgets them once the work is done', async () => {
    t = await startHaven(dialect);
    const { jobs } = t.haven;
    const secret = 'Meet the source at the north gate';
    const received: unknown[] = [];
    jobs.define('test.secret', async (payload) => void received.push(payload));
    await jobs.runDue();

    await jobs.enqueue('test.secret', { note: secret }, { runAt: new Date(t.clock.now().getTime() + HOUR) });
    const [stored] = await jobRows(t.haven, 'test.secret');
    assert.ok(stored!.payload_enc, 'the details are stored');
    assert.ok(!JSON.stringify(stored).includes('north gate'), 'but not readable in the jobs table');
    if (t.config.database.kind === 'sqlite') {
      const file = t.config.database.file;
      const bytes = Buffer.concat([file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
      assert.ok(bytes.includes('test.secret'), 'the database file is readable raw');
      assert.ok(!bytes.includes('north gate'), 'and holds no clear copy of the details');
    }

    await jobs.runDue();
    assert.deepEqual(received, [], 'work waits for its time');
    t.clock.advance(HOUR);
    await jobs.runDue();
    assert.deepEqual(received, [{ note: secret }], 'the handler gets the details back intact');
    const [finished] = await jobRows(t.haven, 'test.secret');
    assert.equal(finished!.state, 'done');
    assert.equal(finished!.payload_enc, null, 'the details are forgotten once done');
  });

  it('refuses work details that were moved from one job to another', async () => {
    t = await startHaven(dialect);
    const { jobs } = t.haven;
    const received: unknown[] = [];
    jobs.define('test.moved', async (payload) => void received.push(payload));
    await jobs.runDue();
    const later = new Date(t.clock.now().getTime() + HOUR);
    await jobs.enqueue('test.moved', { to: 'alice' }, { runAt: later });
    await jobs.enqueue('test.moved', { to: 'bob' }, { runAt: later });
    const [first, second] = await jobRows(t.haven, 'test.moved');
    await t.haven.database.db.updateTable('jobs').set({ payload_enc: first!.payload_enc }).where('id', '=', second!.id).execute();

    t.clock.advance(HOUR);
    const report = await jobs.runDue();
    assert.deepEqual(received, [{ to: 'alice' }], 'only the job the details belong to runs with them');
    assert.equal(report.failed, 1);
  });

  it('leaves work to an instance that knows how to do it', async () => {
    t = await startHaven(dialect);
    const [older, newer] = await instances(t, 2);
    const runs: string[] = [];
    newer!.jobs.define('test.new-kind', async () => void runs.push('newer'));
    await Promise.all([older!.jobs.runDue(), newer!.jobs.runDue()]);

    await newer!.jobs.enqueue('test.new-kind', {});
    const report = await older!.jobs.runDue();
    assert.deepEqual(report, { ran: 0, failed: 0 }, 'an instance without the handler does not touch the work');
    await newer!.jobs.runDue();
    assert.deepEqual(runs, ['newer']);
    const [row] = await jobRows(t.haven, 'test.new-kind');
    assert.equal(row!.attempts, 1, 'no attempt was spent by the instance that could not do it');
  });
});
