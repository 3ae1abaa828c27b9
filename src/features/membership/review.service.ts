import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/schema.ts';
import type { Actor, AuditTrail } from '../../platform/audit/audit-trail.ts';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/crypto/secret-token.ts';
import { AppError } from '../../platform/http/errors.ts';
import { localized } from '../../platform/i18n/locale.ts';
import type { Application, ApplicationsService } from './applications.service.ts';
import type { MembershipNotices } from './membership-notices.ts';
import { membershipText } from './membership.messages.ts';
import type { MembershipService } from './membership.service.ts';
import type { StanceValue } from './membership.table.ts';

export interface Tally {
  supports: number;
  standingObjections: number;
  standAsides: number;
}

/**
 * The members' review of an application: threaded comments, one stance per
 * member organisation, and the decision once the window has closed —
 * accepted with no standing objection and enough supports; a standing
 * objection is withdrawn by its member or overruled by a steward, in writing.
 */
export class ReviewService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly config: Config,
    private readonly applications: ApplicationsService,
    private readonly membership: MembershipService,
    private readonly notices: MembershipNotices,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  private requireInReview(application: Application): void {
    if (application.state !== 'in-review') throw new AppError('not_in_review', 409, localized(membershipText, (m) => m.errors.notInReview));
  }

  async comment(application: Application, author: { accountId: string; username: string }, body: string, parentId: string | null): Promise<void> {
    this.requireInReview(application);
    if (parentId) {
      const parent = await this.db.selectFrom('application_comments').select('id').where('id', '=', parentId).where('application_id', '=', application.id).executeTakeFirst();
      if (!parent) throw AppError.notFound();
    }
    await this.db.transaction().execute(async (trx) => {
      const id = newId();
      await trx
        .insertInto('application_comments')
        .values({ id, application_id: application.id, parent_id: parentId, author_id: author.accountId, body: body.trim(), created_at: this.clock.now().toISOString() })
        .execute();
      await this.audit.record(author, { action: 'application.comment', subjectType: 'application', subjectId: application.id }, trx);
      await this.notices.commentAdded(application, trx);
    });
  }

  comments(applicationId: string) {
    return this.db
      .selectFrom('application_comments')
      .leftJoin('accounts', 'accounts.id', 'application_comments.author_id')
      .select(['application_comments.id', 'application_comments.parent_id', 'application_comments.body', 'application_comments.created_at', 'accounts.username'])
      .where('application_comments.application_id', '=', applicationId)
      .orderBy('application_comments.created_at')
      .orderBy('application_comments.id')
      .execute();
  }

  /** A member organisation's stance, taken (or changed) by one of its delegates. */
  async takeStance(application: Application, delegate: { accountId: string; username: string }, organisationId: string, stance: StanceValue, reason: string): Promise<void> {
    this.requireInReview(application);
    if (stance === 'objection' && reason.trim() === '') {
      throw AppError.field('reason_required', 'reason', localized(membershipText, (m) => m.errors.objectionNeedsReason));
    }
    const now = this.clock.now().toISOString();
    const values = { account_id: delegate.accountId, stance, reason: reason.trim(), updated_at: now, overruled_at: null, overruled_reason: null };
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('stances')
        .values({ application_id: application.id, organisation_id: organisationId, ...values })
        .onConflict((oc) => oc.columns(['application_id', 'organisation_id']).doUpdateSet(values))
        .execute();
      await this.audit.record(delegate, { action: `application.stance.${stance}`, subjectType: 'application', subjectId: application.id }, trx);
      await this.notices.stanceTaken(application, trx);
    });
    // After the window, a withdrawn objection or a late support can settle it at once.
    await this.decideIfDue(await this.applications.get(application.id));
  }

  stances(applicationId: string) {
    return this.db
      .selectFrom('stances')
      .innerJoin('organisations', 'organisations.id', 'stances.organisation_id')
      .select(['stances.organisation_id', 'organisations.name', 'organisations.slug', 'stances.stance', 'stances.reason', 'stances.updated_at', 'stances.overruled_at', 'stances.overruled_reason'])
      .where('stances.application_id', '=', applicationId)
      .orderBy('organisations.name')
      .execute();
  }

  /** Only stances of organisations that are members now count. */
  async tally(applicationId: string): Promise<Tally> {
    const members = await this.membership.memberOrganisationIds();
    const stances = (await this.stances(applicationId)).filter((s) => members.has(s.organisation_id));
    return {
      supports: stances.filter((s) => s.stance === 'support').length,
      standingObjections: stances.filter((s) => s.stance === 'objection' && !s.overruled_at).length,
      standAsides: stances.filter((s) => s.stance === 'stand-aside').length,
    };
  }

  windowClosed(application: Application): boolean {
    return application.window_ends_at !== null && new Date(application.window_ends_at) <= this.clock.now();
  }

  /** A steward records that rough consensus overrules one objection, with a written reason the members see. */
  async overrule(application: Application, organisationId: string, reason: string, steward: Actor): Promise<void> {
    this.requireInReview(application);
    const now = this.clock.now().toISOString();
    const result = await this.db
      .updateTable('stances')
      .set({ overruled_at: now, overruled_reason: reason.trim() })
      .where('application_id', '=', application.id)
      .where('organisation_id', '=', organisationId)
      .where('stance', '=', 'objection')
      .where('overruled_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw AppError.notFound();
    await this.audit.record(steward, { action: 'application.objection.overrule', subjectType: 'application', subjectId: application.id });
    await this.decideIfDue(await this.applications.get(application.id));
  }

  /** A steward rejects after the window closed without acceptance; the reason is public. */
  async reject(application: Application, reason: string, steward: Actor): Promise<void> {
    this.requireInReview(application);
    if (!this.windowClosed(application)) throw new AppError('window_open', 409, localized(membershipText, (m) => m.errors.windowOpen));
    await this.decide(application, 'rejected', reason.trim(), steward);
  }

  async extend(application: Application, until: Date, steward: Actor): Promise<void> {
    this.requireInReview(application);
    if (until <= this.clock.now()) throw AppError.field('date_past', 'until', localized(membershipText, (m) => m.errors.datePast));
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('applications').set({ window_ends_at: until.toISOString(), updated_at: this.clock.now().toISOString() }).where('id', '=', application.id).execute();
      await this.audit.record(steward, { action: 'application.window.extend', subjectType: 'application', subjectId: application.id }, trx);
    });
  }

  /** Accepts the application if its window has closed with enough supports and no standing objection. */
  async decideIfDue(application: Application): Promise<boolean> {
    if (application.state !== 'in-review' || !this.windowClosed(application)) return false;
    const tally = await this.tally(application.id);
    if (tally.standingObjections > 0 || tally.supports < this.config.requiredSupports) return false;
    await this.decide(application, 'accepted', null, 'system');
    return true;
  }

  /** Due work: every application whose window has closed is decided when the rule allows. */
  async decideDue(): Promise<number> {
    const due = await this.db
      .selectFrom('applications')
      .select('id')
      .where('state', '=', 'in-review')
      .where('window_ends_at', '<=', this.clock.now().toISOString())
      .execute();
    let decided = 0;
    for (const row of due) if (await this.decideIfDue(await this.applications.get(row.id))) decided += 1;
    return decided;
  }

  private async decide(application: Application, outcome: 'accepted' | 'rejected', reason: string | null, actor: Actor): Promise<void> {
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('applications')
        .set({ state: 'decided', outcome, decided_at: now, decision_reason: reason, updated_at: now })
        .where('id', '=', application.id)
        .where('state', '=', 'in-review')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return; // decided meanwhile by another instance
      if (outcome === 'accepted') await this.membership.admit(application.organisation_id, 'application', application.charter_version, actor, trx);
      await this.audit.record(actor, { action: `application.${outcome}`, subjectType: 'application', subjectId: application.id }, trx);
      await this.notices.decided(application, trx);
    });
  }

  /** The public decision log: outcome, date and reason; never the comments. */
  decisions() {
    return this.db
      .selectFrom('applications')
      .innerJoin('organisations', 'organisations.id', 'applications.organisation_id')
      .select(['applications.number', 'organisations.name', 'organisations.slug', 'applications.outcome', 'applications.decided_at', 'applications.decision_reason'])
      .where('applications.state', '=', 'decided')
      .orderBy('applications.decided_at', 'desc')
      .execute();
  }
}
