import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { bearerSecurity, errorResponses, Literals } from '../../platform/http/api-schemas.ts';
import { AppError } from '../../platform/http/errors.ts';
import { Slug } from '../organisations/organisations.schemas.ts';
import { changerKind, requireProfileEditor } from './directory.policy.ts';
import { ProfileBody, SearchQuery, ServiceBody, ServiceSlug } from './directory.schemas.ts';
import type { ChangedBy } from './directory.service.ts';
import { reasonText } from './directory.pages.tsx';
import { CLAIMS } from './evidence/checks.ts';
import { describeResult } from './evidence/evidence.messages.ts';
import { METADATA_FORMATS } from './federation/metadata.ts';
import { excerpt, ProviderJson, providerJson } from './provider-presenter.ts';
import { filtersFrom } from './search-filters.ts';
import type { SearchResult } from './search-index.ts';
import type { Locale } from '../../platform/i18n/locale.ts';

const SlugParams = Type.Object({ slug: Slug });
const ServiceParams = Type.Object({ slug: Slug, service: ServiceSlug });

/** A result names at most this many services, and the start of the description: the profile has the rest. */
const SERVICES_PER_RESULT = 5;

const ServiceInResult = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  category: Type.String(),
  softwareName: Type.String(),
  registration: Type.String(),
  registrationOpen: Type.Boolean(),
  freeOfCharge: Type.Boolean(),
  languages: Type.Array(Type.String()),
  hostingCountry: Type.Union([Type.String(), Type.Null()]),
  onion: Type.Boolean(),
  endToEndEncryption: Type.Boolean(),
  status: Type.String(),
});

const SearchHitJson = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  member: Type.Boolean(),
  description: Type.String({ description: 'The start of the description (the profile has it whole)' }),
  languages: Type.Array(Type.String()),
  countries: Type.Array(Type.String()),
  fitFor: Type.Array(Type.String()),
  services: Type.Array(ServiceInResult, { description: 'The first five services that fit the filters, in brief' }),
  servicesMatched: Type.Integer({ description: 'How many services fit the filters in all' }),
  why: Type.Array(Type.Object({ kind: Type.String(), text: Type.String() })),
  url: Type.String(),
});
const SearchResponse = Type.Object({
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  pages: Type.Integer(),
  results: Type.Array(SearchHitJson),
  facets: Type.Object({
    services: Type.Record(Type.String(), Type.Integer()),
    languages: Type.Record(Type.String(), Type.Integer()),
    countries: Type.Record(Type.String(), Type.Integer()),
  }),
});
const EvidenceJson = Type.Object({ claim: Type.String(), status: Literals(['verified', 'contradicted', 'self-declared', 'not-checked']), checkedAt: Type.Union([Type.String(), Type.Null()]), target: Type.Union([Type.String(), Type.Null()]), summary: Type.Union([Type.String(), Type.Null()]), facts: Type.Record(Type.String(), Type.Unknown()) });
const ProviderDetail = Type.Object({ ...ProviderJson.properties, claims: Type.Array(EvidenceJson) });
const SourceBody = Type.Object({ url: Type.String({ maxLength: 500 }), format: Literals(METADATA_FORMATS) }, { additionalProperties: false });
const ReadingJson = Type.Object({ outcome: Type.String(), reason: Type.Union([Type.String(), Type.Null()]), flags: Type.Array(Type.Object({ kind: Type.String(), country: Type.Optional(Type.String()), service: Type.Optional(Type.String()) })) });


function presentSearch(result: SearchResult, locale: Locale, publicUrl: URL) {
  return {
    total: result.total,
    page: result.page,
    pageSize: result.pageSize,
    pages: result.pages,
    results: result.hits.map((hit) => ({
      slug: hit.provider.slug,
      name: hit.provider.name,
      member: hit.provider.member,
      description: excerpt(hit.provider.profile.description),
      languages: hit.provider.profile.languages,
      countries: hit.provider.profile.countries,
      fitFor: Object.entries(hit.provider.profile.fitness).filter(([, f]) => f.fit).map(([level]) => level),
      services: hit.services.slice(0, SERVICES_PER_RESULT).map((s) => ({
        slug: s.slug,
        name: s.name,
        category: s.category,
        softwareName: s.softwareName,
        registration: s.registration,
        registrationOpen: s.registrationOpen,
        freeOfCharge: s.freeOfCharge,
        languages: s.languages,
        hostingCountry: s.hostingCountry,
        onion: s.onionAddress !== null,
        endToEndEncryption: s.endToEndEncryption,
        status: s.status,
      })),
      servicesMatched: hit.services.length,
      why: hit.reasons.map((r) => ({ kind: r.kind, text: reasonText(r, locale) })),
      url: new URL(`/directory/providers/${hit.provider.slug}`, publicUrl).toString(),
    })),
    facets: { services: Object.fromEntries(result.facets.categories), languages: Object.fromEntries(result.facets.languages), countries: Object.fromEntries(result.facets.countries) },
  };
}

