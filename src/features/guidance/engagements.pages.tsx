import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { Field, Form, ProblemSummary } from '../../platform/html/form.tsx';
import { AppError, type FieldProblem } from '../../platform/http/errors.ts';
import { commonText } from '../../platform/i18n/common.messages.ts';
import { actorOf } from '../accounts/viewer.ts';
import { Slug } from '../organisations/organisations.schemas.ts';
import { beneficiariesText } from './beneficiaries.messages.ts';
import { requireBeneficiaryKeeper } from './beneficiaries.policy.ts';
import { beneficiaryPage, beneficiaryPath, engagementPath, type CommissionDraft } from './beneficiary-view.tsx';
import { ReferralThread } from './referral-thread.tsx';
import type { Referral } from './referrals.service.ts';
import { SharedDetailsView } from './shared-details.tsx';

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const EngagementParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }), provider: Slug, number: Type.Integer({ minimum: 1, maximum: 10_000_000 }) });
const Text = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const CommissionForm = Type.Object({ _csrf: Text(100), provider: Text(48), serviceCategory: Text(40), shareAnswers: Text(5), message: Text(4000), consent: Text(5), consentOn: Text(20) });
const ReplyForm = Type.Object({ _csrf: Text(100), body: Text(4000) });

function draftOf(body: Static<typeof CommissionForm>): CommissionDraft {
  return {
    provider: body.provider ?? '',
    serviceCategory: body.serviceCategory ?? '',
    shareAnswers: body.shareAnswers === 'yes',
    message: body.message ?? '',
    consent: body.consent === 'yes',
    consentOn: (body.consentOn ?? '').trim(),
  };
}

/**
 * Engagements: the intermediary commissions hosting for a beneficiary (with their recorded consent),
 * follows the provider's answer and writes back, and withdraws the consent, which deletes what was shared.
 */
export function registerEngagementPages(app: FastifyInstance): void {
  const { beneficiaries, referrals, organisations } = app.haven;

  async function kept(request: FastifyRequest) {
    const beneficiary = await beneficiaries.get((request.params as { id: string }).id);
    return { viewer: requireBeneficiaryKeeper(request.viewer, beneficiary), beneficiary };
  }

  async function engagement(request: FastifyRequest) {
    const { viewer, beneficiary } = await kept(request);
    const { provider, number } = request.params as Static<typeof EngagementParams>;
    return { viewer, beneficiary, referral: await beneficiaries.engagement(beneficiary, provider, number), provider };
  }

  app.post('/guidance/beneficiaries/:id/engagements', { schema: { params: IdParams, body: CommissionForm }, attachValidation: true }, async (request, reply) => {
    const { viewer, beneficiary } = await kept(request);
    const draft = draftOf((request.body ?? {}) as Static<typeof CommissionForm>);
    try {
      if (request.validationError) throw AppError.field('invalid_input', 'provider', { en: commonText.en.errors.badRequest, fr: commonText.fr.errors.badRequest });
      const provider = await organisations.findBySlug(draft.provider);
      const sent = await beneficiaries.commission(
        beneficiary,
        provider?.id ?? '',
        { consent: { given: draft.consent, on: draft.consentOn }, shareAnswers: draft.shareAnswers, message: draft.message, serviceCategory: draft.serviceCategory || null },
        actorOf(viewer),
      );
      return reply.redirect(`${engagementPath(beneficiary, { slug: draft.provider, number: sent.number })}?sent=1`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.problems.length === 0) throw error;
      return beneficiaryPage(app, request, reply, beneficiary, { draft, problems: error.problems, status: error.status });
    }
  });

  const page = async (request: FastifyRequest, referral: Referral, providerSlug: string, label: string, id: string, problems: FieldProblem[] = []) => {
    const ctx = request.pageContext();
    const m = beneficiariesText[ctx.locale];
    const provider = await organisations.getBySlug(providerSlug);
    const path = engagementPath({ id }, { slug: providerSlug, number: referral.number });
    const open = referral.shared !== null && referral.status !== 'withdrawn' && referral.status !== 'declined';
    return (
      <>
        {(request.query as { sent?: string }).sent && (
          <p class="notice" role="status">
            {m.commissioned(referral.number, provider.name)}
          </p>
        )}
        <ProblemSummary ctx={ctx} problems={problems} />
        <p>
          {m.forBeneficiary(label)} <a href={beneficiaryPath({ id })}>{label}</a>
        </p>
        <ReferralThread ctx={ctx} referral={referral} viewer="person" />
        <section aria-labelledby="shared-title">
          <h2 id="shared-title">{m.sharedTitle}</h2>
          {referral.shared ? <SharedDetailsView ctx={ctx} shared={referral.shared} /> : <p>{m.withdrawnNotice}</p>}
        </section>
        {open && (
          <Form ctx={ctx} action={`${path}/reply`}>
            <Field ctx={ctx} name="body" label={m.reply} multiline required maxLength={4000} problems={problems} />
            <button type="submit">{m.sendReply}</button>
          </Form>
        )}
        {referral.status !== 'withdrawn' && (
          <Form ctx={ctx} action={`${path}/withdraw`}>
            <button type="submit">{m.withdrawConsent}</button>
          </Form>
        )}
      </>
    );
  };

  const title = async (request: FastifyRequest, number: number, providerSlug: string) => beneficiariesText[request.locale].engagementTitle(number, (await organisations.getBySlug(providerSlug)).name);

  app.get('/guidance/beneficiaries/:id/engagements/:provider/:number', { schema: { params: EngagementParams } }, async (request, reply) => {
    const { beneficiary, referral, provider } = await engagement(request);
    return reply.page(await title(request, referral.number, provider), await page(request, referral, provider, beneficiary.label, beneficiary.id));
  });

  app.post('/guidance/beneficiaries/:id/engagements/:provider/:number/reply', { schema: { params: EngagementParams, body: ReplyForm }, attachValidation: true }, async (request, reply) => {
    const { beneficiary, referral, provider } = await engagement(request);
    try {
      await referrals.reply(referral, (request.body as Static<typeof ReplyForm> | undefined)?.body ?? '');
      return reply.redirect(engagementPath(beneficiary, { slug: provider, number: referral.number }), 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.problems.length === 0) throw error;
      const heading = `${commonText[request.locale].errors.titlePrefix} ${await title(request, referral.number, provider)}`;
      return reply.page(heading, await page(request, referral, provider, beneficiary.label, beneficiary.id, error.problems), error.status);
    }
  });

  app.post('/guidance/beneficiaries/:id/engagements/:provider/:number/withdraw', { schema: { params: EngagementParams } }, async (request, reply) => {
    const { viewer, beneficiary, referral, provider } = await engagement(request);
    await beneficiaries.withdrawConsent(beneficiary, referral, actorOf(viewer));
    return reply.redirect(engagementPath(beneficiary, { slug: provider, number: referral.number }), 303);
  });
}
