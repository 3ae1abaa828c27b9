import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor, AuditTrail } from '../../platform/audit/audit-trail.ts';
import type { Clock } from '../../platform/clock.ts';
import { AppError } from '../../platform/http/errors.ts';
import { localized } from '../../platform/i18n/locale.ts';
import { departuresText } from './departures.messages.ts';
import { membershipText } from './membership.messages.ts';
import type { DepartureKind } from './membership.table.ts';

/** Which organisations are members of the coalition, since when, and how they left. */
export class MembershipService {
  readonly #onChanged: ((organisationId: string, trx: Kysely<Database>) => Promise<void>)[] = [];

  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  /** Other capabilities that show membership (the directory) hear of every admission and departure, in its transaction. */
  onChanged(listener: (organisationId: string, trx: Kysely<Database>) => Promise<void>): void {
    this.#onChanged.push(listener);
  }

  async memberOrganisationIds(trx: Kysely<Database> = this.db): Promise<Set<string>> {
    const rows = await trx.selectFrom('coalition_memberships').select('organisation_id').where('status', '=', 'member').execute();
    return new Set(rows.map((r) => r.organisation_id));
  }

  async isMember(organisationId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('coalition_memberships')
      .select('status')
      .where('organisation_id', '=', organisationId)
      .executeTakeFirst();
    return row?.status === 'member';
  }

  members() {
    return this.db
      .selectFrom('coalition_memberships')
      .innerJoin('organisations', 'organisations.id', 'coalition_memberships.organisation_id')
      .select([
        'organisations.id',
        'organisations.slug',
        'organisations.name',
        'organisations.kind',
        'coalition_memberships.joined_at',
        'coalition_memberships.joined_by',
        'coalition_memberships.confirmed_at',
        'coalition_memberships.confirmed_version',
      ])
      .where('coalition_memberships.status', '=', 'member')
      .orderBy('organisations.name')
      .execute();
  }

  /** Makes the organisation a member (on acceptance, or as a founding member recorded by a steward). */
  async admit(organisationId: string, joinedBy: 'application' | 'founding', charterVersion: number, actor: Actor, trx: Kysely<Database> = this.db): Promise<void> {
    const now = this.clock.now().toISOString();
    const existing = await trx.selectFrom('coalition_memberships').select('status').where('organisation_id', '=', organisationId).executeTakeFirst();
    if (existing?.status === 'member') {
      throw new AppError('already_member', 409, localized(membershipText, (m) => m.errors.alreadyMember));
    }
    const values = {
      status: 'member' as const,
      joined_at: now,
      joined_by: joinedBy,
      ended_at: null,
      end_kind: null,
      end_reason: null,
      confirmed_at: now,
      confirmed_version: charterVersion,
    };
    if (existing) await trx.updateTable('coalition_memberships').set(values).where('organisation_id', '=', organisationId).execute();
    else await trx.insertInto('coalition_memberships').values({ organisation_id: organisationId, ...values }).execute();
    // A member that comes back starts a fresh year: nothing it owed before it left is still due.
    await trx.deleteFrom('reconfirmation_dues').where('organisation_id', '=', organisationId).execute();
    await this.audit.record(actor, { action: `membership.admit.${joinedBy}`, subjectType: 'organisation', subjectId: organisationId }, trx);
    for (const listener of this.#onChanged) await listener(organisationId, trx);
  }

  /** Ends a membership at once: it left, its services ended, or the members removed it for breach. */
  async end(organisationId: string, kind: DepartureKind, reason: string, actor: Actor, trx: Kysely<Database> = this.db): Promise<void> {
    const result = await trx
      .updateTable('coalition_memberships')
      .set({ status: 'former', ended_at: this.clock.now().toISOString(), end_kind: kind, end_reason: reason })
      .where('organisation_id', '=', organisationId)
      .where('status', '=', 'member')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new AppError('not_member', 409, localized(departuresText, (m) => m.errors.notMember));
    await trx.deleteFrom('reconfirmation_dues').where('organisation_id', '=', organisationId).execute();
    await this.audit.record(actor, { action: `membership.end.${kind}`, subjectType: 'organisation', subjectId: organisationId }, trx);
    for (const listener of this.#onChanged) await listener(organisationId, trx);
  }

  /** Records that the member has re-confirmed it meets this version of the charter. */
  async confirm(organisationId: string, charterVersion: number, trx: Kysely<Database> = this.db): Promise<void> {
    await trx
      .updateTable('coalition_memberships')
      .set({ confirmed_at: this.clock.now().toISOString(), confirmed_version: charterVersion })
      .where('organisation_id', '=', organisationId)
      .where('status', '=', 'member')
      .execute();
  }
}
