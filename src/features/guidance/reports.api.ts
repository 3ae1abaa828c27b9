import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { bearerSecurity, errorResponses, Literals, Nullable } from '../../platform/http/api-schemas.ts';
import { RISK_LEVELS } from '../directory/directory.model.ts';
import { QUARTER_PATTERN, REPORT_CATEGORIES, REPORT_DIMENSIONS, REPORT_REGIONS, reportQueryOf, SMALLEST_SHOWN, type Figure, type Report } from './guidance-reports.ts';
import { requireReportScope, type ReportScope } from './reports.policy.ts';

const dimensions = REPORT_DIMENSIONS.join('|');
export const ReportsQuery = Type.Object({
  org: Type.Optional(Type.String({ maxLength: 48, pattern: '^[a-z0-9-]+$', description: '`coalition`, or the short name of one of your intermediaries; your first scope when left out' })),
  level: Type.Optional(Literals(RISK_LEVELS)),
  category: Type.Optional(Literals(REPORT_CATEGORIES)),
  region: Type.Optional(Literals(REPORT_REGIONS)),
  quarter: Type.Optional(Type.String({ pattern: QUARTER_PATTERN, description: 'YYYY-Qn' })),
  by: Type.Optional(Type.String({ pattern: `^(${dimensions})(,(${dimensions}))?$`, description: 'One or two dimensions to group by, comma-separated' })),
});

const FigureFields = {
  count: Type.Integer({ minimum: 0, description: `The sum of the combinations (level × category × region × quarter) of ${SMALLEST_SHOWN} referrals or more in this group` }),
  suppressed: Type.Boolean({ description: `Whether combinations of fewer than ${SMALLEST_SHOWN} referrals also belong to this group and are left out of count` }),
};
const GroupJson = Type.Object({
  level: Type.Optional(Type.String()),
  category: Type.Optional(Type.String()),
  region: Type.Optional(Type.String()),
  quarter: Type.Optional(Type.String()),
  ...FigureFields,
});
export const ReportJson = Type.Object({
  scope: Type.Object({ kind: Literals(['coalition', 'intermediary']), organisation: Nullable(Type.String({ description: 'The intermediary’s short name' })) }),
  smallestShown: Type.Integer({ description: 'Combinations counting fewer referrals than this are never shown' }),
  countedBefore: Type.String({ description: 'Only referrals made before this instant (the start of the current quarter) are counted' }),
  filters: Type.Object({ level: Nullable(Type.String()), category: Nullable(Type.String()), region: Nullable(Type.String()), quarter: Nullable(Type.String()) }),
  by: Type.Array(Literals(REPORT_DIMENSIONS)),
  total: Type.Object(FigureFields),
  groups: Type.Array(GroupJson),
  quarters: Type.Array(Type.String(), { description: 'The quarters the counted referrals span' }),
});

const figureJson = (f: Figure) => ({ count: f.count, suppressed: f.leftOut });

export function reportJson(scope: ReportScope, report: Report, countedBefore: string) {
  const f = report.query.filters;
  return {
    scope: { kind: scope.kind, organisation: scope.kind === 'intermediary' ? scope.slug : null },
    smallestShown: SMALLEST_SHOWN,
    countedBefore,
    filters: { level: f.level ?? null, category: f.category ?? null, region: f.region ?? null, quarter: f.quarter ?? null },
    by: report.query.by,
    total: figureJson(report.total),
    groups: report.groups.map((g) => ({ ...g.values, ...figureJson(g.figure) })),
    quarters: report.quarters,
  };
}

/** Referrals in figures as JSON: intermediaries over their own, donors and stewards over the coalition's; aggregates only. */
export function registerReportsApi(app: FastifyInstance): void {
  const { guidanceReports } = app.haven;
  app.get(
    '/api/v1/guidance/reports',
    {
      schema: {
        tags: ['guidance'],
        summary: `Referrals counted by risk level, service category, region and quarter, with every combination under ${SMALLEST_SHOWN} left out (an intermediary's people: its own referrals; donors and stewards: the coalition's)`,
        security: bearerSecurity,
        querystring: ReportsQuery,
        response: { 200: ReportJson, ...errorResponses },
      },
    },
    async (request) => {
      const query = request.query as Static<typeof ReportsQuery>;
      const scope = requireReportScope(request.viewer, query.org);
      const population = scope.kind === 'coalition' ? scope : { kind: scope.kind, organisationId: scope.organisationId };
      const report = await guidanceReports.report(population, reportQueryOf(query, (query.by ?? '').split(',')));
      return reportJson(scope, report, guidanceReports.countedBefore());
    },
  );
}
