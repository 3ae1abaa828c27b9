import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { submitForm } from '../../platform/html/form-route.ts';
import { Form, ProblemSummary } from '../../platform/html/form.tsx';
import { AppError, type FieldProblem } from '../../platform/http/errors.ts';
import { formatDateTime } from '../../platform/i18n/locale.ts';
import { requireViewer } from '../accounts/accounts.policy.ts';
import { actorOf } from '../accounts/viewer.ts';
import { applicationView } from './application-view.tsx';
import { answersFromForm } from './answers-form.ts';
import type { Application } from './applications.service.ts';
import { requireApplicationAccess } from './membership.policy.ts';
import { membershipText } from './membership.messages.ts';
import { SelfAssessmentFields } from './self-assessment-fields.tsx';

const Csrf = Type.Optional(Type.String({ maxLength: 100 }));
const NumberParams = Type.Object({ number: Type.Integer({ minimum: 1, maximum: 10_000_000 }) });
const CommentBody = Type.Object({ _csrf: Csrf, body: Type.String({ minLength: 1, maxLength: 10000 }), parent: Type.Optional(Type.String({ maxLength: 64 })) });
const StanceBody = Type.Object({
  _csrf: Csrf,
  organisation: Type.String({ maxLength: 64 }),
  stance: Type.Union([Type.Literal('support'), Type.Literal('objection'), Type.Literal('stand-aside')]),
  reason: Type.String({ maxLength: 5000 }),
});
const OverruleBody = Type.Object({ _csrf: Csrf, organisation: Type.String({ maxLength: 64 }), reason: Type.String({ minLength: 1, maxLength: 5000 }) });
const RejectBody = Type.Object({ _csrf: Csrf, reason: Type.String({ minLength: 1, maxLength: 5000 }) });
const ExtendBody = Type.Object({ _csrf: Csrf, until: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }) });
const AnswersBody = Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 10000 }));

