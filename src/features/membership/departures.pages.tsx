import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { submitForm } from '../../platform/html/form-route.ts';
import { Field, Form, ProblemSummary, Select } from '../../platform/html/form.tsx';
import type { FieldProblem } from '../../platform/http/errors.ts';
import { formatDate } from '../../platform/i18n/locale.ts';
import { requireSteward, requireViewer } from '../accounts/accounts.policy.ts';
import { actorOf } from '../accounts/viewer.ts';
import { departuresText } from './departures.messages.ts';
import { breachCaseAccess, requireMemberDelegate } from './departures.policy.ts';

const Csrf = Type.Optional(Type.String({ maxLength: 100 }));
const SlugParams = Type.Object({ slug: Type.String({ maxLength: 64 }) });
const LeaveBody = Type.Object({ _csrf: Csrf, kind: Type.Union([Type.Literal('voluntary'), Type.Literal('end-of-services')]), note: Type.String({ maxLength: 5000 }) });
const OpenBody = Type.Object({
  _csrf: Csrf,
  organisation: Type.String({ minLength: 1, maxLength: 64 }),
  criteria: Type.Array(Type.String({ maxLength: 60 }), { minItems: 1, maxItems: 200 }),
  notice: Type.String({ minLength: 1, maxLength: 20000 }),
});