/** The directory as JSON: public search and profiles; profile keeping for delegates with a token. */
export function registerDirectoryApi(app: FastifyInstance): void {
  const { directory, directorySearch, evidence, federation, config } = app.haven;
  const tags = ['directory'];

  app.get(
    '/api/v1/providers',
    { schema: { tags, summary: 'Search the directory (public); each result says why it matched', querystring: SearchQuery, response: { 200: SearchResponse, ...errorResponses } } },
    async (request, reply) => {
      const filters = filtersFrom(request.query as Static<typeof SearchQuery>);
      const locale = request.locale;
      // The same search in the same language is sent as it was serialised the first time, until the directory changes.
      const body = await directorySearch.remember(`api:${locale}:${JSON.stringify(filters)}`, async () => {
        const result = await directorySearch.search(filters);
        return Buffer.from(JSON.stringify(presentSearch(result, locale, config.publicUrl)));
      });
      return reply.type('application/json; charset=utf-8').send(body);
    },
  );

  app.get(
    '/api/v1/providers/:slug',
    { schema: { tags, summary: 'One provider’s profile, services and the evidence for its claims (public)', params: SlugParams, response: { 200: ProviderDetail, ...errorResponses } } },
    async (request) => {
      const { slug } = request.params as Static<typeof SlugParams>;
      const index = await directorySearch.index();
      const listed = index.provider(slug);
      if (!listed) throw AppError.notFound();
      const latest = await evidence.latest(listed.id);
      const claims = CLAIMS.map((claim) => {
        const e = latest.get(claim);
        if (!e) return { claim, status: listed.profile.website ? ('not-checked' as const) : ('self-declared' as const), checkedAt: null, target: null, summary: null, facts: {} };
        return { claim, status: e.outcome, checkedAt: e.checkedAt, target: e.target, summary: describeResult(e, request.locale), facts: e.facts };
      });
      return { ...providerJson(listed, config.publicUrl), claims };
    },
  );

  async function editor(request: FastifyRequest): Promise<{ slug: string; organisationId: string; by: ChangedBy }> {
    const { slug } = request.params as { slug: string };
    const record = await directory.provider(slug);
    const viewer = requireProfileEditor(request.viewer, record.organisation.id);
    return { slug, organisationId: record.organisation.id, by: { kind: changerKind(viewer, record.organisation.id), actor: { accountId: viewer.accountId, username: viewer.username } } };
  }

  app.put(
    '/api/v1/providers/:slug/profile',
    { schema: { tags, summary: 'Replace the profile (the provider’s delegates, stewards)', security: bearerSecurity, params: SlugParams, body: ProfileBody, response: { 204: Type.Null(), ...errorResponses } } },
    async (request, reply) => {
      const { slug, by } = await editor(request);
      await directory.saveProfile(slug, request.body as Static<typeof ProfileBody>, by);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/v1/providers/:slug/services',
    { schema: { tags, summary: 'Add a service', security: bearerSecurity, params: SlugParams, body: ServiceBody, response: { 201: Type.Object({ slug: Type.String() }), ...errorResponses } } },
    async (request, reply) => {
      const { slug, by } = await editor(request);
      return reply.code(201).send({ slug: await directory.addService(slug, request.body as Static<typeof ServiceBody>, by) });
    },
  );

  app.put(
    '/api/v1/providers/:slug/services/:service',
    { schema: { tags, summary: 'Replace a service', security: bearerSecurity, params: ServiceParams, body: ServiceBody, response: { 204: Type.Null(), ...errorResponses } } },
    async (request, reply) => {
      const { slug, by } = await editor(request);
      await directory.updateService(slug, (request.params as Static<typeof ServiceParams>).service, request.body as Static<typeof ServiceBody>, by);
      return reply.code(204).send();
    },
  );

  app.delete(
    '/api/v1/providers/:slug/services/:service',
    { schema: { tags, summary: 'Remove a service', security: bearerSecurity, params: ServiceParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (request, reply) => {
      const { slug, by } = await editor(request);
      await directory.removeService(slug, (request.params as Static<typeof ServiceParams>).service, by);
      return reply.code(204).send();
    },
  );

  app.put(
    '/api/v1/providers/:slug/metadata-source',
    { schema: { tags, summary: 'Register where the provider publishes its own metadata (StatoolInfos or librehost.json)', security: bearerSecurity, params: SlugParams, body: SourceBody, response: { 204: Type.Null(), ...errorResponses } } },
    async (request, reply) => {
      const { organisationId, by } = await editor(request);
      await federation.register(organisationId, request.body as Static<typeof SourceBody>, by.actor);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/v1/providers/:slug/metadata-source/read',
    { schema: { tags, summary: 'Read the registered metadata now', security: bearerSecurity, params: SlugParams, response: { 200: ReadingJson, ...errorResponses } } },
    async (request) => {
      const { organisationId } = await editor(request);
      const outcome = await federation.read(organisationId);
      return { outcome: outcome.outcome, reason: outcome.reason, flags: outcome.flags };
    },
  );

  app.post(
    '/api/v1/providers/:slug/checks',
    { schema: { tags, summary: 'Run the automated checks of the provider’s claims now', security: bearerSecurity, params: SlugParams, response: { 200: Type.Array(EvidenceJson), ...errorResponses } } },
    async (request) => {
      const { slug, organisationId } = await editor(request);
      const record = await directory.provider(slug);
      const results = await evidence.check(organisationId, record.profile.website);
      return results.map((e) => ({ claim: e.claim, status: e.outcome, checkedAt: e.checkedAt, target: e.target, summary: describeResult(e, request.locale), facts: e.facts }));
    },
  );
}
