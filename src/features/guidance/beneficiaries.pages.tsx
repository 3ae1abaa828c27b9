import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { Field, Form, Select } from '../../platform/html/form.tsx';
import type { PageContext } from '../../platform/html/page-context.ts';
import { AppError, type FieldProblem } from '../../platform/http/errors.ts';
import { commonText } from '../../platform/i18n/common.messages.ts';
import { formatDate } from '../../platform/i18n/locale.ts';
import { requireViewer } from '../accounts/accounts.policy.ts';
import { actorOf, type Viewer, type ViewerMembership } from '../accounts/viewer.ts';
import { countryName } from '../directory/place-names.ts';
import { answerProblems, draftOf } from './assessment.pages.tsx';
import { beneficiariesText } from './beneficiaries.messages.ts';
import { intermediariesOf, requireBeneficiaryKeeper, requireIntermediary } from './beneficiaries.policy.ts';
import { checkLabel, LABEL_MAX, type Beneficiary, type BeneficiaryInput } from './beneficiaries.service.ts';
import { beneficiaryPage, beneficiaryPath } from './beneficiary-view.tsx';
import { guidanceText } from './guidance.messages.ts';
import { AnswersRefused, answerFields, COUNTRY_CODES, readAnswers, regionName, type Answers } from './questionnaire.ts';
import { QuestionnaireForm } from './questionnaire-form.tsx';

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const OrgQuery = Type.Object({ org: Type.Optional(Type.String({ maxLength: 48 })) });
type Draft = Partial<Record<string, string[]>>;

/** The pseudonym and the country, above the questionnaire; on a change, the country may be left as it was. */
function BeneficiaryFields(props: { ctx: PageContext; draft: Draft; problems: FieldProblem[]; organisation?: string; region?: string | null }) {
  const { ctx, draft } = props;
  const m = beneficiariesText[ctx.locale];
  const countries = COUNTRY_CODES.map((c) => ({ value: c, label: countryName(c, ctx.locale) })).sort((a, b) => a.label.localeCompare(b.label, ctx.locale));
  const first = props.region === undefined ? [{ value: '', label: m.countryNotGiven }] : [{ value: '', label: m.countryKeep(props.region ? regionName(props.region, ctx.locale) : m.regionUnknown) }, { value: 'none', label: m.countryNotGiven }];
  return (
    <>
      {props.organisation && <input type="hidden" name="org" value={props.organisation} />}
      <Field ctx={ctx} name="label" label={m.label} hint={m.labelHint} value={draft.label?.[0]} required maxLength={LABEL_MAX} autocomplete="off" problems={props.problems} />
      <Select ctx={ctx} name="country" label={m.country} value={draft.country?.[0] ?? ''} options={[...first, ...countries]} problems={props.problems} />
      <p class="hint">{m.countryHint}</p>
    </>
  );
}

/** The label and country of a post, and its answers; every problem at once. */
function readBeneficiary(body: Record<string, unknown>, editing: boolean): BeneficiaryInput {
  const problems: FieldProblem[] = [];
  const label = (typeof body.label === 'string' ? body.label : '').trim();
  const country = typeof body.country === 'string' ? body.country : '';
  let answers: Answers | undefined;
  try {
    checkLabel(label);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    problems.push(...error.problems);
  }
  try {
    answers = readAnswers(body);
  } catch (error) {
    if (!(error instanceof AnswersRefused)) throw error;
    problems.push(...answerProblems(error));
  }
  if (problems.length > 0 || !answers) throw AppError.invalid(problems);
  return { label, answers, country: country === '' ? (editing ? undefined : null) : country === 'none' ? null : country };
}

