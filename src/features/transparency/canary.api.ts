import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { bearerSecurity, errorResponses } from '../../platform/http/api-schemas.ts';
import { actorOf } from '../accounts/viewer.ts';
import { requireProfileEditor } from '../directory/directory.policy.ts';
import { Slug } from '../organisations/organisations.schemas.ts';

const SlugParams = Type.Object({ slug: Slug });
const KeyBody = Type.Object({ key: Type.String({ minLength: 1, maxLength: 65_536, description: 'The armored OpenPGP public key the canaries are signed with' }) }, { additionalProperties: false });
const StatementBody = Type.Object({ statement: Type.String({ minLength: 1, maxLength: 65_536, description: 'The clear-signed statement, exactly as gpg --clearsign wrote it' }) }, { additionalProperties: false });
const SourceBody = Type.Object({ url: Type.String({ minLength: 1, maxLength: 2000, description: 'Where the provider serves its signed statement itself' }) }, { additionalProperties: false });
const tags = ['transparency'];

/** A provider's warrant canary kept by script: the same rules as the pages (its delegates, stewards). */
export function registerCanaryApi(app: FastifyInstance): void {
  const { directory, canaries, canarySources } = app.haven;

  async function editor(request: FastifyRequest) {
    const record = await directory.provider((request.params as Static<typeof SlugParams>).slug);
    const viewer = requireProfileEditor(request.viewer, record.organisation.id);
    return { organisation: record.organisation, actor: actorOf(viewer) };
  }

  app.put(
    '/api/v1/providers/:slug/canary/key',
    { schema: { tags, summary: 'Set the key the provider signs its canaries with', security: bearerSecurity, params: SlugParams, body: KeyBody, response: { 204: Type.Null(), ...errorResponses } } },
    async (request, reply) => {
      const { organisation, actor } = await editor(request);
      await canaries.setKey(organisation.id, (request.body as Static<typeof KeyBody>).key, actor);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/v1/providers/:slug/canary/statements',
    {
      schema: {
        tags,
        summary: 'Publish a clear-signed canary statement (verified before it is kept; the same statement again changes nothing)',
        security: bearerSecurity,
        params: SlugParams,
        body: StatementBody,
        response: { 201: Type.Object({ published: Type.Boolean() }), 200: Type.Object({ published: Type.Boolean() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { organisation, actor } = await editor(request);
      const published = await canaries.publish(organisation.id, organisation.slug, (request.body as Static<typeof StatementBody>).statement, actor);
      return reply.code(published ? 201 : 200).send({ published });
    },
  );

  app.put(
    '/api/v1/providers/:slug/canary/source',
    { schema: { tags, summary: 'Have Haven fetch and verify the canary the provider hosts at this address', security: bearerSecurity, params: SlugParams, body: SourceBody, response: { 204: Type.Null(), ...errorResponses } } },
    async (request, reply) => {
      const { organisation, actor } = await editor(request);
      await canarySources.register(organisation.id, (request.body as Static<typeof SourceBody>).url, actor);
      return reply.code(204).send();
    },
  );

  app.delete(
    '/api/v1/providers/:slug/canary/source',
    { schema: { tags, summary: 'Stop fetching the hosted canary', security: bearerSecurity, params: SlugParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (request, reply) => {
      const { organisation, actor } = await editor(request);
      await canarySources.register(organisation.id, null, actor);
      return reply.code(204).send();
    },
  );
}
