import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { submitForm } from '../../platform/html/form-route.ts';
import { Field, Form, ProblemSummary } from '../../platform/html/form.tsx';
import type { PageContext } from '../../platform/html/page-context.ts';
import type { FieldProblem } from '../../platform/http/errors.ts';
import { formatDateTime } from '../../platform/i18n/locale.ts';
import { organisationsText } from '../organisations/organisations.messages.ts';
import { accountPagesText } from './account-pages.messages.ts';
import { accountsText } from './accounts.messages.ts';
import { requireViewer } from './accounts.policy.ts';
import { Csrf, Password } from './accounts.schemas.ts';
import { actorOf, type Viewer } from './viewer.ts';

const ContactBody = Type.Object({
  _csrf: Csrf,
  email: Type.Union([Type.Literal(''), Type.String({ format: 'email', maxLength: 254 })]),
  pgpKey: Type.String({ maxLength: 20000 }),
});
const PasswordBody = Type.Object({ _csrf: Csrf, currentPassword: Type.String({ minLength: 1, maxLength: 256 }), newPassword: Password });

export function registerAccountPages(app: FastifyInstance): void {
  const { accounts, sessions, secondFactor } = app.haven;

  async function overview(ctx: PageContext, viewer: Viewer, problems: FieldProblem[], notice?: string, contactDraft?: { email: string; pgpKey: string }) {
    const m = accountPagesText[ctx.locale];
    const a = accountsText[ctx.locale];
    const o = organisationsText[ctx.locale];
    const account = await accounts.get(viewer.accountId);
    const contact = contactDraft ?? accounts.contactDetails(account);
    const open = await sessions.list(viewer.accountId);
    const remaining = await secondFactor.remainingRecoveryCodes(viewer.accountId);
    return (
      <>
        {notice && <p class="notice" role="status">{notice}</p>}
        <p>{m.signedInAs(viewer.username)}</p>
        <ProblemSummary ctx={ctx} problems={problems} />
        <h2>{m.roles}</h2>
        <p>{viewer.roles.size === 0 ? m.noRoles : [...viewer.roles].map((r) => a.roles[r]).join(', ')}</p>
        <h2>{m.organisations}</h2>
        {viewer.memberships.length === 0 ? (
          <p>{m.noOrganisations}</p>
        ) : (
          <ul>
            {viewer.memberships.map((x) => (
              <li>
                {x.name} — {o.kinds[x.kind]}, {o.roles[x.role]}
              </li>
            ))}
          </ul>
        )}
        <h2>{m.secondFactorTitle}</h2>
        <p>{secondFactor.isEnabled(account) ? m.secondFactorOn(remaining) : m.secondFactorOff}</p>
        <p>
          <a href="/account/second-factor">{m.secondFactorManage}</a>
        </p>
        <h2>{m.contactTitle}</h2>
        <Form ctx={ctx} action="/account/contact">
          <Field ctx={ctx} name="email" type="email" label={a.fields.email} hint={a.hints.email} autocomplete="email" value={contact.email} problems={problems} />
          <Field ctx={ctx} name="pgpKey" multiline label={a.fields.pgpKey} hint={a.hints.pgpKey} value={contact.pgpKey} problems={problems} />
          <button type="submit">{m.save}</button>
        </Form>
        <h2>{m.passwordTitle}</h2>
        <Form ctx={ctx} action="/account/password">
          <Field ctx={ctx} name="currentPassword" type="password" label={a.fields.currentPassword} required autocomplete="current-password" problems={problems} />
          <Field ctx={ctx} name="newPassword" type="password" label={a.fields.newPassword} hint={a.hints.password} required autocomplete="new-password" problems={problems} />
          <button type="submit">{m.save}</button>
        </Form>
        <h2>{m.sessionsTitle}</h2>
        <p>{m.sessionsIntro(open.length)}</p>
        <table>
          <thead>
            <tr>
              <th scope="col">{m.created}</th>
              <th scope="col">{m.lastSeen}</th>
              <th scope="col">{m.expires}</th>
            </tr>
          </thead>
          <tbody>
            {open.map((s) => (
              <tr>
                <td>{formatDateTime(s.created_at, ctx.locale)}</td>
                <td>{formatDateTime(s.last_seen_at, ctx.locale)}</td>
                <td>{formatDateTime(s.expires_at, ctx.locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Form ctx={ctx} action="/account/sessions/close-all">
          <button type="submit">{m.closeAll}</button>
        </Form>
        <h2>{m.tokensTitle}</h2>
        <p>
          <a href="/account/tokens">{m.tokensManage}</a>
        </p>
        <h2>{m.followingTitle}</h2>
        <p>
          <a href="/account/following">{m.followingManage}</a>
        </p>
        <p>
          <a href="/conduct/mine">{m.conductMine}</a>
        </p>
        <h2>{m.dataTitle}</h2>
        <p>
          <a href="/account/data">{m.dataManage}</a>
        </p>
      </>
    );
  }

  app.get('/account', async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    const { saved } = request.query as { saved?: string };
    const m = accountPagesText[request.locale];
    const notice = saved === 'contact' ? m.contactSaved : saved === 'password' ? m.passwordSaved : undefined;
    return reply.page(m.title, await overview(request.pageContext(), viewer, [], notice));
  });

  app.post('/account/contact', { schema: { body: ContactBody }, attachValidation: true }, async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    const sent = request.body as { email?: string; pgpKey?: string };
    const draft = { email: sent.email ?? '', pgpKey: sent.pgpKey ?? '' };
    return submitForm<Static<typeof ContactBody>>(request, reply, {
      title: accountPagesText[request.locale].title,
      render: (problems) => overview(request.pageContext(), viewer, problems, undefined, draft),
      run: async (body) => {
        await accounts.updateContact(viewer.accountId, { email: body.email || null, pgpKey: body.pgpKey || null }, actorOf(viewer));
        return reply.redirect('/account?saved=contact', 303);
      },
    });
  });

  app.post('/account/password', { schema: { body: PasswordBody }, attachValidation: true, config: { rateLimit: { max: 10, timeWindow: '15 minutes' } } }, async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    return submitForm<Static<typeof PasswordBody>>(request, reply, {
      title: accountPagesText[request.locale].title,
      render: (problems) => overview(request.pageContext(), viewer, problems),
      run: async (body) => {
        await accounts.changePassword(viewer.accountId, body.currentPassword, body.newPassword, actorOf(viewer));
        return reply.redirect('/account?saved=password', 303);
      },
    });
  });

  app.post('/account/sessions/close-all', async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    await sessions.closeAll(viewer.accountId, actorOf(viewer));
    return reply.clearCookie('haven', { path: '/' }).redirect('/login', 303);
  });
}
