import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { submitForm } from '../../platform/html/form-route.ts';
import { ChoiceGroup, Field, Form, ProblemSummary, Select } from '../../platform/html/form.tsx';
import type { PageContext } from '../../platform/html/page-context.ts';
import { Literals } from '../../platform/http/api-schemas.ts';
import type { FieldProblem } from '../../platform/http/errors.ts';
import { LOCALES } from '../../platform/i18n/locale.ts';
import { isSteward, requireSteward } from '../accounts/accounts.policy.ts';
import { actorOf } from '../accounts/viewer.ts';
import { RISK_LEVELS } from '../directory/directory.model.ts';
import { SKILL_LEVELS } from './guidance.table.ts';
import { guidesText } from './guides.messages.ts';
import type { Guide, GuideInput } from './guides.service.ts';

const AnyOr = <T extends string>(values: readonly T[]) => Type.Optional(Type.Union([Type.Literal(''), Literals(values)]));
const GuidesQuery = Type.Object({ level: AnyOr(RISK_LEVELS), skill: AnyOr(SKILL_LEVELS), language: AnyOr(LOCALES) });
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const Text = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const Words = Type.Optional(Type.Array(Type.String({ maxLength: 20 }), { maxItems: 10 }));
const GuideForm = Type.Object({ _csrf: Text(100), locale: Text(10), title: Text(400), summary: Text(2000), url: Text(1000), levels: Words, skills: Words });
const ConfirmForm = Type.Object({ _csrf: Text(100) });
type GuideFormBody = Static<typeof GuideForm>;

function inputOf(body: GuideFormBody): GuideInput {
  return { locale: body.locale ?? '', title: body.title ?? '', summary: body.summary ?? '', url: body.url?.trim() || null, levels: body.levels ?? [], skills: body.skills ?? [] };
}

function formOf(guide: Guide): GuideFormBody {
  return { locale: guide.locale, title: guide.title, summary: guide.summary, url: guide.url ?? '', levels: guide.levels, skills: guide.skills };
}

