import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { submitForm } from '../../platform/html/form-route.ts';
import { Field, Form, ProblemSummary } from '../../platform/html/form.tsx';
import { AppError, type FieldProblem } from '../../platform/http/errors.ts';
import type { PageContext } from '../../platform/html/page-context.ts';
import { formatDate, formatDateTime } from '../../platform/i18n/locale.ts';
import { actorOf } from '../accounts/viewer.ts';
import { requireProfileEditor } from '../directory/directory.policy.ts';
import { Slug } from '../organisations/organisations.schemas.ts';
import { canaryText } from './canary.messages.ts';
import type { CanaryStatus } from './canary.service.ts';
import { CanarySection, canaryFiles } from './canary-view.tsx';

function SourceState(props: { ctx: PageContext; source: NonNullable<CanaryStatus['source']> }) {
  const { ctx, source } = props;
  const m = canaryText[ctx.locale];
  return (
    <>
      <p>
        {m.sourceState(source.url)} {source.checkedAt ? m.sourceChecked(formatDateTime(source.checkedAt, ctx.locale)) : m.sourceNotYet}
      </p>
      {source.problem && (
        <p class="problem" role="status">
          {m.sourceProblem(m.errors[source.problem] ?? source.problem, formatDate(source.problemSince ?? source.checkedAt ?? '', ctx.locale))}
        </p>
      )}
    </>
  );
}

const SlugParams = Type.Object({ slug: Slug });
const KeyForm = Type.Object({ _csrf: Type.Optional(Type.String({ maxLength: 100 })), key: Type.String({ minLength: 1, maxLength: 65_536 }) });
const StatementForm = Type.Object({ _csrf: Type.Optional(Type.String({ maxLength: 100 })), statement: Type.String({ minLength: 1, maxLength: 65_536 }) });
const SourceForm = Type.Object({ _csrf: Type.Optional(Type.String({ maxLength: 100 })), url: Type.Optional(Type.String({ maxLength: 2000 })), remove: Type.Optional(Type.String({ maxLength: 10 })) });

