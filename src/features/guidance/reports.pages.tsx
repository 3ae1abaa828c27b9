import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { Select } from '../../platform/html/form.tsx';
import type { PageContext } from '../../platform/html/page-context.ts';
import { Literals } from '../../platform/http/api-schemas.ts';
import { formatDate, type Locale } from '../../platform/i18n/locale.ts';
import { directoryText } from '../directory/directory.messages.ts';
import { RISK_LEVELS } from '../directory/directory.model.ts';
import { guidanceText } from './guidance.messages.ts';
import { QUARTER_PATTERN, REPORT_CATEGORIES, REPORT_DIMENSIONS, REPORT_REGIONS, reportQueryOf, SMALLEST_SHOWN, UNKNOWN_REGION, UNSPECIFIED_CATEGORY, type Figure, type Report, type ReportDimension, type ReportGroup } from './guidance-reports.ts';
import { regionName } from './questionnaire.ts';
import { reportScopes, requireReportScope, scopeKey, type ReportScope } from './reports.policy.ts';
import { reportsText } from './reports.messages.ts';

const OrEmpty = <T extends string>(values: readonly T[]) => Type.Optional(Type.Union([Type.Literal(''), Literals(values)]));
const ReportsPageQuery = Type.Object({
  org: Type.Optional(Type.String({ maxLength: 48, pattern: '^[a-z0-9-]*$' })),
  level: OrEmpty(RISK_LEVELS),
  category: OrEmpty(REPORT_CATEGORIES),
  region: OrEmpty(REPORT_REGIONS),
  quarter: Type.Optional(Type.Union([Type.Literal(''), Type.String({ pattern: QUARTER_PATTERN })])),
  by: OrEmpty(REPORT_DIMENSIONS),
  then: OrEmpty(REPORT_DIMENSIONS),
});
type PageQuery = Static<typeof ReportsPageQuery>;

/** How one value of a dimension reads. */
export function valueName(dimension: ReportDimension, value: string, locale: Locale): string {
  const m = reportsText[locale];
  switch (dimension) {
    case 'level':
      return (guidanceText[locale].levels as Record<string, string>)[value] ?? value;
    case 'category':
      return value === UNSPECIFIED_CATEGORY ? m.unspecified : ((directoryText[locale].categories as Record<string, string>)[value] ?? value);
    case 'region':
      return value === UNKNOWN_REGION ? m.unknownRegion : regionName(value, locale);
    case 'quarter':
      return m.quarter(value.slice(0, 4), value.slice(6));
  }
}

/** A figure as it reads: a number, "at least n" when small combinations were left out, or "small numbers" instead of a count under 5. */
export function figureText(figure: Figure, locale: Locale): string {
  const m = reportsText[locale];
  const n = new Intl.NumberFormat(locale).format(figure.count);
  if (!figure.leftOut) return n;
  return figure.count === 0 ? m.smallNumbers : m.atLeast(n);
}

