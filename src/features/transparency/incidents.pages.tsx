import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Feed } from 'feed';
import { Type, type Static } from 'typebox';
import { submitForm } from '../../platform/html/form-route.ts';
import { Field, Form, ProblemSummary, Select } from '../../platform/html/form.tsx';
import type { PageContext } from '../../platform/html/page-context.ts';
import { AppError, type FieldProblem } from '../../platform/http/errors.ts';
import { formatDateTime, type Locale } from '../../platform/i18n/locale.ts';
import { isSteward } from '../accounts/accounts.policy.ts';
import { actorOf } from '../accounts/viewer.ts';
import { requireVisibleProfile } from '../directory/directory.policy.ts';
import { Slug } from '../organisations/organisations.schemas.ts';
import { incidentsText } from './incidents.messages.ts';
import type { Incident } from './incidents.service.ts';
import { COALITION, INCIDENT_STATUSES } from './incidents.table.ts';

const Text = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const OpenForm = Type.Object({ _csrf: Text(100), title: Text(200), services: Text(2000), startedAt: Text(40), body: Text(10_000) });
const UpdateForm = Type.Object({ _csrf: Text(100), status: Text(20), body: Text(10_000) });
const PostMortemForm = Type.Object({ _csrf: Text(100), postMortem: Text(50_000) });
const Number_ = Type.Integer({ minimum: 1, maximum: 10_000_000 });

/** Which journal a request is about, who may keep it, and where it lives. */
interface Journal {
  scope: string;
  name: string;
  base: string;
  back: { href: string; label: string } | null;
  canEdit: boolean;
}

function IncidentView(props: { ctx: PageContext; incident: Incident; href: string | null }) {
  const { ctx, incident: i } = props;
  const m = incidentsText[ctx.locale];
  const heading = m.incident(i.number, i.title);
  return (
    <article id={`incident-${i.number}`}>
      <h2>{props.href ? <a href={props.href}>{heading}</a> : heading}</h2>
      <p>
        <strong>{m.statuses[i.status]}</strong> — {m.started(formatDateTime(i.startedAt, ctx.locale))}, {i.endedAt ? m.ended(formatDateTime(i.endedAt, ctx.locale)) : m.ongoing}
      </p>
      {i.services.length > 0 && (
        <p>
          {m.affected}: {i.services.join(', ')}
        </p>
      )}
      <h3>{m.updates}</h3>
      <ol>
        {i.updates.map((u) => (
          <li>
            <strong>{formatDateTime(u.at, ctx.locale)}</strong> — {m.statuses[u.status]}: {u.body}
          </li>
        ))}
      </ol>
      {i.postMortem && (
        <>
          <h3>{m.postMortem}</h3>
          <p class="prewrap">{i.postMortem}</p>
        </>
      )}
    </article>
  );
}

function feedOf(journal: Journal, incidents: Incident[], locale: Locale, publicUrl: URL): string {
  const m = incidentsText[locale];
  const url = (path: string) => new URL(path, publicUrl).toString();
  const feed = new Feed({
    title: journal.scope === COALITION ? m.coalitionTitle : m.title(journal.name),
    id: url(journal.base),
    link: url(journal.base),
    language: locale,
    copyright: journal.name,
    generator: 'Haven',
    updated: new Date(incidents[0]?.updatedAt ?? 0),
    feedLinks: { atom: url(`${journal.base}.atom`) },
  });
  for (const i of incidents) {
    const last = i.updates.at(-1);
    feed.addItem({
      title: `${m.incident(i.number, i.title)} — ${m.statuses[i.status]}`,
      id: url(`${journal.base}/${i.number}`),
      link: url(`${journal.base}/${i.number}`),
      date: new Date(i.updatedAt),
      published: new Date(i.startedAt),
      description: last?.body ?? '',
      content: [...i.updates.map((u) => `${u.at} — ${m.statuses[u.status]}: ${u.body}`), ...(i.postMortem ? [`${m.postMortem}: ${i.postMortem}`] : [])].join('\n\n'),
    });
  }
  return feed.atom1();
}

