import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor, AuditTrail } from '../../platform/audit/audit-trail.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldCipher } from '../../platform/crypto/field-cipher.ts';
import { newId } from '../../platform/crypto/secret-token.ts';
import { isCalendarDay } from '../../platform/http/calendar-day.ts';
import { AppError } from '../../platform/http/errors.ts';
import { localized } from '../../platform/i18n/locale.ts';
import type { RiskLevel } from '../directory/directory.model.ts';
import type { OrganisationsService } from '../organisations/organisations.service.ts';
import type { AssessmentResult, AssessmentService } from './assessment.service.ts';
import { beneficiariesText } from './beneficiaries.messages.ts';
import type { SkillLevel } from './guidance.table.ts';
import { needOf } from './matching.ts';
import { COUNTRY_CODES, regionOf, type Answers } from './questionnaire.ts';
import type { Referral, ReferralsService } from './referrals.service.ts';
import type { BeneficiariesTable } from './referrals.table.ts';
import { assess } from './scoring-rules.ts';
import type { ScoringRulesService } from './scoring-rules.service.ts';

export interface Beneficiary {
  id: string;
  organisationId: string;
  /** A pseudonym the intermediary chose; never a name. */
  label: string;
  level: RiskLevel;
  skill: SkillLevel;
  /** A continent, never the country. */
  region: string | null;
  rulesVersion: number;
  createdAt: string;
  updatedAt: string;
}

export interface BeneficiaryInput {
  label: string;
  /** Kept only as its continent; `undefined` leaves the region as it was. */
  country?: string | null;
  answers: Answers;
}

/** What the intermediary records when it commissions hosting from a provider. */
export interface CommissionInput {
  /** The beneficiary agreed, on this calendar day, to their details going to this provider. */
  consent: { given: boolean; on: string };
  shareAnswers: boolean;
  message: string | null;
  serviceCategory: string | null;
}

export const LABEL_MAX = 60;
const fail = (code: string, field: string, pick: (m: (typeof beneficiariesText)['en']) => string, status = 400) => AppError.field(code, field, localized(beneficiariesText, (m) => pick(m)), status);

/** Refuses a label that could name someone: an e-mail address, or something with a phone number's run of digits. */
export function checkLabel(label: string): void {
  if (label.length === 0) throw fail('label_missing', 'label', (m) => m.errors.labelMissing);
  if (label.length > LABEL_MAX) throw fail('label_too_long', 'label', (m) => m.errors.labelTooLong(LABEL_MAX));
  const digits = label.replace(/[\s().\-/]/g, '');
  if (label.includes('@') || /\+\d/.test(digits) || /\d{8,}/.test(digits)) throw fail('label_not_pseudonym', 'label', (m) => m.errors.labelNotPseudonym);
}

