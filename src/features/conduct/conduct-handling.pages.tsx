import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { submitForm } from '../../platform/html/form-route.ts';
import { ChoiceGroup, Field, Form, ProblemSummary, Select } from '../../platform/html/form.tsx';
import { AppError, type FieldProblem } from '../../platform/http/errors.ts';
import { formatDate, formatDateTime } from '../../platform/i18n/locale.ts';
import { requireSteward, requireViewer } from '../accounts/accounts.policy.ts';
import { conductHandlingText } from './conduct-handling.messages.ts';
import { NAMINGS, decisionOf, type Naming } from './conduct-handling.service.ts';
import { isOnConductTeam } from './conduct.policy.ts';
import { OUTCOMES, type Outcome } from './conduct.table.ts';

const NumberParams = Type.Object({ number: Type.Integer({ minimum: 1, maximum: 1_000_000_000 }) });
const Text = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const BodyForm = Type.Object({ _csrf: Text(100), body: Text(10000) });
const EmptyForm = Type.Object({ _csrf: Text(100) });
const DecisionForm = Type.Object({
  _csrf: Text(100),
  outcome: Type.Union(OUTCOMES.map((o) => Type.Literal(o))),
  reasons: Text(10000),
  subjectAccountId: Text(64),
  suspendedUntil: Text(40),
  naming: Type.Optional(Type.Union(NAMINGS.map((n) => Type.Literal(n)))),
  namesHarmed: Text(10),
  harmedConsentOn: Text(40),
});
const SettingsForm = Type.Object({ _csrf: Text(100), retentionDays: Type.String({ maxLength: 6, pattern: '^[0-9]+$' }) });

