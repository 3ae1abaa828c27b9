import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { Form } from '../../platform/html/form.tsx';
import { commonText } from '../../platform/i18n/common.messages.ts';
import { formatDate, localized } from '../../platform/i18n/locale.ts';
import type { FieldProblem } from '../../platform/http/errors.ts';
import { requireViewer } from '../accounts/accounts.policy.ts';
import { AssessmentResultView } from './assessment-result.tsx';
import { GuideList } from './guides.pages.tsx';
import { intermediariesOf } from './beneficiaries.policy.ts';
import { beneficiariesText } from './beneficiaries.messages.ts';
import { reportScopes } from './reports.policy.ts';
import { reportsText } from './reports.messages.ts';
import type { AssessmentResult } from './assessment.service.ts';
import { guidanceText } from './guidance.messages.ts';
import { AnswersRefused, readAnswers, type Answers } from './questionnaire.ts';
import { HiddenAnswers, QuestionnaireForm } from './questionnaire-form.tsx';

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

/** The problems of refused answers, translated, one per question. */
export function answerProblems(error: AnswersRefused): FieldProblem[] {
  return error.problems.map((p) => ({ field: p.field, text: localized(guidanceText, (m) => m.errors[p.code]) }));
}

/**
 * The risk self-assessment, for anyone, without an account or a script. The answers travel
 * in the form posts only: no cookie, no query string (which would reach logs and history).
 */
export function registerAssessmentPages(app: FastifyInstance): void {
  const { assessments, scoringRules } = app.haven;

  const questionnaire = (request: FastifyRequest, reply: FastifyReply, draft: Partial<Record<string, string[]>>, problems: FieldProblem[] = [], status = 200) => {
    const ctx = request.pageContext();
    const m = guidanceText[ctx.locale];
    const title = problems.length ? `${commonText[ctx.locale].errors.titlePrefix} ${m.title}` : m.title;
    return reply.page(
      title,
      <>
        <p>{m.intro}</p>
        <p class="muted">
          {m.noAccountNeeded} <a href="/guidance/rules">{m.rulesLink}</a> · <a href="/guides">{m.guidesLink}</a>
        </p>
        {(intermediariesOf(request.viewer).length > 0 || reportScopes(request.viewer).length > 0) && (
          <ul>
            {intermediariesOf(request.viewer).length > 0 && (
              <li>
                <a href="/guidance/beneficiaries">{beneficiariesText[ctx.locale].title}</a>
              </li>
            )}
            {reportScopes(request.viewer).length > 0 && (
              <li>
                <a href="/guidance/reports">{reportsText[ctx.locale].title}</a>
              </li>
            )}
          </ul>
        )}
        <QuestionnaireForm ctx={ctx} action="/guidance/result" draft={draft} problems={problems} />
      </>,
      status,
    );
  };

  async function resultPage(request: FastifyRequest, reply: FastifyReply, result: AssessmentResult) {
    const ctx = request.pageContext();
    const m = guidanceText[ctx.locale];
    const { rules } = await scoringRules.version(result.assessment.rulesVersion);
    const guides = await app.haven.guides.forResult(result.assessment.level, result.assessment.skill, ctx.locale);
    return reply.page(
      m.resultTitle,
      <AssessmentResultView
        ctx={ctx}
        result={result}
        rules={rules}
        canAsk
        guides={
          guides.length > 0 && (
            <section aria-labelledby="guides-title">
              <h2 id="guides-title">{m.guidesTitle}</h2>
              <GuideList ctx={ctx} guides={guides} />
            </section>
          )
        }
        after={
          <>
            <h2>{m.saveTitle}</h2>
            {ctx.viewer ? (
              <Form ctx={ctx} action="/guidance/saved">
                <p>{m.saveIntro}</p>
                <HiddenAnswers answers={result.answers} />
                <button type="submit">{m.save}</button>
              </Form>
            ) : (
              <p>
                <a href="/login?next=%2Fguidance">{m.saveLogIn}</a>
              </p>
            )}
            <Form ctx={ctx} action="/guidance/answers">
              <HiddenAnswers answers={result.answers} />
              <button type="submit" class="link">
                {m.changeAnswers}
              </button>
            </Form>
          </>
        }
      />,
    );
  }

  /** Goes on with the answers of a post, or shows the questionnaire again with each problem beside its question. */
  async function withAnswers(request: FastifyRequest, reply: FastifyReply, then: (answers: Answers) => Promise<FastifyReply>): Promise<FastifyReply> {
    let answers: Answers;
    try {
      answers = readAnswers((request.body ?? {}) as Record<string, unknown>);
    } catch (error) {
      if (!(error instanceof AnswersRefused)) throw error;
      return questionnaire(request, reply, draftOf(request.body), answerProblems(error), 400);
    }
    return then(answers);
  }

  app.get('/guidance', async (request, reply) => questionnaire(request, reply, {}));

  app.post('/guidance/answers', async (request, reply) => questionnaire(request, reply, draftOf(request.body)));

  app.post('/guidance/result', async (request, reply) => {
    return withAnswers(request, reply, async (answers) => resultPage(request, reply, await assessments.assess(answers)));
  });

  app.post('/guidance/saved', async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    return withAnswers(request, reply, async (answers) => {
      await assessments.save(viewer.accountId, await assessments.assess(answers));
      return reply.redirect('/guidance/saved?saved=1', 303);
    });
  });

  app.get('/guidance/saved', async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    const ctx = request.pageContext();
    const m = guidanceText[ctx.locale];
    const saved = await assessments.saved(viewer.accountId);
    return reply.page(
      m.savedTitle,
      <>
        {(request.query as { saved?: string }).saved && (
          <p class="notice" role="status">
            {m.saved}
          </p>
        )}
        {saved.length === 0 ? (
          <p>{m.savedNone}</p>
        ) : (
          <ul>
            {saved.map((s) => (
              <li>
                {m.savedItem(formatDate(s.created_at, ctx.locale), m.levels[s.level])} — <a href={`/guidance/saved/${s.id}`}>{m.open}</a>
                <Form ctx={ctx} action={`/guidance/saved/${s.id}/delete`} class="inline">
                  <button type="submit">{m.forget}</button>
                </Form>
              </li>
            ))}
          </ul>
        )}
        <p>
          <a href="/guidance">{m.title}</a>
        </p>
      </>,
    );
  });

  app.get('/guidance/saved/:id', { schema: { params: IdParams } }, async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    const answers = await assessments.savedAnswers(viewer.accountId, (request.params as Static<typeof IdParams>).id);
    // Read again with today's rules and directory: the providers that fit change, and so may the rules.
    return resultPage(request, reply, await assessments.assess(answers));
  });

  app.post('/guidance/saved/:id/delete', { schema: { params: IdParams } }, async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    await assessments.forget(viewer.accountId, (request.params as Static<typeof IdParams>).id);
    return reply.redirect('/guidance/saved', 303);
  });
}

/** What was posted, as lists of strings, to fill the questionnaire again. */
export function draftOf(body: unknown): Partial<Record<string, string[]>> {
  const out: Partial<Record<string, string[]>> = {};
  for (const [name, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (name === '_csrf') continue;
    out[name] = (Array.isArray(value) ? value : [value]).map(String).slice(0, 300);
  }
  return out;
}
