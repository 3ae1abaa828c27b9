import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { newSecretToken } from '../../platform/crypto/secret-token.ts';
import { localPath, submitForm } from '../../platform/html/form-route.ts';
import { Field, Form, ProblemSummary } from '../../platform/html/form.tsx';
import type { PageContext } from '../../platform/html/page-context.ts';
import { AppError, type FieldProblem } from '../../platform/http/errors.ts';
import { writeCookie } from '../../platform/http/session-cookie.ts';
import { isLocale, localized } from '../../platform/i18n/locale.ts';
import { accountsText } from './accounts.messages.ts';
import { Csrf, Password, Username } from './accounts.schemas.ts';
import { issueChallenge, readChallenge } from './login-challenge.ts';
import { loginText } from './login.messages.ts';

const Next = Type.Optional(Type.String({ maxLength: 500 }));
const LoginBody = Type.Object({
  _csrf: Csrf,
  username: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.String({ minLength: 1, maxLength: 256 }),
  next: Next,
});
const SecondFactorBody = Type.Object({
  _csrf: Csrf,
  challenge: Type.String({ maxLength: 500 }),
  code: Type.String({ minLength: 1, maxLength: 40 }),
  next: Next,
});
const SignupBody = Type.Object({ _csrf: Csrf, username: Username, password: Password });
const LOGIN_LIMIT = { rateLimit: { max: 10, timeWindow: '15 minutes' } };

/** Opens a session for the account and hands the browser a new cookie token, so a token planted before log-in is worthless. */
export async function startSession(request: FastifyRequest, reply: FastifyReply, account: { id: string; username: string }) {
  const token = await request.server.haven.sessions.open(account);
  request.cookieState = { token, locale: request.cookieState?.locale ?? null };
  writeCookie(reply, request.server.haven.config, request.cookieState);
}

function LoginForm(props: { ctx: PageContext; problems: FieldProblem[]; username?: string; next?: string }) {
  const a = accountsText[props.ctx.locale];
  const m = loginText[props.ctx.locale];
  return (
    <>
      <ProblemSummary ctx={props.ctx} problems={props.problems} />
      <Form ctx={props.ctx} action="/login">
        {props.next && <input type="hidden" name="next" value={props.next} />}
        <Field ctx={props.ctx} name="username" label={a.fields.username} required autocomplete="username" value={props.username} problems={props.problems} />
        <Field ctx={props.ctx} name="password" type="password" label={a.fields.password} required autocomplete="current-password" problems={props.problems} />
        <button type="submit">{m.logInSubmit}</button>
      </Form>
      <p>
        {m.noAccount} <a href="/signup">{m.signUpTitle}</a>
      </p>
    </>
  );
}

function SecondFactorForm(props: { ctx: PageContext; problems: FieldProblem[]; challenge: string; next?: string }) {
  const a = accountsText[props.ctx.locale];
  const m = loginText[props.ctx.locale];
  return (
    <>
      <p>{m.secondFactorIntro}</p>
      <ProblemSummary ctx={props.ctx} problems={props.problems} />
      <Form ctx={props.ctx} action="/login/second-factor">
        <input type="hidden" name="challenge" value={props.challenge} />
        {props.next && <input type="hidden" name="next" value={props.next} />}
        <Field ctx={props.ctx} name="code" label={a.fields.code} required autocomplete="one-time-code" problems={props.problems} />
        <button type="submit">{m.secondFactorSubmit}</button>
      </Form>
    </>
  );
}

function SignupForm(props: { ctx: PageContext; problems: FieldProblem[]; username?: string }) {
  const a = accountsText[props.ctx.locale];
  const m = loginText[props.ctx.locale];
  return (
    <>
      <p>{m.signUpIntro}</p>
      <ProblemSummary ctx={props.ctx} problems={props.problems} />
      <Form ctx={props.ctx} action="/signup">
        <Field ctx={props.ctx} name="username" label={a.fields.username} hint={a.hints.username} required autocomplete="username" value={props.username} problems={props.problems} />
        <Field ctx={props.ctx} name="password" type="password" label={a.fields.password} hint={a.hints.password} required autocomplete="new-password" problems={props.problems} />
        <button type="submit">{m.signUpSubmit}</button>
      </Form>
    </>
  );
}

