import type { FastifyInstance } from 'fastify';
import { stringify } from 'csv-stringify/sync';
import { Type, type Static } from 'typebox';
import { submitForm } from '../../platform/html/form-route.ts';
import { Field, Form, ProblemSummary } from '../../platform/html/form.tsx';
import type { PageContext } from '../../platform/html/page-context.ts';
import { bearerSecurity, errorResponses } from '../../platform/http/api-schemas.ts';
import { AppError, type FieldProblem } from '../../platform/http/errors.ts';
import { localized } from '../../platform/i18n/locale.ts';
import { accountsText } from '../accounts/accounts.messages.ts';
import { requireOrganisationManager, requireViewer } from '../accounts/accounts.policy.ts';
import { Csrf } from '../accounts/accounts.schemas.ts';
import { verifyPassword } from '../accounts/passwords.ts';
import { actorOf, type Viewer } from '../accounts/viewer.ts';
import { Slug } from '../organisations/organisations.schemas.ts';
import { CSV_PARTS, type CsvPart } from './personal-data.service.ts';
import { privacyText } from './privacy.messages.ts';

const DeleteBody = Type.Object({ _csrf: Csrf, password: Type.String({ minLength: 1, maxLength: 256 }), confirmUsername: Type.String({ minLength: 1, maxLength: 64 }) });
const ApiDeleteBody = Type.Object({ password: Type.String({ minLength: 1, maxLength: 256 }) }, { additionalProperties: false });
const PartParams = Type.Object({ part: Type.Union(CSV_PARTS.map((p) => Type.Literal(p))) });

export function registerPrivacyRoutes(app: FastifyInstance): void {
  const { accounts, organisations, personalData } = app.haven;

  async function assertPassword(accountId: string, password: string) {
    const account = await accounts.get(accountId);
    if (!(await verifyPassword(account.password_hash, password))) {
      throw AppError.field('wrong_password', 'password', localized(accountsText, (m) => m.errors.wrongPassword));
    }
  }

  function page(ctx: PageContext, viewer: Viewer, problems: FieldProblem[]) {
    const m = privacyText[ctx.locale];
    const a = accountsText[ctx.locale];
    const delegated = viewer.memberships.filter((x) => x.role === 'delegate');
    return (
      <>
        <h2>{m.exportTitle}</h2>
        <p>{m.exportIntro}</p>
        <ul>
          <li>
            <a href="/account/export.json" download>{m.exportJson}</a>
          </li>
          {CSV_PARTS.map((part) => (
            <li>
              <a href={`/account/export/${part}.csv`} download>{m.exportCsv(m.parts[part])}</a>
            </li>
          ))}
        </ul>
        <h2>{m.deleteTitle}</h2>
        <p>{m.deleteRemoves}</p>
        <p>{m.deleteKeeps}</p>
        <p>{m.deleteBackups}</p>
        <ProblemSummary ctx={ctx} problems={problems} />
        <Form ctx={ctx} action="/account/delete">
          <Field ctx={ctx} name="password" type="password" label={a.fields.password} required autocomplete="current-password" problems={problems} />
          <Field ctx={ctx} name="confirmUsername" label={a.fields.confirmUsername} required autocomplete="off" problems={problems} />
          <button type="submit" class="danger">{m.deleteSubmit}</button>
        </Form>
        {delegated.length > 0 && (
          <>
            <h2>{m.orgDeleteTitle}</h2>
            <p>{m.orgDeleteIntro}</p>
            {delegated.map((o) => (
              <Form ctx={ctx} action={`/organisations/${o.slug}/delete`}>
                <Field ctx={ctx} name={`confirmSlug-${o.slug}`} label={`${m.orgDeleteConfirm} (${o.slug})`} required autocomplete="off" />
                <button type="submit" class="danger">{m.orgDeleteSubmit(o.name)}</button>
              </Form>
            ))}
          </>
        )}
      </>
    );
  }

  app.get('/account/data', async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    return reply.page(privacyText[request.locale].title, page(request.pageContext(), viewer, []));
  });

  app.get('/account/export.json', async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    return reply
      .header('content-disposition', `attachment; filename="haven-${viewer.username}.json"`)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(await personalData.exportFor(viewer.accountId), null, 2));
  });

  app.get('/account/export/:part.csv', { schema: { params: PartParams } }, async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    const { part } = request.params as { part: CsvPart };
    const rows = await personalData.tableFor(viewer.accountId, part);
    return reply
      .header('content-disposition', `attachment; filename="haven-${viewer.username}-${part}.csv"`)
      .type('text/csv; charset=utf-8')
      .send(stringify(rows, { header: true, columns: rows.length > 0 ? Object.keys(rows[0]!) : ['none'] }));
  });

  app.post('/account/delete', { schema: { body: DeleteBody }, attachValidation: true, config: { rateLimit: { max: 10, timeWindow: '15 minutes' } } }, async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    return submitForm<Static<typeof DeleteBody>>(request, reply, {
      title: privacyText[request.locale].title,
      render: (problems) => page(request.pageContext(), viewer, problems),
      run: async (body) => {
        await assertPassword(viewer.accountId, body.password);
        if (body.confirmUsername.trim().toLowerCase() !== viewer.username) {
          throw AppError.field('confirm_mismatch', 'confirmUsername', localized(accountsText, (m) => m.errors.confirmMismatch));
        }
        await accounts.delete(viewer.accountId, actorOf(viewer));
        request.viewer = null;
        reply.clearCookie('haven', { path: '/' });
        return reply.page(privacyText[request.locale].title, <p class="notice" role="status">{privacyText[request.locale].deleted}</p>);
      },
    });
  });

  app.post('/organisations/:slug/delete', { schema: { params: Type.Object({ slug: Slug }) } }, async (request, reply) => {
    const { slug } = request.params as { slug: string };
    const organisation = await organisations.getBySlug(slug);
    const viewer = requireOrganisationManager(request.viewer, organisation.id);
    const confirm = (request.body as Record<string, unknown>)[`confirmSlug-${slug}`];
    if (confirm !== slug) {
      throw AppError.field('confirm_mismatch', `confirmSlug-${slug}`, localized(accountsText, (m) => m.errors.confirmMismatch));
    }
    await organisations.delete(organisation.id, actorOf(viewer));
    return reply.page(privacyText[request.locale].title, <p class="notice" role="status">{privacyText[request.locale].orgDeleted}</p>);
  });

  app.get('/api/v1/me/export', { schema: { tags: ['privacy'], summary: 'Everything Haven holds about you, as JSON', security: bearerSecurity } }, async (request) => {
    const viewer = requireViewer(request.viewer);
    return personalData.exportFor(viewer.accountId);
  });

  app.post(
    '/api/v1/me/delete',
    { schema: { tags: ['privacy'], summary: 'Delete your account for good (needs your password)', security: bearerSecurity, body: ApiDeleteBody, response: { 204: Type.Null(), ...errorResponses } } },
    async (request, reply) => {
      const viewer = requireViewer(request.viewer);
      await assertPassword(viewer.accountId, (request.body as Static<typeof ApiDeleteBody>).password);
      await accounts.delete(viewer.accountId, actorOf(viewer));
      return reply.code(204).send();
    },
  );
}
