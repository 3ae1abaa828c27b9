import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/schema.ts';
import { formatDate, isLocale, type Locale } from '../../platform/i18n/locale.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { OrganisationsService } from '../organisations/organisations.service.ts';
import { departuresText } from './departures.messages.ts';
import type { BreachCase } from './departures.service.ts';
import type { MembershipService } from './membership.service.ts';

type Step = 'opened' | 'answered' | 'decided';

/**
 * Tells the people of a breach case of each step by e-mail, queued in the
 * step's transaction. The e-mail carries a link, never the notice or the
 * answer: those are read after logging in.
 */
export class DepartureNotices {
  constructor(
    private readonly config: Config,
    private readonly mailer: Mailer,
    private readonly accounts: AccountsService,
    private readonly organisations: OrganisationsService,
    private readonly membership: MembershipService,
  ) {}

  /** The member concerned gets its notice and the date its answer is due; the other members and the reviewers are told a case is open. */
  caseOpened(breachCase: BreachCase, trx: Kysely<Database>) {
    return this.send(breachCase, 'opened', trx);
  }
  /** The stewards, who record the outcome, and the members, who take stances, are told the member answered. */
  answered(breachCase: BreachCase, trx: Kysely<Database>) {
    return this.send(breachCase, 'answered', trx);
  }
  decided(breachCase: BreachCase, trx: Kysely<Database>) {
    return this.send(breachCase, 'decided', trx);
  }

  private async send(breachCase: BreachCase, step: Step, trx: Kysely<Database>): Promise<void> {
    // Everything is read through the step's transaction: SQLite has one connection, held by it.
    const concerned = breachCase.organisation.id;
    const others = [...(await this.membership.memberOrganisationIds(trx))].filter((id) => id !== concerned);
    const recipients = new Map<string, { locale: Locale; concerned: boolean }>();
    const add = (rows: { id: string; locale: string | null }[], isConcerned = false) => {
      for (const row of rows) recipients.set(row.id, { locale: isLocale(row.locale) ? row.locale : 'en', concerned: isConcerned || (recipients.get(row.id)?.concerned ?? false) });
    };
    add(await this.organisations.delegatesOf(others, trx));
    add(await this.accounts.withRole('reviewer', trx));
    if (step === 'answered') add(await this.accounts.withRole('steward', trx));
    if (step !== 'answered') add(await this.organisations.delegatesOf([concerned], trx), true);
    const link = new URL(`/membership/breach/${breachCase.number}`, this.config.publicUrl).toString();
    for (const [accountId, { locale, concerned: isConcerned }] of recipients) {
      const m = departuresText[locale].notices;
      const body =
        step === 'opened' && isConcerned
          ? m.noticeToMember(breachCase.organisation.name, formatDate(breachCase.answer_ends_at, locale), link)
          : m[step](breachCase.organisation.name, link);
      await this.mailer.notify(accountId, { subject: m.subject(breachCase.number, breachCase.organisation.name), text: body, sensitive: false }, trx);
    }
  }
}
