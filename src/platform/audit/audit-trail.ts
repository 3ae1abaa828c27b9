import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Clock } from '../clock.ts';
import { newId } from '../crypto/secret-token.ts';

/** Who acted: an account, or Haven itself (due work, the command line). */
export type Actor = { accountId: string; username: string } | 'system';

export interface AuditEntry {
  action: string;
  subjectType: string;
  subjectId: string | null;
}

/** Records who did what to which record and when, never what the record says. */
export class AuditTrail {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async record(actor: Actor, entry: AuditEntry, trx: Kysely<Database> = this.db): Promise<void> {
    await trx
      .insertInto('audit_events')
      .values({
        id: newId(),
        occurred_at: this.clock.now().toISOString(),
        actor_id: actor === 'system' ? null : actor.accountId,
        actor_name: actor === 'system' ? 'system' : actor.username,
        action: entry.action,
        subject_type: entry.subjectType,
        subject_id: entry.subjectId,
      })
      .execute();
  }

  async latest(limit: number, offset = 0) {
    return this.db
      .selectFrom('audit_events')
      .selectAll()
      .orderBy('occurred_at', 'desc')
      .orderBy('id')
      .limit(limit)
      .offset(offset)
      .execute();
  }

  async byActor(accountId: string) {
    return this.db.selectFrom('audit_events').selectAll().where('actor_id', '=', accountId).orderBy('occurred_at').execute();
  }

  /** When an account is deleted its name leaves the trail; what was done stays, as the law may require. */
  async forgetActor(accountId: string, trx: Kysely<Database> = this.db): Promise<void> {
    await trx
      .updateTable('audit_events')
      .set({ actor_id: null, actor_name: 'deleted account' })
      .where('actor_id', '=', accountId)
      .execute();
  }
}
