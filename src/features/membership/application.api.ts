import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { bearerSecurity, errorResponses } from '../../platform/http/api-schemas.ts';
import { AppError } from '../../platform/http/errors.ts';
import { requireViewer } from '../accounts/accounts.policy.ts';
import { actorOf } from '../accounts/viewer.ts';
import type { Application } from './applications.service.ts';
import { requireApplicationAccess } from './membership.policy.ts';

const NumberParams = Type.Object({ number: Type.Integer({ minimum: 1, maximum: 10_000_000 }) });
const Answer = Type.Union([Type.Literal('meets'), Type.Literal('partly'), Type.Literal('no'), Type.Literal('not-applicable')]);
const WebLink = Type.String({ maxLength: 500, pattern: '^https?://' });
const AnswerItem = Type.Object(
  { criterion: Type.String({ maxLength: 60 }), answer: Answer, explanation: Type.String({ maxLength: 5000 }), evidence: Type.Array(WebLink, { maxItems: 20 }) },
  { additionalProperties: false },
);
const ApplicationJson = Type.Object({
  number: Type.Integer(),
  organisation: Type.Object({ slug: Type.String(), name: Type.String(), kind: Type.String() }),
  state: Type.String(),
  outcome: Type.Union([Type.String(), Type.Null()]),
  charterVersion: Type.Integer(),
  submittedAt: Type.Union([Type.String(), Type.Null()]),
  windowEndsAt: Type.Union([Type.String(), Type.Null()]),
  decidedAt: Type.Union([Type.String(), Type.Null()]),
  decisionReason: Type.Union([Type.String(), Type.Null()]),
  answers: Type.Array(Type.Object({ criterion: Type.String(), answer: Type.String(), explanation: Type.String(), evidence: Type.Array(Type.String()) })),
  stances: Type.Array(Type.Object({ organisation: Type.String(), stance: Type.String(), reason: Type.String(), overruled: Type.Boolean() })),
  comments: Type.Array(Type.Object({ id: Type.String(), parentId: Type.Union([Type.String(), Type.Null()]), author: Type.Union([Type.String(), Type.Null()]), body: Type.String(), createdAt: Type.String() })),
});
const Decision = Type.Object({ number: Type.Integer(), organisation: Type.String(), outcome: Type.String(), decidedAt: Type.String(), reason: Type.Union([Type.String(), Type.Null()]) });