/** The guides as a list: title (a link when the guide has an address), summary, and whom it suits, in words. */
export function GuideList(props: { ctx: PageContext; guides: Guide[]; editable?: boolean }) {
  const m = guidesText[props.ctx.locale];
  if (props.guides.length === 0) return <p>{m.none}</p>;
  return (
    <ul class="results">
      {props.guides.map((g) => {
        // Only the guide's own words are in its language; what Haven says about it is in the page's.
        const lang = g.locale === props.ctx.locale ? undefined : g.locale;
        const external = g.url !== null && !g.url.startsWith('/');
        return (
          <li id={`guide-${g.id}`}>
            <h3 lang={lang}>
              {g.url ? (
                <a href={g.url} hreflang={g.locale} rel={external ? 'nofollow noopener noreferrer' : undefined}>
                  {g.title}
                </a>
              ) : (
                g.title
              )}
            </h3>
            <p lang={lang}>{g.summary}</p>
            <p class="why">
              {m.suits(g.levels.map((l) => m.levels[l]).join(', '), g.skills.map((s) => m.skills[s]).join(', '))}
              {lang && ` · ${m.inLanguage(m.languages[lang]!)}`}
            </p>
            {props.editable && (
              <p>
                <a href={`/guides/${g.id}/edit`} aria-label={m.editLabel(g.title)}>
                  {m.edit}
                </a>
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function GuideEditor(props: { ctx: PageContext; action: string; sent: GuideFormBody; problems: FieldProblem[] }) {
  const { ctx, sent, problems } = props;
  const m = guidesText[ctx.locale];
  return (
    <>
      <ProblemSummary ctx={ctx} problems={problems} />
      <Form ctx={ctx} action={props.action}>
        <Select ctx={ctx} name="locale" label={m.fields.locale} value={sent.locale ?? ctx.locale} problems={problems} options={LOCALES.map((l) => ({ value: l, label: m.languages[l]! }))} />
        <Field ctx={ctx} name="title" label={m.fields.title} value={sent.title} required maxLength={200} problems={problems} />
        <Field ctx={ctx} name="summary" label={m.fields.summary} hint={m.hints.summary} value={sent.summary} multiline required maxLength={1000} problems={problems} />
        <Field ctx={ctx} name="url" label={m.fields.url} hint={m.hints.url} value={sent.url} maxLength={500} problems={problems} />
        <ChoiceGroup ctx={ctx} name="levels" legend={m.fields.levels} required multiple options={RISK_LEVELS.map((l) => ({ value: l, label: m.levels[l]! }))} chosen={sent.levels ?? []} problems={problems} />
        <ChoiceGroup ctx={ctx} name="skills" legend={m.fields.skills} required multiple options={SKILL_LEVELS.map((s) => ({ value: s, label: m.skills[s]! }))} chosen={sent.skills ?? []} problems={problems} />
        <button type="submit">{m.save}</button>
      </Form>
    </>
  );
}

/** The library of learning resources: public to read and to filter, kept by the stewards. */
export function registerGuidePages(app: FastifyInstance): void {
  const { guides } = app.haven;
  const idOf = (request: FastifyRequest) => (request.params as Static<typeof IdParams>).id;

  app.get('/guides', { schema: { querystring: GuidesQuery } }, async (request, reply) => {
    const ctx = request.pageContext();
    const m = guidesText[ctx.locale];
    const query = request.query as Static<typeof GuidesQuery>;
    const found = await guides.list({ level: query.level || null, skill: query.skill || null, locale: query.language || null });
    // The page's language first: the others follow for whoever reads both.
    const shown = [...found.filter((g) => g.locale === ctx.locale), ...found.filter((g) => g.locale !== ctx.locale)];
    const any = { value: '', label: m.filters.any };
    const steward = isSteward(request.viewer);
    return reply.page(
      m.title,
      <>
        <p>{m.intro}</p>
        {steward && (
          <p>
            <a href="/guides/new">{m.add}</a>
          </p>
        )}
        <form method="get" action="/guides" class="search">
          <Select ctx={ctx} name="level" label={m.filters.level} value={query.level ?? ''} options={[any, ...RISK_LEVELS.map((l) => ({ value: l, label: m.levels[l]! }))]} />
          <Select ctx={ctx} name="skill" label={m.filters.skill} value={query.skill ?? ''} options={[any, ...SKILL_LEVELS.map((s) => ({ value: s, label: m.skills[s]! }))]} />
          <Select ctx={ctx} name="language" label={m.filters.language} value={query.language ?? ''} options={[any, ...LOCALES.map((l) => ({ value: l, label: m.languages[l]! }))]} />
          <button type="submit">{m.filters.show}</button>
        </form>
        <h2>{m.count(shown.length)}</h2>
        <GuideList ctx={ctx} guides={shown} editable={steward} />
      </>,
    );
  });

  const back = (ctx: PageContext) => (
    <p>
      <a href="/guides">{guidesText[ctx.locale].back}</a>
    </p>
  );

  async function newPage(request: FastifyRequest, problems: FieldProblem[], sent: GuideFormBody) {
    const ctx = request.pageContext();
    return (
      <>
        {back(ctx)}
        <GuideEditor ctx={ctx} action="/guides/new" sent={sent} problems={problems} />
      </>
    );
  }

  async function editPage(request: FastifyRequest, problems: FieldProblem[], sent?: GuideFormBody) {
    const ctx = request.pageContext();
    const guide = await guides.get(idOf(request));
    return (
      <>
        {back(ctx)}
        <GuideEditor ctx={ctx} action={`/guides/${guide.id}/edit`} sent={sent ?? formOf(guide)} problems={problems} />
        <p>
          <a href={`/guides/${guide.id}/delete`}>{guidesText[ctx.locale].remove}</a>
        </p>
      </>
    );
  }

  app.get('/guides/new', async (request, reply) => {
    requireSteward(request.viewer);
    return reply.page(guidesText[request.locale].newTitle, await newPage(request, [], {}));
  });

  app.post('/guides/new', { schema: { body: GuideForm }, attachValidation: true }, async (request, reply) => {
    const actor = actorOf(requireSteward(request.viewer));
    return submitForm<GuideFormBody>(request, reply, {
      title: guidesText[request.locale].newTitle,
      render: (problems) => newPage(request, problems, (request.body ?? {}) as GuideFormBody),
      run: async (body) => reply.redirect(`/guides#guide-${await guides.create(inputOf(body), actor)}`, 303),
    });
  });

  app.get('/guides/:id/edit', { schema: { params: IdParams } }, async (request, reply) => {
    requireSteward(request.viewer);
    const guide = await guides.get(idOf(request));
    return reply.page(guidesText[request.locale].editTitle(guide.title), await editPage(request, []));
  });

  app.post('/guides/:id/edit', { schema: { params: IdParams, body: GuideForm }, attachValidation: true }, async (request, reply) => {
    const actor = actorOf(requireSteward(request.viewer));
    const guide = await guides.get(idOf(request));
    return submitForm<GuideFormBody>(request, reply, {
      title: guidesText[request.locale].editTitle(guide.title),
      render: (problems) => editPage(request, problems, (request.body ?? {}) as GuideFormBody),
      run: async (body) => {
        await guides.update(guide.id, inputOf(body), actor);
        return reply.redirect(`/guides#guide-${guide.id}`, 303);
      },
    });
  });

  // Removing asks first, on a page of its own, so that it works without JavaScript.
  app.get('/guides/:id/delete', { schema: { params: IdParams } }, async (request, reply) => {
    requireSteward(request.viewer);
    const ctx = request.pageContext();
    const m = guidesText[ctx.locale];
    const guide = await guides.get(idOf(request));
    return reply.page(
      m.removeTitle(guide.title),
      <>
        <p>{m.removeWarning}</p>
        <Form ctx={ctx} action={`/guides/${guide.id}/delete`}>
          <button type="submit" class="danger">
            {m.removeConfirm}
          </button>
        </Form>
        <p>
          <a href={`/guides/${guide.id}/edit`}>{m.keep}</a>
        </p>
      </>,
    );
  });

  app.post('/guides/:id/delete', { schema: { params: IdParams, body: ConfirmForm } }, async (request, reply) => {
    const actor = actorOf(requireSteward(request.viewer));
    await guides.remove(idOf(request), actor);
    return reply.redirect('/guides', 303);
  });
}
