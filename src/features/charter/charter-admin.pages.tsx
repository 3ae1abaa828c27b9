import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { submitForm } from '../../platform/html/form-route.ts';
import { Field, Form, ProblemSummary, Select } from '../../platform/html/form.tsx';
import type { PageContext } from '../../platform/html/page-context.ts';
import type { FieldProblem } from '../../platform/http/errors.ts';
import { requireSteward } from '../accounts/accounts.policy.ts';
import { actorOf } from '../accounts/viewer.ts';
import { diffCharters, type Criterion } from './charter-content.ts';
import { DiffView } from './charter-view.tsx';
import { charterAdminText } from './charter-admin.messages.ts';
import { charterText } from './charter.messages.ts';
import { CharterKey, CriterionForm, PrincipleForm } from './charter.schemas.ts';
import type { AutomatedCheck, BoundKind, EvidenceKind } from './templates/charter-template.ts';
import { CHARTER_TEMPLATES } from './templates/index.ts';

const Csrf = Type.Optional(Type.String({ maxLength: 100 }));
const AdoptBody = Type.Object({ _csrf: Csrf, template: Type.String({ maxLength: 60 }), note: Type.String({ maxLength: 2000 }) });
const NoteBody = Type.Object({ _csrf: Csrf, note: Type.String({ minLength: 1, maxLength: 2000 }) });
const PrincipleParams = Type.Object({ principle: CharterKey });
const CriterionParams = Type.Object({ principle: CharterKey, criterion: CharterKey });
const BOUND_KINDS: BoundKind[] = ['hosting-provider', 'security-provider', 'intermediary', 'donor'];
const EVIDENCE: EvidenceKind[] = ['statement', 'document-link', 'automated-check'];
const CHECKS: AutomatedCheck[] = ['tls', 'security-headers', 'third-party-requests', 'security-txt', 'reachability'];

