import type { FastifyInstance } from 'fastify';
import QRCode from 'qrcode';
import { Type, type Static } from 'typebox';
import { submitForm } from '../../platform/html/form-route.ts';
import { Field, Form, ProblemSummary } from '../../platform/html/form.tsx';
import type { PageContext } from '../../platform/html/page-context.ts';
import { AppError, type FieldProblem } from '../../platform/http/errors.ts';
import { localized } from '../../platform/i18n/locale.ts';
import { accountsText } from './accounts.messages.ts';
import { requireViewer } from './accounts.policy.ts';
import { Csrf } from './accounts.schemas.ts';
import { verifyPassword } from './passwords.ts';
import { secondFactorText } from './second-factor.messages.ts';
import { actorOf, type Viewer } from './viewer.ts';

const CodeBody = Type.Object({ _csrf: Csrf, code: Type.String({ minLength: 1, maxLength: 40 }) });
const DisableBody = Type.Object({ _csrf: Csrf, password: Type.String({ minLength: 1, maxLength: 256 }), code: Type.String({ minLength: 1, maxLength: 40 }) });
const LIMIT = { rateLimit: { max: 10, timeWindow: '15 minutes' } };

export function registerSecondFactorPages(app: FastifyInstance): void {
  const { accounts, secondFactor } = app.haven;

  async function page(ctx: PageContext, viewer: Viewer, problems: FieldProblem[]) {
    const m = secondFactorText[ctx.locale];
    const a = accountsText[ctx.locale];
    const account = await accounts.get(viewer.accountId);
    if (secondFactor.isEnabled(account)) {
      return (
        <>
          <p>{m.on}</p>
          <h2>{m.disableTitle}</h2>
          <ProblemSummary ctx={ctx} problems={problems} />
          <Form ctx={ctx} action="/account/second-factor/disable">
            <Field ctx={ctx} name="password" type="password" label={a.fields.password} required autocomplete="current-password" problems={problems} />
            <Field ctx={ctx} name="code" label={a.fields.code} required autocomplete="one-time-code" problems={problems} />
            <button type="submit" class="danger">{m.disable}</button>
          </Form>
        </>
      );
    }
    const pending = await secondFactor.pendingEnrolment(viewer.accountId);
    if (!pending) {
      return (
        <>
          <p>{m.off}</p>
          <Form ctx={ctx} action="/account/second-factor/begin">
            <button type="submit">{m.begin}</button>
          </Form>
        </>
      );
    }
    return (
      <>
        <p>{m.scan}</p>
        <img class="qr" src="/account/second-factor/qr.svg" alt={m.qrAlt} width={200} height={200} />
        <h2>{m.secret}</h2>
        <p class="secret">{pending.secret.replace(/(.{4})/g, '$1 ').trim()}</p>
        <p>
          <a href={pending.uri}>{m.uri}</a>
        </p>
        <ProblemSummary ctx={ctx} problems={problems} />
        <Form ctx={ctx} action="/account/second-factor/confirm">
          <Field ctx={ctx} name="code" label={a.fields.code} required autocomplete="one-time-code" inputmode="numeric" problems={problems} />
          <button type="submit">{m.confirm}</button>
        </Form>
      </>
    );
  }

  app.get('/account/second-factor', async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    return reply.page(secondFactorText[request.locale].title, await page(request.pageContext(), viewer, []));
  });

  // An image rather than inline markup, so the page stays within its strict policy; made on this server, never by a third party.
  app.get('/account/second-factor/qr.svg', async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    const pending = await secondFactor.pendingEnrolment(viewer.accountId);
    if (!pending) throw AppError.notFound();
    const svg = await QRCode.toString(pending.uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
    return reply.type('image/svg+xml').header('cache-control', 'no-store').send(svg);
  });

  app.post('/account/second-factor/begin', async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    await secondFactor.beginEnrolment(viewer.accountId);
    return reply.redirect('/account/second-factor', 303);
  });

  app.post('/account/second-factor/confirm', { schema: { body: CodeBody }, attachValidation: true, config: LIMIT }, async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    const m = secondFactorText[request.locale];
    return submitForm<Static<typeof CodeBody>>(request, reply, {
      title: m.title,
      render: (problems) => page(request.pageContext(), viewer, problems),
      run: async (body) => {
        const codes = await secondFactor.confirmEnrolment(viewer.accountId, body.code, actorOf(viewer));
        return reply.page(
          m.codesTitle,
          <>
            <p>{m.codesIntro}</p>
            <ul class="secret">
              {codes.map((c) => (
                <li>{c}</li>
              ))}
            </ul>
            <p>
              <a class="button" href="/account">{m.done}</a>
            </p>
          </>,
        );
      },
    });
  });

  app.post('/account/second-factor/disable', { schema: { body: DisableBody }, attachValidation: true, config: LIMIT }, async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    return submitForm<Static<typeof DisableBody>>(request, reply, {
      title: secondFactorText[request.locale].title,
      render: (problems) => page(request.pageContext(), viewer, problems),
      run: async (body) => {
        const account = await accounts.get(viewer.accountId);
        if (!(await verifyPassword(account.password_hash, body.password))) {
          throw AppError.field('wrong_password', 'password', localized(accountsText, (m) => m.errors.wrongPassword));
        }
        await secondFactor.verify(viewer.accountId, body.code);
        await secondFactor.disable(viewer.accountId, actorOf(viewer));
        return reply.redirect('/account/second-factor', 303);
      },
    });
  });
}
