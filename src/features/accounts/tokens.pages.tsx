import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { submitForm } from '../../platform/html/form-route.ts';
import { Field, Form, ProblemSummary } from '../../platform/html/form.tsx';
import type { PageContext } from '../../platform/html/page-context.ts';
import type { FieldProblem } from '../../platform/http/errors.ts';
import { formatDateTime } from '../../platform/i18n/locale.ts';
import { accountsText } from './accounts.messages.ts';
import { requireViewer } from './accounts.policy.ts';
import { Csrf } from './accounts.schemas.ts';
import { tokensText } from './tokens.messages.ts';
import { actorOf, type Viewer } from './viewer.ts';

const CreateBody = Type.Object({ _csrf: Csrf, name: Type.String({ minLength: 1, maxLength: 80 }) });
const Params = Type.Object({ id: Type.String({ maxLength: 64 }) });

export function registerTokenPages(app: FastifyInstance): void {
  const { tokens } = app.haven;

  async function page(ctx: PageContext, viewer: Viewer, problems: FieldProblem[]) {
    const m = tokensText[ctx.locale];
    const list = await tokens.list(viewer.accountId);
    return (
      <>
        <p>{m.intro}</p>
        {list.length === 0 ? (
          <p>{m.none}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{m.name}</th>
                <th scope="col">{m.endsWith}</th>
                <th scope="col">{m.created}</th>
                <th scope="col">{m.lastUsed}</th>
                <th scope="col"><span class="muted">{m.revoke}</span></th>
              </tr>
            </thead>
            <tbody>
              {list.map((t) => (
                <tr>
                  <th scope="row">{t.name}</th>
                  <td>…{t.hint}</td>
                  <td>{formatDateTime(t.created_at, ctx.locale)}</td>
                  <td>{t.last_used_at ? t.last_used_at.slice(0, 10) : m.never}</td>
                  <td>
                    <Form ctx={ctx} action={`/account/tokens/${t.id}/revoke`} class="inline">
                      <button type="submit" class="danger" aria-label={`${m.revoke}: ${t.name}`}>{m.revoke}</button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h2>{m.create}</h2>
        <ProblemSummary ctx={ctx} problems={problems} />
        <Form ctx={ctx} action="/account/tokens">
          <Field ctx={ctx} name="name" label={accountsText[ctx.locale].fields.tokenName} required problems={problems} maxLength={80} />
          <button type="submit">{m.create}</button>
        </Form>
      </>
    );
  }

  app.get('/account/tokens', async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    return reply.page(tokensText[request.locale].title, await page(request.pageContext(), viewer, []));
  });

  app.post('/account/tokens', { schema: { body: CreateBody }, attachValidation: true }, async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    const m = tokensText[request.locale];
    return submitForm<Static<typeof CreateBody>>(request, reply, {
      title: m.title,
      render: (problems) => page(request.pageContext(), viewer, problems),
      run: async (body) => {
        const created = await tokens.create(viewer.accountId, body.name, actorOf(viewer));
        return reply.page(
          m.createdTitle,
          <>
            <p>{m.createdIntro}</p>
            <p class="secret">{created.token}</p>
            <p>
              <a href="/account/tokens">{m.back}</a>
            </p>
          </>,
        );
      },
    });
  });

  app.post('/account/tokens/:id/revoke', { schema: { params: Params } }, async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    const { id } = request.params as Static<typeof Params>;
    await tokens.revoke(viewer.accountId, id, actorOf(viewer));
    return reply.redirect('/account/tokens', 303);
  });
}