/** The conduct team's side of a report, and the stewards' retention setting; every form works without JavaScript. */
export function registerConductHandlingPages(app: FastifyInstance): void {
  const { conductReports, conductHandling, accounts } = app.haven;
  const username = async (id: string) => (await accounts.get(id).catch(() => null))?.username ?? '—';

  app.get('/conduct/reports', async (request, reply) => {
    // Outside the team the page does not exist; inside, a recused member's list simply lacks the report.
    if (!isOnConductTeam(requireViewer(request.viewer))) throw AppError.notFound();
    const ctx = request.pageContext();
    const m = conductHandlingText[ctx.locale];
    const list = await conductReports.visibleTo(request.viewer);
    return reply.header('cache-control', 'no-store').page(
      m.listTitle,
      <>
        <p>{m.listIntro}</p>
        {list.length === 0 ? (
          <p>{m.listNone}</p>
        ) : (
          <ul>
            {list.map((r) => (
              <li>
                <a href={`/conduct/reports/${r.number}`}>{m.reportTitle(r.number)}</a> — {m.received(formatDate(r.created_at, ctx.locale))} — {m.statuses[r.status]}
              </li>
            ))}
          </ul>
        )}
      </>,
    );
  });

  async function reportPage(request: FastifyRequest, problems: FieldProblem[], action = 'read') {
    const { number } = request.params as Static<typeof NumberParams>;
    const { report } = await conductReports.forHandler(request.viewer, number, action);
    const ctx = request.pageContext();
    const m = conductHandlingText[ctx.locale];
    const entries = report.content ? await conductReports.entries(report, 'handler') : [];
    const trail = await conductReports.accessTrail(report);
    const involved = await Promise.all(report.involvedAccounts.map(async (id) => ({ value: id, label: await username(id) })));
    const authors = new Map<string, string>();
    for (const e of entries) if (!authors.has(e.author)) authors.set(e.author, e.author === 'reporter' ? m.reporter : await username(e.author));
    const open = report.status !== 'closed' && report.content !== null;
    const base = `/conduct/reports/${number}`;
    const c = report.content;
    const body = (
      <>
        <p class="muted">
          {m.received(formatDate(report.createdAt, ctx.locale))} — {m.statuses[report.status]}
        </p>
        <ProblemSummary ctx={ctx} problems={problems} />
        {c ? (
          <>
            <dl>
              {(['happened', 'when', 'where', 'involved', 'witnesses', 'wants'] as const).map((k) => (
                <>
                  <dt>{m.fields[k]}</dt>
                  <dd>{c[k] || '—'}</dd>
                </>
              ))}
            </dl>
            <p>{m.tellBy[c.tellBy]}</p>
          </>
        ) : (
          <p class="notice">{m.purged}</p>
        )}
        <h2>{m.entries}</h2>
        {entries.length === 0 ? (
          <p>{m.noEntries}</p>
        ) : (
          <ol>
            {entries.map((e) => {
              const d = e.kind === 'decision' ? decisionOf(e.body) : null;
              return (
                <li>
                  <strong>{m.kinds[e.kind]}</strong> — {authors.get(e.author)} — {formatDateTime(e.at, ctx.locale)}
                  {d ? (
                    <p>
                      {m.decided(m.outcomes[d.outcome]!)} {d.suspendedUntil && m.suspendedUntil(formatDate(d.suspendedUntil, ctx.locale))} {d.reinstatedAt && m.reinstated(formatDate(d.reinstatedAt, ctx.locale))} {m.namings[d.naming]}. {d.reasons}
                    </p>
                  ) : (
                    <p>{e.body}</p>
                  )}
                </li>
              );
            })}
          </ol>
        )}
        {open && report.status === 'received' && (
          <Form ctx={ctx} action={`${base}/acknowledge`}>
            <button type="submit">{m.acknowledge}</button>
          </Form>
        )}
        {open && (
          <>
            <Form ctx={ctx} action={`${base}/note`}>
              <Field ctx={ctx} name="body" id="field-note" label={m.noteLabel} multiline required problems={problems} maxLength={10000} />
              <button type="submit">{m.addNote}</button>
            </Form>
            <Form ctx={ctx} action={`${base}/message`}>
              <Field ctx={ctx} name="body" id="field-message" label={m.messageLabel} multiline required maxLength={10000} />
              <button type="submit">{m.sendMessage}</button>
            </Form>
          </>
        )}
        {open && report.status === 'acknowledged' && (
          <Form ctx={ctx} action={`${base}/decision`}>
            <h2>{m.decisionHeading}</h2>
            <ChoiceGroup ctx={ctx} name="outcome" legend={m.outcome} options={OUTCOMES.map((o) => ({ value: o, label: m.outcomes[o]! }))} multiple={false} chosen={['no-action']} problems={problems} required />
            <Field ctx={ctx} name="reasons" label={m.reasons} multiline required problems={problems} maxLength={10000} />
            <Select ctx={ctx} name="subjectAccountId" label={m.subject} options={[{ value: '', label: m.nobody }, ...involved]} problems={problems} />
            <Field ctx={ctx} name="suspendedUntil" type="date" label={m.until} problems={problems} />
            <ChoiceGroup ctx={ctx} name="naming" legend={m.naming} hint={m.namingHint} options={NAMINGS.map((n) => ({ value: n, label: m.namings[n]! }))} multiple={false} chosen={['none']} problems={problems} />
            <ChoiceGroup ctx={ctx} name="namesHarmed" legend={m.namesHarmed} options={[{ value: 'yes', label: m.namesHarmed }]} multiple chosen={[]} problems={problems} />
            <Field ctx={ctx} name="harmedConsentOn" type="date" label={m.consentOn} problems={problems} />
            <button type="submit">{m.decide}</button>
          </Form>
        )}
        {open && report.status === 'decided' && (
          <Form ctx={ctx} action={`${base}/follow-up`}>
            <Field ctx={ctx} name="body" id="field-follow-up" label={m.followUpLabel} multiline required maxLength={10000} />
            <button type="submit">{m.addFollowUp}</button>
          </Form>
        )}
        {open && (
          <Form ctx={ctx} action={`${base}/close`}>
            <button type="submit">{m.close}</button>
          </Form>
        )}
        <Form ctx={ctx} action={`${base}/recuse`}>
          <p class="hint">{m.recuseHint}</p>
          <button type="submit">{m.recuse}</button>
        </Form>
        <h2>{m.trail}</h2>
        <ul>
          {trail.map((a) => (
            <li>
              {formatDateTime(a.at, ctx.locale)} — {a.username ?? m.system} — {a.action}
            </li>
          ))}
        </ul>
      </>
    );
    return { title: m.reportTitle(number), body };
  }

  app.get('/conduct/reports/:number', { schema: { params: NumberParams } }, async (request, reply) => {
    const page = await reportPage(request, []);
    return reply.header('cache-control', 'no-store').page(page.title, page.body);
  });

  function post<B>(path: string, schema: typeof BodyForm | typeof EmptyForm | typeof DecisionForm, run: (request: FastifyRequest, number: number, body: B) => Promise<unknown>) {
    app.post(`/conduct/reports/:number/${path}`, { schema: { params: NumberParams, body: schema }, attachValidation: true }, async (request, reply) => {
      const { number } = request.params as Static<typeof NumberParams>;
      return submitForm<B>(request, reply, {
        title: conductHandlingText[request.locale].reportTitle(number),
        render: async (problems) => (await reportPage(request, problems)).body,
        run: async (body) => {
          await run(request, number, body);
          // After recusing, the report is gone for them: back to their list.
          return reply.redirect(path === 'recuse' ? '/conduct/reports' : `/conduct/reports/${number}`, 303);
        },
      });
    });
  }
  type B = Static<typeof BodyForm>;
  post('acknowledge', EmptyForm, (r, n) => conductHandling.acknowledge(r.viewer, n));
  post<B>('note', BodyForm, (r, n, b) => conductHandling.note(r.viewer, n, b.body ?? ''));
  post<B>('message', BodyForm, (r, n, b) => conductHandling.message(r.viewer, n, b.body ?? ''));
  post<B>('follow-up', BodyForm, (r, n, b) => conductHandling.followUp(r.viewer, n, b.body ?? ''));
  post('close', EmptyForm, (r, n) => conductHandling.close(r.viewer, n));
  post('recuse', EmptyForm, (r, n) => conductReports.recuse(r.viewer, n));
  post<Static<typeof DecisionForm>>('decision', DecisionForm, (r, n, b) =>
    conductHandling.decide(r.viewer, n, {
      outcome: b.outcome as Outcome,
      reasons: b.reasons ?? '',
      subjectAccountId: b.subjectAccountId || null,
      suspendedUntil: b.suspendedUntil || null,
      naming: (b.naming ?? 'none') as Naming,
      namesHarmed: b.namesHarmed === 'yes',
      harmedConsentOn: b.harmedConsentOn || null,
    }),
  );

  // ── The stewards: how long closed reports are kept ──
  async function settingsBody(request: FastifyRequest, problems: FieldProblem[], saved: boolean) {
    const ctx = request.pageContext();
    const m = conductHandlingText[ctx.locale];
    return (
      <>
        <p>{m.settingsIntro}</p>
        {saved && <p class="notice">{m.saved}</p>}
        <ProblemSummary ctx={ctx} problems={problems} />
        <Form ctx={ctx} action="/conduct/settings">
          <Field ctx={ctx} name="retentionDays" type="number" inputmode="numeric" label={m.retentionDays} value={String(await conductHandling.retentionDays())} required problems={problems} />
          <button type="submit">{m.save}</button>
        </Form>
      </>
    );
  }

  app.get('/conduct/settings', async (request, reply) => {
    requireSteward(request.viewer);
    const saved = (request.query as { saved?: string } | undefined)?.saved === '1';
    return reply.page(conductHandlingText[request.locale].settingsTitle, await settingsBody(request, [], saved));
  });

  app.post('/conduct/settings', { schema: { body: SettingsForm }, attachValidation: true }, async (request, reply) => {
    requireSteward(request.viewer);
    return submitForm<Static<typeof SettingsForm>>(request, reply, {
      title: conductHandlingText[request.locale].settingsTitle,
      render: (problems) => settingsBody(request, problems, false),
      run: async (body) => {
        await conductHandling.setRetentionDays(Number(body.retentionDays));
        return reply.redirect('/conduct/settings?saved=1', 303);
      },
    });
  });
}
