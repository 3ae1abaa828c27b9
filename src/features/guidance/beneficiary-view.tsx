import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Field, Form, ProblemSummary, Select } from '../../platform/html/form.tsx';
import type { PageContext } from '../../platform/html/page-context.ts';
import type { FieldProblem } from '../../platform/http/errors.ts';
import { commonText } from '../../platform/i18n/common.messages.ts';
import { formatDate } from '../../platform/i18n/locale.ts';
import { directoryText } from '../directory/directory.messages.ts';
import { AssessmentResultView } from './assessment-result.tsx';
import type { AssessmentResult } from './assessment.service.ts';
import { beneficiariesText } from './beneficiaries.messages.ts';
import type { Beneficiary, BeneficiariesService } from './beneficiaries.service.ts';
import type { Recommendation } from './matching.ts';
import { regionName } from './questionnaire.ts';
import type { ScoringRules } from './scoring-rules.ts';

export type EngagementRow = Awaited<ReturnType<BeneficiariesService['engagements']>>[number];

export const beneficiaryPath = (b: { id: string }) => `/guidance/beneficiaries/${b.id}`;
export const engagementPath = (b: { id: string }, e: { slug: string; number: number }) => `${beneficiaryPath(b)}/engagements/${e.slug}/${e.number}`;

/** What the commission form posted, to fill it again beside its problems. */
export interface CommissionDraft {
  provider: string;
  serviceCategory: string;
  shareAnswers: boolean;
  message: string;
  consent: boolean;
  consentOn: string;
}