export function registerApplicationPages(app: FastifyInstance): void {
  const { applications, review, membership } = app.haven;

  async function load(request: FastifyRequest, need: 'see' | 'answer' | 'comment' | 'decide') {
    const { number } = request.params as Static<typeof NumberParams>;
    const application = await applications.getByNumber(number);
    const members = await membership.memberOrganisationIds();
    const access = requireApplicationAccess(request.viewer, application, members, need);
    return { application, access, viewer: requireViewer(request.viewer) };
  }

  const title = (request: FastifyRequest, a: Application) => membershipText[request.locale].applicationTitle(a.number, a.organisation.name);
  const view = async (request: FastifyRequest, problems: FieldProblem[] = []) => {
    const { application, access } = await load(request, 'see');
    return { application, body: await applicationView({ ctx: request.pageContext(), application, access, problems, haven: app.haven }) };
  };
  const back = (a: Application) => `/membership/applications/${a.number}`;
  const params = { params: NumberParams };

  app.post('/membership/apply/:slug', { schema: { params: Type.Object({ slug: Type.String({ maxLength: 64 }) }) } }, async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    const { slug } = request.params as { slug: string };
    const membershipOf = viewer.memberships.find((m) => m.slug === slug && m.role === 'delegate');
    if (!membershipOf) throw AppError.notFound();
    const started = await applications.start(membershipOf.organisationId, actorOf(viewer));
    return reply.redirect(`/membership/applications/${started.number}/answers`, 303);
  });

  app.get('/membership/applications/:number', { schema: params }, async (request, reply) => {
    const { application, body } = await view(request);
    return reply.page(title(request, application), body);
  });

  async function answersPage(request: FastifyRequest, problems: FieldProblem[], sent?: Record<string, string>) {
    const { application } = await load(request, 'answer');
    const ctx = request.pageContext();
    const m = membershipText[ctx.locale];
    const saved = await applications.answers(application.id);
    const groups = await applications.criteriaFor(application);
    return (
      <>
        <ProblemSummary ctx={ctx} problems={problems} />
        <Form ctx={ctx} action={`${back(application)}/answers`}>
          <SelfAssessmentFields ctx={ctx} groups={groups} problems={problems} saved={saved} sent={sent} />
          <button type="submit">{m.saveAnswers}</button>
        </Form>
      </>
    );
  }

  app.get('/membership/applications/:number/answers', { schema: params }, async (request, reply) => {
    const { application } = await load(request, 'answer');
    return reply.page(title(request, application), await answersPage(request, []));
  });

  app.post('/membership/applications/:number/answers', { schema: { params: NumberParams, body: AnswersBody }, attachValidation: true }, async (request, reply) => {
    const { application, viewer } = await load(request, 'answer');
    const keys = (await applications.criteriaFor(application)).flatMap((g) => g.criteria.map((c) => c.key));
    return submitForm<Record<string, string>>(request, reply, {
      title: title(request, application),
      render: (problems) => answersPage(request, problems, (request.body ?? {}) as Record<string, string>),
      run: async (body) => {
        await applications.saveAnswers(application, answersFromForm(body, keys), actorOf(viewer));
        return reply.redirect(back(application), 303);
      },
    });
  });

  app.post('/membership/applications/:number/submit', { schema: params }, async (request, reply) => {
    const { application, viewer } = await load(request, 'answer');
    return submitForm(request, reply, {
      title: title(request, application),
      render: async (problems) => (await view(request, problems)).body,
      run: async () => {
        await applications.submit(application, actorOf(viewer));
        return reply.redirect(back(application), 303);
      },
    });
  });

  app.post('/membership/applications/:number/withdraw', { schema: params }, async (request, reply) => {
    const { application, viewer } = await load(request, 'answer');
    await applications.withdraw(application, actorOf(viewer));
    return reply.redirect(back(application), 303);
  });

  app.get('/membership/applications/:number/history', { schema: params }, async (request, reply) => {
    const { application } = await load(request, 'see');
    const m = membershipText[request.locale];
    const entries = await applications.history(application.id);
    const titles = new Map((await applications.criteriaFor(application)).flatMap((g) => g.criteria.map((c) => [c.key, c.title[request.locale]] as const)));
    return reply.page(
      m.historyTitle,
      entries.length === 0 ? (
        <p>{m.noHistory}</p>
      ) : (
        <ul>
          {entries.map((e) => (
            <li>
              <strong>{titles.get(e.criterion_key) ?? e.criterion_key}</strong> — {m.answers[e.answer]}, {m.replacedOn(formatDateTime(e.replaced_at, request.locale))}
              <p>{e.explanation}</p>
            </li>
          ))}
        </ul>
      ),
    );
  });

  app.post('/membership/applications/:number/comments', { schema: { params: NumberParams, body: CommentBody }, attachValidation: true }, async (request, reply) => {
    const { application, viewer } = await load(request, 'comment');
    return submitForm<Static<typeof CommentBody>>(request, reply, {
      title: title(request, application),
      render: async (problems) => (await view(request, problems)).body,
      run: async (body) => {
        await review.comment(application, actorOf(viewer), body.body, body.parent || null);
        return reply.redirect(`${back(application)}#discussion`, 303);
      },
    });
  });

  app.post('/membership/applications/:number/stance', { schema: { params: NumberParams, body: StanceBody }, attachValidation: true }, async (request, reply) => {
    const { application, access, viewer } = await load(request, 'see');
    return submitForm<Static<typeof StanceBody>>(request, reply, {
      title: title(request, application),
      render: async (problems) => (await view(request, problems)).body,
      run: async (body) => {
        const organisation = access.stanceFor.find((o) => o.slug === body.organisation);
        if (!organisation) throw AppError.forbidden();
        await review.takeStance(application, actorOf(viewer), organisation.organisationId, body.stance, body.reason);
        return reply.redirect(back(application), 303);
      },
    });
  });

  app.post('/membership/applications/:number/overrule', { schema: { params: NumberParams, body: OverruleBody }, attachValidation: true }, async (request, reply) => {
    const { application, viewer } = await load(request, 'decide');
    return submitForm<Static<typeof OverruleBody>>(request, reply, {
      title: title(request, application),
      render: async (problems) => (await view(request, problems)).body,
      run: async (body) => {
        const stance = (await review.stances(application.id)).find((s) => s.slug === body.organisation);
        if (!stance) throw AppError.notFound();
        await review.overrule(application, stance.organisation_id, body.reason, actorOf(viewer));
        return reply.redirect(back(application), 303);
      },
    });
  });

  app.post('/membership/applications/:number/reject', { schema: { params: NumberParams, body: RejectBody }, attachValidation: true }, async (request, reply) => {
    const { application, viewer } = await load(request, 'decide');
    return submitForm<Static<typeof RejectBody>>(request, reply, {
      title: title(request, application),
      render: async (problems) => (await view(request, problems)).body,
      run: async (body) => {
        await review.reject(application, body.reason, actorOf(viewer));
        return reply.redirect('/membership/decisions', 303);
      },
    });
  });

  app.post('/membership/applications/:number/extend', { schema: { params: NumberParams, body: ExtendBody }, attachValidation: true }, async (request, reply) => {
    const { application, viewer } = await load(request, 'decide');
    return submitForm<Static<typeof ExtendBody>>(request, reply, {
      title: title(request, application),
      render: async (problems) => (await view(request, problems)).body,
      run: async (body) => {
        await review.extend(application, new Date(`${body.until}T23:59:59.000Z`), actorOf(viewer));
        return reply.redirect(back(application), 303);
      },
    });
  });
}
