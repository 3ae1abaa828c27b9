import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { bearerSecurity, errorResponses, Nullable } from '../../platform/http/api-schemas.ts';
import { requireViewer } from '../accounts/accounts.policy.ts';
import { evaluationAccess, requireEvaluationAccess } from './peer-evaluations.policy.ts';
import type { FindingCounts, PeerEvaluation } from './peer-evaluations.service.ts';

const NumberParams = Type.Object({ number: Type.Integer({ minimum: 1, maximum: 10_000_000 }) });
const Organisation = Type.Object({ slug: Type.String(), name: Type.String() });
const Counts = Type.Object(
  {
    total: Type.Integer(),
    resolved: Type.Integer(),
    bySeverity: Type.Object({ info: Type.Integer(), low: Type.Integer(), medium: Type.Integer(), high: Type.Integer(), critical: Type.Integer() }),
  },
  { description: 'Numbers only, public once the evaluation is closed: never what a finding says.' },
);
const Common = {
  number: Type.Integer(),
  evaluator: Organisation,
  evaluated: Organisation,
  riskLevel: Type.String({ description: 'The declared fitness under evaluation: low, medium or high.' }),
  state: Type.String({ description: 'open, findings-shared, follow-up or closed.' }),
  charterVersion: Type.Integer(),
  openedAt: Type.String(),
  closedAt: Nullable(Type.String()),
  summary: Nullable(Type.String({ description: 'The evaluator’s public summary, once closed.' })),
  counts: Nullable(Counts),
};
const EvaluationSummary = Type.Object({ ...Common, criteriaCount: Type.Integer() });
const Note = Type.Object({ organisation: Type.String(), author: Nullable(Type.String()), body: Type.String(), status: Nullable(Type.String()), createdAt: Type.String() });
const Finding = Type.Object({
  position: Type.Integer(),
  subject: Type.String({ description: 'A criterion key, or risk-fitness.' }),
  severity: Type.String(),
  observation: Type.String(),
  recommendation: Type.String(),
  status: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  notes: Type.Array(Note),
});
const EvaluationDetails = Type.Object({
  ...Common,
  sharedAt: Nullable(Type.String()),
  criteria: Type.Array(Type.Object({ key: Type.String(), title: Type.Object({ en: Type.String(), fr: Type.String() }) })),
  findings: Type.Array(Finding, { description: 'Empty for the evaluated member until the evaluator shares them.' }),
});

/** Peer evaluations through the JSON API: read-only, with the same access rule as the pages. */
export function registerPeerEvaluationApi(app: FastifyInstance): void {
  const { peerEvaluations } = app.haven;
  const tags = ['membership'];

  const common = (e: PeerEvaluation, counts: FindingCounts) => ({
    number: e.number,
    evaluator: { slug: e.evaluator.slug, name: e.evaluator.name },
    evaluated: { slug: e.evaluated.slug, name: e.evaluated.name },
    riskLevel: e.riskLevel,
    state: e.state,
    charterVersion: e.charterVersion,
    openedAt: e.openedAt,
    closedAt: e.closedAt,
    summary: e.state === 'closed' ? e.summary : null,
    counts: e.state === 'closed' ? counts : null,
  });

  app.get(
    '/api/v1/membership/evaluations',
    {
      schema: {
        tags,
        security: [{}, ...bearerSecurity],
        summary: 'Closed peer evaluations with their public summaries; with a token, also those in progress you take part in (or oversee as a steward)',
        response: { 200: Type.Array(EvaluationSummary) },
      },
    },
    async (request) => {
      const visible = (await peerEvaluations.list()).filter((e) => {
        const access = evaluationAccess(request.viewer, e);
        return access.summary || access.details;
      });
      return Promise.all(visible.map(async (e) => ({ ...common(e, await peerEvaluations.counts(e.id)), criteriaCount: e.criteria.length })));
    },
  );

  app.get(
    '/api/v1/membership/evaluations/:number',
    {
      schema: {
        tags,
        params: NumberParams,
        security: bearerSecurity,
        summary: 'One peer evaluation with its findings and follow-up: for the two organisations’ people and stewards only (404 to anyone else)',
        response: { 200: EvaluationDetails, ...errorResponses },
      },
    },
    async (request) => {
      // Anonymous callers learn nothing, not even which numbers exist.
      requireViewer(request.viewer);
      const evaluation = await peerEvaluations.getByNumber((request.params as Static<typeof NumberParams>).number);
      const access = requireEvaluationAccess(request.viewer, evaluation, 'details');
      const [criteria, findings, counts] = await Promise.all([peerEvaluations.criteriaOf(evaluation), peerEvaluations.findings(evaluation, access), peerEvaluations.counts(evaluation.id)]);
      return {
        ...common(evaluation, counts),
        sharedAt: evaluation.sharedAt,
        criteria,
        findings: findings.map((f) => ({ ...f, notes: f.notes.map((n) => ({ organisation: n.organisation.slug, author: n.author, body: n.body, status: n.status, createdAt: n.createdAt })) })),
      };
    },
  );
}
