import { nextNumber } from '../../db/next-number.ts';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import { Literals } from '../../platform/http/api-schemas.ts';
import type { Database } from '../../db/schema.ts';
import type { Actor, AuditTrail } from '../../platform/audit/audit-trail.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldCipher } from '../../platform/crypto/field-cipher.ts';
import { newId } from '../../platform/crypto/secret-token.ts';
import { CalendarDay, isCalendarDay } from '../../platform/http/calendar-day.ts';
import { checkInput } from '../../platform/http/check-input.ts';
import { AppError } from '../../platform/http/errors.ts';
import { localized } from '../../platform/i18n/locale.ts';
import type { Viewer } from '../accounts/viewer.ts';
import { legalRequestsText } from './legal-requests.messages.ts';
import { canReadLegalRequest } from './legal-requests.policy.ts';
import { AUTHORITY_KINDS, OUTCOMES, PUBLICATIONS, REQUEST_KINDS, type LegalRequestsTable } from './legal-requests.table.ts';


export const LegalRequestBody = Type.Object(
  {
    receivedOn: CalendarDay,
    authorityKind: Literals(AUTHORITY_KINDS),
    requestKind: Literals(REQUEST_KINDS),
    legalOrder: Type.Boolean(),
    dataRequested: Type.String({ maxLength: 5000 }),
    notes: Type.String({ maxLength: 5000 }),
    outcome: Literals(OUTCOMES),
    publication: Literals(PUBLICATIONS),
    publishAfter: Type.Union([CalendarDay, Type.Null()]),
  },
  { additionalProperties: false },
);
export type LegalRequestInput = {
  receivedOn: string;
  authorityKind: LegalRequestsTable['authority_kind'];
  requestKind: LegalRequestsTable['request_kind'];
  legalOrder: boolean;
  dataRequested: string;
  notes: string;
  outcome: LegalRequestsTable['outcome'];
  publication: LegalRequestsTable['publication'];
  publishAfter: string | null;
};

export interface LegalRequest extends LegalRequestInput {
  number: number;
  publishedAt: string | null;
}

