import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { errorResponses } from '../../platform/http/api-schemas.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { CharterVersion } from './charter.service.ts';
import { CharterVersionResponse, VersionParams } from './charter.schemas.ts';

function present(v: CharterVersion) {
  return { version: v.version, adoptedAt: v.adoptedAt, basedOn: v.basedOn, note: v.note, ...v.content };
}

export function registerCharterApi(app: FastifyInstance): void {
  const { charter } = app.haven;
  const tags = ['charter'];

  app.get(
    '/api/v1/charter',
    { schema: { tags, summary: 'The coalition’s current charter: principles and criteria in every language', response: { 200: CharterVersionResponse, ...errorResponses } } },
    async () => {
      const current = await charter.current();
      if (!current) throw AppError.notFound();
      return present(current);
    },
  );

  app.get(
    '/api/v1/charter/versions',
    {
      schema: {
        tags,
        summary: 'Every adopted version, newest first',
        response: { 200: Type.Array(Type.Object({ version: Type.Integer(), adoptedAt: Type.String(), basedOn: Type.String(), note: Type.String() })) },
      },
    },
    async () => (await charter.history()).map((v) => ({ version: v.version, adoptedAt: v.adoptedAt, basedOn: v.basedOn, note: v.note })),
  );

  app.get(
    '/api/v1/charter/versions/:version',
    { schema: { tags, summary: 'One version of the charter', params: VersionParams, response: { 200: CharterVersionResponse, ...errorResponses } } },
    async (request) => present(await charter.version((request.params as Static<typeof VersionParams>).version)),
  );
}
