import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { errorResponses, Nullable } from '../../platform/http/api-schemas.ts';
import { AppError } from '../../platform/http/errors.ts';
import { Slug } from '../organisations/organisations.schemas.ts';
import { usageMonthJson, UsageMonthJson } from './statistics.api.ts';
import type { CanaryStatus } from './canary.service.ts';
import { COALITION_CANARY } from './canary.table.ts';
import { canaryFiles } from './canary-view.tsx';
import { COALITION } from './incidents.table.ts';

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
const CanaryJson = Type.Object({
  state: Type.Union(['none', 'current', 'due-soon', 'overdue', 'invalid'].map((s) => Type.Literal(s)), { description: 'invalid: the latest statement was signed with a key that is no longer the registered one, or the hosted copy no longer verifies' }),
  date: Nullable(Type.String()),
  nextUpdate: Nullable(Type.String()),
  signedBy: Nullable(Type.String()),
  keyFingerprint: Nullable(Type.String()),
  statementUrl: Nullable(Type.String({ description: 'The statement exactly as signed, for gpg --verify' })),
  keyUrl: Nullable(Type.String()),
  source: Nullable(
    Type.Object(
      { url: Type.String(), checkedAt: Nullable(Type.String()), problem: Nullable(Type.String({ description: 'Why the last fetch gave no verified statement, as a code' })) },
      { description: 'Where the provider hosts its canary itself, when it does; Haven fetches and verifies it on a schedule' },
    ),
  ),
});

function canaryJson(status: CanaryStatus, files: { statement: string; key: string }, publicUrl: URL) {
  return {
    state: status.state,
    date: status.latest?.date ?? null,
    nextUpdate: status.latest?.nextUpdate ?? null,
    signedBy: status.latest?.signedBy ?? null,
    keyFingerprint: status.key?.fingerprint ?? null,
    statementUrl: status.latest ? new URL(files.statement, publicUrl).toString() : null,
    keyUrl: status.key ? new URL(files.key, publicUrl).toString() : null,
    source: status.source ? { url: status.source.url, checkedAt: status.source.checkedAt, problem: status.source.problem } : null,
  };
}

const TransparencyJson = Type.Object({
  documents: Type.Array(DocumentJson, { description: 'Backup policy, activity reports and accounts, newest first within each kind' }),
  statistics: Type.Array(UsageMonthJson, { description: 'Anonymised usage statistics, one entry a month, oldest first; an unknown figure is null' }),
  incidents: Type.Array(IncidentJson),
  legalRequests: Type.Object({
    counts: Type.Array(Type.Object({ year: Type.String(), requestKind: Type.String(), count: Type.Integer() }), { description: 'Every request, held back or not, by year and kind' }),
    entries: Type.Array(LegalRequestJson),
  }),
  canary: CanaryJson,
});

const CoalitionTransparencyJson = Type.Object({ canary: CanaryJson, incidents: Type.Array(IncidentJson) });

/** A provider's transparency records as JSON (public). */
export function registerTransparencyApi(app: FastifyInstance): void {
  const { directory, canaries, legalRequests, incidents, documents, statistics, config } = app.haven;
  app.get(
    '/api/v1/providers/:slug/transparency',
    { schema: { tags: ['transparency'], summary: 'A provider’s transparency records: its incident journal, backup policy, reports and accounts, its register of legal requests and the state of its warrant canary and its monthly usage statistics (public; held-back requests only for its delegates and stewards)', params: SlugParams, response: { 200: TransparencyJson, ...errorResponses } } },
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
      const usage = await statistics.list(record.organisation.id);
      return {
        documents: published,
        statistics: usage.map(usageMonthJson),
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
        canary: canaryJson(status, canaryFiles(record.organisation.slug), config.publicUrl),
      };
    },
  );

  app.get(
    '/api/v1/coalition/transparency',
    { schema: { tags: ['transparency'], summary: 'The coalition’s own transparency: its warrant canary (signed with the key Haven holds) and its incident journal', response: { 200: CoalitionTransparencyJson, ...errorResponses } } },
    async () => {
      const [status, journal] = await Promise.all([canaries.status(COALITION_CANARY), incidents.list(COALITION)]);
      return { canary: canaryJson(status, canaryFiles(null), config.publicUrl), incidents: journal.map(({ updatedAt: _updatedAt, ...incident }) => incident) };
    },
  );
}
