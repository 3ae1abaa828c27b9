import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { submitForm } from '../../platform/html/form-route.ts';
import { Field, Form, ProblemSummary } from '../../platform/html/form.tsx';
import type { PageContext } from '../../platform/html/page-context.ts';
import type { FieldProblem } from '../../platform/http/errors.ts';
import { formatDate } from '../../platform/i18n/locale.ts';
import { isSteward, requireSteward } from '../accounts/accounts.policy.ts';
import { actorOf } from '../accounts/viewer.ts';
import { guidanceText } from './guidance.messages.ts';
import { SCORED_QUESTION_IDS, SCORED_QUESTIONS, SKILL_QUESTION_IDS, SKILL_QUESTIONS } from './questionnaire.ts';
import type { ScoringRules } from './scoring-rules.ts';

const VersionQuery = Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })) });

/** Reads the rules form; a field that is not a whole number stays NaN and the service refuses it by name. */
function rulesFrom(body: Record<string, string | undefined>): ScoringRules {
  const n = (name: string) => (/^\d{1,3}$/.test((body[name] ?? '').trim()) ? Number(body[name]) : NaN);
  const table = <A extends string>(prefix: string, answers: readonly A[]) => Object.fromEntries(answers.map((a) => [a, n(`${prefix}.${a}`)])) as Record<A, number>;
  const floors = <A extends string>(q: string, answers: readonly A[]) =>
    Object.fromEntries(answers.flatMap((a) => (body[`floors.${q}.${a}`] ? [[a, body[`floors.${q}.${a}`]]] : []))) as Partial<Record<A, 'medium' | 'high'>>;
  return {
    points: Object.fromEntries(SCORED_QUESTION_IDS.map((q) => [q, table(`points.${q}`, SCORED_QUESTIONS[q])])) as ScoringRules['points'],
    thresholds: { medium: n('thresholds.medium'), high: n('thresholds.high') },
    floors: Object.fromEntries(SCORED_QUESTION_IDS.map((q) => [q, floors(q, SCORED_QUESTIONS[q])])) as ScoringRules['floors'],
    skill: {
      points: Object.fromEntries(SKILL_QUESTION_IDS.map((q) => [q, table(`skill.${q}`, SKILL_QUESTIONS[q])])) as ScoringRules['skill']['points'],
      thresholds: { intermediate: n('skill.thresholds.intermediate'), advanced: n('skill.thresholds.advanced') },
    },
  };
}

