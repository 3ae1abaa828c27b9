import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { submitForm } from '../../platform/html/form-route.ts';
import { Field, Form, ProblemSummary, Select } from '../../platform/html/form.tsx';
import type { PageContext } from '../../platform/html/page-context.ts';
import { AppError, type FieldProblem } from '../../platform/http/errors.ts';
import { formatDate } from '../../platform/i18n/locale.ts';
import { actorOf } from '../accounts/viewer.ts';
import { requireProfileEditor, requireVisibleProfile } from '../directory/directory.policy.ts';
import { Slug } from '../organisations/organisations.schemas.ts';
import { legalRequestsText } from './legal-requests.messages.ts';
import type { LegalRequest, LegalRequestInput } from './legal-requests.service.ts';
import { AUTHORITY_KINDS, OUTCOMES, PUBLICATIONS, REQUEST_KINDS } from './legal-requests.table.ts';

const SlugParams = Type.Object({ slug: Slug });
const EntryParams = Type.Object({ slug: Slug, number: Type.Integer({ minimum: 1, maximum: 10_000_000 }) });
const Text = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const EntryForm = Type.Object({
  _csrf: Text(100),
  receivedOn: Text(20),
  authorityKind: Text(40),
  requestKind: Text(40),
  legalOrder: Text(10),
  dataRequested: Text(5000),
  notes: Text(5000),
  outcome: Text(40),
  publication: Text(40),
  publishAfter: Text(20),
});
type EntryFormBody = Static<typeof EntryForm>;

function fromForm(body: EntryFormBody): LegalRequestInput {
  return {
    receivedOn: (body.receivedOn ?? '').trim(),
    authorityKind: (body.authorityKind ?? '') as LegalRequestInput['authorityKind'],
    requestKind: (body.requestKind ?? '') as LegalRequestInput['requestKind'],
    legalOrder: body.legalOrder === 'true',
    dataRequested: (body.dataRequested ?? '').trim(),
    notes: (body.notes ?? '').trim(),
    outcome: (body.outcome ?? '') as LegalRequestInput['outcome'],
    publication: (body.publication ?? '') as LegalRequestInput['publication'],
    publishAfter: body.publishAfter?.trim() ? body.publishAfter.trim() : null,
  };
}

function EntryFormView(props: { ctx: PageContext; action: string; entry: Partial<LegalRequestInput>; problems: FieldProblem[] }) {
  const { ctx, entry: e, problems } = props;
  const m = legalRequestsText[ctx.locale];
  const f = m.fields;
  return (
    <>
      <ProblemSummary ctx={ctx} problems={problems} />
      <Form ctx={ctx} action={props.action}>
        <Field ctx={ctx} name="receivedOn" type="date" label={f.receivedOn} hint={m.hints.receivedOn} value={e.receivedOn} required problems={problems} />
        <Select ctx={ctx} name="authorityKind" label={f.authorityKind} value={e.authorityKind} problems={problems} options={AUTHORITY_KINDS.map((v) => ({ value: v, label: m.authorityKinds[v] }))} />
        <Select ctx={ctx} name="requestKind" label={f.requestKind} value={e.requestKind} problems={problems} options={REQUEST_KINDS.map((v) => ({ value: v, label: m.requestKinds[v] }))} />
        <div class="field" id="field-legalOrder">
          <label class="choice" for="box-legalOrder">
            <input type="checkbox" id="box-legalOrder" name="legalOrder" value="true" checked={e.legalOrder ?? false} /> {f.legalOrder}
          </label>
        </div>
        <Field ctx={ctx} name="dataRequested" label={f.dataRequested} hint={m.hints.dataRequested} value={e.dataRequested} multiline problems={problems} />
        <Field ctx={ctx} name="notes" label={f.notes} value={e.notes} multiline problems={problems} />
        <Select ctx={ctx} name="outcome" label={f.outcome} value={e.outcome} problems={problems} options={OUTCOMES.map((v) => ({ value: v, label: m.outcomes[v] }))} />
        <Select ctx={ctx} name="publication" label={f.publication} value={e.publication} problems={problems} options={PUBLICATIONS.map((v) => ({ value: v, label: m.publications[v] }))} />
        <Field ctx={ctx} name="publishAfter" type="date" label={f.publishAfter} hint={m.hints.publishAfter} value={e.publishAfter} problems={problems} />
        <button type="submit">{m.save}</button>
      </Form>
    </>
  );
}