/** Warrant canaries: kept by the provider's delegates, served as signed for anyone to verify. */
export function registerCanaryPages(app: FastifyInstance): void {
  const { directory, canaries, canarySources } = app.haven;
  const manage = (slug: string) => `/directory/providers/${slug}/canary`;

  /** Public files exist only for a published profile. */
  async function published(request: FastifyRequest) {
    const record = await directory.provider((request.params as Static<typeof SlugParams>).slug);
    if (!record.published) throw AppError.notFound();
    return record;
  }

  app.get('/providers/:slug/canary.txt', { schema: { params: SlugParams } }, async (request, reply) => {
    const record = await published(request);
    const text = await canaries.latestSignedText(record.organisation.id);
    if (!text) throw AppError.notFound();
    // Exactly as signed: a changed byte would break gpg --verify.
    return reply.type('text/plain; charset=utf-8').header('cache-control', 'no-cache').send(text);
  });

  app.get('/providers/:slug/canary-key.asc', { schema: { params: SlugParams } }, async (request, reply) => {
    const record = await published(request);
    const key = await canaries.key(record.organisation.id);
    if (!key) throw AppError.notFound();
    return reply.type('text/plain; charset=utf-8').send(key.armored);
  });

  async function page(request: FastifyRequest, problems: FieldProblem[], sent: { key?: string; statement?: string; url?: string } = {}) {
    const record = await directory.provider((request.params as Static<typeof SlugParams>).slug);
    requireProfileEditor(request.viewer, record.organisation.id);
    const ctx = request.pageContext();
    const m = canaryText[ctx.locale];
    const slug = record.organisation.slug;
    const [status, history] = await Promise.all([canaries.status(record.organisation.id), canaries.history(record.organisation.id)]);
    return (
      <>
        <p>{m.intro}</p>
        <p>
          <a href={`/directory/providers/${slug}`}>{record.organisation.name}</a>
        </p>
        <CanarySection ctx={ctx} status={status} files={canaryFiles(slug)} manage={null} />
        <ProblemSummary ctx={ctx} problems={problems} />
        <h2>{m.keyTitle}</h2>
        <p>{status.key ? m.currentKey(status.key.fingerprint) : m.noKey}</p>
        <Form ctx={ctx} action={`${manage(slug)}/key`}>
          <Field ctx={ctx} name="key" label={m.keyLabel} hint={m.keyHint} value={sent.key ?? ''} multiline required problems={problems} />
          <button type="submit">{m.saveKey}</button>
        </Form>
        <h2>{m.publishTitle}</h2>
        <Form ctx={ctx} action={`${manage(slug)}/statements`}>
          <Field ctx={ctx} name="statement" label={m.statementLabel} hint={m.publishHint} value={sent.statement ?? ''} multiline required problems={problems} />
          <button type="submit">{m.publish}</button>
        </Form>
        <h2>{m.sourceTitle}</h2>
        <p>{m.sourceIntro}</p>
        {status.source && <SourceState ctx={ctx} source={status.source} />}
        <Form ctx={ctx} action={`${manage(slug)}/source`}>
          <Field ctx={ctx} name="url" type="url" label={m.sourceLabel} hint={m.sourceHint} value={sent.url ?? status.source?.url ?? ''} problems={problems} />
          <button type="submit">{m.saveSource}</button>
          {status.source && (
            <button type="submit" name="remove" value="yes">
              {m.removeSource}
            </button>
          )}
        </Form>
        {history.length > 0 && (
          <>
            <h2>{m.historyTitle}</h2>
            <ol reversed>
              {history.map((h) => (
                <li>{m.published(formatDate(h.statement_date, ctx.locale), formatDate(h.next_update, ctx.locale))}</li>
              ))}
            </ol>
          </>
        )}
      </>
    );
  }

  const title = async (request: FastifyRequest) => canaryText[request.locale].manageTitle((await directory.provider((request.params as Static<typeof SlugParams>).slug)).organisation.name);

  app.get('/directory/providers/:slug/canary', { schema: { params: SlugParams } }, async (request, reply) => {
    const body = await page(request, []);
    return reply.page(await title(request), body);
  });

  app.post('/directory/providers/:slug/canary/key', { schema: { params: SlugParams, body: KeyForm }, attachValidation: true }, async (request, reply) => {
    const record = await directory.provider((request.params as Static<typeof SlugParams>).slug);
    const viewer = requireProfileEditor(request.viewer, record.organisation.id);
    return submitForm<Static<typeof KeyForm>>(request, reply, {
      title: await title(request),
      render: (problems) => page(request, problems, { key: (request.body as { key?: string } | undefined)?.key }),
      run: async (body) => {
        await canaries.setKey(record.organisation.id, body.key, actorOf(viewer));
        return reply.redirect(manage(record.organisation.slug), 303);
      },
    });
  });

  app.post('/directory/providers/:slug/canary/statements', { schema: { params: SlugParams, body: StatementForm }, attachValidation: true }, async (request, reply) => {
    const record = await directory.provider((request.params as Static<typeof SlugParams>).slug);
    const viewer = requireProfileEditor(request.viewer, record.organisation.id);
    return submitForm<Static<typeof StatementForm>>(request, reply, {
      title: await title(request),
      render: (problems) => page(request, problems, { statement: (request.body as { statement?: string } | undefined)?.statement }),
      run: async (body) => {
        await canaries.publish(record.organisation.id, record.organisation.slug, body.statement, actorOf(viewer));
        return reply.redirect(`/directory/providers/${record.organisation.slug}#canary`, 303);
      },
    });
  });

  app.post('/directory/providers/:slug/canary/source', { schema: { params: SlugParams, body: SourceForm }, attachValidation: true }, async (request, reply) => {
    const record = await directory.provider((request.params as Static<typeof SlugParams>).slug);
    const viewer = requireProfileEditor(request.viewer, record.organisation.id);
    return submitForm<Static<typeof SourceForm>>(request, reply, {
      title: await title(request),
      render: (problems) => page(request, problems, { url: (request.body as { url?: string } | undefined)?.url }),
      run: async (body) => {
        await canarySources.register(record.organisation.id, body.remove === 'yes' ? null : (body.url ?? ''), actorOf(viewer));
        return reply.redirect(manage(record.organisation.slug), 303);
      },
    });
  });
}
