import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { submitForm } from '../../platform/html/form-route.ts';
import { Field, Form, ProblemSummary, Select } from '../../platform/html/form.tsx';
import type { PageContext } from '../../platform/html/page-context.ts';
import type { FieldProblem } from '../../platform/http/errors.ts';
import { formatDate } from '../../platform/i18n/locale.ts';
import { actorOf } from '../accounts/viewer.ts';
import { requireProfileEditor, requireVisibleProfile } from '../directory/directory.policy.ts';
import { Slug } from '../organisations/organisations.schemas.ts';
import { documentsText } from './documents.messages.ts';
import type { TransparencyDocument } from './documents.service.ts';
import { DOCUMENT_KINDS, type BackupPolicyFields, type DocumentKind } from './documents.table.ts';

const SlugParams = Type.Object({ slug: Slug });
const Text = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const DocumentForm = Type.Object({
  _csrf: Text(100),
  kind: Text(40),
  title: Text(200),
  asOf: Text(20),
  url: Text(500),
  frequency: Text(20),
  retentionDays: Text(10),
  encrypted: Text(10),
  offsite: Text(10),
  lastRestoreTest: Text(20),
});
type DocumentFormBody = Static<typeof DocumentForm>;

function fromForm(body: DocumentFormBody) {
  const kind = (body.kind ?? '') as DocumentKind;
  const backup: BackupPolicyFields | null =
    kind === 'backup-policy'
      ? {
          frequency: (body.frequency ?? '') as BackupPolicyFields['frequency'],
          retentionDays: /^\d{1,6}$/.test(body.retentionDays ?? '') ? Number(body.retentionDays) : NaN,
          encrypted: body.encrypted === 'true',
          offsite: body.offsite === 'true',
          lastRestoreTest: body.lastRestoreTest?.trim() || null,
        }
      : null;
  return { kind, title: (body.title ?? '').trim(), asOf: (body.asOf ?? '').trim(), url: body.url?.trim() || null, backup };
}

function DocumentView(props: { ctx: PageContext; document: TransparencyDocument }) {
  const { ctx, document: d } = props;
  const m = documentsText[ctx.locale];
  const b = d.backup;
  return (
    <li class={d.stale ? 'stale' : undefined}>
      {d.url ? <a href={d.url} rel="nofollow noopener noreferrer">{d.title}</a> : <strong>{d.title}</strong>}, {m.asOf(formatDate(d.asOf, ctx.locale))}
      {d.stale && <strong class="problem"> — {m.stale}</strong>}
      {b && (
        <p>
          {m.frequency} {m.frequencies[b.frequency] ?? b.frequency}, {m.retention(b.retentionDays)}, {b.encrypted ? m.encrypted : m.notEncrypted}, {b.offsite ? m.offsite : m.notOffsite};{' '}
          {b.lastRestoreTest ? m.restoreTest(formatDate(b.lastRestoreTest, ctx.locale)) : m.noRestoreTest}.
        </p>
      )}
    </li>
  );
}

/** A provider's backup policy, activity reports and accounts: public, kept by its delegates. */
export function registerDocumentPages(app: FastifyInstance): void {
  const { directory, documents } = app.haven;
  const path = (slug: string) => `/directory/providers/${slug}/documents`;

  async function page(request: FastifyRequest, problems: FieldProblem[], sent?: DocumentFormBody) {
    const record = await directory.provider((request.params as Static<typeof SlugParams>).slug);
    const { canEdit } = requireVisibleProfile(request.viewer, record);
    const ctx = request.pageContext();
    const m = documentsText[ctx.locale];
    const list = await documents.list(record.organisation.id);
    return (
      <>
        <p>{m.intro}</p>
        <p>
          <a href={`/directory/providers/${record.organisation.slug}`}>{record.organisation.name}</a>
        </p>
        {DOCUMENT_KINDS.map((kind) => {
          const ofKind = list.filter((d) => d.kind === kind);
          return (
            <section id={`documents-${kind}`}>
              <h2>{m.kinds[kind]}</h2>
              {ofKind.length === 0 ? (
                <p>{m.none}</p>
              ) : (
                <ul>
                  {ofKind.map((d) => (
                    <DocumentView ctx={ctx} document={d} />
                  ))}
                </ul>
              )}
            </section>
          );
        })}
        {canEdit && (
          <>
            <h2>{m.addTitle}</h2>
            <ProblemSummary ctx={ctx} problems={problems} />
            <Form ctx={ctx} action={path(record.organisation.slug)}>
              <Select ctx={ctx} name="kind" label={m.fields.kind} value={sent?.kind} problems={problems} options={DOCUMENT_KINDS.map((k) => ({ value: k, label: m.kinds[k] }))} />
              <Field ctx={ctx} name="title" label={m.fields.title} value={sent?.title} required problems={problems} />
              <Field ctx={ctx} name="asOf" type="date" label={m.fields.asOf} hint={m.hints.asOf} value={sent?.asOf} required problems={problems} />
              <Field ctx={ctx} name="url" type="url" label={m.fields.url} hint={m.hints.url} value={sent?.url} problems={problems} />
              <fieldset>
                <legend>{m.kinds['backup-policy']}</legend>
                <p class="hint">{m.hints.backup}</p>
                <Select ctx={ctx} name="frequency" label={m.fields.frequency} value={sent?.frequency} problems={problems} options={['hourly', 'daily', 'weekly', 'monthly'].map((f) => ({ value: f, label: m.frequencies[f]! }))} />
                <Field ctx={ctx} name="retentionDays" type="number" label={m.fields.retentionDays} value={sent?.retentionDays} problems={problems} />
                <label class="choice" for="box-encrypted">
                  <input type="checkbox" id="box-encrypted" name="encrypted" value="true" checked={sent?.encrypted === 'true'} /> {m.fields.encrypted}
                </label>
                <label class="choice" for="box-offsite">
                  <input type="checkbox" id="box-offsite" name="offsite" value="true" checked={sent?.offsite === 'true'} /> {m.fields.offsite}
                </label>
                <Field ctx={ctx} name="lastRestoreTest" type="date" label={m.fields.lastRestoreTest} value={sent?.lastRestoreTest} problems={problems} />
              </fieldset>
              <button type="submit">{m.publish}</button>
            </Form>
          </>
        )}
      </>
    );
  }

  const title = async (request: FastifyRequest) => documentsText[request.locale].title((await directory.provider((request.params as Static<typeof SlugParams>).slug)).organisation.name);

  app.get('/directory/providers/:slug/documents', { schema: { params: SlugParams } }, async (request, reply) => reply.page(await title(request), await page(request, [])));

  app.post('/directory/providers/:slug/documents', { schema: { params: SlugParams, body: DocumentForm }, attachValidation: true }, async (request, reply) => {
    const record = await directory.provider((request.params as Static<typeof SlugParams>).slug);
    const viewer = requireProfileEditor(request.viewer, record.organisation.id);
    return submitForm<DocumentFormBody>(request, reply, {
      title: await title(request),
      render: (problems) => page(request, problems, (request.body ?? {}) as DocumentFormBody),
      run: async (body) => {
        await documents.add(record.organisation.id, fromForm(body), actorOf(viewer));
        return reply.redirect(`${path(record.organisation.slug)}#documents-${body.kind}`, 303);
      },
    });
  });
}