/** The incident journals: each provider's (kept by its delegates) and the coalition's (kept by the stewards). */
export function registerIncidentPages(app: FastifyInstance): void {
  const { directory, incidents, config } = app.haven;

  async function providerJournal(request: FastifyRequest): Promise<Journal> {
    const record = await directory.provider((request.params as { slug: string }).slug);
    const { canEdit } = requireVisibleProfile(request.viewer, record);
    const base = `/directory/providers/${record.organisation.slug}/incidents`;
    return { scope: record.organisation.id, name: record.organisation.name, base, back: { href: `/directory/providers/${record.organisation.slug}`, label: record.organisation.name }, canEdit };
  }
  async function coalitionJournal(request: FastifyRequest): Promise<Journal> {
    return { scope: COALITION, name: 'Haven', base: '/incidents', back: null, canEdit: isSteward(request.viewer) };
  }

  function register(prefix: string, params: ReturnType<typeof Type.Object>, journalOf: (request: FastifyRequest) => Promise<Journal>) {
    const NumberParams = Type.Object({ ...params.properties, number: Number_ });
    const title = (request: FastifyRequest, j: Journal) => (j.scope === COALITION ? incidentsText[request.locale].coalitionTitle : incidentsText[request.locale].title(j.name));
    const editor = (request: FastifyRequest, j: Journal) => {
      if (!request.viewer) throw AppError.unauthenticated();
      if (!j.canEdit) throw AppError.forbidden();
      return actorOf(request.viewer);
    };

    async function listPage(request: FastifyRequest, problems: FieldProblem[], sent?: Static<typeof OpenForm>) {
      const j = await journalOf(request);
      const ctx = request.pageContext();
      const m = incidentsText[ctx.locale];
      const list = await incidents.list(j.scope);
      return (
        <>
          <p>{j.scope === COALITION ? m.coalitionIntro : m.intro}</p>
          <p>
            {j.back && (
              <>
                <a href={j.back.href}>{j.back.label}</a> ·{' '}
              </>
            )}
            <a href={`${j.base}.atom`} type="application/atom+xml">
              {m.feed}
            </a>
          </p>
          {list.length === 0 && <p>{m.none}</p>}
          {list.map((i) => (
            <IncidentView ctx={ctx} incident={i} href={`${j.base}/${i.number}`} />
          ))}
          {j.canEdit && (
            <>
              <h2>{m.openTitle}</h2>
              <ProblemSummary ctx={ctx} problems={problems} />
              <Form ctx={ctx} action={j.base}>
                <Field ctx={ctx} name="title" label={m.fields.title} value={sent?.title} required problems={problems} />
                <Field ctx={ctx} name="services" label={m.fields.services} hint={m.hints.services} value={sent?.services} problems={problems} />
                <Field ctx={ctx} name="startedAt" label={m.fields.startedAt} hint={m.hints.startedAt} value={sent?.startedAt ?? new Date().toISOString().slice(0, 16)} required problems={problems} />
                <Field ctx={ctx} name="body" label={m.fields.body} value={sent?.body} multiline required problems={problems} />
                <button type="submit">{m.open}</button>
              </Form>
            </>
          )}
        </>
      );
    }

    async function detailPage(request: FastifyRequest, problems: FieldProblem[]) {
      const j = await journalOf(request);
      const ctx = request.pageContext();
      const m = incidentsText[ctx.locale];
      const incident = await incidents.get(j.scope, (request.params as { number: number }).number);
      const path = `${j.base}/${incident.number}`;
      return (
        <>
          <p>
            <a href={j.base}>{title(request, j)}</a>
          </p>
          <IncidentView ctx={ctx} incident={incident} href={null} />
          {j.canEdit && (
            <>
              <ProblemSummary ctx={ctx} problems={problems} />
              <Form ctx={ctx} action={`${path}/updates`}>
                <Select ctx={ctx} name="status" label={m.fields.status} value={incident.status} problems={problems} options={INCIDENT_STATUSES.map((s) => ({ value: s, label: m.statuses[s] }))} />
                <Field ctx={ctx} name="body" label={m.fields.update} multiline required problems={problems} />
                <button type="submit">{m.addUpdate}</button>
              </Form>
              {incident.status === 'resolved' && (
                <Form ctx={ctx} action={`${path}/post-mortem`}>
                  <Field ctx={ctx} name="postMortem" label={m.fields.postMortem} value={incident.postMortem} multiline required problems={problems} />
                  <button type="submit">{m.savePostMortem}</button>
                </Form>
              )}
            </>
          )}
        </>
      );
    }

    app.get(prefix, { schema: { params } }, async (request, reply) => {
      const j = await journalOf(request);
      return reply.page(title(request, j), await listPage(request, []));
    });

    app.get(`${prefix}.atom`, { schema: { params } }, async (request, reply) => {
      const j = await journalOf(request);
      return reply.type('application/atom+xml; charset=utf-8').header('cache-control', 'public, max-age=300').send(feedOf(j, await incidents.list(j.scope, 50), request.locale, config.publicUrl));
    });

    app.post(prefix, { schema: { params, body: OpenForm }, attachValidation: true }, async (request, reply) => {
      const j = await journalOf(request);
      const actor = editor(request, j);
      return submitForm<Static<typeof OpenForm>>(request, reply, {
        title: title(request, j),
        render: (problems) => listPage(request, problems, (request.body ?? {}) as Static<typeof OpenForm>),
        run: async (body) => {
          const number = await incidents.open(
            j.scope,
            { title: body.title ?? '', services: (body.services ?? '').split(',').map((s) => s.trim()).filter(Boolean), startedAt: (body.startedAt ?? '').trim(), body: body.body ?? '' },
            actor,
          );
          return reply.redirect(`${j.base}/${number}`, 303);
        },
      });
    });

    app.get(`${prefix}/:number`, { schema: { params: NumberParams } }, async (request, reply) => {
      const j = await journalOf(request);
      const incident = await incidents.get(j.scope, (request.params as { number: number }).number);
      return reply.page(incidentsText[request.locale].incident(incident.number, incident.title), await detailPage(request, []));
    });

    app.post(`${prefix}/:number/updates`, { schema: { params: NumberParams, body: UpdateForm }, attachValidation: true }, async (request, reply) => {
      const j = await journalOf(request);
      const actor = editor(request, j);
      const { number } = request.params as { number: number };
      return submitForm<Static<typeof UpdateForm>>(request, reply, {
        title: title(request, j),
        render: (problems) => detailPage(request, problems),
        run: async (body) => {
          await incidents.addUpdate(j.scope, number, { status: (body.status ?? '') as Incident['status'], body: body.body ?? '' }, actor);
          return reply.redirect(`${j.base}/${number}`, 303);
        },
      });
    });

    app.post(`${prefix}/:number/post-mortem`, { schema: { params: NumberParams, body: PostMortemForm }, attachValidation: true }, async (request, reply) => {
      const j = await journalOf(request);
      const actor = editor(request, j);
      const { number } = request.params as { number: number };
      return submitForm<Static<typeof PostMortemForm>>(request, reply, {
        title: title(request, j),
        render: (problems) => detailPage(request, problems),
        run: async (body) => {
          await incidents.setPostMortem(j.scope, number, body.postMortem ?? '', actor);
          return reply.redirect(`${j.base}/${number}`, 303);
        },
      });
    });
  }

  register('/directory/providers/:slug/incidents', Type.Object({ slug: Slug }), providerJournal);
  register('/incidents', Type.Object({}), coalitionJournal);
}
