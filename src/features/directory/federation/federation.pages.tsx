import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { submitForm } from '../../../platform/html/form-route.ts';
import { Field, Form, ProblemSummary, Select } from '../../../platform/html/form.tsx';
import type { FieldProblem } from '../../../platform/http/errors.ts';
import { formatDateTime } from '../../../platform/i18n/locale.ts';
import { actorOf } from '../../accounts/viewer.ts';
import { Slug } from '../../organisations/organisations.schemas.ts';
import { requireProfileEditor } from '../directory.policy.ts';
import { federationText } from './federation.messages.ts';
import { flagText } from './federation.service.ts';
import { METADATA_FORMATS, type MetadataFormat } from './metadata.ts';

const SlugParams = Type.Object({ slug: Slug });
const VersionParams = Type.Object({ slug: Slug, number: Type.Integer({ minimum: 1, maximum: 10_000_000 }) });
const SourceForm = Type.Object({
  _csrf: Type.Optional(Type.String({ maxLength: 100 })),
  url: Type.String({ minLength: 1, maxLength: 500 }),
  format: Type.Union(METADATA_FORMATS.map((f) => Type.Literal(f))),
});

/** Where a provider's delegates register the metadata they publish, read it on demand and see every reading. */
export function registerFederationPages(app: FastifyInstance): void {
  const { directory, federation } = app.haven;
  const path = (slug: string) => `/directory/providers/${slug}/federation`;

  async function load(request: FastifyRequest) {
    const { slug } = request.params as Static<typeof SlugParams>;
    const record = await directory.provider(slug);
    const viewer = requireProfileEditor(request.viewer, record.organisation.id);
    return { record, viewer };
  }

  async function page(request: FastifyRequest, problems: FieldProblem[], sent?: Partial<Static<typeof SourceForm>>) {
    const { record } = await load(request);
    const ctx = request.pageContext();
    const m = federationText[ctx.locale];
    const status = await federation.status(record.organisation.id);
    const slug = record.organisation.slug;
    return (
      <>
        <p>{m.intro}</p>
        <p>
          <a href={`/directory/providers/${slug}`}>{record.organisation.name}</a>
        </p>
        <ProblemSummary ctx={ctx} problems={problems} />
        <Form ctx={ctx} action={path(slug)}>
          <Field ctx={ctx} name="url" type="url" label={m.url} hint={m.urlHint} value={sent?.url ?? status.source?.url ?? ''} required problems={problems} />
          <Select ctx={ctx} name="format" label={m.format} value={sent?.format ?? status.source?.format ?? 'statoolinfos'} options={METADATA_FORMATS.map((f) => ({ value: f, label: m.formats[f] }))} problems={problems} />
          <button type="submit">{m.register}</button>
        </Form>
        {status.source && (
          <>
            <Form ctx={ctx} action={`${path(slug)}/read`}>
              <button type="submit">{m.crawlNow}</button>
            </Form>
            <Form ctx={ctx} action={`${path(slug)}/remove`}>
              <button type="submit" class="danger">
                {m.unregister}
              </button>
            </Form>
          </>
        )}
        {!status.source && <p>{m.none}</p>}
        <h2>{m.importsTitle}</h2>
        {status.imports.length === 0 && <p>{m.noImports}</p>}
        <ol class="imports">
          {status.imports.map((i) => (
            <li id={`reading-${i.id}`}>
              <strong>{formatDateTime(i.fetched_at, ctx.locale)}</strong> — {m.outcomes[i.outcome]}
              {i.outcome === 'imported' && (
                <>
                  {' '}
                  (<a href={`${path(slug)}/versions/${i.number}`}>{m.versionLink(i.number)}</a>)
                </>
              )}
              {i.reason && (
                <p class="problem">
                  {m.reasons[i.reason] ?? i.reason} <span class="muted">({i.detail})</span>
                </p>
              )}
              {i.outcome === 'imported' && i.detail && <p class="muted">{m.ignored(i.detail.replace(/^ignored: /, ''))}</p>}
              {i.flags.length > 0 && (
                <>
                  <p>{m.flagsTitle}</p>
                  <ul>
                    {i.flags.map((f) => (
                      <li>{flagText(f, ctx.locale)}</li>
                    ))}
                  </ul>
                </>
              )}
            </li>
          ))}
        </ol>
      </>
    );
  }

  app.get('/directory/providers/:slug/federation', { schema: { params: SlugParams } }, async (request, reply) => {
    const { record } = await load(request);
    return reply.page(federationText[request.locale].title(record.organisation.name), await page(request, []));
  });

  app.post('/directory/providers/:slug/federation', { schema: { params: SlugParams, body: SourceForm }, attachValidation: true }, async (request, reply) => {
    const { record, viewer } = await load(request);
    return submitForm<Static<typeof SourceForm>>(request, reply, {
      title: federationText[request.locale].title(record.organisation.name),
      render: (problems) => page(request, problems, (request.body ?? {}) as Partial<Static<typeof SourceForm>>),
      run: async (body) => {
        await federation.register(record.organisation.id, { url: body.url, format: body.format as MetadataFormat }, actorOf(viewer));
        return reply.redirect(path(record.organisation.slug), 303);
      },
    });
  });

  app.get('/directory/providers/:slug/federation/versions/:number', { schema: { params: VersionParams } }, async (request, reply) => {
    const { record } = await load(request);
    const ctx = request.pageContext();
    const m = federationText[ctx.locale];
    const { number } = request.params as Static<typeof VersionParams>;
    const version = await federation.version(record.organisation.id, number);
    return reply.page(
      m.versionTitle(number, record.organisation.name),
      <>
        <p>
          {formatDateTime(version.fetchedAt, ctx.locale)} — <a href={path(record.organisation.slug)}>{m.title(record.organisation.name)}</a>
        </p>
        {Object.entries(version.files).map(([url, text]) => (
          <section>
            <h2>{url}</h2>
            <pre class="file">{text}</pre>
          </section>
        ))}
      </>,
    );
  });

  app.post('/directory/providers/:slug/federation/read', { schema: { params: SlugParams } }, async (request, reply) => {
    const { record } = await load(request);
    await federation.read(record.organisation.id);
    return reply.redirect(path(record.organisation.slug), 303);
  });

  app.post('/directory/providers/:slug/federation/remove', { schema: { params: SlugParams } }, async (request, reply) => {
    const { record, viewer } = await load(request);
    await federation.unregister(record.organisation.id, actorOf(viewer));
    return reply.redirect(path(record.organisation.slug), 303);
  });
}