/** An intermediary's beneficiaries: the list, recording one, changing its answers, removing it, and its page. */
export function registerBeneficiaryPages(app: FastifyInstance): void {
  const { beneficiaries } = app.haven;

  /** The beneficiary of the path, for its intermediary's people only. */
  async function kept(request: FastifyRequest): Promise<{ viewer: Viewer; beneficiary: Beneficiary }> {
    const beneficiary = await beneficiaries.get((request.params as Static<typeof IdParams>).id);
    return { viewer: requireBeneficiaryKeeper(request.viewer, beneficiary), beneficiary };
  }

  const formPage = (request: FastifyRequest, reply: FastifyReply, title: string, form: { action: string; draft: Draft; problems: FieldProblem[]; organisation?: string; region?: string | null; submit: string; intro: string }) => {
    const ctx = request.pageContext();
    return reply.page(
      form.problems.length ? `${commonText[ctx.locale].errors.titlePrefix} ${title}` : title,
      <>
        <p>{form.intro}</p>
        <QuestionnaireForm ctx={ctx} action={form.action} draft={form.draft} problems={form.problems} submit={form.submit}>
          <BeneficiaryFields ctx={ctx} draft={form.draft} problems={form.problems} organisation={form.organisation} region={form.region} />
        </QuestionnaireForm>
      </>,
      form.problems.length ? 400 : 200,
    );
  };

  /** Runs a post of the form; refused input shows the form again with each problem beside its field. */
  async function submit(again: (problems: FieldProblem[]) => Promise<FastifyReply> | FastifyReply, run: () => Promise<FastifyReply>) {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof AppError) || error.problems.length === 0) throw error;
      return again(error.problems);
    }
  }

  app.get('/guidance/beneficiaries', { schema: { querystring: OrgQuery } }, async (request, reply) => {
    const organisation = requireIntermediary(request.viewer, (request.query as Static<typeof OrgQuery>).org);
    const ctx = request.pageContext();
    const m = beneficiariesText[ctx.locale];
    const [list, engagements] = await Promise.all([beneficiaries.list(organisation.organisationId), app.haven.referrals.list({ intermediaryId: organisation.organisationId })]);
    return reply.page(m.title, <BeneficiaryList ctx={ctx} organisation={organisation} choices={intermediariesOf(request.viewer)} beneficiaries={list} engagements={engagements} />);
  });

  const newForm = (request: FastifyRequest, reply: FastifyReply, organisation: ViewerMembership, draft: Draft, problems: FieldProblem[]) => {
    const m = beneficiariesText[request.locale];
    return formPage(request, reply, m.newTitle, { action: '/guidance/beneficiaries', draft, problems, organisation: organisation.slug, submit: m.record, intro: m.formIntro });
  };

  app.get('/guidance/beneficiaries/new', { schema: { querystring: OrgQuery } }, async (request, reply) => {
    return newForm(request, reply, requireIntermediary(request.viewer, (request.query as Static<typeof OrgQuery>).org), {}, []);
  });

  app.post('/guidance/beneficiaries', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const organisation = requireIntermediary(request.viewer, typeof body.org === 'string' ? body.org : null);
    return submit((problems) => newForm(request, reply, organisation, draftOf(body), problems), async () => {
      const recorded = await beneficiaries.record(organisation.organisationId, readBeneficiary(body, false), actorOf(requireViewer(request.viewer)));
      return reply.redirect(beneficiaryPath(recorded), 303);
    });
  });

  app.get('/guidance/beneficiaries/:id', { schema: { params: IdParams } }, async (request, reply) => beneficiaryPage(app, request, reply, (await kept(request)).beneficiary));

  const editForm = (request: FastifyRequest, reply: FastifyReply, beneficiary: Beneficiary, draft: Draft, problems: FieldProblem[]) => {
    const m = beneficiariesText[request.locale];
    return formPage(request, reply, m.editTitle(beneficiary.label), { action: beneficiaryPath(beneficiary), draft, problems, region: beneficiary.region, submit: m.saveAnswers, intro: m.editIntro });
  };

  app.get('/guidance/beneficiaries/:id/edit', { schema: { params: IdParams } }, async (request, reply) => {
    const { beneficiary } = await kept(request);
    return editForm(request, reply, beneficiary, { ...answerFields(await beneficiaries.answers(beneficiary)), label: [beneficiary.label] }, []);
  });

  app.post('/guidance/beneficiaries/:id', { schema: { params: IdParams } }, async (request, reply) => {
    const { viewer, beneficiary } = await kept(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    return submit((problems) => editForm(request, reply, beneficiary, draftOf(body), problems), async () => {
      await beneficiaries.update(beneficiary, readBeneficiary(body, true), actorOf(viewer));
      return reply.redirect(beneficiaryPath(beneficiary), 303);
    });
  });

  app.get('/guidance/beneficiaries/:id/remove', { schema: { params: IdParams } }, async (request, reply) => {
    const { beneficiary } = await kept(request);
    const ctx = request.pageContext();
    const m = beneficiariesText[ctx.locale];
    return reply.page(
      m.removeTitle,
      <>
        <p>{m.removeIntro}</p>
        <Form ctx={ctx} action={`${beneficiaryPath(beneficiary)}/remove`}>
          <button type="submit">{m.remove(beneficiary.label)}</button>
        </Form>
        <p>
          <a href={beneficiaryPath(beneficiary)}>{beneficiary.label}</a>
        </p>
      </>,
    );
  });

  app.post('/guidance/beneficiaries/:id/remove', { schema: { params: IdParams } }, async (request, reply) => {
    const { viewer, beneficiary } = await kept(request);
    await beneficiaries.remove(beneficiary, actorOf(viewer));
    const organisation = intermediariesOf(viewer).find((o) => o.organisationId === beneficiary.organisationId)!;
    return reply.redirect(`/guidance/beneficiaries?org=${organisation.slug}`, 303);
  });
}

