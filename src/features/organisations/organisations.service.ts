import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor, AuditTrail } from '../../platform/audit/audit-trail.ts';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/secret-token.ts';
import { checkInput } from '../../platform/http/check-input.ts';
import { AppError } from '../../platform/http/errors.ts';
import { OrganisationKindName, OrganisationName, Slug } from './organisations.schemas.ts';
import { localized } from '../../platform/i18n/locale.ts';
import type { ViewerMembership } from '../accounts/viewer.ts';
import { organisationsText } from './organisations.messages.ts';
import type { OrganisationKind, OrganisationRole } from './organisations.table.ts';

/** Organisations and who belongs to them. */
export class OrganisationsService {
  readonly #onDeleted: ((organisationId: string, trx: Kysely<Database>) => Promise<void>)[] = [];

  constructor(
    private readonly db: Kysely<Database>,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async create(input: { slug: string; name: string; kind: OrganisationKind }, actor: Actor) {
    const slug = input.slug.trim().toLowerCase();
    checkInput({ slug: { schema: Slug, value: slug }, name: { schema: OrganisationName, value: input.name.trim() }, kind: { schema: OrganisationKindName, value: input.kind } });
    const taken = () =>
      AppError.field('slug_taken', 'slug', localized(organisationsText, (m) => m.errors.slugTaken), 409);
    if (await this.findBySlug(slug)) throw taken();
    const now = this.clock.now().toISOString();
    const id = newId();
    try {
      await this.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('organisations')
          .values({ id, slug, name: input.name.trim(), kind: input.kind, created_at: now, updated_at: now })
          .execute();
        await this.audit.record(actor, { action: 'organisation.create', subjectType: 'organisation', subjectId: id }, trx);
      });
    } catch (error) {
      if (await this.findBySlug(slug)) throw taken();
      throw error;
    }
    return { id, slug, name: input.name.trim(), kind: input.kind, created_at: now };
  }

  findBySlug(slug: string, trx: Kysely<Database> = this.db) {
    return trx.selectFrom('organisations').selectAll().where('slug', '=', slug).executeTakeFirst();
  }

  async getBySlug(slug: string) {
    const organisation = await this.findBySlug(slug);
    if (!organisation) throw AppError.notFound();
    return organisation;
  }

  async getById(id: string) {
    const organisation = await this.db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
    if (!organisation) throw AppError.notFound();
    return organisation;
  }

  list() {
    return this.db.selectFrom('organisations').selectAll().orderBy('name').execute();
  }

  async addMember(organisationId: string, accountId: string, role: OrganisationRole, actor: Actor): Promise<void> {
    const existing = await this.db
      .selectFrom('organisation_members')
      .select('role')
      .where('organisation_id', '=', organisationId)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    if (existing) {
      throw AppError.field('already_member', 'member', localized(organisationsText, (m) => m.errors.alreadyMember), 409);
    }
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('organisation_members')
        .values({ organisation_id: organisationId, account_id: accountId, role, joined_at: this.clock.now().toISOString() })
        .execute();
      await this.audit.record(actor, { action: 'organisation.member.add', subjectType: 'organisation', subjectId: organisationId }, trx);
    });
  }

  async removeMember(organisationId: string, accountId: string, actor: Actor): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const result = await trx
        .deleteFrom('organisation_members')
        .where('organisation_id', '=', organisationId)
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) throw AppError.notFound();
      await this.audit.record(actor, { action: 'organisation.member.remove', subjectType: 'organisation', subjectId: organisationId }, trx);
    });
  }

  members(organisationId: string) {
    return this.db
      .selectFrom('organisation_members')
      .innerJoin('accounts', 'accounts.id', 'organisation_members.account_id')
      .select(['accounts.id as account_id', 'accounts.username', 'organisation_members.role', 'organisation_members.joined_at'])
      .where('organisation_members.organisation_id', '=', organisationId)
      .orderBy('accounts.username')
      .execute();
  }

  /** The delegates of these organisations, with the language to write to them in. */
  async delegatesOf(organisationIds: string[], trx: Kysely<Database> = this.db) {
    if (organisationIds.length === 0) return [];
    return trx
      .selectFrom('organisation_members')
      .innerJoin('accounts', 'accounts.id', 'organisation_members.account_id')
      .select(['accounts.id', 'accounts.locale', 'organisation_members.organisation_id'])
      .where('organisation_members.organisation_id', 'in', organisationIds)
      .where('organisation_members.role', '=', 'delegate')
      .where('accounts.status', '=', 'active')
      .execute();
  }

  async membershipsOf(accountId: string): Promise<ViewerMembership[]> {
    const rows = await this.db
      .selectFrom('organisation_members')
      .innerJoin('organisations', 'organisations.id', 'organisation_members.organisation_id')
      .select(['organisations.id', 'organisations.slug', 'organisations.name', 'organisations.kind', 'organisation_members.role'])
      .where('organisation_members.account_id', '=', accountId)
      .orderBy('organisations.name')
      .execute();
    return rows.map((r) => ({ organisationId: r.id, slug: r.slug, name: r.name, kind: r.kind, role: r.role }));
  }

  /** Other capabilities that must forget the organisation in the same transaction (only `trx` may be used there). */
  onDeleted(listener: (organisationId: string, trx: Kysely<Database>) => Promise<void>): void {
    this.#onDeleted.push(listener);
  }

  /** Deletes the organisation for good; its members' accounts remain theirs. */
  async delete(organisationId: string, actor: Actor): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (const listener of this.#onDeleted) await listener(organisationId, trx);
      await trx.deleteFrom('organisations').where('id', '=', organisationId).execute();
      await this.audit.record(actor, { action: 'organisation.delete', subjectType: 'organisation', subjectId: null }, trx);
    });
  }
}
