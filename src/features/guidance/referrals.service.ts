import { nextNumber } from '../../db/next-number.ts';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/schema.ts';
import type { Actor, AuditTrail } from '../../platform/audit/audit-trail.ts';
import type { Clock } from '../../platform/clock.ts';
import { DAY } from '../../platform/clock.ts';
import type { FieldCipher } from '../../platform/crypto/field-cipher.ts';
import { hashSecretToken, newId, newSecretToken } from '../../platform/crypto/secret-token.ts';
import { AppError } from '../../platform/http/errors.ts';
import { isLocale, localized } from '../../platform/i18n/locale.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { RiskLevel } from '../directory/directory.model.ts';
import type { OrganisationsService } from '../organisations/organisations.service.ts';
import type { SkillLevel } from './guidance.table.ts';
import type { Answers } from './questionnaire.ts';
import { referralsText } from './referrals.messages.ts';
import type { ReferralMessagesTable, ReferralStatus, ReferralsTable } from './referrals.table.ts';

/** Exactly what the person chose to share, as the provider will read it. */
export interface SharedDetails {
  level: RiskLevel;
  skill: SkillLevel;
  answers: Answers | null;
  contact: string | null;
  message: string | null;
}

export interface Referral {
  id: string;
  number: number;
  organisationId: string;
  status: ReferralStatus;
  level: RiskLevel;
  serviceCategory: string | null;
  /** Null once the person withdrew it, their consent was withdrawn, or it was purged. */
  shared: SharedDetails | null;
  intermediaryId: string | null;
  beneficiaryId: string | null;
  suggestedOrganisationId: string | null;
  createdAt: string;
  answeredAt: string | null;
  flaggedAt: string | null;
  messages: { author: 'person' | 'provider'; kind: ReferralMessagesTable['kind']; body: string; at: string }[];
}

const MAX_TEXT = 4000;
const text = (value: string | null | undefined, max = MAX_TEXT) => {
  const trimmed = (value ?? '').trim();
  return trimmed === '' ? null : trimmed.slice(0, max);
};

/**
 * Referrals with consent: a person asks one provider to contact them, sharing only what they chose.
 * The contents are encrypted; only the provider's delegates read them (and the intermediary who
 * sent it for a beneficiary); the person follows up through a secret link, without an account.
 */
