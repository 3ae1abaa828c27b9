import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { errorResponses, Literals, Nullable } from '../../platform/http/api-schemas.ts';
import { AppError } from '../../platform/http/errors.ts';
import { localized } from '../../platform/i18n/locale.ts';
import { RISK_LEVELS } from '../directory/directory.model.ts';
import { fitText } from './assessment-result.tsx';
import { guidanceText } from './guidance.messages.ts';
import { SKILL_LEVELS } from './guidance.table.ts';
import { AnswersRefused, COUNTRY_CODES, LANGUAGE_CODES, NEEDED_SERVICES, readAnswers, SCORED_QUESTIONS, SKILL_QUESTIONS } from './questionnaire.ts';

const AnswersBody = Type.Object(
  {
    adversaries: Type.Array(Literals(SCORED_QUESTIONS.adversaries), { minItems: 1, maxItems: 5 }),
    visibility: Literals(SCORED_QUESTIONS.visibility),
    jurisdiction: Literals(SCORED_QUESTIONS.jurisdiction),
    countries: Type.Optional(Type.Array(Literals(COUNTRY_CODES), { maxItems: 20, description: 'Countries whose authorities the person fears (ISO 3166-1 alpha-2)' })),
    sensitivity: Literals(SCORED_QUESTIONS.sensitivity),
    skill: Literals(SKILL_QUESTIONS.skill),
    support: Literals(SKILL_QUESTIONS.support),
    services: Type.Optional(Type.Array(Literals(NEEDED_SERVICES), { maxItems: NEEDED_SERVICES.length })),
    languages: Type.Array(Literals(LANGUAGE_CODES), { minItems: 1, maxItems: LANGUAGE_CODES.length }),
  },
  { additionalProperties: false },
);
const AssessmentJson = Type.Object({
  level: Literals(RISK_LEVELS),
  skill: Literals(SKILL_LEVELS),
  score: Type.Integer(),
  rulesVersion: Type.Integer({ description: 'The published scoring rules this result was decided with (/guidance/rules?version=N)' }),
  reasons: Type.Array(Type.Object({ question: Type.String(), answer: Type.String(), points: Type.Integer(), floor: Nullable(Literals(['medium', 'high'] as const)) })),
  recommendations: Type.Array(
    Type.Object({
      slug: Type.String(),
      name: Type.String(),
      services: Type.Array(Type.Object({ slug: Type.String(), name: Type.String(), category: Type.String() })),
      reasons: Type.Array(Type.Object({ kind: Type.String(), text: Type.String({ description: 'The reason in words, in the language asked for (Accept-Language)' }) })),
    }),
  ),
});
const RulesJson = Type.Object({ version: Type.Integer(), note: Type.String(), publishedAt: Type.String(), rules: Type.Unknown({ description: 'Points of each answer, thresholds and floors, as /guidance/rules shows them' }) });

/** The self-assessment for tools of intermediaries and helplines: stateless, nothing kept, like the pages. */
export function registerAssessmentApi(app: FastifyInstance): void {
  const { assessments, scoringRules } = app.haven;
  const tags = ['guidance'];

  app.post(
    '/api/v1/guidance/assessment',
    { schema: { tags, summary: 'Assess a risk level from questionnaire answers and recommend providers that fit (nothing is stored)', body: AnswersBody, response: { 200: AssessmentJson, ...errorResponses } } },
    async (request) => {
      let answers;
      try {
        answers = readAnswers(request.body as Static<typeof AnswersBody>);
      } catch (error) {
        if (error instanceof AnswersRefused) throw AppError.invalid(error.problems.map((p) => ({ field: p.field, text: localized(guidanceText, (m) => m.errors[p.code]) })));
        throw error;
      }
      const { assessment, recommendations } = await assessments.assess(answers);
      return {
        level: assessment.level,
        skill: assessment.skill,
        score: assessment.score,
        rulesVersion: assessment.rulesVersion,
        reasons: assessment.reasons,
        recommendations: recommendations.map((r) => ({
          slug: r.provider.slug,
          name: r.provider.name,
          services: r.services.map((s) => ({ slug: s.slug, name: s.name, category: s.category })),
          reasons: r.reasons.map((reason) => ({
            kind: reason.kind,
            text: reason.kind === 'services' ? `${guidanceText[request.locale].fits.services} ${reason.services.map((s) => s.name).join(', ')}` : fitText(reason, request.locale),
          })),
        })),
      };
    },
  );

  app.get(
    '/api/v1/guidance/rules',
    { schema: { tags, summary: 'The scoring rules in force (or, with ?version=N, an earlier version)', querystring: Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })) }), response: { 200: RulesJson, ...errorResponses } } },
    async (request) => {
      const { version } = request.query as { version?: number };
      return version ? scoringRules.version(version) : scoringRules.current();
    },
  );
}
