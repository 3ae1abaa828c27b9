import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { DAY, type Clock } from '../../platform/clock.ts';
import { hashSecretToken, newSecretToken } from '../../platform/crypto/secret-token.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';

const LINK_LIFETIME_MS = DAY;

/**
 * First start: while no account exists, a one-time link lets the first person
 * create the first steward. Issuing a new link cancels the previous one.
 */
export class SetupService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly accounts: AccountsService,
    private readonly clock: Clock,
  ) {}

  async needed(): Promise<boolean> {
    return (await this.accounts.count()) === 0;
  }

  async issueLink(): Promise<string> {
    const token = newSecretToken();
    const now = this.clock.now();
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('setup_links').execute();
      await trx
        .insertInto('setup_links')
        .values({
          token_hash: hashSecretToken(token),
          created_at: now.toISOString(),
          expires_at: new Date(now.getTime() + LINK_LIFETIME_MS).toISOString(),
        })
        .execute();
    });
    return token;
  }

  async isValid(token: string): Promise<boolean> {
    const link = await this.db
      .selectFrom('setup_links')
      .select('expires_at')
      .where('token_hash', '=', hashSecretToken(token))
      .executeTakeFirst();
    return !!link && new Date(link.expires_at) > this.clock.now() && (await this.needed());
  }

  /** Creates the first steward and spends the link. */
  async createFirstSteward(token: string, username: string, password: string) {
    if (!(await this.isValid(token))) throw AppError.notFound();
    const spent = await this.db.deleteFrom('setup_links').where('token_hash', '=', hashSecretToken(token)).executeTakeFirst();
    // Two browsers racing on one link: only the one that spent it goes on.
    if (Number(spent.numDeletedRows) !== 1) throw AppError.notFound();
    return this.accounts.create({ username, password, roles: ['steward'] }, 'system');
  }

  async purgeExpired(): Promise<void> {
    await this.db.deleteFrom('setup_links').where('expires_at', '<=', this.clock.now().toISOString()).execute();
  }
}