function BeneficiaryList(props: { ctx: PageContext; organisation: ViewerMembership; choices: ViewerMembership[]; beneficiaries: Beneficiary[]; engagements: { beneficiary_id: string | null; name: string; number: number; status: keyof (typeof beneficiariesText)['en']['statuses'] }[] }) {
  const { ctx, organisation: org } = props;
  const m = beneficiariesText[ctx.locale];
  const levels = guidanceText[ctx.locale].levels;
  return (
    <>
      {props.choices.length > 1 && (
        <form method="get" action="/guidance/beneficiaries" class="inline">
          <Select ctx={ctx} name="org" label={m.organisation} value={org.slug} options={props.choices.map((c) => ({ value: c.slug, label: c.name }))} />
          <button type="submit">{m.show}</button>
        </form>
      )}
      <p>{m.intro(org.name)}</p>
      <p>
        <a href={`/guidance/beneficiaries/new?org=${org.slug}`}>{m.newLink}</a> · <a href={`/guidance/reports?org=${org.slug}`}>{m.reportsLink}</a>
      </p>
      {props.beneficiaries.length === 0 ? (
        <p>{m.none}</p>
      ) : (
        <div class="table-scroll">
          <table>
            <caption>{m.tableCaption(org.name)}</caption>
            <thead>
              <tr>
                <th scope="col">{m.columns.label}</th>
                <th scope="col">{m.columns.level}</th>
                <th scope="col">{m.columns.engagements}</th>
                <th scope="col">{m.columns.recorded}</th>
              </tr>
            </thead>
            <tbody>
              {props.beneficiaries.map((b) => {
                const theirs = props.engagements.filter((e) => e.beneficiary_id === b.id);
                return (
                  <tr>
                    <th scope="row">
                      <a href={beneficiaryPath(b)}>{b.label}</a>
                    </th>
                    <td>{levels[b.level]}</td>
                    <td>
                      {theirs.length === 0 ? (
                        m.noEngagement
                      ) : (
                        <ul>
                          {theirs.map((e) => (
                            <li>
                              {e.name} ({e.number}): {m.statuses[e.status]}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td>{formatDate(b.createdAt, ctx.locale)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
