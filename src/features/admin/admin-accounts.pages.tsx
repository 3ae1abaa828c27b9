import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { submitForm } from '../../platform/html/form-route.ts';
import { Field, Form, ProblemSummary } from '../../platform/html/form.tsx';
import type { PageContext } from '../../platform/html/page-context.ts';
import type { FieldProblem } from '../../platform/http/errors.ts';
import { accountsText } from '../accounts/accounts.messages.ts';
import { requireSteward } from '../accounts/accounts.policy.ts';
import { Csrf, Password, Username } from '../accounts/accounts.schemas.ts';
import { COALITION_ROLES, type CoalitionRole } from '../accounts/accounts.table.ts';
import { actorOf } from '../accounts/viewer.ts';
import { adminText } from './admin.messages.ts';

const CreateBody = Type.Object({
  _csrf: Csrf,
  username: Username,
  password: Type.Union([Type.Literal(''), Password]),
  roles: Type.Optional(Type.Array(Type.Union(COALITION_ROLES.map((r) => Type.Literal(r))), { maxItems: 4 })),
});
const RolesBody = Type.Object({
  _csrf: Csrf,
  roles: Type.Optional(Type.Array(Type.Union(COALITION_ROLES.map((r) => Type.Literal(r))), { maxItems: 4 })),
});
const StatusBody = Type.Object({ _csrf: Csrf, status: Type.Union([Type.Literal('active'), Type.Literal('suspended')]) });
const Params = Type.Object({ id: Type.String({ maxLength: 64 }) });

function RoleBoxes(props: { ctx: PageContext; idPrefix: string; checked: readonly CoalitionRole[] }) {
  const a = accountsText[props.ctx.locale];
  return (
    <fieldset>
      <legend>{adminText[props.ctx.locale].roles}</legend>
      {COALITION_ROLES.map((role) => (
        <label class="choice" for={`${props.idPrefix}-${role}`}>
          <input type="checkbox" id={`${props.idPrefix}-${role}`} name="roles" value={role} checked={props.checked.includes(role)} /> {a.roles[role]}
        </label>
      ))}
    </fieldset>
  );
}

export function registerAdminAccountPages(app: FastifyInstance): void {
  const { accounts } = app.haven;

  async function page(ctx: PageContext, problems: FieldProblem[], notice?: { text: string; secret?: string }) {
    const m = adminText[ctx.locale];
    const a = accountsText[ctx.locale];
    const list = await accounts.list();
    return (
      <>
        {notice && (
          <div class="notice" role="status">
            <p>{notice.text}</p>
            {notice.secret && (
              <>
                <p>{m.generatedPassword}</p>
                <p class="secret">{notice.secret}</p>
              </>
            )}
          </div>
        )}
        <table>
          <thead>
            <tr>
              <th scope="col">{a.fields.username}</th>
              <th scope="col">{m.roles}</th>
              <th scope="col">{m.status}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((account) => (
              <tr>
                <th scope="row">{account.username}</th>
                <td>
                  <Form ctx={ctx} action={`/admin/accounts/${account.id}/roles`}>
                    <RoleBoxes ctx={ctx} idPrefix={`roles-${account.id}`} checked={account.roles} />
                    <button type="submit" aria-label={`${m.saveRoles}: ${account.username}`}>{m.saveRoles}</button>
                  </Form>
                </td>
                <td>
                  {m.statuses[account.status]}
                  <Form ctx={ctx} action={`/admin/accounts/${account.id}/status`}>
                    <input type="hidden" name="status" value={account.status === 'active' ? 'suspended' : 'active'} />
                    <button type="submit" class={account.status === 'active' ? 'danger' : ''} aria-label={`${account.status === 'active' ? m.suspend : m.reinstate}: ${account.username}`}>
                      {account.status === 'active' ? m.suspend : m.reinstate}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>{m.createAccount}</h2>
        <ProblemSummary ctx={ctx} problems={problems} />
        <Form ctx={ctx} action="/admin/accounts">
          <Field ctx={ctx} name="username" label={a.fields.username} hint={a.hints.username} required problems={problems} />
          <Field ctx={ctx} name="password" type="password" label={a.fields.password} hint={m.createAccountHint} autocomplete="new-password" problems={problems} />
          <RoleBoxes ctx={ctx} idPrefix="new" checked={[]} />
          <button type="submit">{m.createAccount}</button>
        </Form>
      </>
    );
  }

  app.get('/admin/accounts', async (request, reply) => {
    requireSteward(request.viewer);
    return reply.page(adminText[request.locale].accounts, await page(request.pageContext(), []));
  });

  app.post('/admin/accounts', { schema: { body: CreateBody }, attachValidation: true }, async (request, reply) => {
    const steward = requireSteward(request.viewer);
    const m = adminText[request.locale];
    return submitForm<Static<typeof CreateBody>>(request, reply, {
      title: m.accounts,
      render: (problems) => page(request.pageContext(), problems),
      run: async (body) => {
        const created = await accounts.create(
          { username: body.username, password: body.password || undefined, roles: body.roles ?? [] },
          actorOf(steward),
        );
        return reply.page(
          m.accounts,
          await page(request.pageContext(), [], { text: m.created(created.username), secret: created.generatedPassword ?? undefined }),
          201,
        );
      },
    });
  });

  app.post('/admin/accounts/:id/roles', { schema: { params: Params, body: RolesBody } }, async (request, reply) => {
    const steward = requireSteward(request.viewer);
    const { id } = request.params as Static<typeof Params>;
    await accounts.setRoles(id, (request.body as Static<typeof RolesBody>).roles ?? [], actorOf(steward));
    return reply.redirect('/admin/accounts', 303);
  });

  app.post('/admin/accounts/:id/status', { schema: { params: Params, body: StatusBody } }, async (request, reply) => {
    const steward = requireSteward(request.viewer);
    const { id } = request.params as Static<typeof Params>;
    await accounts.setStatus(id, (request.body as Static<typeof StatusBody>).status, actorOf(steward));
    return reply.redirect('/admin/accounts', 303);
  });
}