export function registerLoginPages(app: FastifyInstance): void {
  const { accounts, secondFactor, sessions, keys, clock, config } = app.haven;

  app.get('/login', { schema: { querystring: Type.Object({ next: Next }) } }, async (request, reply) => {
    const { next } = request.query as { next?: string };
    return reply.page(loginText[request.locale].logInTitle, <LoginForm ctx={request.pageContext()} problems={[]} next={next} />);
  });

  app.post('/login', { schema: { body: LoginBody }, attachValidation: true, config: LOGIN_LIMIT }, async (request, reply) => {
    const sent = request.body as { username?: string; next?: string };
    return submitForm<Static<typeof LoginBody>>(request, reply, {
      title: loginText[request.locale].logInTitle,
      render: (problems) => <LoginForm ctx={request.pageContext()} problems={problems} username={sent.username} next={sent.next} />,
      run: async (body) => {
        const account = await accounts.authenticate(body.username, body.password);
        const next = localPath(body.next, '/account');
        if (secondFactor.isEnabled(account)) {
          const challenge = issueChallenge(keys.loginChallenge, account.id, clock.now());
          return reply.page(
            loginText[request.locale].secondFactorTitle,
            <SecondFactorForm ctx={request.pageContext()} problems={[]} challenge={challenge} next={next} />,
          );
        }
        await startSession(request, reply, account);
        return reply.redirect(next, 303);
      },
    });
  });

  app.post('/login/second-factor', { schema: { body: SecondFactorBody }, attachValidation: true, config: LOGIN_LIMIT }, async (request, reply) => {
    const sent = request.body as { challenge?: string; next?: string };
    return submitForm<Static<typeof SecondFactorBody>>(request, reply, {
      title: loginText[request.locale].secondFactorTitle,
      render: (problems) => (
        <SecondFactorForm ctx={request.pageContext()} problems={problems} challenge={sent.challenge ?? ''} next={sent.next} />
      ),
      run: async (body) => {
        const accountId = readChallenge(keys.loginChallenge, body.challenge, clock.now());
        if (!accountId) {
          throw new AppError('login_expired', 400, localized(accountsText, (m) => m.errors.loginExpired));
        }
        await secondFactor.verify(accountId, body.code);
        const account = await accounts.get(accountId);
        if (account.status !== 'active') throw AppError.forbidden();
        await startSession(request, reply, account);
        return reply.redirect(localPath(body.next, '/account'), 303);
      },
    });
  });

  app.post('/logout', async (request, reply) => {
    if (request.viewer?.via.kind === 'session') await sessions.close(request.viewer.via.sessionId);
    return reply.clearCookie('haven', { path: '/' }).redirect('/', 303);
  });

  app.get('/signup', async (request, reply) => {
    if (!config.signupOpen) throw new AppError('signup_closed', 403, localized(accountsText, (m) => m.errors.signupClosed));
    return reply.page(loginText[request.locale].signUpTitle, <SignupForm ctx={request.pageContext()} problems={[]} />);
  });

  app.post('/signup', { schema: { body: SignupBody }, attachValidation: true, config: { rateLimit: { max: 5, timeWindow: '1 hour' } } }, async (request, reply) => {
    if (!config.signupOpen) throw new AppError('signup_closed', 403, localized(accountsText, (m) => m.errors.signupClosed));
    const sent = request.body as { username?: string };
    return submitForm<Static<typeof SignupBody>>(request, reply, {
      title: loginText[request.locale].signUpTitle,
      render: (problems) => <SignupForm ctx={request.pageContext()} problems={problems} username={sent.username} />,
      run: async (body) => {
        const created = await accounts.create({ username: body.username, password: body.password, locale: request.locale }, 'system');
        await startSession(request, reply, created);
        return reply.redirect('/account', 303);
      },
    });
  });

  /** Switching language works without JavaScript: a plain link, remembered in the one cookie or on the account. */
  app.get(
    '/language/:locale',
    { schema: { params: Type.Object({ locale: Type.String({ maxLength: 5 }) }), querystring: Type.Object({ back: Next }) } },
    async (request, reply) => {
      const { locale } = request.params as { locale: string };
      const { back } = request.query as { back?: string };
      if (!isLocale(locale)) throw AppError.notFound();
      if (request.viewer) await accounts.setLocale(request.viewer.accountId, locale);
      request.cookieState = { token: request.cookieState?.token ?? newSecretToken(), locale };
      writeCookie(reply, config, request.cookieState);
      return reply.redirect(localPath(back, '/'), 303);
    },
  );
}
