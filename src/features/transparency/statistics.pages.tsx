import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { submitForm } from '../../platform/html/form-route.ts';
import { Field, Form, ProblemSummary } from '../../platform/html/form.tsx';
import type { PageContext } from '../../platform/html/page-context.ts';
import type { FieldProblem } from '../../platform/http/errors.ts';
import { actorOf } from '../accounts/viewer.ts';
import { requireProfileEditor, requireVisibleProfile } from '../directory/directory.policy.ts';
import { Slug } from '../organisations/organisations.schemas.ts';
import { statisticsText } from './statistics.messages.ts';
import type { UsageMonth } from './statistics.service.ts';
import { gigabytes, readUsageCsv, writeUsageCsv } from './usage-csv.ts';
import { formatFigure, monthName, monthsBetween, UsageChart, type ChartFigure } from './usage-chart.tsx';

const SlugParams = Type.Object({ slug: Slug });
const Text = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const UploadForm = Type.Object({ _csrf: Text(100), months: Text(20_000) });
const RemoveForm = Type.Object({ _csrf: Text(100), month: Text(20) });
type UploadFormBody = Static<typeof UploadForm>;
type RemoveFormBody = Static<typeof RemoveForm>;

const FIGURES: { figure: ChartFigure; value: (u: UsageMonth) => number | null }[] = [
  { figure: 'accounts', value: (u) => u.accounts },
  { figure: 'storage', value: (u) => (u.storageMb === null ? null : gigabytes(u.storageMb)) },
  { figure: 'monthlyActive', value: (u) => u.monthlyActive },
];

function StatisticsTable(props: { ctx: PageContext; months: UsageMonth[] }) {
  const { locale } = props.ctx;
  const m = statisticsText[locale];
  const cell = (value: number | null) => (value === null ? <span class="muted">{m.unknown}</span> : formatFigure(value, locale));
  return (
    <div class="table-scroll">
      <table id="statistics-table">
        <caption>{m.tableCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{m.columns.month}</th>
            <th scope="col">{m.columns.accounts}</th>
            <th scope="col">{m.columns.storage}</th>
            <th scope="col">{m.columns.monthlyActive}</th>
            <th scope="col">{m.columns.source}</th>
          </tr>
        </thead>
        <tbody>
          {props.months.map((u) => (
            <tr>
              <th scope="row">
                <time datetime={u.month}>{monthName(u.month, locale)}</time>
              </th>
              {FIGURES.map((f) => (
                <td>{cell(f.value(u))}</td>
              ))}
              <td>{m.sources[u.source]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A provider's anonymised usage statistics: charts and a table for everyone, the figures kept by its delegates. */
export function registerStatisticsPages(app: FastifyInstance): void {
  const { directory, statistics } = app.haven;
  const path = (slug: string) => `/directory/providers/${slug}/statistics`;
  const provider = (request: FastifyRequest) => directory.provider((request.params as Static<typeof SlugParams>).slug);

  async function page(request: FastifyRequest, problems: FieldProblem[], sent: { months?: string; month?: string } = {}) {
    const record = await provider(request);
    const { canEdit } = requireVisibleProfile(request.viewer, record);
    const ctx = request.pageContext();
    const m = statisticsText[ctx.locale];
    const months = await statistics.list(record.organisation.id);
    const byMonth = new Map(months.map((u) => [u.month, u]));
    const axis = months.length ? monthsBetween(months[0]!.month, months[months.length - 1]!.month) : [];
    const slug = record.organisation.slug;
    return (
      <>
        <p>{m.intro}</p>
        <p>
          <a href={`/directory/providers/${slug}`}>{record.organisation.name}</a>
          {months.length > 0 && (
            <>
              {' · '}
              <a href={`${path(slug)}.csv`} type="text/csv" download>
                {m.download}
              </a>
            </>
          )}
        </p>
        {months.length === 0 ? (
          <p>{m.none}</p>
        ) : (
          <>
            {FIGURES.map((f) => (
              <section id={`statistics-${f.figure}`}>
                <h2>{m.figures[f.figure]}</h2>
                <UsageChart locale={ctx.locale} figure={f.figure} points={axis.map((month) => ({ month, value: byMonth.has(month) ? f.value(byMonth.get(month)!) : null }))} />
              </section>
            ))}
            <StatisticsTable ctx={ctx} months={months} />
          </>
        )}
        {canEdit && (
          <>
            <h2>{m.uploadTitle}</h2>
            <ProblemSummary ctx={ctx} problems={problems} />
            <Form ctx={ctx} action={path(slug)}>
              <Field ctx={ctx} name="months" multiline label={m.uploadField} hint={m.uploadHint} value={sent.months} required problems={problems} />
              <button type="submit">{m.uploadButton}</button>
            </Form>
            {months.length > 0 && (
              <>
                <h2>{m.removeTitle}</h2>
                <Form ctx={ctx} action={`${path(slug)}/remove`}>
                  <Field ctx={ctx} name="month" label={m.removeField} hint={m.removeHint} value={sent.month} required problems={problems} />
                  <button type="submit" class="danger">
                    {m.removeButton}
                  </button>
                </Form>
              </>
            )}
          </>
        )}
      </>
    );
  }

  const title = async (request: FastifyRequest) => statisticsText[request.locale].title((await provider(request)).organisation.name);

  app.get('/directory/providers/:slug/statistics', { schema: { params: SlugParams } }, async (request, reply) => reply.page(await title(request), await page(request, [])));

  app.get('/directory/providers/:slug/statistics.csv', { schema: { params: SlugParams, hide: true } }, async (request, reply) => {
    const record = await provider(request);
    requireVisibleProfile(request.viewer, record);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${record.organisation.slug}-usage-statistics.csv"`)
      .send(writeUsageCsv(await statistics.list(record.organisation.id)));
  });

  app.post('/directory/providers/:slug/statistics', { schema: { params: SlugParams, body: UploadForm }, attachValidation: true }, async (request, reply) => {
    const record = await provider(request);
    const viewer = requireProfileEditor(request.viewer, record.organisation.id);
    return submitForm<UploadFormBody>(request, reply, {
      title: await title(request),
      render: (problems) => page(request, problems, { months: (request.body as UploadFormBody | undefined)?.months }),
      run: async (body) => {
        await statistics.record(record.organisation.id, readUsageCsv(body.months ?? ''), 'upload', actorOf(viewer));
        return reply.redirect(`${path(record.organisation.slug)}#statistics-table`, 303);
      },
    });
  });

  app.post('/directory/providers/:slug/statistics/remove', { schema: { params: SlugParams, body: RemoveForm }, attachValidation: true }, async (request, reply) => {
    const record = await provider(request);
    const viewer = requireProfileEditor(request.viewer, record.organisation.id);
    return submitForm<RemoveFormBody>(request, reply, {
      title: await title(request),
      render: (problems) => page(request, problems, { month: (request.body as RemoveFormBody | undefined)?.month }),
      run: async (body) => {
        await statistics.remove(record.organisation.id, (body.month ?? '').trim(), actorOf(viewer));
        return reply.redirect(`${path(record.organisation.slug)}#statistics-table`, 303);
      },
    });
  });
}
