import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Clock } from '../../platform/clock.ts';

/**
 * People who follow a provider, to be told when its warrant canary goes overdue or stops verifying.
 * Following can say something about a person's situation, so it is seen by nobody but that
 * person: not the provider, not the stewards, and it is never audited with the provider's name.
 */
export class FollowersService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  async follow(organisationId: string, accountId: string): Promise<void> {
    await this.db
      .insertInto('provider_followers')
      .values({ organisation_id: organisationId, account_id: accountId, followed_at: this.clock.now().toISOString() })
      .onConflict((oc) => oc.columns(['organisation_id', 'account_id']).doNothing())
      .execute();
  }

  async unfollow(organisationId: string, accountId: string): Promise<void> {
    await this.db.deleteFrom('provider_followers').where('organisation_id', '=', organisationId).where('account_id', '=', accountId).execute();
  }

  async isFollowing(organisationId: string, accountId: string): Promise<boolean> {
    const row = await this.db.selectFrom('provider_followers').select('account_id').where('organisation_id', '=', organisationId).where('account_id', '=', accountId).executeTakeFirst();
    return row !== undefined;
  }

  /** The providers an account follows, for its own page and its personal data export. */
  followedBy(accountId: string) {
    return this.db
      .selectFrom('provider_followers')
      .innerJoin('organisations', 'organisations.id', 'provider_followers.organisation_id')
      .select(['organisations.slug', 'organisations.name', 'provider_followers.followed_at'])
      .where('provider_followers.account_id', '=', accountId)
      .orderBy('organisations.name')
      .execute();
  }

  /** Active accounts following a provider, with the language to write to them in. */
  followersOf(organisationId: string, trx: Kysely<Database> = this.db) {
    return trx
      .selectFrom('provider_followers')
      .innerJoin('accounts', 'accounts.id', 'provider_followers.account_id')
      .select(['accounts.id', 'accounts.locale'])
      .where('provider_followers.organisation_id', '=', organisationId)
      .where('accounts.status', '=', 'active')
      .execute();
  }
}
