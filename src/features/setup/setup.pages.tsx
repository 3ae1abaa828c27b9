import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { Field, Form, ProblemSummary } from '../../platform/html/form.tsx';
import type { PageContext } from '../../platform/html/page-context.ts';
import { AppError, type FieldProblem } from '../../platform/http/errors.ts';
import { submitForm } from '../../platform/html/form-route.ts';
import { accountsText } from '../accounts/accounts.messages.ts';
import { Csrf, Password, Username } from '../accounts/accounts.schemas.ts';
import { startSession } from '../accounts/login.pages.tsx';
import { setupText } from './setup.messages.ts';

const Params = Type.Object({ token: Type.String({ maxLength: 64 }) });
const Body = Type.Object({ _csrf: Csrf, username: Username, password: Password });

function SetupForm(props: { ctx: PageContext; token: string; problems: FieldProblem[]; username?: string }) {
  const a = accountsText[props.ctx.locale];
  const m = setupText[props.ctx.locale];
  return (
    <>
      <p>{m.intro}</p>
      <ProblemSummary ctx={props.ctx} problems={props.problems} />
      <Form ctx={props.ctx} action={`/setup/${props.token}`}>
        <Field ctx={props.ctx} name="username" label={a.fields.username} hint={a.hints.username} required autocomplete="username" value={props.username} problems={props.problems} />
        <Field ctx={props.ctx} name="password" type="password" label={a.fields.password} hint={a.hints.password} required autocomplete="new-password" problems={props.problems} />
        <button type="submit">{m.submit}</button>
      </Form>
    </>
  );
}

export function registerSetupPages(app: FastifyInstance): void {
  const { setup } = app.haven;

  app.get('/setup/:token', { schema: { params: Params } }, async (request, reply) => {
    const { token } = request.params as { token: string };
    if (!(await setup.isValid(token))) throw AppError.notFound();
    return reply.page(setupText[request.locale].title, <SetupForm ctx={request.pageContext()} token={token} problems={[]} />);
  });

  app.post(
    '/setup/:token',
    { schema: { params: Params, body: Body }, attachValidation: true, config: { rateLimit: { max: 10, timeWindow: '15 minutes' } } },
    async (request, reply) => {
      const { token } = request.params as { token: string };
      if (!(await setup.isValid(token))) throw AppError.notFound();
      const sent = request.body as { username?: string };
      return submitForm<Static<typeof Body>>(request, reply, {
        title: setupText[request.locale].title,
        render: (problems) => <SetupForm ctx={request.pageContext()} token={token} problems={problems} username={sent.username} />,
        run: async (body) => {
          const account = await setup.createFirstSteward(token, body.username, body.password);
          await startSession(request, reply, account);
          return reply.redirect('/admin', 303);
        },
      });
    },
  );
}
