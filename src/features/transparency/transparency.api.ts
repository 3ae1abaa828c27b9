import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { errorResponses } from '../../platform/http/api-schemas.ts';
import { AppError } from '../../platform/http/errors.ts';
import { Slug } from '../organisations/organisations.schemas.ts';

const SlugParams = Type.Object({ slug: Slug });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const TransparencyJson = Type.Object({
  canary: Type.Object({
    state: Type.Union(['none', 'current', 'due-soon', 'overdue', 'invalid'].map((s) => Type.Literal(s))),
    date: Nullable(Type.String()),
    nextUpdate: Nullable(Type.String()),
    signedBy: Nullable(Type.String()),
    keyFingerprint: Nullable(Type.String()),
    statementUrl: Nullable(Type.String()),
  }),
});

/** A provider's transparency records as JSON (public). */
export function registerTransparencyApi(app: FastifyInstance): void {
  const { directory, canaries, config } = app.haven;
  app.get(
    '/api/v1/providers/:slug/transparency',
    { schema: { tags: ['transparency'], summary: 'A provider’s transparency records: the state of its warrant canary (public)', params: SlugParams, response: { 200: TransparencyJson, ...errorResponses } } },
    async (request) => {
      const record = await directory.provider((request.params as Static<typeof SlugParams>).slug);
      if (!record.published) throw AppError.notFound();
      const status = await canaries.status(record.organisation.id);
      return {
        canary: {
          state: status.state,
          date: status.latest?.date ?? null,
          nextUpdate: status.latest?.nextUpdate ?? null,
          signedBy: status.latest?.signedBy ?? null,
          keyFingerprint: status.key?.fingerprint ?? null,
          statementUrl: status.latest ? new URL(`/providers/${record.organisation.slug}/canary.txt`, config.publicUrl).toString() : null,
        },
      };
    },
  );
}
