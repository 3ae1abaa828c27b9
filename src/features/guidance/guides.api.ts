import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { errorResponses, Literals, Nullable } from '../../platform/http/api-schemas.ts';
import { LOCALES } from '../../platform/i18n/locale.ts';
import { RISK_LEVELS } from '../directory/directory.model.ts';
import { SKILL_LEVELS } from './guidance.table.ts';

const GuidesQuery = Type.Object({
  level: Type.Optional(Literals(RISK_LEVELS)),
  skill: Type.Optional(Literals(SKILL_LEVELS)),
  language: Type.Optional(Literals(LOCALES)),
});
const GuideJson = Type.Object({
  id: Type.String(),
  language: Literals(LOCALES),
  title: Type.String(),
  summary: Type.String(),
  url: Nullable(Type.String({ description: 'A path on this instance, or an http(s) address; null when the summary is the whole guide' })),
  levels: Type.Array(Literals(RISK_LEVELS), { description: 'The risk levels the guide suits' }),
  skills: Type.Array(Literals(SKILL_LEVELS), { description: 'The experience the guide suits' }),
  updatedAt: Type.String(),
});

/** The library of learning resources as JSON (public). */
export function registerGuidesApi(app: FastifyInstance): void {
  const { guides } = app.haven;
  app.get(
    '/api/v1/guides',
    {
      schema: {
        tags: ['guidance'],
        summary: 'The learning resources the stewards keep, by language then title; filtered by the risk level and experience they suit, and by language (public)',
        querystring: GuidesQuery,
        response: { 200: Type.Array(GuideJson), ...errorResponses },
      },
    },
    async (request) => {
      const query = request.query as Static<typeof GuidesQuery>;
      const found = await guides.list({ level: query.level ?? null, skill: query.skill ?? null, locale: query.language ?? null });
      return found.map((g) => ({ id: g.id, language: g.locale, title: g.title, summary: g.summary, url: g.url, levels: g.levels, skills: g.skills, updatedAt: g.updatedAt }));
    },
  );
}