/** The membership flow through the JSON API: the same services and the same access rule as the pages. */
export function registerApplicationApi(app: FastifyInstance): void {
  const { applications, review, membership } = app.haven;
  const tags = ['membership'];
  const withNumber = { params: NumberParams, security: bearerSecurity, tags };

  async function load(request: FastifyRequest, need: 'see' | 'answer' | 'comment' | 'decide') {
    const viewer = requireViewer(request.viewer);
    const application = await applications.getByNumber((request.params as Static<typeof NumberParams>).number);
    const access = requireApplicationAccess(viewer, application, await membership.memberOrganisationIds(), need);
    return { viewer, application, access };
  }

  async function present(application: Application) {
    const [answers, stances, comments] = await Promise.all([applications.answers(application.id), review.stances(application.id), review.comments(application.id)]);
    return {
      number: application.number,
      organisation: { slug: application.organisation.slug, name: application.organisation.name, kind: application.organisation.kind },
      state: application.state,
      outcome: application.outcome,
      charterVersion: application.charter_version,
      submittedAt: application.submitted_at,
      windowEndsAt: application.window_ends_at,
      decidedAt: application.decided_at,
      decisionReason: application.decision_reason,
      answers: [...answers.values()].map((a) => ({ criterion: a.criterionKey, answer: a.answer, explanation: a.explanation, evidence: a.evidence })),
      stances: stances.map((s) => ({ organisation: s.slug, stance: s.stance, reason: s.reason, overruled: s.overruled_at !== null })),
      comments: comments.map((c) => ({ id: c.id, parentId: c.parent_id, author: c.username, body: c.body, createdAt: c.created_at })),
    };
  }

  app.get('/api/v1/membership/decisions', { schema: { tags, summary: 'Every decision on an application, with its public reason', response: { 200: Type.Array(Decision) } } }, async () =>
    (await review.decisions()).map((d) => ({ number: Number(d.number), organisation: d.name, outcome: d.outcome!, decidedAt: d.decided_at!, reason: d.decision_reason })),
  );

  app.post(
    '/api/v1/membership/applications',
    { schema: { tags, security: bearerSecurity, summary: 'Open a draft application for an organisation you are a delegate of', body: Type.Object({ organisation: Type.String({ maxLength: 64 }) }, { additionalProperties: false }), response: { 201: ApplicationJson, ...errorResponses } } },
    async (request, reply) => {
      const viewer = requireViewer(request.viewer);
      const slug = (request.body as { organisation: string }).organisation;
      const organisation = viewer.memberships.find((m) => m.slug === slug && m.role === 'delegate');
      if (!organisation) throw AppError.notFound();
      return reply.code(201).send(await present(await applications.start(organisation.organisationId, actorOf(viewer))));
    },
  );

  app.get('/api/v1/membership/applications/:number', { schema: { ...withNumber, summary: 'An application with its answers, stances and discussion', response: { 200: ApplicationJson, ...errorResponses } } }, async (request) => {
    const { application } = await load(request, 'see');
    return present(application);
  });

  app.put(
    '/api/v1/membership/applications/:number/answers',
    { schema: { ...withNumber, summary: 'Save or amend answers (amendments during review are kept)', body: Type.Object({ answers: Type.Array(AnswerItem, { maxItems: 500 }) }, { additionalProperties: false }), response: { 200: ApplicationJson, ...errorResponses } } },
    async (request) => {
      const { application, viewer } = await load(request, 'answer');
      const { answers } = request.body as { answers: Static<typeof AnswerItem>[] };
      await applications.saveAnswers(application, answers.map((a) => ({ criterionKey: a.criterion, answer: a.answer, explanation: a.explanation.trim(), evidence: a.evidence })), actorOf(viewer));
      return present(await applications.get(application.id));
    },
  );

  app.post('/api/v1/membership/applications/:number/submit', { schema: { ...withNumber, summary: 'Submit a complete draft for review', response: { 200: ApplicationJson, ...errorResponses } } }, async (request) => {
    const { application, viewer } = await load(request, 'answer');
    return present(await applications.submit(application, actorOf(viewer)));
  });

  app.post(
    '/api/v1/membership/applications/:number/comments',
    { schema: { ...withNumber, summary: 'Comment, or answer a comment', body: Type.Object({ body: Type.String({ minLength: 1, maxLength: 10000 }), parentId: Type.Optional(Type.String({ maxLength: 64 })) }, { additionalProperties: false }), response: { 201: ApplicationJson, ...errorResponses } } },
    async (request, reply) => {
      const { application, viewer } = await load(request, 'comment');
      const body = request.body as { body: string; parentId?: string };
      await review.comment(application, actorOf(viewer), body.body, body.parentId ?? null);
      return reply.code(201).send(await present(application));
    },
  );

  app.put(
    '/api/v1/membership/applications/:number/stance',
    {
      schema: {
        ...withNumber,
        summary: 'Take or change your member organisation’s stance',
        body: Type.Object(
          { organisation: Type.String({ maxLength: 64 }), stance: Type.Union([Type.Literal('support'), Type.Literal('objection'), Type.Literal('stand-aside')]), reason: Type.String({ maxLength: 5000 }) },
          { additionalProperties: false },
        ),
        response: { 200: ApplicationJson, ...errorResponses },
      },
    },
    async (request) => {
      const { application, access, viewer } = await load(request, 'see');
      const body = request.body as { organisation: string; stance: 'support' | 'objection' | 'stand-aside'; reason: string };
      const organisation = access.stanceFor.find((o) => o.slug === body.organisation);
      if (!organisation) throw AppError.forbidden();
      await review.takeStance(application, actorOf(viewer), organisation.organisationId, body.stance, body.reason);
      return present(await applications.get(application.id));
    },
  );

  const reasonBody = (extra: Record<string, ReturnType<typeof Type.String>> = {}) =>
    Type.Object({ reason: Type.String({ minLength: 1, maxLength: 5000 }), ...extra }, { additionalProperties: false });

  app.post(
    '/api/v1/membership/applications/:number/overrule',
    { schema: { ...withNumber, summary: 'Stewards: record rough consensus overruling one member’s objection, with a written reason', body: reasonBody({ organisation: Type.String({ maxLength: 64 }) }), response: { 200: ApplicationJson, ...errorResponses } } },
    async (request) => {
      const { application, viewer } = await load(request, 'decide');
      const body = request.body as { organisation: string; reason: string };
      const stance = (await review.stances(application.id)).find((s) => s.slug === body.organisation);
      if (!stance) throw AppError.notFound();
      await review.overrule(application, stance.organisation_id, body.reason, actorOf(viewer));
      return present(await applications.get(application.id));
    },
  );

  app.post(
    '/api/v1/membership/applications/:number/reject',
    { schema: { ...withNumber, summary: 'Stewards: decline after the window, with a public reason', body: reasonBody(), response: { 200: ApplicationJson, ...errorResponses } } },
    async (request) => {
      const { application, viewer } = await load(request, 'decide');
      await review.reject(application, (request.body as { reason: string }).reason, actorOf(viewer));
      return present(await applications.get(application.id));
    },
  );

  app.post(
    '/api/v1/membership/applications/:number/extend',
    {
      schema: {
        ...withNumber,
        summary: 'Stewards: move the end of the review window',
        body: Type.Object({ until: Type.String({ format: 'date-time', maxLength: 40 }) }, { additionalProperties: false }),
        response: { 200: ApplicationJson, ...errorResponses },
      },
    },
    async (request) => {
      const { application, viewer } = await load(request, 'decide');
      await review.extend(application, new Date((request.body as { until: string }).until), actorOf(viewer));
      return present(await applications.get(application.id));
    },
  );
}