/** Leaving the coalition, opening a breach case, and the public log of departures. */
export function registerDeparturePages(app: FastifyInstance): void {
  const { departures, membership, charter } = app.haven;

  app.get('/membership/departures', async (request, reply) => {
    const d = departuresText[request.locale];
    const log = await departures.publicLog();
    return reply.page(
      d.logTitle,
      <>
        <p>{d.logIntro}</p>
        {log.length === 0 ? (
          <p>{d.noDepartures}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{d.date}</th>
                <th scope="col">{d.organisation}</th>
                <th scope="col">{d.what}</th>
                <th scope="col">{d.note}</th>
              </tr>
            </thead>
            <tbody>
              {log.map((e) => (
                <tr>
                  <td>{formatDate(e.date, request.locale)}</td>
                  <td>{e.organisation.name}</td>
                  <td>
                    {d.kinds[e.kind]}
                    {e.caseNumber !== null && ` (${d.caseRef(e.caseNumber)})`}
                  </td>
                  <td>
                    {e.note}
                    {e.criteria.length > 0 && (
                      <p class="muted">
                        {d.criteriaConcerned} {e.criteria.map((c) => c.title[request.locale]).join(' · ')}
                      </p>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </>,
    );
  });

  async function leaving(request: FastifyRequest) {
    return requireMemberDelegate(request.viewer, (request.params as Static<typeof SlugParams>).slug, await membership.memberOrganisationIds());
  }

  function leaveForm(request: FastifyRequest, slug: string, problems: FieldProblem[], sent?: Static<typeof LeaveBody>) {
    const ctx = request.pageContext();
    const d = departuresText[ctx.locale];
    return (
      <>
        <p>{d.leaveIntro}</p>
        <ProblemSummary ctx={ctx} problems={problems} />
        <Form ctx={ctx} action={`/membership/leave/${slug}`}>
          <fieldset id="field-kind">
            <legend>{d.leaveKind}</legend>
            {(['voluntary', 'end-of-services'] as const).map((v) => (
              <label class="choice" for={`kind-${v}`}>
                <input type="radio" id={`kind-${v}`} name="kind" value={v} required checked={(sent?.kind ?? 'voluntary') === v} /> {d.leaveKinds[v]}
              </label>
            ))}
          </fieldset>
          <Field ctx={ctx} name="note" label={d.leaveNote} hint={d.leaveNoteHint} multiline value={sent?.note} problems={problems} />
          <button type="submit" class="danger">{d.leave}</button>
        </Form>
      </>
    );
  }

  app.get('/membership/leave/:slug', { schema: { params: SlugParams } }, async (request, reply) => {
    const { organisation } = await leaving(request);
    return reply.page(departuresText[request.locale].leaveTitle(organisation.name), leaveForm(request, organisation.slug, []));
  });

  app.post('/membership/leave/:slug', { schema: { params: SlugParams, body: LeaveBody }, attachValidation: true }, async (request, reply) => {
    const { viewer, organisation } = await leaving(request);
    return submitForm<Static<typeof LeaveBody>>(request, reply, {
      title: departuresText[request.locale].leaveTitle(organisation.name),
      render: (problems) => leaveForm(request, organisation.slug, problems, request.body as Static<typeof LeaveBody>),
      run: async (body) => {
        await departures.leave(organisation.organisationId, body.kind, body.note, actorOf(viewer));
        return reply.redirect('/membership/departures', 303);
      },
    });
  });

  app.get('/membership/breach', async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    const d = departuresText[request.locale];
    const members = await membership.memberOrganisationIds();
    const visible = (await departures.list()).filter((c) => breachCaseAccess(viewer, c, members).see);
    return reply.page(
      d.casesTitle,
      <>
        {viewer.roles.has('steward') && (
          <p>
            <a href="/membership/breach/new">{d.openCaseLink}</a>
          </p>
        )}
        {visible.length === 0 ? (
          <p>{d.noCases}</p>
        ) : (
          <ul>
            {visible.map((c) => (
              <li>
                <a href={`/membership/breach/${c.number}`}>{d.caseTitle(c.number, c.organisation.name)}</a> — {c.outcome ? d.outcomes[c.outcome] : d.states[c.state]}
              </li>
            ))}
          </ul>
        )}
      </>,
    );
  });

  async function openForm(request: FastifyRequest, problems: FieldProblem[], sent?: Partial<Static<typeof OpenBody>>) {
    const ctx = request.pageContext();
    const d = departuresText[ctx.locale];
    const list = await membership.members();
    const current = await charter.current();
    const chosen = new Set<unknown>([sent?.criteria ?? []].flat());
    return (
      <>
        <p>{d.openIntro}</p>
        <ProblemSummary ctx={ctx} problems={problems} />
        <Form ctx={ctx} action="/membership/breach">
          <Select ctx={ctx} name="organisation" label={d.organisation} options={list.map((o) => ({ value: o.slug, label: o.name }))} value={sent?.organisation} problems={problems} />
          <fieldset id="field-criteria">
            <legend>{d.criteria}</legend>
            {problems.filter((p) => p.field === 'criteria').map((p) => <p class="problem">{p.text[ctx.locale]}</p>)}
            {(current?.content.principles ?? []).flatMap((p) =>
              p.criteria.map((c) => (
                <label class="choice" for={`criterion-${c.key}`}>
                  <input type="checkbox" id={`criterion-${c.key}`} name="criteria" value={c.key} checked={chosen.has(c.key)} /> {p.title[ctx.locale]}: {c.title[ctx.locale]}
                </label>
              )),
            )}
          </fieldset>
          <Field ctx={ctx} name="notice" label={d.notice} multiline required value={sent?.notice} problems={problems} />
          <button type="submit">{d.open}</button>
        </Form>
      </>
    );
  }

  app.get('/membership/breach/new', async (request, reply) => {
    requireSteward(request.viewer);
    return reply.page(departuresText[request.locale].openTitle, await openForm(request, []));
  });

  app.post('/membership/breach', { schema: { body: OpenBody }, attachValidation: true }, async (request, reply) => {
    const steward = requireSteward(request.viewer);
    return submitForm<Static<typeof OpenBody>>(request, reply, {
      title: departuresText[request.locale].openTitle,
      render: (problems) => openForm(request, problems, request.body as Partial<Static<typeof OpenBody>>),
      run: async (body) => {
        const organisation = await app.haven.organisations.getBySlug(body.organisation);
        const opened = await departures.openCase(organisation.id, body.criteria, body.notice, actorOf(steward));
        return reply.redirect(`/membership/breach/${opened.number}`, 303);
      },
    });
  });
}
