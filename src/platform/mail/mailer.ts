import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/schema.ts';
import type { AccountsService } from '../../features/accounts/accounts.service.ts';
import { AppError } from '../http/errors.ts';
import { isLocale } from '../i18n/locale.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { mailText } from './mail.messages.ts';
import { encryptedMessage } from './pgp-mime.ts';

/** What Haven needs of an SMTP client (nodemailer's transporter, or a test double). */
export interface MailTransport {
  sendMail(message: { envelope: { from: string; to: string[] }; raw: string } | { from: string; to: string; subject: string; text: string }): Promise<unknown>;
}

export interface Notification {
  subject: string;
  text: string;
  /**
   * Content that must never travel in clear (AMBER or RED, anything about a
   * person at risk): sent only encrypted; without a key the person gets a
   * content-free nudge to log in.
   */
  sensitive: boolean;
}

interface MailJob extends Notification {
  accountId: string;
}

/**
 * E-mail notifications, sent from due work so a slow or absent mail server
 * never holds up a request and nothing acknowledged is lost. Encrypted with
 * OpenPGP whenever the recipient has a key.
 */
export interface InAppInbox {
  deliver(accountId: string, message: { subject: string; text: string }, trx?: Kysely<Database>): Promise<void>;
}

export class Mailer {
  readonly #transport: MailTransport | null;
  #inbox: InAppInbox | null = null;

  constructor(
    private readonly config: Config,
    private readonly accounts: AccountsService,
    private readonly jobs: JobQueue,
    private readonly log: FastifyBaseLogger,
    transport?: MailTransport,
  ) {
    this.#transport = transport ?? (config.smtpUrl ? nodemailer.createTransport(config.smtpUrl) : null);
    jobs.define('mail.send', (payload) => this.deliver(payload as MailJob));
    jobs.define('mail.nudge-address', (payload) => this.nudge(payload as { email: string; locale: string }));
  }

  get enabled(): boolean {
    return this.#transport !== null;
  }

  /** Where every notification is also kept for the person to read in Haven itself. */
  useInbox(inbox: InAppInbox): void {
    this.#inbox = inbox;
  }

  /**
   * Notifies the account in Haven and queues an e-mail, in the same
   * transaction as the change it reports when one is given.
   */
  async notify(accountId: string, notification: Notification, trx?: Kysely<Database>): Promise<void> {
    await this.#inbox?.deliver(accountId, { subject: notification.subject, text: notification.text }, trx);
    await this.jobs.enqueue('mail.send', { accountId, ...notification } satisfies MailJob, {}, trx);
  }

  /**
   * Tells an address that is no account's (a reporter who gave only an e-mail) that something
   * waits for them, saying nothing of what: Haven holds no key for it, so nothing more may travel.
   */
  async nudgeAddress(email: string, locale: string, trx?: Kysely<Database>): Promise<void> {
    await this.jobs.enqueue('mail.nudge-address', { email, locale }, {}, trx);
  }

  private async nudge(job: { email: string; locale: string }): Promise<void> {
    if (!this.#transport) return;
    const m = mailText[isLocale(job.locale) ? job.locale : 'en'];
    await this.#transport.sendMail({ from: this.config.mailFrom, to: job.email, subject: m.contentFreeSubject, text: m.contentFreeBody(this.config.publicUrl.toString()) });
  }

  private async deliver(job: MailJob): Promise<void> {
    if (!this.#transport) return;
    const account = await this.accounts.get(job.accountId).catch((error: unknown) => {
      // Deleted since: nothing to send. Any other error (the database is away)
      // fails the job, so that it is retried rather than lost.
      if (error instanceof AppError && error.code === 'not_found') return null;
      throw error;
    });
    if (!account) return;
    const { email, pgpKey } = this.accounts.contactDetails(account);
    if (!email) return;
    const from = this.config.mailFrom;
    const m = mailText[isLocale(account.locale) ? account.locale : 'en'];
    if (pgpKey) {
      const subject = job.sensitive ? m.contentFreeSubject : job.subject;
      const raw = await encryptedMessage({ from, to: email, subject, date: new Date() }, `${job.subject}\n\n${job.text}`, pgpKey).catch((error: unknown) => {
        // The key no longer works (it expired or was revoked since it was saved):
        // retrying cannot help, and the person chose encryption, so they get
        // the content-free nudge instead of nothing.
        this.log.warn(`notification key unusable, content-free nudge sent instead: ${error instanceof Error ? error.message : error}`);
        return null;
      });
      if (raw) {
        await this.#transport.sendMail({ envelope: { from: addressOf(from), to: [email] }, raw });
        return;
      }
    }
    if (job.sensitive || pgpKey) {
      await this.#transport.sendMail({ from, to: email, subject: m.contentFreeSubject, text: m.contentFreeBody(this.config.publicUrl.toString()) });
      return;
    }
    await this.#transport.sendMail({ from, to: email, subject: job.subject, text: job.text });
    this.log.debug('notification e-mail sent');
  }
}

function addressOf(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from;
}
