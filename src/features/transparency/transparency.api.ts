import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { errorResponses, Nullable } from '../../platform/http/api-schemas.ts';
import { AppError } from '../../platform/http/errors.ts';
import { Slug } from '../organisations/organisations.schemas.ts';

const SlugParams = Type.Object({ slug: Slug });
const LegalRequestJson = Type.Object({
  number: Type.Integer(),
  receivedOn: Type.String(),
  authorityKind: Type.String(),
  requestKind: Type.String(),
  legalOrder: Type.Boolean(),
  dataRequested: Type.String(),
  notes: Type.String(),
  outcome: Type.String(),
  publishedAt: Nullable(Type.String({ description: 'Null while held back (only its delegates and stewards see such entries)' })),
  publishAfter: Nullable(Type.String()),
});
const IncidentJson = Type.Object({
  number: Type.Integer(),
  title: Type.String(),
  services: Type.Array(Type.String()),
  status: Type.String(),
  startedAt: Type.String(),
  endedAt: Nullable(Type.String()),
  postMortem: Nullable(Type.String()),
  updates: Type.Array(Type.Object({ at: Type.String(), status: Type.String(), body: Type.String() })),
});
const DocumentJson = Type.Object({
  kind: Type.String(),
  title: Type.String(),
  asOf: Type.String(),
  url: Nullable(Type.String()),
  stale: Type.Boolean({ description: 'More than a year old' }),
  backup: Nullable(
    Type.Object({ frequency: Type.String(), retentionDays: Type.Integer(), encrypted: Type.Boolean(), offsite: Type.Boolean(), lastRestoreTest: Nullable(Type.String()) }),
  ),
});
const TransparencyJson = Type.Object({
  documents: Type.Array(DocumentJson, { description: 'Backup policy, activity reports and accounts, newest first within each kind' }),
  incidents: Type.Array(IncidentJson),
  legalRequests: Type.Object({
    counts: Type.Array(Type.Object({ year: Type.String(), requestKind: Type.String(), count: Type.Integer() }), { description: 'Every request, held back or not, by year and kind' }),
    entries: Type.Array(LegalRequestJson),
  }),
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
  const { directory, canaries, legalRequests, incidents, documents, config } = app.haven;
  app.get(
    '/api/v1/providers/:slug/transparency',
    { schema: { tags: ['transparency'], summary: 'A provider’s transparency records: its incident journal, backup policy, reports and accounts, its register of legal requests and the state of its warrant canary (public; held-back requests only for its delegates and stewards)', params: SlugParams, response: { 200: TransparencyJson, ...errorResponses } } },
    async (request) => {
      const record = await directory.provider((request.params as Static<typeof SlugParams>).slug);
      if (!record.published) throw AppError.notFound();
      const [status, entries, counts, journal, published] = await Promise.all([
        canaries.status(record.organisation.id),
        legalRequests.visibleTo(request.viewer, record.organisation.id),
        legalRequests.counts(record.organisation.id),
        incidents.list(record.organisation.id),
        documents.list(record.organisation.id),
      ]);
      return {
        documents: published,
        incidents: journal.map(({ updatedAt: _updatedAt, ...incident }) => incident),
        legalRequests: {
          counts,
          entries: entries.map((e) => ({
            number: e.number,
            receivedOn: e.receivedOn,
            authorityKind: e.authorityKind,
            requestKind: e.requestKind,
            legalOrder: e.legalOrder,
            dataRequested: e.dataRequested,
            notes: e.notes,
            outcome: e.outcome,
            publishedAt: e.publishedAt,
            publishAfter: e.publishAfter,
          })),
        },
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
