import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { submitForm } from '../../platform/html/form-route.ts';
import { ChoiceGroup, Field, Form, ProblemSummary } from '../../platform/html/form.tsx';
import { AppError, type FieldProblem } from '../../platform/http/errors.ts';
import { formatDate, formatDateTime, localized } from '../../platform/i18n/locale.ts';
import { requireViewer } from '../accounts/accounts.policy.ts';
import { REPORT_LIMIT, sendReport, TELL_BY } from './conduct-report.api.ts';
import { conductHandlingText } from './conduct-handling.messages.ts';
import { conductReportText } from './conduct-report.messages.ts';

const Text = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const ReportForm = Type.Object({
  _csrf: Text(100),
  happened: Text(8000),
  when: Text(500),
  where: Text(500),
  involved: Text(2000),
  involvedAccounts: Text(2000),
  witnesses: Text(2000),
  wants: Text(2000),
  exclude: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 50 })),
  tellBy: Type.Optional(Type.Union(TELL_BY.map((t) => Type.Literal(t)))),
  email: Text(320),
});
type ReportFormBody = Static<typeof ReportForm>;
const TokenParams = Type.Object({ token: Type.String({ minLength: 10, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' }) });
const ReplyForm = Type.Object({ _csrf: Text(100), body: Text(4000) });

/** The reporter's side of a conduct report: the form, the secret link shown once, the follow-up page. */
export function registerConductReportPages(app: FastifyInstance): void {
  const { conductReports, config } = app.haven;

  async function reportForm(request: FastifyRequest, problems: FieldProblem[]) {
    const ctx = request.pageContext();
    const m = conductReportText[ctx.locale];
    const sent = (problems.length ? request.body ?? {} : {}) as Partial<ReportFormBody>;
    const team = await conductReports.team();
    const tellOptions = TELL_BY.filter((t) => t !== 'account' || ctx.viewer).map((t) => ({ value: t, label: m.tellOptions[t] }));
    const field = (name: keyof ReportFormBody) => (typeof sent[name] === 'string' ? (sent[name] as string) : '');
    return (
      <>
        <p>
          {m.intro} <a href="/conduct">{m.readCode}</a>
        </p>
        <ProblemSummary ctx={ctx} problems={problems} />
        <Form ctx={ctx} action="/conduct/report">
          <Field ctx={ctx} name="happened" label={m.happened} value={field('happened')} multiline required problems={problems} maxLength={8000} />
          <Field ctx={ctx} name="when" label={m.when} hint={m.whenHint} value={field('when')} problems={problems} maxLength={500} />
          <Field ctx={ctx} name="where" label={m.where} hint={m.whereHint} value={field('where')} problems={problems} maxLength={500} />
          <Field ctx={ctx} name="involved" label={m.involved} hint={m.involvedHint} value={field('involved')} multiline problems={problems} maxLength={2000} />
          <Field ctx={ctx} name="involvedAccounts" label={m.involvedAccounts} hint={m.involvedAccountsHint} value={field('involvedAccounts')} problems={problems} maxLength={2000} />
          <Field ctx={ctx} name="witnesses" label={m.witnesses} value={field('witnesses')} multiline problems={problems} maxLength={2000} />
          <Field ctx={ctx} name="wants" label={m.wants} value={field('wants')} multiline problems={problems} maxLength={2000} />
          {team.length === 0 ? (
            <p>{m.noTeam}</p>
          ) : (
            <ChoiceGroup ctx={ctx} name="exclude" legend={m.team} hint={m.teamHint} multiple options={team.map((t) => ({ value: t.username, label: m.exclude(t.username) }))} chosen={sent.exclude ?? []} problems={problems} />
          )}
          <ChoiceGroup ctx={ctx} name="tellBy" legend={m.tellBy} hint={m.tellByHint} multiple={false} options={tellOptions} chosen={[sent.tellBy ?? 'link']} problems={problems} />
          <Field ctx={ctx} name="email" label={m.email} hint={m.emailHint} type="email" value={field('email')} autocomplete="email" problems={problems} maxLength={320} />
          <button type="submit">{m.send}</button>
        </Form>
      </>
    );
  }

  app.get('/conduct/report', async (request, reply) => reply.page(conductReportText[request.locale].title, await reportForm(request, [])));

  app.post('/conduct/report', { schema: { body: ReportForm }, attachValidation: true, config: REPORT_LIMIT }, async (request, reply) => {
    const m = conductReportText[request.locale];
    return submitForm<ReportFormBody>(request, reply, {
      title: m.title,
      render: (problems) => reportForm(request, problems),
      run: async (body) => {
        const { number, token } = await sendReport(
          conductReports,
          {
            happened: body.happened ?? '',
            when: body.when ?? '',
            where: body.where ?? '',
            involved: body.involved ?? '',
            involvedAccounts: (body.involvedAccounts ?? '').split(','),
            witnesses: body.witnesses ?? '',
            wants: body.wants ?? '',
            exclude: body.exclude ?? [],
            tellBy: body.tellBy ?? 'link',
            email: body.email ?? '',
          },
          request.viewer,
        );
        const link = new URL(`/conduct/follow/${token}`, config.publicUrl).toString();
        // Shown once: the link is the only key, so it must not stay in any cache.
        return reply.header('cache-control', 'no-store').page(
          m.sentTitle(number),
          <>
            <p>{m.sentIntro}</p>
            <p>
              {m.sentLink}: <a href={`/conduct/follow/${token}`}>{link}</a>
            </p>
          </>,
        );
      },
    });
  });

  async function followPage(request: FastifyRequest, problems: FieldProblem[]) {
    const ctx = request.pageContext();
    const m = conductReportText[ctx.locale];
    const { token } = request.params as Static<typeof TokenParams>;
    const report = await conductReports.forReporter(token);
    const entries = await conductReports.entries(report, 'reporter');
    const open = report.status !== 'closed' && report.content !== null;
    return {
      title: m.followTitle(report.number),
      body: (
        <>
          <dl>
            <dt>{m.status}</dt>
            <dd>{m.statuses[report.status]}</dd>
          </dl>
          <p class="muted">{m.sentOn(formatDate(report.createdAt, ctx.locale))}</p>
          {report.content === null && <p class="notice">{m.purged}</p>}
          <h2>{m.entries}</h2>
          {entries.length === 0 ? (
            <p>{m.noEntries}</p>
          ) : (
            <ol>
              {entries.map((e) => (
                <li>
                  <p class="muted">
                    {m.kinds[e.kind]} — {e.author === 'reporter' ? m.authors.reporter : m.authors.team} — {formatDateTime(e.at, ctx.locale)}
                  </p>
                  <p class="prewrap">{e.kind === 'decision' ? (conductHandlingText[ctx.locale].outcomes as Record<string, string>)[e.body] ?? e.body : e.body}</p>
                </li>
              ))}
            </ol>
          )}
          {open && (
            <>
              <ProblemSummary ctx={ctx} problems={problems} />
              <Form ctx={ctx} action={`/conduct/follow/${token}/reply`}>
                <Field ctx={ctx} name="body" label={m.reply} multiline required problems={problems} maxLength={4000} />
                <button type="submit">{m.sendReply}</button>
              </Form>
            </>
          )}
        </>
      ),
    };
  }

  app.get('/conduct/follow/:token', { schema: { params: TokenParams } }, async (request, reply) => {
    const page = await followPage(request, []);
    return reply.header('cache-control', 'no-store').page(page.title, page.body);
  });

  app.post('/conduct/follow/:token/reply', { schema: { params: TokenParams, body: ReplyForm }, attachValidation: true }, async (request, reply) => {
    const { token } = request.params as Static<typeof TokenParams>;
    const report = await conductReports.forReporter(token);
    return submitForm<Static<typeof ReplyForm>>(request, reply, {
      title: conductReportText[request.locale].followTitle(report.number),
      render: async (problems) => (await followPage(request, problems)).body,
      run: async (body) => {
        const text = (body.body ?? '').trim();
        if (text === '') throw AppError.field('conduct_empty_reply', 'body', localized(conductReportText, (m) => m.errors.emptyReply));
        if (report.status === 'closed' || report.content === null) throw AppError.notFound();
        await conductReports.reporterWrote(report, text);
        return reply.header('cache-control', 'no-store').redirect(`/conduct/follow/${token}`, 303);
      },
    });
  });

  app.get('/conduct/mine', async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    const ctx = request.pageContext();
    const m = conductReportText[ctx.locale];
    const mine = await conductReports.ofReporter(viewer.accountId);
    return reply.page(
      m.mineTitle,
      mine.length === 0 ? (
        <p>{m.mineNone}</p>
      ) : (
        <>
          <p>{m.mineIntro}</p>
          <ul>
            {mine.map((r) => (
              <li>
                {m.reportNumber(r.number)} — {m.sentOn(formatDate(r.created_at, ctx.locale))} — {m.statuses[r.status]}
              </li>
            ))}
          </ul>
        </>
      ),
    );
  });
}
