import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor, AuditTrail } from '../../platform/audit/audit-trail.ts';
import { MINUTE, type Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/secret-token.ts';
import { AppError } from '../../platform/http/errors.ts';
import { commonText } from '../../platform/i18n/common.messages.ts';
import { localized } from '../../platform/i18n/locale.ts';
import type { AgendaItem, AgendaSource } from './agenda.ts';
import { meetingsText } from './meetings.messages.ts';
import type { MeetingsTable } from './meetings.table.ts';

/** The longest meeting a steward can schedule; also how far back "still going on" looks. */
export const MAX_DURATION_MINUTES = 12 * 60;

export interface Meeting {
  id: string;
  /** ISO-8601 UTC. */
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  /** For the coalition's people only: see meetings.policy.ts. */
  locationNote: string;
  createdAt: string;
  cancelledAt: string | null;
}

/**
 * The monthly meetings where the members review applications. Stewards
 * schedule and cancel them; other features put items on their agenda
 * through an AgendaSource.
 */
export class MeetingsService {
  readonly #sources: AgendaSource[] = [];

  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  /** Schedules a meeting; a start that is not in the future is refused (field `date`). */
  async schedule(startsAt: Date, durationMinutes: number, locationNote: string, actor: Actor): Promise<Meeting> {
    if (!(startsAt.getTime() > this.clock.now().getTime())) {
      throw AppError.field('meeting_in_past', 'date', localized(meetingsText, (m) => m.errors.inPast));
    }
    if (!Number.isInteger(durationMinutes) || durationMinutes < 1 || durationMinutes > MAX_DURATION_MINUTES) {
      throw AppError.invalid([{ field: 'durationMinutes', text: localized(commonText, (m) => m.validation.number('durationMinutes')) }]);
    }
    const row = {
      id: newId(),
      starts_at: startsAt.toISOString(),
      duration_minutes: durationMinutes,
      location_note: locationNote.trim(),
      created_at: this.clock.now().toISOString(),
      cancelled_at: null,
    };
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('meetings').values(row).execute();
      await this.audit.record(actor, { action: 'meeting.schedule', subjectType: 'meeting', subjectId: row.id }, trx);
    });
    return toMeeting(row);
  }

  /** Cancels a meeting; cancelling it again changes nothing. */
  async cancel(id: string, actor: Actor): Promise<Meeting> {
    const meeting = await this.get(id);
    if (meeting.cancelledAt) return meeting;
    const cancelledAt = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('meetings').set({ cancelled_at: cancelledAt }).where('id', '=', id).execute();
      await this.audit.record(actor, { action: 'meeting.cancel', subjectType: 'meeting', subjectId: id }, trx);
    });
    return { ...meeting, cancelledAt };
  }

  async get(id: string): Promise<Meeting> {
    const row = await this.db.selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw AppError.notFound();
    return toMeeting(row);
  }

  /** Meetings not over yet (cancelled ones included, so people learn of it), soonest first. */
  async upcoming(): Promise<Meeting[]> {
    const now = this.clock.now();
    const rows = await this.startingFrom(new Date(now.getTime() - MAX_DURATION_MINUTES * MINUTE));
    return rows.filter((m) => m.endsAt > now.toISOString());
  }

  /** Every meeting starting at or after `from`, cancelled ones included, soonest first. */
  async startingFrom(from: Date): Promise<Meeting[]> {
    const rows = await this.db
      .selectFrom('meetings')
      .selectAll()
      .where('starts_at', '>=', from.toISOString())
      .orderBy('starts_at')
      .orderBy('id')
      .execute();
    return rows.map(toMeeting);
  }

  /** The first meeting that is not cancelled and starts after `date`. */
  async nextAfter(date: Date): Promise<Meeting | undefined> {
    const row = await this.db
      .selectFrom('meetings')
      .selectAll()
      .where('starts_at', '>', date.toISOString())
      .where('cancelled_at', 'is', null)
      .orderBy('starts_at')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    return row ? toMeeting(row) : undefined;
  }

  addAgendaSource(source: AgendaSource): void {
    this.#sources.push(source);
  }

  /** Each meeting with its agenda. */
  async withAgendas(meetings: Meeting[]): Promise<{ meeting: Meeting; agenda: AgendaItem[] }[]> {
    return Promise.all(meetings.map(async (meeting) => ({ meeting, agenda: await this.agenda(meeting) })));
  }

  /** Every source's items, in the order the sources were added. */
  async agenda(meeting: Pick<Meeting, 'id' | 'startsAt'>): Promise<AgendaItem[]> {
    const lists = await Promise.all(this.#sources.map((source) => source({ id: meeting.id, startsAt: meeting.startsAt })));
    return lists.flat();
  }
}

function toMeeting(row: Selectable<MeetingsTable>): Meeting {
  return {
    id: row.id,
    startsAt: row.starts_at,
    endsAt: new Date(new Date(row.starts_at).getTime() + row.duration_minutes * MINUTE).toISOString(),
    durationMinutes: Number(row.duration_minutes),
    locationNote: row.location_note,
    createdAt: row.created_at,
    cancelledAt: row.cancelled_at,
  };
}