function EntryView(props: { ctx: PageContext; entry: LegalRequest; manage: string | null }) {
  const { ctx, entry: e } = props;
  const m = legalRequestsText[ctx.locale];
  const f = m.fields;
  return (
    <article id={`request-${e.number}`} class={e.publishedAt ? undefined : 'held-back'}>
      <h3>{m.entry(e.number)}</h3>
      {!e.publishedAt && (
        <p class="notice">
          {m.heldBack} {e.publication === 'after-date' && e.publishAfter ? m.heldUntil(formatDate(e.publishAfter, ctx.locale)) : m.heldUntilPossible}
        </p>
      )}
      <dl class="facts">
        <dt>{f.receivedOn}</dt>
        <dd>{formatDate(e.receivedOn, ctx.locale)}</dd>
        <dt>{f.authorityKind}</dt>
        <dd>{m.authorityKinds[e.authorityKind]}</dd>
        <dt>{f.requestKind}</dt>
        <dd>{m.requestKinds[e.requestKind]}</dd>
        <dt>{f.legalOrder}</dt>
        <dd>{e.legalOrder ? m.yes : m.no}</dd>
        <dt>{f.dataRequested}</dt>
        <dd>{e.dataRequested}</dd>
        <dt>{f.outcome}</dt>
        <dd>{m.outcomes[e.outcome]}</dd>
        {e.notes && (
          <>
            <dt>{f.notes}</dt>
            <dd>{e.notes}</dd>
          </>
        )}
      </dl>
      {props.manage && (
        <p>
          <a href={`${props.manage}/${e.number}`}>
            {m.edit}
            <span class="visually-hidden"> {m.entry(e.number)}</span>
          </a>
        </p>
      )}
      {props.manage && !e.publishedAt && (
        <Form ctx={ctx} action={`${props.manage}/${e.number}/publish`}>
          <button type="submit">{m.publishNow}</button>
        </Form>
      )}
    </article>
  );
}

