import { ChoiceGroup, describedBy, FieldNotes, Form, ProblemSummary } from '../../platform/html/form.tsx';
import type { PageContext } from '../../platform/html/page-context.ts';
import type { FieldProblem } from '../../platform/http/errors.ts';
import { directoryText } from '../directory/directory.messages.ts';
import { countryName, languageName } from '../directory/place-names.ts';
import { guidanceText } from './guidance.messages.ts';
import { COUNTRY_CODES, LANGUAGE_CODES, MULTIPLE, NEEDED_SERVICES, SCORED_QUESTIONS, SKILL_QUESTIONS, answerFields, type Answers } from './questionnaire.ts';

type Draft = Partial<Record<string, string[]>>;

/** A long list to choose several from: a multiple select, which keyboards and screen readers handle without a script. */
function ManyFromList(props: { ctx: PageContext; name: string; label: string; hint: string; options: { value: string; label: string }[]; chosen: string[]; problems: FieldProblem[]; size: number }) {
  const problem = props.problems.find((p) => p.field === props.name);
  const id = `field-${props.name}`;
  return (
    <div class={problem ? 'field invalid' : 'field'}>
      <label for={id}>{props.label}</label>
      <FieldNotes ctx={props.ctx} id={id} hint={props.hint} problem={problem} />
      <select id={id} name={props.name} multiple size={props.size} aria-describedby={describedBy(id, props.hint, problem)} aria-invalid={problem ? 'true' : undefined}>
        {props.options.map((o) => (
          <option value={o.value} selected={props.chosen.includes(o.value)}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The questionnaire; `draft` fills it again (a refused post, changed answers, a saved assessment). */
export function QuestionnaireForm(props: { ctx: PageContext; action: string; draft: Draft; problems: FieldProblem[]; submit?: string; children?: preact.ComponentChildren }) {
  const { ctx, draft, problems } = props;
  const m = guidanceText[ctx.locale];
  const chosen = (name: string) => draft[name] ?? [];
  const scored = (name: keyof typeof SCORED_QUESTIONS) => (
    <ChoiceGroup
      ctx={ctx}
      name={name}
      legend={m.questions[name]}
      hint={name === 'adversaries' ? m.hints.adversaries : undefined}
      options={SCORED_QUESTIONS[name].map((a) => ({ value: a, label: (m.answers[name] as Record<string, string>)[a]! }))}
      multiple={MULTIPLE.has(name)}
      required
      chosen={chosen(name)}
      problems={problems}
    />
  );
  const skill = (name: keyof typeof SKILL_QUESTIONS) => (
    <ChoiceGroup ctx={ctx} name={name} legend={m.questions[name]} options={SKILL_QUESTIONS[name].map((a) => ({ value: a, label: (m.answers[name] as Record<string, string>)[a]! }))} multiple={false} required chosen={chosen(name)} problems={problems} />
  );
  const byName = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, ctx.locale);
  return (
    <Form ctx={ctx} action={props.action} class="questionnaire">
      <ProblemSummary ctx={ctx} problems={problems} />
      {props.children}
      {scored('adversaries')}
      {scored('visibility')}
      {scored('jurisdiction')}
      <ManyFromList ctx={ctx} name="countries" label={m.questions.countries} hint={m.hints.countries} options={COUNTRY_CODES.map((c) => ({ value: c, label: countryName(c, ctx.locale) })).sort(byName)} chosen={chosen('countries')} problems={problems} size={6} />
      {scored('sensitivity')}
      {skill('skill')}
      {skill('support')}
      <ChoiceGroup ctx={ctx} name="services" legend={m.questions.services} hint={m.hints.services} options={NEEDED_SERVICES.map((c) => ({ value: c, label: directoryText[ctx.locale].categories[c] }))} multiple chosen={chosen('services')} problems={problems} />
      <ManyFromList
        ctx={ctx}
        name="languages"
        label={m.questions.languages}
        hint={m.hints.languages}
        options={LANGUAGE_CODES.map((l) => ({ value: l, label: languageName(l, ctx.locale) })).sort(byName)}
        chosen={draft.languages ?? [ctx.locale]}
        problems={problems}
        size={6}
      />
      <button type="submit">{props.submit ?? m.assess}</button>
    </Form>
  );
}

/** The answers carried along as hidden fields, to the next step, and nowhere else. */
export function HiddenAnswers(props: { answers: Answers }) {
  return (
    <>
      {Object.entries(answerFields(props.answers)).flatMap(([name, values]) => values.map((v) => <input type="hidden" name={name} value={v} />))}
    </>
  );
}
