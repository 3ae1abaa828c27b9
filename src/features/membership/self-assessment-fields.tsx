import { Field } from '../../platform/html/form.tsx';
import type { PageContext } from '../../platform/html/page-context.ts';
import type { FieldProblem } from '../../platform/http/errors.ts';
import type { Criterion } from '../charter/charter-content.ts';
import { ANSWER_VALUES } from './answers-form.ts';
import type { AnswerInput } from './applications.service.ts';
import { membershipText } from './membership.messages.ts';

export interface CriteriaGroup {
  principle: { key: string; title: { en: string; fr: string } };
  criteria: Criterion[];
}

/**
 * The self-assessment against the charter, one fieldset per criterion, as an
 * application and a yearly re-confirmation both ask it. Values come from
 * what was just sent (after a refusal) or else from the saved answers.
 */
export function SelfAssessmentFields(props: {
  ctx: PageContext;
  groups: CriteriaGroup[];
  problems: FieldProblem[];
  saved: Map<string, AnswerInput>;
  sent?: Record<string, string>;
}) {
  const { ctx, problems, saved, sent } = props;
  const m = membershipText[ctx.locale];
  const value = (field: 'answer' | 'explanation' | 'evidence', key: string) => {
    if (sent) return sent[`${field}-${key}`] ?? '';
    const a = saved.get(key);
    if (!a) return '';
    return field === 'answer' ? a.answer : field === 'explanation' ? a.explanation : a.evidence.join('\n');
  };
  return (
    <>
      {props.groups.map((group) => (
        <section aria-labelledby={`p-${group.principle.key}`}>
          <h2 id={`p-${group.principle.key}`}>{group.principle.title[ctx.locale]}</h2>
          {group.criteria.map((c) => (
            <fieldset id={`field-answer-${c.key}`}>
              <legend>{c.title[ctx.locale]}</legend>
              <p class="hint">{c.explanation[ctx.locale]}</p>
              {problems.filter((p) => p.field.endsWith(`-${c.key}`)).map((p) => <p class="problem">{p.text[ctx.locale]}</p>)}
              {ANSWER_VALUES.map((v) => (
                <label class="choice" for={`answer-${c.key}-${v}`}>
                  <input type="radio" id={`answer-${c.key}-${v}`} name={`answer-${c.key}`} value={v} checked={value('answer', c.key) === v} /> {m.answers[v]}
                </label>
              ))}
              <Field ctx={ctx} name={`explanation-${c.key}`} label={m.explanation} multiline value={value('explanation', c.key)} />
              <Field ctx={ctx} name={`evidence-${c.key}`} label={m.evidence} multiline value={value('evidence', c.key)} problems={problems} />
            </fieldset>
          ))}
        </section>
      ))}
    </>
  );
}