/** A provider's register of legal requests: public entries and counts, held-back entries for its delegates and the stewards. */
export function registerLegalRequestPages(app: FastifyInstance): void {
  const { directory, legalRequests } = app.haven;
  const path = (slug: string) => `/directory/providers/${slug}/legal-requests`;

  async function provider(request: FastifyRequest) {
    const record = await directory.provider((request.params as { slug: string }).slug);
    const { canEdit } = requireVisibleProfile(request.viewer, record);
    return { record, canEdit };
  }

  async function page(request: FastifyRequest, problems: FieldProblem[], sent?: Partial<LegalRequestInput>) {
    const { record, canEdit } = await provider(request);
    const ctx = request.pageContext();
    const m = legalRequestsText[ctx.locale];
    const slug = record.organisation.slug;
    const [entries, counts] = await Promise.all([legalRequests.visibleTo(request.viewer, record.organisation.id), legalRequests.counts(record.organisation.id)]);
    return (
      <>
        <p>{m.intro}</p>
        <p>
          <a href={`/directory/providers/${slug}`}>{record.organisation.name}</a>
        </p>
        <h2>{m.countsTitle}</h2>
        {counts.length === 0 ? (
          <p>{m.countsNone}</p>
        ) : (
          <ul>
            {counts.map((c) => (
              <li>{m.count(c.year, m.requestKinds[c.requestKind as keyof typeof m.requestKinds] ?? c.requestKind, c.count)}</li>
            ))}
          </ul>
        )}
        <h2>{m.entriesTitle}</h2>
        {entries.length === 0 && <p>{m.noEntries}</p>}
        {entries.map((e) => (
          <EntryView ctx={ctx} entry={e} manage={canEdit ? path(slug) : null} />
        ))}
        {canEdit && (
          <>
            <h2>{m.newTitle}</h2>
            <EntryFormView ctx={ctx} action={path(slug)} entry={sent ?? { publication: 'now', outcome: 'pending' }} problems={problems} />
          </>
        )}
      </>
    );
  }

  const title = async (request: FastifyRequest) => legalRequestsText[request.locale].title((await directory.provider((request.params as { slug: string }).slug)).organisation.name);

  app.get('/directory/providers/:slug/legal-requests', { schema: { params: SlugParams } }, async (request, reply) => reply.page(await title(request), await page(request, [])));

  app.post('/directory/providers/:slug/legal-requests', { schema: { params: SlugParams, body: EntryForm }, attachValidation: true }, async (request, reply) => {
    const record = await directory.provider((request.params as Static<typeof SlugParams>).slug);
    const viewer = requireProfileEditor(request.viewer, record.organisation.id);
    return submitForm<EntryFormBody>(request, reply, {
      title: await title(request),
      render: (problems) => page(request, problems, fromForm((request.body ?? {}) as EntryFormBody)),
      run: async (body) => {
        const number = await legalRequests.record(record.organisation.id, fromForm(body), actorOf(viewer));
        return reply.redirect(`${path(record.organisation.slug)}#request-${number}`, 303);
      },
    });
  });

  async function editPage(request: FastifyRequest, problems: FieldProblem[], sent?: Partial<LegalRequestInput>) {
    const { number } = request.params as Static<typeof EntryParams>;
    const record = await directory.provider((request.params as Static<typeof EntryParams>).slug);
    const viewer = requireProfileEditor(request.viewer, record.organisation.id);
    const entry = (await legalRequests.visibleTo(viewer, record.organisation.id)).find((e) => e.number === number);
    if (!entry) throw AppError.notFound();
    return <EntryFormView ctx={request.pageContext()} action={`${path(record.organisation.slug)}/${number}`} entry={sent ?? entry} problems={problems} />;
  }

  app.get('/directory/providers/:slug/legal-requests/:number', { schema: { params: EntryParams } }, async (request, reply) =>
    reply.page(legalRequestsText[request.locale].entry((request.params as Static<typeof EntryParams>).number), await editPage(request, [])),
  );

  app.post('/directory/providers/:slug/legal-requests/:number', { schema: { params: EntryParams, body: EntryForm }, attachValidation: true }, async (request, reply) => {
    const { slug, number } = request.params as Static<typeof EntryParams>;
    const record = await directory.provider(slug);
    const viewer = requireProfileEditor(request.viewer, record.organisation.id);
    return submitForm<EntryFormBody>(request, reply, {
      title: legalRequestsText[request.locale].entry(number),
      render: (problems) => editPage(request, problems, fromForm((request.body ?? {}) as EntryFormBody)),
      run: async (body) => {
        await legalRequests.update(record.organisation.id, number, fromForm(body), actorOf(viewer));
        return reply.redirect(`${path(slug)}#request-${number}`, 303);
      },
    });
  });

  app.post('/directory/providers/:slug/legal-requests/:number/publish', { schema: { params: EntryParams } }, async (request, reply) => {
    const { slug, number } = request.params as Static<typeof EntryParams>;
    const record = await directory.provider(slug);
    const viewer = requireProfileEditor(request.viewer, record.organisation.id);
    await legalRequests.publishNow(record.organisation.id, number, actorOf(viewer));
    return reply.redirect(`${path(slug)}#request-${number}`, 303);
  });
}