export class ReferralsService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly config: Config,
    private readonly cipher: FieldCipher,
    private readonly organisations: OrganisationsService,
    private readonly accounts: AccountsService,
    private readonly mailer: Mailer,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  /** Sends a referral; returns the secret follow-up token, shown once to the person and never stored. */
  async create(
    input: { organisationId: string; serviceCategory: string | null; region: string | null; shared: SharedDetails; intermediary?: { organisationId: string; beneficiaryId: string; consentAt: string } },
    actor: Actor,
  ): Promise<{ id: string; number: number; token: string }> {
    const shared: SharedDetails = { ...input.shared, contact: text(input.shared.contact, 500), message: text(input.shared.message) };
    if (!shared.contact && !input.intermediary) throw AppError.field('referral_no_contact', 'contact', localized(referralsText, (m) => m.errors.noContact));
    const token = newSecretToken('ref_');
    const id = newId();
    const now = this.clock.now().toISOString();
    const number = await this.db.transaction().execute(async (trx) => {
      const number = await nextNumber(trx, 'referrals', 'organisation_id', input.organisationId);
      await trx
        .insertInto('referrals')
        .values({
          id,
          organisation_id: input.organisationId,
          number,
          token_hash: hashSecretToken(token),
          status: 'sent',
          level: shared.level,
          service_category: input.serviceCategory,
          region: input.region,
          content_cipher: this.cipher.encrypt(JSON.stringify(shared), `referrals.content:${id}`),
          intermediary_id: input.intermediary?.organisationId ?? null,
          beneficiary_id: input.intermediary?.beneficiaryId ?? null,
          consent_at: input.intermediary?.consentAt ?? null,
          consent_withdrawn_at: null,
          suggested_organisation_id: null,
          created_at: now,
          updated_at: now,
          answered_at: null,
          flagged_at: null,
          purged_at: null,
        })
        .execute();
      // The audit names the provider, never the person: the referral's own record holds the rest, encrypted.
      await this.audit.record(actor, { action: 'referral.create', subjectType: 'referral', subjectId: id }, trx);
      await this.tellDelegates(input.organisationId, number, 'new', trx);
      return number;
    });
    return { id, number, token };
  }

  /** The referral a secret link opens; anything else is "not found". */
  async byToken(token: string): Promise<Referral> {
    const row = await this.db.selectFrom('referrals').selectAll().where('token_hash', '=', hashSecretToken(token)).executeTakeFirst();
    if (!row) throw AppError.notFound();
    return this.read(row);
  }

  async byNumber(organisationId: string, number: number): Promise<Referral> {
    const row = await this.db.selectFrom('referrals').selectAll().where('organisation_id', '=', organisationId).where('number', '=', number).executeTakeFirst();
    if (!row) throw AppError.notFound();
    return this.read(row);
  }

  /** A provider's referrals, newest first, without their contents (the list shows only what it needs). */
  list(where: { organisationId: string } | { intermediaryId: string }) {
    const query = this.db.selectFrom('referrals').innerJoin('organisations', 'organisations.id', 'referrals.organisation_id').select(['referrals.number', 'referrals.status', 'referrals.level', 'referrals.service_category', 'referrals.created_at', 'referrals.answered_at', 'referrals.beneficiary_id', 'organisations.slug', 'organisations.name']);
    return ('organisationId' in where ? query.where('referrals.organisation_id', '=', where.organisationId) : query.where('referrals.intermediary_id', '=', where.intermediaryId)).orderBy('referrals.created_at', 'desc').execute();
  }

  /** The provider answers: accepts, declines (perhaps naming another provider), or asks a question. */
  async answer(referral: Referral, answer: { kind: 'accepted' | 'declined' | 'question'; body: string; suggestedOrganisationId?: string | null }, actor: Actor): Promise<void> {
    if (referral.shared === null || referral.status === 'declined' || referral.status === 'withdrawn') throw AppError.field('referral_closed', 'body', localized(referralsText, (m) => m.errors.closed), 409);
    const body = text(answer.body);
    if (!body) throw AppError.field('referral_empty', 'body', localized(referralsText, (m) => m.errors.emptyAnswer));
    const status: ReferralStatus = answer.kind;
    await this.db.transaction().execute(async (trx) => {
      const now = this.clock.now().toISOString();
      await trx
        .updateTable('referrals')
        .set({ status, answered_at: referral.answeredAt ?? now, updated_at: now, suggested_organisation_id: answer.kind === 'declined' ? (answer.suggestedOrganisationId ?? null) : referral.suggestedOrganisationId })
        .where('id', '=', referral.id)
        .execute();
      await this.addMessage(trx, referral.id, 'provider', answer.kind === 'question' ? 'question' : answer.kind, body, now);
      await this.audit.record(actor, { action: `referral.${answer.kind}`, subjectType: 'referral', subjectId: referral.id }, trx);
      if (referral.intermediaryId) await this.tellIntermediary(referral, trx);
    });
  }

  /** The person writes back through their link: an answer to a question sends the referral back to the provider. */
  async reply(referral: Referral, body: string): Promise<void> {
    if (referral.shared === null || referral.status === 'declined' || referral.status === 'withdrawn') throw AppError.field('referral_closed', 'body', localized(referralsText, (m) => m.errors.closed), 409);
    const message = text(body);
    if (!message) throw AppError.field('referral_empty', 'body', localized(referralsText, (m) => m.errors.emptyReply));
    await this.db.transaction().execute(async (trx) => {
      const now = this.clock.now().toISOString();
      await trx.updateTable('referrals').set({ status: referral.status === 'question' ? 'sent' : referral.status, updated_at: now }).where('id', '=', referral.id).execute();
      await this.addMessage(trx, referral.id, 'person', 'message', message, now);
      await this.tellDelegates(referral.organisationId, referral.number, 'reply', trx);
    });
  }

  /** The person (or the intermediary, when consent is withdrawn) takes it back: what was shared is deleted at once. */
  async withdraw(referral: Referral, why: 'person' | 'consent'): Promise<void> {
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('referral_messages').where('referral_id', '=', referral.id).execute();
      await trx
        .updateTable('referrals')
        .set({ status: 'withdrawn', content_cipher: null, updated_at: now, ...(why === 'consent' ? { consent_withdrawn_at: now } : {}) })
        .where('id', '=', referral.id)
        .execute();
      await this.audit.record('system', { action: why === 'consent' ? 'referral.consent-withdrawn' : 'referral.withdraw', subjectType: 'referral', subjectId: referral.id }, trx);
    });
  }

  /** Referrals nobody answered within the delay: flagged once, and the stewards told (without their contents). */
  async flagUnanswered(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - this.config.referralAnswerDays * DAY).toISOString();
    const rows = await this.db
      .selectFrom('referrals')
      .innerJoin('organisations', 'organisations.id', 'referrals.organisation_id')
      .select(['referrals.id', 'referrals.number', 'organisations.name'])
      .where('referrals.answered_at', 'is', null)
      .where('referrals.flagged_at', 'is', null)
      .where('referrals.status', '=', 'sent')
      .where('referrals.created_at', '<', before)
      .execute();
    for (const row of rows) {
      await this.db.transaction().execute(async (trx) => {
        const marked = await trx.updateTable('referrals').set({ flagged_at: this.clock.now().toISOString() }).where('id', '=', row.id).where('flagged_at', 'is', null).executeTakeFirst();
        if (Number(marked.numUpdatedRows) === 0) return;
        for (const s of await this.accounts.withRole('steward', trx)) {
          const m = referralsText[isLocale(s.locale) ? s.locale : 'en'];
          await this.mailer.notify(s.id, { subject: m.unansweredSubject(row.name), text: m.unansweredText(row.name, row.number, this.config.referralAnswerDays, new URL('/admin/referrals', this.config.publicUrl).toString()), sensitive: false }, trx);
        }
      });
    }
    return rows.length;
  }

  /** For the stewards: which providers left whom waiting, and since when; never what was shared. */
  unanswered() {
    return this.db
      .selectFrom('referrals')
      .innerJoin('organisations', 'organisations.id', 'referrals.organisation_id')
      .select(['referrals.number', 'referrals.level', 'referrals.created_at', 'referrals.flagged_at', 'organisations.slug', 'organisations.name'])
      .where('referrals.flagged_at', 'is not', null)
      .where('referrals.answered_at', 'is', null)
      .where('referrals.status', '=', 'sent')
      .orderBy('referrals.created_at')
      .execute();
  }

  private async read(row: ReferralsTable): Promise<Referral> {
    const messages = await this.db.selectFrom('referral_messages').selectAll().where('referral_id', '=', row.id).orderBy('created_at').orderBy('id').execute();
    return {
      id: row.id,
      number: row.number,
      organisationId: row.organisation_id,
      status: row.status,
      level: row.level,
      serviceCategory: row.service_category,
      shared: row.content_cipher ? (JSON.parse(this.cipher.decrypt(row.content_cipher, `referrals.content:${row.id}`)) as SharedDetails) : null,
      intermediaryId: row.intermediary_id,
      beneficiaryId: row.beneficiary_id,
      suggestedOrganisationId: row.suggested_organisation_id,
      createdAt: row.created_at,
      answeredAt: row.answered_at,
      flaggedAt: row.flagged_at,
      messages: messages.map((m) => ({ author: m.author, kind: m.kind, body: this.cipher.decrypt(m.body_cipher, `referral_messages.body:${m.id}`), at: m.created_at })),
    };
  }

  private async addMessage(trx: Kysely<Database>, referralId: string, author: 'person' | 'provider', kind: ReferralMessagesTable['kind'], body: string, at: string) {
    const id = newId();
    await trx.insertInto('referral_messages').values({ id, referral_id: referralId, author, kind, body_cipher: this.cipher.encrypt(body, `referral_messages.body:${id}`), created_at: at }).execute();
  }

  /** Delegates learn that something waits for them; what it says stays behind their login. */
  private async tellDelegates(organisationId: string, number: number, what: 'new' | 'reply', trx: Kysely<Database>) {
    const organisation = await trx.selectFrom('organisations').select('slug').where('id', '=', organisationId).executeTakeFirstOrThrow();
    const link = new URL(`/directory/providers/${organisation.slug}/referrals/${number}`, this.config.publicUrl).toString();
    for (const d of await this.organisations.delegatesOf([organisationId], trx)) {
      const m = referralsText[isLocale(d.locale) ? d.locale : 'en'];
      await this.mailer.notify(d.id, { subject: what === 'new' ? m.newSubject(number) : m.replySubject(number), text: m.waitingText(link), sensitive: true }, trx);
    }
  }

  private async tellIntermediary(referral: Referral, trx: Kysely<Database>) {
    for (const d of await this.organisations.delegatesOf([referral.intermediaryId!], trx)) {
      const m = referralsText[isLocale(d.locale) ? d.locale : 'en'];
      await this.mailer.notify(d.id, { subject: m.answeredSubject, text: m.waitingText(new URL('/guidance/beneficiaries', this.config.publicUrl).toString()), sensitive: true }, trx);
    }
  }
}