function EngagementTable(props: { ctx: PageContext; beneficiary: Beneficiary; engagements: EngagementRow[] }) {
  const { ctx, beneficiary: b } = props;
  const m = beneficiariesText[ctx.locale];
  const c = m.engagementColumns;
  if (props.engagements.length === 0) return <p>{m.noEngagement}</p>;
  return (
    <div class="table-scroll">
      <table>
        <caption>{m.engagementsCaption(b.label)}</caption>
        <thead>
          <tr>
            <th scope="col">{c.provider}</th>
            <th scope="col">{c.service}</th>
            <th scope="col">{c.status}</th>
            <th scope="col">{c.sent}</th>
            <th scope="col">{c.actions}</th>
          </tr>
        </thead>
        <tbody>
          {props.engagements.map((e) => (
            <tr id={`engagement-${e.slug}-${e.number}`}>
              <th scope="row">{e.name}</th>
              <td>{e.service_category ? (directoryText[ctx.locale].categories as Record<string, string>)[e.service_category] ?? e.service_category : m.anyService}</td>
              <td>{m.statuses[e.status]}</td>
              <td>{formatDate(e.created_at, ctx.locale)}</td>
              <td>
                <a href={engagementPath(b, e)}>
                  {m.open}
                  <span class="visually-hidden"> — {e.name} {e.number}</span>
                </a>
                {e.status !== 'withdrawn' && (
                  <Form ctx={ctx} action={`${engagementPath(b, e)}/withdraw`}>
                    <button type="submit">
                      {m.withdrawConsent}
                      <span class="visually-hidden"> — {e.name} {e.number}</span>
                    </button>
                  </Form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One form per provider on the page: the one that failed keeps the plain ids the problem summary links to. */
function CommissionForm(props: { ctx: PageContext; beneficiary: Beneficiary; recommendation: Recommendation; draft: CommissionDraft | null; problems: FieldProblem[] }) {
  const { ctx, beneficiary: b, recommendation: r } = props;
  const m = beneficiariesText[ctx.locale];
  const failed = props.draft?.provider === r.provider.slug;
  const problems = failed ? props.problems : [];
  const draft = failed ? props.draft : null;
  const id = (name: string) => (failed ? `field-${name}` : `field-${name}-${r.provider.slug}`);
  const categories = [...new Set(r.services.map((s) => s.category))];
  const consentProblem = problems.find((p) => p.field === 'consent');
  const providerProblem = problems.find((p) => p.field === 'provider');
  return (
    <section id={failed ? 'field-provider' : undefined} aria-labelledby={`commission-${r.provider.slug}`}>
      <h3 id={`commission-${r.provider.slug}`}>{r.provider.name}</h3>
      {providerProblem && <p class="problem">{providerProblem.text[ctx.locale]}</p>}
      <Form ctx={ctx} action={`${beneficiaryPath(b)}/engagements`}>
        <input type="hidden" name="provider" value={r.provider.slug} />
        <Select
          ctx={ctx}
          id={id('serviceCategory')}
          name="serviceCategory"
          label={m.service}
          value={draft?.serviceCategory ?? (categories.length === 1 ? categories[0] : '')}
          problems={problems}
          options={[{ value: '', label: m.anyService }, ...categories.map((c) => ({ value: c, label: directoryText[ctx.locale].categories[c] }))]}
        />
        <div class="field">
          <label class="choice" for={id('shareAnswers')}>
            <input type="checkbox" id={id('shareAnswers')} name="shareAnswers" value="yes" checked={draft?.shareAnswers ?? false} aria-describedby={`${id('shareAnswers')}-hint`} /> {m.shareAnswers}
          </label>
          <p class="hint" id={`${id('shareAnswers')}-hint`}>
            {m.shareAnswersHint}
          </p>
        </div>
        <Field ctx={ctx} id={id('message')} name="message" label={m.message} hint={m.messageHint} value={draft?.message} multiline maxLength={4000} problems={problems} />
        <fieldset class={consentProblem ? 'field invalid' : 'field'}>
          <legend>{m.consentLegend}</legend>
          {consentProblem && (
            <p class="problem" id={`${id('consent')}-problem`}>
              {consentProblem.text[ctx.locale]}
            </p>
          )}
          <label class="choice" for={id('consent')}>
            <input type="checkbox" id={id('consent')} name="consent" value="yes" required checked={draft?.consent ?? false} aria-invalid={consentProblem ? 'true' : undefined} /> {m.consent(b.label, r.provider.name)}
          </label>
          <Field ctx={ctx} id={id('consentOn')} name="consentOn" type="date" label={m.consentOn} value={draft?.consentOn} required problems={problems} />
        </fieldset>
        <button type="submit">{m.commission(r.provider.name)}</button>
      </Form>
    </section>
  );
}

/** A beneficiary's page: what was commissioned and how it stands, then the evaluation and the providers that fit, each with its commission form. */
export function BeneficiaryView(props: { ctx: PageContext; beneficiary: Beneficiary; engagements: EngagementRow[]; evaluation: AssessmentResult; rules: ScoringRules; draft?: CommissionDraft; problems?: FieldProblem[] }) {
  const { ctx, beneficiary: b, evaluation } = props;
  const m = beneficiariesText[ctx.locale];
  const problems = props.problems ?? [];
  return (
    <>
      <ProblemSummary ctx={ctx} problems={problems} />
      <p>
        {m.recordedOn(formatDate(b.createdAt, ctx.locale))} {m.region(b.region ? regionName(b.region, ctx.locale) : m.regionUnknown)}
      </p>
      <p>
        <a href={`${beneficiaryPath(b)}/edit`}>{m.changeAnswers}</a> · <a href={`${beneficiaryPath(b)}/remove`}>{m.removeTitle}</a> · <a href="/guidance/beneficiaries">{m.backToList}</a>
      </p>
      <section aria-labelledby="engagements-title">
        <h2 id="engagements-title">{m.engagementsTitle}</h2>
        <EngagementTable ctx={ctx} beneficiary={b} engagements={props.engagements} />
      </section>
      <AssessmentResultView
        ctx={ctx}
        result={evaluation}
        rules={props.rules}
        canAsk={false}
        after={
          <section aria-labelledby="commission-title">
            <h2 id="commission-title">{m.commissionTitle}</h2>
            {evaluation.recommendations.length === 0 ? (
              <p>{m.noProviders}</p>
            ) : (
              <>
                <p>{m.commissionIntro(b.label)}</p>
                {evaluation.recommendations.map((r) => (
                  <CommissionForm ctx={ctx} beneficiary={b} recommendation={r} draft={props.draft ?? null} problems={problems} />
                ))}
              </>
            )}
          </section>
        }
      />
    </>
  );
}

/** The page a beneficiary's link opens; shown again, with its problems, by a refused commission. */
export async function beneficiaryPage(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, beneficiary: Beneficiary, extra: { draft?: CommissionDraft; problems?: FieldProblem[]; status?: number } = {}) {
  const { beneficiaries, scoringRules } = app.haven;
  const ctx = request.pageContext();
  const [evaluation, engagements, { rules }] = await Promise.all([beneficiaries.evaluation(beneficiary), beneficiaries.engagements(beneficiary), scoringRules.version(beneficiary.rulesVersion)]);
  const problems = extra.problems ?? [];
  const title = problems.length ? `${commonText[ctx.locale].errors.titlePrefix} ${beneficiary.label}` : beneficiary.label;
  return reply.page(title, <BeneficiaryView ctx={ctx} beneficiary={beneficiary} engagements={engagements} evaluation={evaluation} rules={rules} draft={extra.draft} problems={problems} />, extra.status ?? (problems.length ? 400 : 200));
}