export function registerCharterAdminPages(app: FastifyInstance): void {
  const { charter } = app.haven;

  async function overview(ctx: PageContext, problems: FieldProblem[]) {
    const m = charterAdminText[ctx.locale];
    const current = await charter.current();
    const draft = await charter.draft();
    return (
      <>
        <h2>{m.adoptTitle}</h2>
        <p>{m.adoptIntro}</p>
        {current && <p class="notice">{m.adoptReplaceWarning}</p>}
        <ProblemSummary ctx={ctx} problems={problems} />
        <Form ctx={ctx} action="/admin/charter/adopt">
          <Select ctx={ctx} name="template" label={m.template} options={CHARTER_TEMPLATES.map((t) => ({ value: t.key, label: t.name[ctx.locale] }))} problems={problems} />
          <Field ctx={ctx} name="note" label={m.note} problems={problems} />
          <button type="submit">{m.adopt}</button>
        </Form>
        {current && (
          <>
            <h2>{m.amendTitle}</h2>
            <p>{m.amendIntro}</p>
            {draft ? (
              <p><a href="/admin/charter/draft">{m.continueDraft}</a></p>
            ) : (
              <Form ctx={ctx} action="/admin/charter/draft">
                <button type="submit">{m.openDraft}</button>
              </Form>
            )}
          </>
        )}
      </>
    );
  }

  async function draftPage(ctx: PageContext, problems: FieldProblem[]) {
    const m = charterAdminText[ctx.locale];
    const c = charterText[ctx.locale];
    const draft = await charter.openDraft();
    const current = (await charter.current())!;
    return (
      <>
        <p>{m.draftBase(draft.baseVersion)}</p>
        {draft.content.principles.map((principle) => (
          <section aria-labelledby={`principle-${principle.key}`}>
            <h2 id={`principle-${principle.key}`}>{principle.title[ctx.locale]}</h2>
            <p>
              <a href={`/admin/charter/draft/principles/${principle.key}`}>{m.editPrinciple}</a>
            </p>
            <ul>
              {principle.criteria.map((criterion) => (
                <li>
                  <span class={`level ${criterion.level}`}>{c.levels[criterion.level]}</span> {criterion.title[ctx.locale]} ·{' '}
                  <a href={`/admin/charter/draft/principles/${principle.key}/criteria/${criterion.key}`} aria-label={`${m.editCriterion}: ${criterion.title[ctx.locale]}`}>
                    {m.editCriterion}
                  </a>
                  <Form ctx={ctx} action={`/admin/charter/draft/principles/${principle.key}/criteria/${criterion.key}/remove`} class="inline">
                    {' '}
                    <button type="submit" class="link" aria-label={`${m.removeCriterion}: ${criterion.title[ctx.locale]}`}>{m.removeCriterion}</button>
                  </Form>
                </li>
              ))}
            </ul>
            <p>
              <a href={`/admin/charter/draft/principles/${principle.key}/criteria/new`}>{m.addCriterion}</a>
            </p>
            <Form ctx={ctx} action={`/admin/charter/draft/principles/${principle.key}/remove`}>
              <button type="submit" class="danger">{m.removePrinciple}</button>
            </Form>
          </section>
        ))}
        <p>
          <a href="/admin/charter/draft/principles/new">{m.addPrinciple}</a>
        </p>
        <h2>{m.preview}</h2>
        <DiffView diff={diffCharters(current.content, draft.content)} locale={ctx.locale} />
        <ProblemSummary ctx={ctx} problems={problems} />
        <Form ctx={ctx} action="/admin/charter/draft/publish">
          <Field ctx={ctx} name="note" label={m.note} required problems={problems} />
          <button type="submit">{m.publish}</button>
        </Form>
        <Form ctx={ctx} action="/admin/charter/draft/discard">
          <button type="submit" class="danger">{m.discard}</button>
        </Form>
      </>
    );
  }

  function criterionForm(ctx: PageContext, action: string, problems: FieldProblem[], value: Partial<Criterion> | undefined) {
    const m = charterAdminText[ctx.locale];
    const c = charterText[ctx.locale];
    return (
      <>
        <ProblemSummary ctx={ctx} problems={problems} />
        <Form ctx={ctx} action={action}>
          <Field ctx={ctx} name="key" label={m.fields.key} required value={value?.key} problems={problems} />
          <Select ctx={ctx} name="level" label={m.fields.level} value={value?.level} options={(['required', 'recommended'] as const).map((l) => ({ value: l, label: c.levels[l] }))} problems={problems} />
          <Field ctx={ctx} name="titleEn" label={m.fields.titleEn} required value={value?.title?.en} problems={problems} />
          <Field ctx={ctx} name="titleFr" label={m.fields.titleFr} required value={value?.title?.fr} problems={problems} />
          <Field ctx={ctx} name="explanationEn" label={m.fields.explanationEn} required multiline value={value?.explanation?.en} problems={problems} />
          <Field ctx={ctx} name="explanationFr" label={m.fields.explanationFr} required multiline value={value?.explanation?.fr} problems={problems} />
          <Select ctx={ctx} name="evidence" label={m.fields.evidence} value={value?.evidence} options={EVIDENCE.map((e) => ({ value: e, label: c.evidence[e] }))} problems={problems} />
          <Select ctx={ctx} name="check" label={m.fields.check} value={value?.check ?? ''} options={[{ value: '', label: m.fields.noCheck }, ...CHECKS.map((k) => ({ value: k, label: c.checks[k] }))]} problems={problems} />
          <fieldset id="field-appliesTo">
            <legend>{m.fields.appliesTo}</legend>
            {problems.find((p) => p.field === 'appliesTo') && <p class="problem">{problems.find((p) => p.field === 'appliesTo')!.text[ctx.locale]}</p>}
            {BOUND_KINDS.map((kind) => (
              <label class="choice" for={`applies-${kind}`}>
                <input type="checkbox" id={`applies-${kind}`} name="appliesTo" value={kind} checked={value?.appliesTo?.includes(kind) ?? false} /> {c.kinds[kind]}
              </label>
            ))}
          </fieldset>
          <button type="submit">{m.save}</button>
        </Form>
        <p>
          <a href="/admin/charter/draft">{m.back}</a>
        </p>
      </>
    );
  }

  function criterionFromForm(body: Static<typeof CriterionForm>): Criterion {
    return {
      key: body.key,
      level: body.level,
      title: { en: body.titleEn.trim(), fr: body.titleFr.trim() },
      explanation: { en: body.explanationEn.trim(), fr: body.explanationFr.trim() },
      evidence: body.evidence,
      ...(body.check ? { check: body.check } : {}),
      appliesTo: [...new Set(body.appliesTo)],
    } as Criterion;
  }

  function draftFromSent(request: FastifyRequest): Partial<Criterion> {
    const sent = (request.body ?? {}) as Record<string, string | string[] | undefined>;
    const one = (k: string) => (typeof sent[k] === 'string' ? (sent[k] as string) : '');
    return {
      key: one('key'),
      level: one('level') as Criterion['level'],
      title: { en: one('titleEn'), fr: one('titleFr') },
      explanation: { en: one('explanationEn'), fr: one('explanationFr') },
      evidence: one('evidence') as EvidenceKind,
      check: (one('check') || undefined) as AutomatedCheck | undefined,
      appliesTo: [sent.appliesTo ?? []].flat() as BoundKind[],
    };
  }

  const steward = (request: FastifyRequest) => requireSteward(request.viewer);
  const toDraft = (reply: FastifyReply) => reply.redirect('/admin/charter/draft', 303);
  const title = (request: FastifyRequest) => charterAdminText[request.locale].title;

  app.get('/admin/charter', async (request, reply) => {
    steward(request);
    return reply.page(title(request), await overview(request.pageContext(), []));
  });

  app.post('/admin/charter/adopt', { schema: { body: AdoptBody }, attachValidation: true }, async (request, reply) => {
    const who = steward(request);
    return submitForm<Static<typeof AdoptBody>>(request, reply, {
      title: title(request),
      render: (problems) => overview(request.pageContext(), problems),
      run: async (body) => {
        await charter.adoptTemplate(body.template, body.note, actorOf(who));
        return reply.redirect('/charter', 303);
      },
    });
  });

  app.post('/admin/charter/draft', async (request, reply) => {
    steward(request);
    await charter.openDraft();
    return toDraft(reply);
  });

  app.get('/admin/charter/draft', async (request, reply) => {
    steward(request);
    return reply.page(charterAdminText[request.locale].draftTitle, await draftPage(request.pageContext(), []));
  });

  app.post('/admin/charter/draft/publish', { schema: { body: NoteBody }, attachValidation: true }, async (request, reply) => {
    const who = steward(request);
    return submitForm<Static<typeof NoteBody>>(request, reply, {
      title: charterAdminText[request.locale].draftTitle,
      render: (problems) => draftPage(request.pageContext(), problems),
      run: async (body) => {
        const published = await charter.publishDraft(body.note, actorOf(who));
        return reply.redirect(`/charter/versions/${published.version}/changes`, 303);
      },
    });
  });

  app.post('/admin/charter/draft/discard', async (request, reply) => {
    steward(request);
    await charter.discardDraft();
    return reply.redirect('/admin/charter', 303);
  });

  app.get('/admin/charter/draft/principles/:principle/criteria/new', { schema: { params: PrincipleParams } }, async (request, reply) => {
    steward(request);
    const { principle } = request.params as Static<typeof PrincipleParams>;
    return reply.page(charterAdminText[request.locale].criterionTitle, criterionForm(request.pageContext(), `/admin/charter/draft/principles/${principle}/criteria/new`, [], { appliesTo: ['hosting-provider'] }));
  });

  app.get('/admin/charter/draft/principles/:principle/criteria/:criterion', { schema: { params: CriterionParams } }, async (request, reply) => {
    steward(request);
    const { principle, criterion } = request.params as Static<typeof CriterionParams>;
    const draft = await charter.openDraft();
    const found = draft.content.principles.find((p) => p.key === principle)?.criteria.find((c) => c.key === criterion);
    if (!found) return reply.callNotFound();
    return reply.page(charterAdminText[request.locale].criterionTitle, criterionForm(request.pageContext(), request.url, [], found));
  });

  app.post('/admin/charter/draft/principles/:principle/criteria/:criterion', { schema: { params: CriterionParams, body: CriterionForm }, attachValidation: true }, async (request, reply) => {
    steward(request);
    const { principle, criterion } = request.params as Static<typeof CriterionParams>;
    return submitForm<Static<typeof CriterionForm>>(request, reply, {
      title: charterAdminText[request.locale].criterionTitle,
      render: (problems) => criterionForm(request.pageContext(), request.url, problems, draftFromSent(request)),
      run: async (body) => {
        await charter.saveCriterion(principle, criterion === 'new' ? null : criterion, criterionFromForm(body));
        return toDraft(reply);
      },
    });
  });

  app.post('/admin/charter/draft/principles/:principle/criteria/:criterion/remove', { schema: { params: CriterionParams } }, async (request, reply) => {
    steward(request);
    const { principle, criterion } = request.params as Static<typeof CriterionParams>;
    await charter.removeCriterion(principle, criterion);
    return toDraft(reply);
  });

  function principleForm(ctx: PageContext, action: string, problems: FieldProblem[], value: Record<string, string>) {
    const m = charterAdminText[ctx.locale];
    return (
      <>
        <ProblemSummary ctx={ctx} problems={problems} />
        <Form ctx={ctx} action={action}>
          <Field ctx={ctx} name="key" label={m.fields.key} required value={value.key} problems={problems} />
          <Field ctx={ctx} name="titleEn" label={m.fields.titleEn} required value={value.titleEn} problems={problems} />
          <Field ctx={ctx} name="titleFr" label={m.fields.titleFr} required value={value.titleFr} problems={problems} />
          <Field ctx={ctx} name="summaryEn" label={m.fields.summaryEn} required multiline value={value.summaryEn} problems={problems} />
          <Field ctx={ctx} name="summaryFr" label={m.fields.summaryFr} required multiline value={value.summaryFr} problems={problems} />
          <button type="submit">{m.save}</button>
        </Form>
        <p>
          <a href="/admin/charter/draft">{m.back}</a>
        </p>
      </>
    );
  }

  app.get('/admin/charter/draft/principles/:principle', { schema: { params: PrincipleParams } }, async (request, reply) => {
    steward(request);
    const { principle } = request.params as Static<typeof PrincipleParams>;
    const draft = await charter.openDraft();
    const found = draft.content.principles.find((p) => p.key === principle);
    if (principle !== 'new' && !found) return reply.callNotFound();
    const value: Record<string, string> = found
      ? { key: found.key, titleEn: found.title.en, titleFr: found.title.fr, summaryEn: found.summary.en, summaryFr: found.summary.fr }
      : {};
    return reply.page(charterAdminText[request.locale].principleTitle, principleForm(request.pageContext(), request.url, [], value));
  });

  app.post('/admin/charter/draft/principles/:principle', { schema: { params: PrincipleParams, body: PrincipleForm }, attachValidation: true }, async (request, reply) => {
    steward(request);
    const { principle } = request.params as Static<typeof PrincipleParams>;
    return submitForm<Static<typeof PrincipleForm>>(request, reply, {
      title: charterAdminText[request.locale].principleTitle,
      render: (problems) => principleForm(request.pageContext(), request.url, problems, (request.body ?? {}) as Record<string, string>),
      run: async (body) => {
        await charter.savePrinciple(principle === 'new' ? null : principle, {
          key: body.key,
          title: { en: body.titleEn.trim(), fr: body.titleFr.trim() },
          summary: { en: body.summaryEn.trim(), fr: body.summaryFr.trim() },
        });
        return toDraft(reply);
      },
    });
  });

  app.post('/admin/charter/draft/principles/:principle/remove', { schema: { params: PrincipleParams } }, async (request, reply) => {
    steward(request);
    await charter.removePrinciple((request.params as Static<typeof PrincipleParams>).principle);
    return toDraft(reply);
  });
}