const present = (row: BeneficiariesTable): Beneficiary => ({
  id: row.id,
  organisationId: row.organisation_id,
  label: row.label,
  level: row.level,
  skill: row.skill,
  region: row.region,
  rulesVersion: row.rules_version,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/**
 * An intermediary's beneficiaries: a pseudonym, a risk evaluation (answers encrypted, level in
 * clear for the list and the reports), and the engagements it commissioned for them, each sent
 * only with the consent it recorded. Access is checked by the caller (beneficiaries.policy.ts).
 */
export class BeneficiariesService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly cipher: FieldCipher,
    private readonly assessments: AssessmentService,
    private readonly scoringRules: ScoringRulesService,
    private readonly referrals: ReferralsService,
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async record(organisationId: string, input: BeneficiaryInput, actor: Actor): Promise<Beneficiary> {
    const label = input.label.trim();
    await this.check(organisationId, label, input.country, null);
    const { assessment } = await this.assessments.assess(input.answers);
    const id = newId();
    const now = this.clock.now().toISOString();
    const row: BeneficiariesTable = {
      id,
      organisation_id: organisationId,
      label,
      level: assessment.level,
      skill: assessment.skill,
      region: regionOf(input.country),
      answers_cipher: this.cipher.encrypt(JSON.stringify(input.answers), `beneficiaries.answers:${id}`),
      rules_version: assessment.rulesVersion,
      created_at: now,
      updated_at: now,
    };
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('beneficiaries').values(row).execute();
      await this.audit.record(actor, { action: 'beneficiary.record', subjectType: 'beneficiary', subjectId: id }, trx);
    });
    return present(row);
  }

  /** New answers are scored again with today's rules. */
  async update(beneficiary: Beneficiary, input: BeneficiaryInput, actor: Actor): Promise<void> {
    const label = input.label.trim();
    await this.check(beneficiary.organisationId, label, input.country, beneficiary.id);
    const { assessment } = await this.assessments.assess(input.answers);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('beneficiaries')
        .set({
          label,
          level: assessment.level,
          skill: assessment.skill,
          region: input.country === undefined ? beneficiary.region : regionOf(input.country),
          answers_cipher: this.cipher.encrypt(JSON.stringify(input.answers), `beneficiaries.answers:${beneficiary.id}`),
          rules_version: assessment.rulesVersion,
          updated_at: this.clock.now().toISOString(),
        })
        .where('id', '=', beneficiary.id)
        .execute();
      await this.audit.record(actor, { action: 'beneficiary.update', subjectType: 'beneficiary', subjectId: beneficiary.id }, trx);
    });
  }

  private async check(organisationId: string, label: string, country: string | null | undefined, self: string | null) {
    checkLabel(label);
    if (country && !COUNTRY_CODES.includes(country)) throw fail('unknown_country', 'country', (m) => m.errors.unknownCountry);
    let taken = this.db.selectFrom('beneficiaries').select('id').where('organisation_id', '=', organisationId).where('label', '=', label);
    if (self) taken = taken.where('id', '!=', self);
    if (await taken.executeTakeFirst()) throw fail('label_taken', 'label', (m) => m.errors.labelTaken);
  }

  async list(organisationId: string): Promise<Beneficiary[]> {
    const rows = await this.db.selectFrom('beneficiaries').selectAll().where('organisation_id', '=', organisationId).orderBy('label').execute();
    return rows.map(present);
  }

  async get(id: string): Promise<Beneficiary> {
    const row = await this.db.selectFrom('beneficiaries').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw AppError.notFound();
    return present(row);
  }

  async answers(beneficiary: Beneficiary): Promise<Answers> {
    const row = await this.db.selectFrom('beneficiaries').select('answers_cipher').where('id', '=', beneficiary.id).executeTakeFirstOrThrow();
    return JSON.parse(this.cipher.decrypt(row.answers_cipher, `beneficiaries.answers:${beneficiary.id}`)) as Answers;
  }

  /** The evaluation as recorded (its rules version), with the providers that fit it today. */
  async evaluation(beneficiary: Beneficiary): Promise<AssessmentResult> {
    const answers = await this.answers(beneficiary);
    const { rules } = await this.scoringRules.version(beneficiary.rulesVersion);
    const assessment = assess(answers, rules, beneficiary.rulesVersion);
    return { answers, assessment, recommendations: await this.assessments.recommend(needOf(answers, assessment.level)) };
  }

  /** The engagements commissioned for one beneficiary, newest first, without their contents. */
  async engagements(beneficiary: Beneficiary) {
    return (await this.referrals.list({ intermediaryId: beneficiary.organisationId })).filter((r) => r.beneficiary_id === beneficiary.id);
  }

  /** One engagement of this beneficiary, by its provider and number; any other is "not found". */
  async engagement(beneficiary: Beneficiary, providerSlug: string, number: number): Promise<Referral> {
    const provider = await this.organisations.findBySlug(providerSlug);
    if (!provider) throw AppError.notFound();
    const referral = await this.referrals.byNumber(provider.id, number);
    if (referral.beneficiaryId !== beneficiary.id || referral.intermediaryId !== beneficiary.organisationId) throw AppError.notFound();
    return referral;
  }

  /** Sends the beneficiary's details to one provider that fits them, only with a recorded consent. */
  async commission(beneficiary: Beneficiary, providerOrganisationId: string, input: CommissionInput, actor: Actor): Promise<{ number: number }> {
    if (!input.consent.given) throw fail('consent_missing', 'consent', (m) => m.errors.consentMissing);
    if (!isCalendarDay(input.consent.on)) throw fail('consent_date', 'consentOn', (m) => m.errors.consentDate);
    if (input.consent.on > this.clock.now().toISOString().slice(0, 10)) throw fail('consent_in_future', 'consentOn', (m) => m.errors.consentInFuture);
    const evaluation = await this.evaluation(beneficiary);
    const fitting = evaluation.recommendations.find((r) => r.provider.id === providerOrganisationId);
    if (!fitting) throw fail('not_recommended', 'provider', (m) => m.errors.notRecommended);
    const serviceCategory = input.serviceCategory || null;
    if (serviceCategory && !fitting.services.some((s) => s.category === serviceCategory)) throw fail('service_not_offered', 'serviceCategory', (m) => m.errors.serviceNotOffered);
    const open = (await this.engagements(beneficiary)).some((e) => e.slug === fitting.provider.slug && e.service_category === serviceCategory && e.status !== 'withdrawn' && e.status !== 'declined');
    if (open) throw fail('already_commissioned', 'provider', (m) => m.errors.alreadyCommissioned, 409);
    const message = input.message?.trim() || null;
    const sent = await this.referrals.create(
      {
        organisationId: providerOrganisationId,
        serviceCategory,
        region: beneficiary.region,
        shared: { level: evaluation.assessment.level, skill: evaluation.assessment.skill, answers: input.shareAnswers ? evaluation.answers : null, contact: null, message },
        intermediary: { organisationId: beneficiary.organisationId, beneficiaryId: beneficiary.id, consentAt: new Date(`${input.consent.on}T00:00:00Z`).toISOString() },
      },
      actor,
    );
    await this.audit.record(actor, { action: 'beneficiary.commission', subjectType: 'beneficiary', subjectId: beneficiary.id });
    return { number: sent.number };
  }

  /** The beneficiary took their consent back: what the provider received is deleted at once. */
  async withdrawConsent(beneficiary: Beneficiary, referral: Referral, actor: Actor): Promise<void> {
    if (referral.beneficiaryId !== beneficiary.id) throw AppError.notFound();
    if (referral.status === 'withdrawn' && referral.shared === null) return;
    await this.referrals.withdraw(referral, 'consent');
    await this.audit.record(actor, { action: 'beneficiary.withdraw-consent', subjectType: 'beneficiary', subjectId: beneficiary.id });
  }

  /** Forgets a beneficiary: what their engagements shared is deleted first; the engagements stay only as counts. */
  async remove(beneficiary: Beneficiary, actor: Actor): Promise<void> {
    for (const e of await this.engagements(beneficiary)) {
      await this.withdrawConsent(beneficiary, await this.engagement(beneficiary, e.slug, e.number), actor);
    }
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('beneficiaries').where('id', '=', beneficiary.id).execute();
      await this.audit.record(actor, { action: 'beneficiary.remove', subjectType: 'beneficiary', subjectId: beneficiary.id }, trx);
    });
  }

  /** All of an intermediary's beneficiaries, for its export of its own data. */
  async export(organisationId: string) {
    return Promise.all(
      (await this.list(organisationId)).map(async (b) => ({ label: b.label, level: b.level, skill: b.skill, region: b.region, rulesVersion: b.rulesVersion, createdAt: b.createdAt, answers: await this.answers(b) })),
    );
  }
}
