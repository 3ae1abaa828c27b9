import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { submitForm } from '../../platform/html/form-route.ts';
import { Form, ProblemSummary } from '../../platform/html/form.tsx';
import type { FieldProblem } from '../../platform/http/errors.ts';
import { formatDate } from '../../platform/i18n/locale.ts';
import { actorOf } from '../accounts/viewer.ts';
import { answersFromForm } from './answers-form.ts';
import { requireMemberDelegate } from './departures.policy.ts';
import { reconfirmationText } from './reconfirmation.messages.ts';
import { SelfAssessmentFields } from './self-assessment-fields.tsx';
import { YEAR } from './reconfirmation.service.ts';

const SlugParams = Type.Object({ slug: Type.String({ maxLength: 64 }) });
const AnswersBody = Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 10000 }));

/** A member's delegates answer the current charter again: yearly, and after each amendment. */
export function registerReconfirmationPages(app: FastifyInstance): void {
  const { reconfirmation, membership } = app.haven;

  async function load(request: FastifyRequest) {
    return requireMemberDelegate(request.viewer, (request.params as Static<typeof SlugParams>).slug, await membership.memberOrganisationIds());
  }

  async function page(request: FastifyRequest, problems: FieldProblem[], sent?: Record<string, string>) {
    const { organisation } = await load(request);
    const ctx = request.pageContext();
    const r = reconfirmationText[ctx.locale];
    const [status, previous, { version, groups }] = await Promise.all([
      reconfirmation.statusOf(organisation.organisationId),
      reconfirmation.previousAnswers(organisation.organisationId),
      reconfirmation.criteriaFor(organisation.kind),
    ]);
    const date = (iso: string) => formatDate(iso, ctx.locale);
    const state = status.lapsed
      ? r.lapsed(date(status.lapsesAt!))
      : status.dueSince
        ? (status.reason === 'amendment' ? r.dueAmendment : r.dueYearly)(date(status.lapsesAt!))
        : r.notDue(date(new Date(Date.parse(status.confirmedAt) + YEAR).toISOString()));
    return (
      <>
        <p>{r.intro}</p>
        <p>{r.confirmed(status.confirmedVersion, date(status.confirmedAt))}</p>
        <p>
          <strong>{state}</strong>
        </p>
        <p>{r.charterVersion(version)}</p>
        <ProblemSummary ctx={ctx} problems={problems} />
        <Form ctx={ctx} action={`/membership/reconfirm/${organisation.slug}`}>
          <SelfAssessmentFields ctx={ctx} groups={groups} problems={problems} saved={previous} sent={sent} />
          <button type="submit">{r.submit}</button>
        </Form>
      </>
    );
  }

  app.get('/membership/reconfirm/:slug', { schema: { params: SlugParams } }, async (request, reply) => {
    const { organisation } = await load(request);
    return reply.page(reconfirmationText[request.locale].title(organisation.name), await page(request, []));
  });

  app.post('/membership/reconfirm/:slug', { schema: { params: SlugParams, body: AnswersBody }, attachValidation: true }, async (request, reply) => {
    const { viewer, organisation } = await load(request);
    const { groups } = await reconfirmation.criteriaFor(organisation.kind);
    const keys = groups.flatMap((g) => g.criteria.map((c) => c.key));
    return submitForm<Record<string, string>>(request, reply, {
      title: reconfirmationText[request.locale].title(organisation.name),
      render: (problems) => page(request, problems, (request.body ?? {}) as Record<string, string>),
      run: async (body) => {
        await reconfirmation.reconfirm(organisation, answersFromForm(body, keys), actorOf(viewer));
        return reply.redirect('/membership/members', 303);
      },
    });
  });
}