/** The rules as tables; with `edit`, the same tables as a form's inputs. */
function RulesTables(props: { ctx: PageContext; rules: ScoringRules; edit: boolean; problems?: FieldProblem[] }) {
  const { ctx, rules, edit } = props;
  const m = guidanceText[ctx.locale];
  const bad = (name: string) => props.problems?.some((p) => p.field === name);
  // Every field carries its own label (hidden where the table's headers already say it), as screen readers and the page checks expect.
  const number = (name: string, value: number, label: string, hidden = true) =>
    edit ? (
      <>
        {hidden && (
          <label class="visually-hidden" for={`field-${name}`}>
            {label}
          </label>
        )}
        <input type="number" id={`field-${name}`} name={name} min={0} max={100} value={Number.isFinite(value) ? String(value) : ''} aria-invalid={bad(name) ? 'true' : undefined} required />
      </>
    ) : (
      String(value)
    );
  const answerLabel = (q: string, a: string) => (m.answers as Record<string, Record<string, string>>)[q]![a]!;
  const floorCell = (q: (typeof SCORED_QUESTION_IDS)[number], a: string) => {
    const floor = (rules.floors[q] as Record<string, 'medium' | 'high' | undefined>)[a];
    if (!edit) return floor ? m.levels[floor] : m.rules.none;
    return (
      <>
        <label class="visually-hidden" for={`field-floors.${q}.${a}`}>{`${answerLabel(q, a)}: ${m.rules.floor}`}</label>
        <select id={`field-floors.${q}.${a}`} name={`floors.${q}.${a}`}>
          <option value="">{m.rules.none}</option>
          <option value="medium" selected={floor === 'medium'}>
            {m.levels.medium}
          </option>
          <option value="high" selected={floor === 'high'}>
            {m.levels.high}
          </option>
        </select>
      </>
    );
  };
  /** One question's answers with their points, and for a scored question the level each sets at least. */
  const AnswerTable = (t: { question: keyof typeof m.questions; answers: readonly string[]; points: (answer: string) => unknown; floor?: (answer: string) => unknown }) => (
    <table>
      <caption>{m.questions[t.question]}</caption>
      <thead>
        <tr>
          <th scope="col">{m.rules.answer}</th>
          <th scope="col">{m.rules.points}</th>
          {t.floor && <th scope="col">{m.rules.floor}</th>}
        </tr>
      </thead>
      <tbody>
        {t.answers.map((a) => (
          <tr>
            <th scope="row">{answerLabel(t.question, a)}</th>
            <td>{t.points(a) as string}</td>
            {t.floor && <td>{t.floor(a) as string}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <>
      {SCORED_QUESTION_IDS.map((q) => (
        <AnswerTable question={q} answers={SCORED_QUESTIONS[q]} points={(a) => number(`points.${q}.${a}`, (rules.points[q] as Record<string, number>)[a]!, `${answerLabel(q, a)}: ${m.rules.points}`)} floor={(a) => floorCell(q, a)} />
      ))}
      {edit ? (
        <>
          <p>
            <label for="field-thresholds.medium">{m.rules.mediumFrom}</label> {number('thresholds.medium', rules.thresholds.medium, m.rules.mediumFrom, false)}
          </p>
          <p>
            <label for="field-thresholds.high">{m.rules.highFrom}</label> {number('thresholds.high', rules.thresholds.high, m.rules.highFrom, false)}
          </p>
        </>
      ) : (
        <p>{m.rules.thresholds(rules.thresholds.medium, rules.thresholds.high)}</p>
      )}
      <h2>{m.rules.skillTitle}</h2>
      {SKILL_QUESTION_IDS.map((q) => (
        <AnswerTable question={q} answers={SKILL_QUESTIONS[q]} points={(a) => number(`skill.${q}.${a}`, (rules.skill.points[q] as Record<string, number>)[a]!, `${answerLabel(q, a)}: ${m.rules.points}`)} />
      ))}
      {edit ? (
        <>
          <p>
            <label for="field-skill.thresholds.intermediate">{m.rules.intermediateFrom}</label> {number('skill.thresholds.intermediate', rules.skill.thresholds.intermediate, m.rules.intermediateFrom, false)}
          </p>
          <p>
            <label for="field-skill.thresholds.advanced">{m.rules.advancedFrom}</label> {number('skill.thresholds.advanced', rules.skill.thresholds.advanced, m.rules.advancedFrom, false)}
          </p>
        </>
      ) : (
        <p>{m.rules.skillThresholds(rules.skill.thresholds.intermediate, rules.skill.thresholds.advanced)}</p>
      )}
    </>
  );
}

/** The scoring rules: public in every version, published anew only by stewards. */
export function registerScoringRulesPages(app: FastifyInstance): void {
  const { scoringRules } = app.haven;

  app.get('/guidance/rules', { schema: { querystring: VersionQuery } }, async (request, reply) => {
    const ctx = request.pageContext();
    const m = guidanceText[ctx.locale];
    const { version: asked } = request.query as { version?: number };
    const [shown, history] = await Promise.all([asked ? scoringRules.version(asked) : scoringRules.current(), scoringRules.history()]);
    return reply.page(
      m.rules.title,
      <>
        <p>{m.rules.intro}</p>
        <p>
          <strong>{m.rules.version(shown.version, formatDate(shown.publishedAt, ctx.locale))}</strong> — {shown.note}
        </p>
        {isSteward(request.viewer) && (
          <p>
            <a href="/guidance/rules/edit">{m.rules.edit}</a>
          </p>
        )}
        <RulesTables ctx={ctx} rules={shown.rules} edit={false} />
        <h2>{m.rules.history}</h2>
        <ol reversed>
          {history.map((h) => (
            <li>
              <a href={`/guidance/rules?version=${h.version}`} aria-current={h.version === shown.version ? 'page' : undefined}>
                {m.rules.version(h.version, formatDate(h.publishedAt, ctx.locale))}
              </a>{' '}
              — {h.note}
            </li>
          ))}
        </ol>
      </>,
    );
  });

  async function editPage(request: FastifyRequest, problems: FieldProblem[], sent?: { rules: ScoringRules; note: string }) {
    const ctx = request.pageContext();
    const m = guidanceText[ctx.locale];
    const current = await scoringRules.current();
    return (
      <>
        <p>{m.rules.editIntro}</p>
        <ProblemSummary ctx={ctx} problems={problems} />
        <Form ctx={ctx} action="/guidance/rules/edit">
          <RulesTables ctx={ctx} rules={sent?.rules ?? current.rules} edit problems={problems} />
          <Field ctx={ctx} name="note" label={m.rules.note} value={sent?.note ?? ''} required problems={problems} maxLength={500} />
          <button type="submit">{m.rules.publish}</button>
        </Form>
      </>
    );
  }

  app.get('/guidance/rules/edit', async (request, reply) => {
    requireSteward(request.viewer);
    return reply.page(guidanceText[request.locale].rules.editTitle, await editPage(request, []));
  });

  app.post('/guidance/rules/edit', async (request, reply) => {
    const viewer = requireSteward(request.viewer);
    const body = (request.body ?? {}) as Record<string, string | undefined>;
    const sent = { rules: rulesFrom(body), note: body.note ?? '' };
    return submitForm(request, reply, {
      title: guidanceText[request.locale].rules.editTitle,
      render: (problems) => editPage(request, problems, sent),
      run: async () => {
        const version = await scoringRules.publish(sent.rules, sent.note, actorOf(viewer));
        return reply.redirect(`/guidance/rules?version=${version}`, 303);
      },
    });
  });
}
