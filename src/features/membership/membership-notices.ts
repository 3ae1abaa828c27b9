import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/schema.ts';
import { isLocale, type Locale } from '../../platform/i18n/locale.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { OrganisationsService } from '../organisations/organisations.service.ts';
import { membershipText } from './membership.messages.ts';
import type { MembershipService } from './membership.service.ts';

type Step = 'submitted' | 'comment' | 'stance' | 'decided';
interface About {
  id: string;
  number: number;
  organisation: { id: string; name: string };
}

/**
 * Tells the applicant and the reviewers of each step of an application by
 * e-mail (queued in the same transaction as the step, so none is lost).
 */
export class MembershipNotices {
  constructor(
    private readonly config: Config,
    private readonly mailer: Mailer,
    private readonly accounts: AccountsService,
    private readonly organisations: OrganisationsService,
    private readonly membership: MembershipService,
  ) {}

  applicationSubmitted(application: About, trx: Kysely<Database>) {
    return this.send(application, 'submitted', trx);
  }
  commentAdded(application: About, trx: Kysely<Database>) {
    return this.send(application, 'comment', trx);
  }
  stanceTaken(application: About, trx: Kysely<Database>) {
    return this.send(application, 'stance', trx);
  }
  decided(application: About, trx: Kysely<Database>) {
    return this.send(application, 'decided', trx);
  }

  private async send(application: About, step: Step, trx: Kysely<Database>): Promise<void> {
    // Everything is read through the step's transaction: SQLite has one connection, held by it.
    const memberIds = [...(await this.membership.memberOrganisationIds(trx))];
    const recipients = new Map<string, Locale>();
    const add = (rows: { id: string; locale: string | null }[]) => {
      for (const row of rows) recipients.set(row.id, isLocale(row.locale) ? row.locale : 'en');
    };
    add(await this.organisations.delegatesOf([application.organisation.id], trx));
    add(await this.accounts.withRole('reviewer', trx));
    if (step === 'submitted' || step === 'decided') add(await this.organisations.delegatesOf(memberIds, trx));
    const link = new URL(`/membership/applications/${application.number}`, this.config.publicUrl).toString();
    for (const [accountId, locale] of recipients) {
      const m = membershipText[locale].notices;
      await this.mailer.notify(accountId, { subject: m.subject(application.number, application.organisation.name), text: m[step](link), sensitive: false }, trx);
    }
  }
}
