import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type, type Static } from 'typebox';
import { AppError } from '../../../platform/http/errors.ts';
import { Slug } from '../../organisations/organisations.schemas.ts';
import { ServiceSlug } from '../directory.schemas.ts';
import { librehostJson } from './librehost.publish.ts';
import { statoolInfosFederationFile, statoolInfosOrganizationFile, statoolInfosServiceFile } from './statoolinfos.publish.ts';

const SlugParams = Type.Object({ slug: Slug });
const ServiceParams = Type.Object({ slug: Slug, service: ServiceSlug });

const properties = (reply: FastifyReply, text: string) => reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=300').send(text);

/**
 * Haven's whole directory in the two federation formats, so that other
 * tools (a StatoolInfos crawler, the Librehosters network) can read it.
 */
export function registerFederationPublication(app: FastifyInstance): void {
  const { directorySearch, config } = app.haven;
  const federation = () => ({
    name: `Haven — ${config.publicUrl.hostname}`,
    description: 'Hosting and digital-security providers of the coalition / Hébergeurs et fournisseurs de sécurité numérique de la coalition',
    website: new URL('/directory', config.publicUrl).toString(),
    contactEmail: null,
  });
  const provider = async (slug: string) => {
    const found = (await directorySearch.index()).provider(slug);
    if (!found) throw AppError.notFound();
    return found;
  };

  app.get('/federation/statoolinfos/federation.properties', { schema: { hide: true } }, async (_request, reply) =>
    properties(reply, statoolInfosFederationFile(federation(), (await directorySearch.index()).all(), config.publicUrl)),
  );
  app.get('/federation/statoolinfos/organizations/:slug.properties', { schema: { hide: true, params: SlugParams } }, async (request, reply) =>
    properties(reply, statoolInfosOrganizationFile(await provider((request.params as Static<typeof SlugParams>).slug), config.publicUrl)),
  );
  app.get('/federation/statoolinfos/services/:slug/:service.properties', { schema: { hide: true, params: ServiceParams } }, async (request, reply) => {
    const { slug, service } = request.params as Static<typeof ServiceParams>;
    const p = await provider(slug);
    const found = p.services.find((s) => s.slug === service);
    if (!found) throw AppError.notFound();
    return properties(reply, statoolInfosServiceFile(p, found));
  });
  app.get('/federation/librehost/:slug.json', { schema: { hide: true, params: SlugParams } }, async (request, reply) =>
    reply.header('cache-control', 'public, max-age=300').send(librehostJson(await provider((request.params as Static<typeof SlugParams>).slug), config.publicUrl)),
  );
  app.get('/federation/librehosters.json', { schema: { hide: true } }, async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=300').send((await directorySearch.index()).all().map((p) => librehostJson(p, config.publicUrl))),
  );
}
