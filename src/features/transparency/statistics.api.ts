import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { bearerSecurity, errorResponses, Literals, Nullable } from '../../platform/http/api-schemas.ts';
import { actorOf } from '../accounts/viewer.ts';
import { requireProfileEditor } from '../directory/directory.policy.ts';
import { Slug } from '../organisations/organisations.schemas.ts';
import { MONTHS_PER_UPLOAD, type UsageMonth } from './statistics.service.ts';
import { STATISTICS_SOURCES } from './statistics.table.ts';
import { LARGEST_FIGURE } from './statoolinfos-metrics.ts';

const SlugParams = Type.Object({ slug: Slug });
const Figure = (description: string) => Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: LARGEST_FIGURE, description })));
const MonthSent = Type.Object(
  {
    month: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM, not after the current month' }),
    accounts: Figure('Accounts at the end of the month'),
    storageMb: Figure('Storage used, in megabytes (1 GB = 1000 MB)'),
    monthlyActive: Figure('Accounts or people active during the month'),
  },
  { additionalProperties: false },
);
const StatisticsBody = Type.Object({ months: Type.Array(MonthSent, { minItems: 1, maxItems: MONTHS_PER_UPLOAD }) }, { additionalProperties: false });

/** One month as the transparency JSON gives it. */
export const UsageMonthJson = Type.Object({
  month: Type.String({ description: 'YYYY-MM' }),
  accounts: Nullable(Type.Integer()),
  storageMb: Nullable(Type.Integer()),
  monthlyActive: Nullable(Type.Integer()),
  source: Literals(STATISTICS_SOURCES),
});

export const usageMonthJson = (u: UsageMonth) => ({ month: u.month, accounts: u.accounts, storageMb: u.storageMb, monthlyActive: u.monthlyActive, source: u.source });

/** Usage statistics sent by a script: the provider's delegates and stewards, with a token or a session. */
export function registerStatisticsApi(app: FastifyInstance): void {
  const { directory, statistics } = app.haven;
  app.put(
    '/api/v1/providers/:slug/statistics',
    {
      schema: {
        tags: ['transparency'],
        summary: 'Publish monthly usage statistics: each month sent replaces what it said before, other months stay (the provider’s delegates, stewards)',
        security: bearerSecurity,
        params: SlugParams,
        body: StatisticsBody,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const record = await directory.provider((request.params as Static<typeof SlugParams>).slug);
      const viewer = requireProfileEditor(request.viewer, record.organisation.id);
      const { months } = request.body as Static<typeof StatisticsBody>;
      const rows = months.map((u) => ({ month: u.month, accounts: u.accounts ?? null, storageMb: u.storageMb ?? null, monthlyActive: u.monthlyActive ?? null }));
      await statistics.record(record.organisation.id, rows, 'upload', actorOf(viewer));
      return reply.code(204).send();
    },
  );
}
