import { nextNumber } from '../../db/next-number.ts';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import type { Database } from '../../db/schema.ts';
import type { Actor, AuditTrail } from '../../platform/audit/audit-trail.ts';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/secret-token.ts';
import { checkInput } from '../../platform/http/check-input.ts';
import { AppError } from '../../platform/http/errors.ts';
import { localized } from '../../platform/i18n/locale.ts';
import { incidentsText } from './incidents.messages.ts';
import { INCIDENT_STATUSES, type IncidentScope, type IncidentStatus } from './incidents.table.ts';

const Status = Type.Union(INCIDENT_STATUSES.map((s) => Type.Literal(s)));
export const IncidentInput = Type.Object({
  title: Type.String({ minLength: 3, maxLength: 200 }),
  services: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 50 }),
  startedAt: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}' }),
  body: Type.String({ minLength: 1, maxLength: 10_000 }),
});
export const UpdateInput = Type.Object({ status: Status, body: Type.String({ minLength: 1, maxLength: 10_000 }) });
export const PostMortemInput = Type.Object({ postMortem: Type.String({ minLength: 1, maxLength: 50_000 }) });

export interface Incident {
  number: number;
  title: string;
  services: string[];
  status: IncidentStatus;
  startedAt: string;
  endedAt: string | null;
  postMortem: string | null;
  updatedAt: string;
  updates: { at: string; status: IncidentStatus; body: string }[];
}

/** The technical incident journal of a provider, or of the coalition: public, kept by the provider's delegates (stewards for the coalition). */
export class IncidentsService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async open(scope: IncidentScope, input: { title: string; services: string[]; startedAt: string; body: string }, actor: Actor): Promise<number> {
    checkInput({ title: { schema: IncidentInput.properties.title, value: input.title }, services: { schema: IncidentInput.properties.services, value: input.services }, startedAt: { schema: IncidentInput.properties.startedAt, value: input.startedAt }, body: { schema: IncidentInput.properties.body, value: input.body } });
    const started = new Date(input.startedAt.length === 16 ? `${input.startedAt}:00Z` : input.startedAt);
    if (Number.isNaN(started.getTime())) throw AppError.field('bad_date', 'startedAt', localized(incidentsText, (m) => m.errors.badDate));
    if (started.getTime() > this.clock.now().getTime() + 60_000) throw AppError.field('started_in_future', 'startedAt', localized(incidentsText, (m) => m.errors.startedInFuture));
    const now = this.clock.now().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const number = await nextNumber(trx, 'incidents', 'scope', scope);
      const id = newId();
      await trx
        .insertInto('incidents')
        .values({ id, scope, number, title: input.title.trim(), services: JSON.stringify(input.services), status: 'investigating', started_at: started.toISOString(), ended_at: null, post_mortem: null, created_at: now, updated_at: now })
        .execute();
      await trx.insertInto('incident_updates').values({ id: newId(), incident_id: id, at: now, status: 'investigating', body: input.body.trim() }).execute();
      await this.audit.record(actor, { action: 'incident.open', subjectType: 'incident', subjectId: id }, trx);
      return number;
    });
  }

  /** A status update; "resolved" also ends the incident. */
  async addUpdate(scope: IncidentScope, number: number, input: { status: IncidentStatus; body: string }, actor: Actor): Promise<void> {
    checkInput({ status: { schema: UpdateInput.properties.status, value: input.status }, body: { schema: UpdateInput.properties.body, value: input.body } });
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const incident = await trx.selectFrom('incidents').select(['id', 'ended_at']).where('scope', '=', scope).where('number', '=', number).executeTakeFirst();
      if (!incident) throw AppError.notFound();
      await trx.insertInto('incident_updates').values({ id: newId(), incident_id: incident.id, at: now, status: input.status, body: input.body.trim() }).execute();
      await trx
        .updateTable('incidents')
        .set({ status: input.status, ended_at: input.status === 'resolved' ? (incident.ended_at ?? now) : null, updated_at: now })
        .where('id', '=', incident.id)
        .execute();
      await this.audit.record(actor, { action: 'incident.update', subjectType: 'incident', subjectId: incident.id }, trx);
    });
  }

  async setPostMortem(scope: IncidentScope, number: number, postMortem: string, actor: Actor): Promise<void> {
    checkInput({ postMortem: { schema: PostMortemInput.properties.postMortem, value: postMortem } });
    await this.db.transaction().execute(async (trx) => {
      const incident = await trx.selectFrom('incidents').select(['id', 'status']).where('scope', '=', scope).where('number', '=', number).executeTakeFirst();
      if (!incident) throw AppError.notFound();
      if (incident.status !== 'resolved') throw AppError.field('not_resolved', 'postMortem', localized(incidentsText, (m) => m.errors.notResolved));
      await trx.updateTable('incidents').set({ post_mortem: postMortem.trim(), updated_at: this.clock.now().toISOString() }).where('id', '=', incident.id).execute();
      await this.audit.record(actor, { action: 'incident.post-mortem', subjectType: 'incident', subjectId: incident.id }, trx);
    });
  }

  /** Newest first, each with its updates in order. */
  async list(scope: IncidentScope, limit = 100): Promise<Incident[]> {
    return this.#read(scope, null, limit);
  }

  async get(scope: IncidentScope, number: number): Promise<Incident> {
    const [found] = await this.#read(scope, number, 1);
    if (!found) throw AppError.notFound();
    return found;
  }

  async #read(scope: IncidentScope, number: number | null, limit: number): Promise<Incident[]> {
    const rows = await this.db
      .selectFrom('incidents')
      .selectAll()
      .where('scope', '=', scope)
      .$if(number !== null, (q) => q.where('number', '=', number!))
      .orderBy('number', 'desc')
      .limit(limit)
      .execute();
    if (rows.length === 0) return [];
    const updates = await this.db.selectFrom('incident_updates').selectAll().where('incident_id', 'in', rows.map((r) => r.id)).orderBy('at').orderBy('id').execute();
    return rows.map((r) => ({
      number: r.number,
      title: r.title,
      services: JSON.parse(r.services) as string[],
      status: r.status,
      startedAt: r.started_at,
      endedAt: r.ended_at,
      postMortem: r.post_mortem,
      updatedAt: r.updated_at,
      updates: updates.filter((u) => u.incident_id === r.id).map((u) => ({ at: u.at, status: u.status, body: u.body })),
    }));
  }
}
