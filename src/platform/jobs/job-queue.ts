import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { DialectName } from '../../db/connection.ts';
import type { Database } from '../../db/schema.ts';
import { MINUTE, type Clock } from '../clock.ts';
import type { FieldCipher } from '../crypto/field-cipher.ts';
import { newId } from '../crypto/secret-token.ts';
import type { JobsTable } from './jobs.table.ts';

export type JobHandler = (payload: unknown) => Promise<void>;

interface JobDefinition {
  handler: JobHandler;
  /** Set for work that recurs: one run per period, whichever instance claims it. */
  everyMs: number | null;
}

export interface RunReport {
  ran: number;
  failed: number;
}

const LEASE_MS = 5 * MINUTE;
/** While work runs, its lease is renewed this often (real time), so long work (a crawl) is not taken over. */
const HEARTBEAT_MS = LEASE_MS / 5;
const MAX_ATTEMPTS = 5;
const KEEP_FINISHED_MS = 7 * 24 * 60 * MINUTE;

/**
 * Due work, stored in the database so that it survives restarts and, with
 * several instances on PostgreSQL, runs exactly once: a process claims a row
 * under a lease (`FOR UPDATE SKIP LOCKED` keeps claimers out of each other's
 * way); if the process dies, the lease runs out and another one takes over.
 */