/** The register of legal and authority requests of each provider. */
export class LegalRequestsService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  #check(input: LegalRequestInput): void {
    checkInput(Object.fromEntries(Object.entries(LegalRequestBody.properties).map(([field, schema]) => [field, { schema, value: (input as unknown as Record<string, unknown>)[field] }])));
    const fail = (code: string, field: string, pick: (m: (typeof legalRequestsText)['en']) => string) => AppError.field(code, field, localized(legalRequestsText, pick));
    if (!isCalendarDay(input.receivedOn)) throw fail('bad_date', 'receivedOn', (m) => m.errors.badDate);
    if (input.receivedOn > this.#today()) throw fail('received_in_future', 'receivedOn', (m) => m.errors.receivedInFuture);
    if (input.publication === 'after-date' && (!input.publishAfter || !isCalendarDay(input.publishAfter))) throw fail('publish_after_needed', 'publishAfter', (m) => m.errors.publishAfterNeeded);
  }

  #today(): string {
    return this.clock.now().toISOString().slice(0, 10);
  }

  /** When an entry is published: now, on its date once it has come, or not until the provider says so. */
  #publishedAt(input: LegalRequestInput, previous: string | null): string | null {
    if (previous) return previous;
    if (input.publication === 'now') return this.clock.now().toISOString();
    if (input.publication === 'after-date' && input.publishAfter! <= this.#today()) return this.clock.now().toISOString();
    return null;
  }

  async record(organisationId: string, input: LegalRequestInput, actor: Actor): Promise<number> {
    this.#check(input);
    const now = this.clock.now().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const number = await nextNumber(trx, 'legal_requests', 'organisation_id', organisationId);
      const id = newId();
      await trx
        .insertInto('legal_requests')
        .values({ id, organisation_id: organisationId, number, ...this.#row(id, input), published_at: this.#publishedAt(input, null), created_at: now, updated_at: now })
        .execute();
      await this.audit.record(actor, { action: 'legal-request.record', subjectType: 'organisation', subjectId: organisationId }, trx);
      return number;
    });
  }

  async update(organisationId: string, number: number, input: LegalRequestInput, actor: Actor): Promise<void> {
    this.#check(input);
    await this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('legal_requests').select(['id', 'published_at']).where('organisation_id', '=', organisationId).where('number', '=', number).executeTakeFirst();
      if (!row) throw AppError.notFound();
      await trx
        .updateTable('legal_requests')
        .set({ ...this.#row(row.id, input), published_at: this.#publishedAt(input, row.published_at), updated_at: this.clock.now().toISOString() })
        .where('id', '=', row.id)
        .execute();
      await this.audit.record(actor, { action: 'legal-request.update', subjectType: 'organisation', subjectId: organisationId }, trx);
    });
  }

  /** The provider says it may now legally publish an entry it held back. */
  async publishNow(organisationId: string, number: number, actor: Actor): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('legal_requests')
        .set({ published_at: this.clock.now().toISOString() })
        .where('organisation_id', '=', organisationId)
        .where('number', '=', number)
        .where('published_at', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw AppError.notFound();
      await this.audit.record(actor, { action: 'legal-request.publish', subjectType: 'organisation', subjectId: organisationId }, trx);
    });
  }

  /** Publishes every held-back entry whose date has come (the hourly job). */
  async publishDue(): Promise<number> {
    const result = await this.db
      .updateTable('legal_requests')
      .set({ published_at: this.clock.now().toISOString() })
      .where('published_at', 'is', null)
      .where('publication', '=', 'after-date')
      .where('publish_after', '<=', this.#today())
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  #row(id: string, input: LegalRequestInput) {
    return {
      received_on: input.receivedOn,
      authority_kind: input.authorityKind,
      request_kind: input.requestKind,
      legal_order: input.legalOrder ? 1 : 0,
      details_enc: this.cipher.encrypt(JSON.stringify({ dataRequested: input.dataRequested, notes: input.notes }), `legal_requests.details:${id}`),
      outcome: input.outcome,
      publication: input.publication,
      publish_after: input.publication === 'after-date' ? input.publishAfter : null,
    };
  }

  /** The entries this viewer may read, newest first: published ones, and held-back ones for the provider's delegates and stewards. */
  async visibleTo(viewer: Viewer | null, organisationId: string): Promise<LegalRequest[]> {
    const rows = await this.db.selectFrom('legal_requests').selectAll().where('organisation_id', '=', organisationId).orderBy('number', 'desc').execute();
    return rows
      .filter((row) => canReadLegalRequest(viewer, row))
      .map((row) => {
        const details = JSON.parse(this.cipher.decrypt(row.details_enc, `legal_requests.details:${row.id}`)) as { dataRequested: string; notes: string };
        return {
          number: row.number,
          receivedOn: row.received_on,
          authorityKind: row.authority_kind,
          requestKind: row.request_kind,
          legalOrder: row.legal_order === 1,
          dataRequested: details.dataRequested,
          notes: details.notes,
          outcome: row.outcome,
          publication: row.publication,
          publishAfter: row.publish_after,
          publishedAt: row.published_at,
        };
      });
  }

  /** Counts per year and kind of request, held-back entries included: their existence is public, not their content. */
  async counts(organisationId: string): Promise<{ year: string; requestKind: string; count: number }[]> {
    const rows = await this.db.selectFrom('legal_requests').select(['received_on', 'request_kind']).where('organisation_id', '=', organisationId).execute();
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(`${r.received_on.slice(0, 4)}|${r.request_kind}`, (counts.get(`${r.received_on.slice(0, 4)}|${r.request_kind}`) ?? 0) + 1);
    return [...counts]
      .map(([key, count]) => {
        const [year, requestKind] = key.split('|') as [string, string];
        return { year, requestKind, count };
      })
      .sort((a, b) => b.year.localeCompare(a.year) || a.requestKind.localeCompare(b.requestKind));
  }
}