function OneWayTable(props: { ctx: PageContext; report: Report }) {
  const { locale } = props.ctx;
  const m = reportsText[locale];
  const d = props.report.query.by[0]!;
  return (
    <div class="table-scroll">
      <table>
        <caption>{m.caption(m.dimensions[d])}</caption>
        <thead>
          <tr>
            <th scope="col">{m.dimensions[d]}</th>
            <th scope="col">{m.referrals}</th>
          </tr>
        </thead>
        <tbody>
          {props.report.groups.map((g) => (
            <tr>
              <th scope="row">{valueName(d, g.values[d]!, locale)}</th>
              <td>{figureText(g.figure, locale)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{m.total}</th>
            <td>{figureText(props.report.total, locale)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function CrossTable(props: { ctx: PageContext; report: Report }) {
  const { locale } = props.ctx;
  const m = reportsText[locale];
  const { report } = props;
  const [rowsBy, columnsBy] = report.query.by as [ReportDimension, ReportDimension];
  const [rows, columns] = report.margins!;
  const cell = (row: ReportGroup, column: ReportGroup) => report.groups.find((g) => g.values[rowsBy] === row.values[rowsBy] && g.values[columnsBy] === column.values[columnsBy]);
  return (
    <div class="table-scroll">
      <table>
        <caption>{m.crossCaption(m.dimensions[rowsBy], m.dimensions[columnsBy])}</caption>
        <thead>
          <tr>
            <th scope="col">{m.dimensions[rowsBy]}</th>
            {columns.map((c) => (
              <th scope="col">{valueName(columnsBy, c.values[columnsBy]!, locale)}</th>
            ))}
            <th scope="col">{m.total}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <th scope="row">{valueName(rowsBy, r.values[rowsBy]!, locale)}</th>
              {columns.map((c) => (
                <td>{figureText(cell(r, c)?.figure ?? { count: 0, leftOut: false }, locale)}</td>
              ))}
              <td>{figureText(r.figure, locale)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{m.total}</th>
            {columns.map((c) => (
              <td>{figureText(c.figure, locale)}</td>
            ))}
            <td>{figureText(report.total, locale)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function FilterForm(props: { ctx: PageContext; scopes: ReportScope[]; scope: ReportScope; query: PageQuery; quarters: string[] }) {
  const { ctx, query } = props;
  const m = reportsText[ctx.locale];
  const options = (d: ReportDimension, values: readonly string[]) => [{ value: '', label: m.all }, ...values.map((v) => ({ value: v, label: valueName(d, v, ctx.locale) }))];
  const dimensions = [{ value: '', label: m.nothing }, ...REPORT_DIMENSIONS.map((d) => ({ value: d, label: m.dimensions[d] }))];
  return (
    <form method="get" action="/guidance/reports" aria-labelledby="filters-title">
      <h2 id="filters-title">{m.filtersTitle}</h2>
      {props.scopes.length > 1 && (
        <Select ctx={ctx} name="org" label={m.scope} value={scopeKey(props.scope)} options={props.scopes.map((s) => ({ value: scopeKey(s), label: s.kind === 'coalition' ? m.coalitionScope : m.intermediaryScope(s.name) }))} />
      )}
      <Select ctx={ctx} name="level" label={m.dimensions.level} value={query.level ?? ''} options={options('level', RISK_LEVELS)} />
      <Select ctx={ctx} name="category" label={m.dimensions.category} value={query.category ?? ''} options={options('category', REPORT_CATEGORIES.filter((c) => c !== 'other' && c !== 'dns'))} />
      <Select ctx={ctx} name="region" label={m.dimensions.region} value={query.region ?? ''} options={options('region', REPORT_REGIONS)} />
      <Select ctx={ctx} name="quarter" label={m.dimensions.quarter} value={query.quarter ?? ''} options={options('quarter', props.quarters)} />
      <Select ctx={ctx} name="by" label={m.groupBy} value={query.by ?? ''} options={dimensions} />
      <Select ctx={ctx} name="then" label={m.thenBy} value={query.then ?? ''} options={dimensions} />
      <button type="submit">{m.show}</button>
    </form>
  );
}

/** Referrals in figures, for those reportScopes() allows; the filters travel in the query string (they name no one). */
export function registerReportPages(app: FastifyInstance): void {
  const { guidanceReports } = app.haven;

  app.get('/guidance/reports', { schema: { querystring: ReportsPageQuery } }, async (request, reply) => {
    const query = request.query as PageQuery;
    const scope = requireReportScope(request.viewer, query.org || null);
    const ctx = request.pageContext();
    const m = reportsText[ctx.locale];
    const population = scope.kind === 'coalition' ? scope : { kind: scope.kind, organisationId: scope.organisationId };
    const reportQuery = reportQueryOf(query, [query.by, query.then]);
    const report = await guidanceReports.report(population, reportQuery);
    const json = new URLSearchParams({ org: scopeKey(scope), ...reportQuery.filters, ...(reportQuery.by.length ? { by: reportQuery.by.join(',') } : {}) });
    return reply.page(
      m.title,
      <>
        <p>
          <strong>{scope.kind === 'coalition' ? m.coalitionScope : m.intermediaryScope(scope.name)}.</strong>
        </p>
        <p>{m.counting(formatDate(guidanceReports.countedBefore(), ctx.locale))}</p>
        <p>{m.suppression(SMALLEST_SHOWN)}</p>
        <FilterForm ctx={ctx} scopes={reportScopes(request.viewer)} scope={scope} query={query} quarters={report.quarters} />
        {report.total.count === 0 && !report.total.leftOut ? (
          <p>{m.empty}</p>
        ) : (
          <>
            <p>{m.totalLine(figureText(report.total, ctx.locale))}</p>
            {reportQuery.by.length === 1 && <OneWayTable ctx={ctx} report={report} />}
            {reportQuery.by.length === 2 && <CrossTable ctx={ctx} report={report} />}
            <h2>{m.legendTitle}</h2>
            <ul>
              <li>{m.legendAtLeast}</li>
              <li>{m.legendSmall}</li>
            </ul>
          </>
        )}
        <p>
          <a href={`/api/v1/guidance/reports?${json.toString()}`}>{m.json}</a>
        </p>
      </>,
    );
  });
}