export class JobQueue {
  readonly #definitions = new Map<string, JobDefinition>();
  readonly instanceId = crypto.randomBytes(8).toString('hex');

  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: DialectName,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly log: FastifyBaseLogger,
    private readonly heartbeatMs = HEARTBEAT_MS,
  ) {
    this.define('jobs.forget-finished', () => this.forgetFinished(), { everyMs: 24 * 60 * MINUTE });
  }

  define(kind: string, handler: JobHandler, options: { everyMs?: number } = {}): void {
    if (this.#definitions.has(kind)) throw new Error(`Job kind ${kind} is defined twice.`);
    this.#definitions.set(kind, { handler, everyMs: options.everyMs ?? null });
  }

  kinds(): string[] {
    return [...this.#definitions.keys()].sort();
  }

  async enqueue(
    kind: string,
    payload: unknown,
    options: { runAt?: Date; uniqueKey?: string } = {},
    trx: Kysely<Database> = this.db,
  ): Promise<void> {
    if (!this.#definitions.has(kind)) throw new Error(`Unknown job kind ${kind}.`);
    const id = newId();
    await trx
      .insertInto('jobs')
      .values({
        id,
        kind,
        unique_key: options.uniqueKey ?? null,
        payload_enc: payload === undefined ? null : this.cipher.encrypt(JSON.stringify(payload), `jobs.payload:${id}`),
        run_at: (options.runAt ?? this.clock.now()).toISOString(),
        state: 'pending',
        attempts: 0,
        claimed_by: null,
        lease_until: null,
        last_error: null,
        created_at: this.clock.now().toISOString(),
        finished_at: null,
      })
      .onConflict((oc) => oc.column('unique_key').doNothing())
      .execute();
  }

  /** Makes sure each recurring kind has its run for the current period; the unique key makes this idempotent across instances. */
  async scheduleRecurring(): Promise<void> {
    const now = this.clock.now().getTime();
    for (const [kind, definition] of this.#definitions) {
      if (definition.everyMs === null) continue;
      const slot = new Date(Math.floor(now / definition.everyMs) * definition.everyMs);
      await this.enqueue(kind, undefined, { runAt: slot, uniqueKey: `${kind}@${slot.toISOString()}` });
    }
  }

  /** Takes the next due piece of work this instance knows how to do, under a lease, or nothing. */
  async claimNext(): Promise<JobsTable | undefined> {
    const now = this.clock.now();
    const nowIso = now.toISOString();
    return this.db
      .updateTable('jobs')
      .set((eb) => ({
        state: 'running',
        claimed_by: this.instanceId,
        lease_until: new Date(now.getTime() + LEASE_MS).toISOString(),
        attempts: eb('attempts', '+', 1),
      }))
      .where('id', '=', (eb) =>
        eb
          .selectFrom('jobs')
          .select('id')
          // Only work this instance can do: during a rolling upgrade an older
          // instance must not spend the attempts of a kind it does not know.
          .where('kind', 'in', this.kinds())
          .where((w) =>
            w.or([
              w.and([w('state', '=', 'pending'), w('run_at', '<=', nowIso)]),
              w.and([w('state', '=', 'running'), w('lease_until', '<', nowIso)]),
            ]),
          )
          .orderBy('run_at')
          .limit(1)
          .$if(this.dialect === 'postgres', (q) => q.forUpdate().skipLocked()),
      )
      .returningAll()
      .executeTakeFirst();
  }

  /** Runs every piece of work that is due now, then returns. */
  async runDue(options: { limit?: number; onProgress?: (job: JobsTable, ok: boolean) => void } = {}): Promise<RunReport> {
    await this.scheduleRecurring();
    const report: RunReport = { ran: 0, failed: 0 };
    const limit = options.limit ?? 10_000;
    while (report.ran + report.failed < limit) {
      const job = await this.claimNext();
      if (!job) break;
      const ok = await this.run(job);
      if (ok) report.ran += 1;
      else report.failed += 1;
      options.onProgress?.(job, ok);
    }
    return report;
  }

  /** Keeps the lease of work this instance is running, as long as it runs. */
  private async renewLease(id: string): Promise<void> {
    await this.db
      .updateTable('jobs')
      .set({ lease_until: new Date(this.clock.now().getTime() + LEASE_MS).toISOString() })
      .where('id', '=', id)
      .where('claimed_by', '=', this.instanceId)
      .where('state', '=', 'running')
      .execute();
  }

  private async run(job: JobsTable): Promise<boolean> {
    const definition = this.#definitions.get(job.kind);
    const heartbeat = setInterval(() => {
      this.renewLease(job.id).catch((error: unknown) => this.log.warn(`could not renew the lease of ${job.kind}: ${error instanceof Error ? error.message : error}`));
    }, this.heartbeatMs);
    heartbeat.unref();
    try {
      if (!definition) throw new Error(`No handler for job kind ${job.kind}.`);
      const payload = job.payload_enc ? JSON.parse(this.cipher.decrypt(job.payload_enc, `jobs.payload:${job.id}`)) : undefined;
      await definition.handler(payload);
      await this.db
        .updateTable('jobs')
        .set({ state: 'done', finished_at: this.clock.now().toISOString(), lease_until: null, payload_enc: null, last_error: null })
        .where('id', '=', job.id)
        .where('claimed_by', '=', this.instanceId)
        .execute();
      return true;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.log.warn({ job: job.kind, attempt: job.attempts }, `due work failed: ${message}`);
      const giveUp = job.attempts >= MAX_ATTEMPTS;
      const retryAt = new Date(this.clock.now().getTime() + 2 ** job.attempts * MINUTE);
      await this.db
        .updateTable('jobs')
        .set({
          state: giveUp ? 'failed' : 'pending',
          run_at: giveUp ? job.run_at : retryAt.toISOString(),
          finished_at: giveUp ? this.clock.now().toISOString() : null,
          lease_until: null,
          last_error: message.slice(0, 500),
        })
        .where('id', '=', job.id)
        .where('claimed_by', '=', this.instanceId)
        .execute();
      return false;
    } finally {
      clearInterval(heartbeat);
    }
  }

  async counts(): Promise<Record<string, number>> {
    const rows = await this.db.selectFrom('jobs').select(['state', (eb) => eb.fn.countAll().as('n')]).groupBy('state').execute();
    return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
  }

  recent(limit = 50) {
    return this.db
      .selectFrom('jobs')
      .select(['id', 'kind', 'state', 'run_at', 'attempts', 'finished_at', 'last_error'])
      .orderBy('run_at', 'desc')
      .limit(limit)
      .execute();
  }

  private async forgetFinished(): Promise<void> {
    const before = new Date(this.clock.now().getTime() - KEEP_FINISHED_MS).toISOString();
    await this.db.deleteFrom('jobs').where('state', 'in', ['done', 'failed']).where('finished_at', '<', before).execute();
  }
}
