import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import type { Database } from '../../db/schema.ts';
import type { Actor, AuditTrail } from '../../platform/audit/audit-trail.ts';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/secret-token.ts';
import { CalendarDay, isCalendarDay } from '../../platform/http/calendar-day.ts';
import { checkInput } from '../../platform/http/check-input.ts';
import { AppError } from '../../platform/http/errors.ts';
import { localized } from '../../platform/i18n/locale.ts';
import { WebAddress } from '../directory/directory.schemas.ts';
import { documentsText } from './documents.messages.ts';
import { DOCUMENT_KINDS, type BackupPolicyFields, type DocumentKind } from './documents.table.ts';

const Frequency = Type.Union(['hourly', 'daily', 'weekly', 'monthly'].map((f) => Type.Literal(f)));
const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

export interface TransparencyDocument {
  kind: DocumentKind;
  title: string;
  asOf: string;
  url: string | null;
  backup: BackupPolicyFields | null;
  /** Older than a year: shown as such, so nobody mistakes it for current. */
  stale: boolean;
}

/** A provider's backup policy, activity reports and accounts, each dated. */
export class DocumentsService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async add(organisationId: string, input: { kind: DocumentKind; title: string; asOf: string; url: string | null; backup: BackupPolicyFields | null }, actor: Actor): Promise<void> {
    checkInput({
      kind: { schema: Type.Union(DOCUMENT_KINDS.map((k) => Type.Literal(k))), value: input.kind },
      title: { schema: Type.String({ minLength: 2, maxLength: 200 }), value: input.title },
      asOf: { schema: CalendarDay, value: input.asOf },
      url: { schema: Type.Union([WebAddress, Type.Null()]), value: input.url },
    });
    const fail = (code: string, field: string, pick: (m: (typeof documentsText)['en']) => string) => AppError.field(code, field, localized(documentsText, pick));
    if (!isCalendarDay(input.asOf)) throw fail('bad_date', 'asOf', (m) => m.errors.badDate);
    if (input.asOf > this.clock.now().toISOString().slice(0, 10)) throw fail('dated_in_future', 'asOf', (m) => m.errors.inFuture);
    if (input.kind === 'backup-policy') {
      const b = input.backup;
      if (!b) throw fail('backup_fields_needed', 'frequency', (m) => m.errors.backupFields);
      checkInput({
        frequency: { schema: Frequency, value: b.frequency },
        retentionDays: { schema: Type.Integer({ minimum: 1, maximum: 36_500 }), value: b.retentionDays },
        lastRestoreTest: { schema: Type.Union([CalendarDay, Type.Null()]), value: b.lastRestoreTest },
      });
    } else if (!input.url) throw fail('url_needed', 'url', (m) => m.errors.urlNeeded);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('transparency_documents')
        .values({
          id: newId(),
          organisation_id: organisationId,
          kind: input.kind,
          title: input.title.trim(),
          as_of: input.asOf,
          url: input.url,
          fields: JSON.stringify(input.kind === 'backup-policy' ? input.backup : {}),
          created_at: this.clock.now().toISOString(),
        })
        .execute();
      await this.audit.record(actor, { action: `transparency.document.${input.kind}`, subjectType: 'organisation', subjectId: organisationId }, trx);
    });
  }

  /** Newest first within each kind; the first backup policy is the one in force. */
  async list(organisationId: string): Promise<TransparencyDocument[]> {
    const rows = await this.db.selectFrom('transparency_documents').selectAll().where('organisation_id', '=', organisationId).orderBy('kind').orderBy('as_of', 'desc').orderBy('created_at', 'desc').execute();
    const now = this.clock.now().getTime();
    return rows.map((r) => ({
      kind: r.kind,
      title: r.title,
      asOf: r.as_of,
      url: r.url,
      backup: r.kind === 'backup-policy' ? (JSON.parse(r.fields) as BackupPolicyFields) : null,
      stale: now - new Date(`${r.as_of}T00:00:00Z`).getTime() > YEAR_MS,
    }));
  }
}
