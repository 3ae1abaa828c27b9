import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { submitForm } from '../../platform/html/form-route.ts';
import { Field, Form, ProblemSummary } from '../../platform/html/form.tsx';
import type { FieldProblem } from '../../platform/http/errors.ts';
import { requireSteward } from '../accounts/accounts.policy.ts';
import { codeOfConductText, MAX_CODE_LENGTH } from './code-of-conduct.messages.ts';
import { codeBlocks } from './code-of-conduct.service.ts';

// A little over the limit, so a too-long text gets the service's own sentence rather than the schema's.
const Text = Type.Optional(Type.String({ maxLength: MAX_CODE_LENGTH * 2 }));
const EditForm = Type.Object({ _csrf: Type.Optional(Type.String({ maxLength: 100 })), code_en: Text, code_fr: Text, action: Type.Optional(Type.Union([Type.Literal('save'), Type.Literal('reset')])) });

/** The code of conduct everyone reads, and the stewards' form to edit it. */
export function registerCodeOfConductPages(app: FastifyInstance): void {
  const { codeOfConduct } = app.haven;

  app.get('/conduct', async (request, reply) => {
    const ctx = request.pageContext();
    const m = codeOfConductText[ctx.locale];
    const { text } = await codeOfConduct.text(ctx.locale);
    return reply.page(
      m.title,
      <>
        {codeBlocks(text).map((block) =>
          block.kind === 'heading' ? (
            <h2>{block.text}</h2>
          ) : block.kind === 'list' ? (
            <ul>
              {block.items.map((item) => (
                <li>{item}</li>
              ))}
            </ul>
          ) : (
            <p>{block.text}</p>
          ),
        )}
        <h2>{m.report}</h2>
        <p>
          {m.reportIntro} <a href="/conduct/report">{m.report}</a>
        </p>
        {ctx.viewer && (
          <p>
            <a href="/conduct/mine">{m.mine}</a>
          </p>
        )}
        {ctx.viewer?.isSteward && (
          <p>
            <a href="/conduct/edit">{m.edit}</a>
          </p>
        )}
      </>,
    );
  });

  async function editForm(request: FastifyRequest, problems: FieldProblem[], values?: { en: string; fr: string }) {
    const ctx = request.pageContext();
    const m = codeOfConductText[ctx.locale];
    const current = values ?? { en: (await codeOfConduct.text('en')).text, fr: (await codeOfConduct.text('fr')).text };
    const stored = await codeOfConduct.stored();
    return (
      <>
        <p>{m.editIntro}</p>
        {stored.en === null && stored.fr === null && <p class="notice">{m.isDefault}</p>}
        <ProblemSummary ctx={ctx} problems={problems} />
        <Form ctx={ctx} action="/conduct/edit">
          <Field ctx={ctx} name="code_en" label={m.english} value={current.en} multiline required problems={problems} />
          <Field ctx={ctx} name="code_fr" label={m.french} value={current.fr} multiline required problems={problems} />
          <button type="submit" name="action" value="save">
            {m.save}
          </button>
        </Form>
        <Form ctx={ctx} action="/conduct/edit">
          <button type="submit" name="action" value="reset">
            {m.reset}
          </button>
        </Form>
      </>
    );
  }

  app.get('/conduct/edit', async (request, reply) => {
    requireSteward(request.viewer);
    return reply.page(codeOfConductText[request.locale].editTitle, await editForm(request, []));
  });

  app.post('/conduct/edit', { schema: { body: EditForm }, attachValidation: true }, async (request, reply) => {
    requireSteward(request.viewer);
    const sent = (request.body ?? {}) as Partial<Static<typeof EditForm>>;
    const values = { en: typeof sent.code_en === 'string' ? sent.code_en : '', fr: typeof sent.code_fr === 'string' ? sent.code_fr : '' };
    return submitForm<Static<typeof EditForm>>(request, reply, {
      title: codeOfConductText[request.locale].editTitle,
      render: (problems) => editForm(request, problems, values),
      run: async (body) => {
        if (body.action === 'reset') await codeOfConduct.reset(request.viewer);
        else await codeOfConduct.save(request.viewer, { en: body.code_en ?? '', fr: body.code_fr ?? '' });
        return reply.redirect('/conduct', 303);
      },
    });
  });
}
