import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldCipher } from '../../platform/crypto/field-cipher.ts';
import { newId } from '../../platform/crypto/secret-token.ts';

const KEEP = 200;

/**
 * Each person's in-app notifications: everything Haven e-mails them also
 * waits here, in full, behind their log-in (stored encrypted).
 */
export class InboxService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  async deliver(accountId: string, message: { subject: string; text: string }, trx: Kysely<Database> = this.db): Promise<void> {
    const id = newId();
    await trx
      .insertInto('notifications')
      .values({
        id,
        account_id: accountId,
        subject_enc: this.cipher.encrypt(message.subject, `notifications.subject:${id}`),
        text_enc: this.cipher.encrypt(message.text, `notifications.text:${id}`),
        created_at: this.clock.now().toISOString(),
        read_at: null,
      })
      .execute();
  }

  async list(accountId: string) {
    const rows = await this.db
      .selectFrom('notifications')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(KEEP)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      subject: this.cipher.decrypt(r.subject_enc, `notifications.subject:${r.id}`),
      text: this.cipher.decrypt(r.text_enc, `notifications.text:${r.id}`),
      createdAt: r.created_at,
      read: r.read_at !== null,
    }));
  }

  async unread(accountId: string): Promise<number> {
    const row = await this.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('account_id', '=', accountId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async markAllRead(accountId: string): Promise<void> {
    await this.db.updateTable('notifications').set({ read_at: this.clock.now().toISOString() }).where('account_id', '=', accountId).where('read_at', 'is', null).execute();
  }
}
