import { h, type ComponentChildren } from 'preact';
import type { FieldProblem } from '../http/errors.ts';
import { commonText } from '../i18n/common.messages.ts';
import type { PageContext } from './page-context.ts';

/** A POST form that carries its anti-forgery token. */
export function Form(props: { ctx: PageContext; action: string; children: ComponentChildren; class?: string }) {
  return (
    <form method="post" action={props.action} class={props.class}>
      <input type="hidden" name="_csrf" value={props.ctx.csrfToken} />
      {props.children}
    </form>
  );
}

export function ProblemSummary(props: { ctx: PageContext; problems: FieldProblem[] }) {
  if (props.problems.length === 0) return null;
  const m = commonText[props.ctx.locale];
  return (
    <div class="problems" role="alert" tabindex={-1} id="problems">
      <p>{m.errors.fixBelow}</p>
      <ul>
        {props.problems.map((p) => (
          <li>
            <a href={`#field-${p.field}`}>{p.text[props.ctx.locale]}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A field's hint and its problem, under the ids its input names in aria-describedby (`describedBy`). */
export function FieldNotes(props: { ctx: PageContext; id: string; hint?: string; problem?: FieldProblem }) {
  return (
    <>
      {props.hint && (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.problem && (
        <p class="problem" id={`${props.id}-problem`}>
          {props.problem.text[props.ctx.locale]}
        </p>
      )}
    </>
  );
}

/** The ids of a field's hint and problem, for its input's aria-describedby (undefined when it has neither). */
export function describedBy(id: string, hint: string | undefined, problem: FieldProblem | undefined): string | undefined {
  return [hint ? `${id}-hint` : null, problem ? `${id}-problem` : null].filter(Boolean).join(' ') || undefined;
}

interface FieldProps {
  ctx: PageContext;
  name: string;
  /** Needed when the same field appears in several forms of one page: ids, and so labels, must stay unique. */
  id?: string;
  label: string;
  problems?: FieldProblem[];
  type?: 'text' | 'password' | 'email' | 'url' | 'number' | 'date';
  value?: string | null;
  required?: boolean;
  hint?: string;
  autocomplete?: string;
  multiline?: boolean;
  inputmode?: 'numeric' | 'text';
  maxLength?: number;
}

export function Field(props: FieldProps) {
  const id = props.id ?? `field-${props.name}`;
  const problem = props.problems?.find((p) => p.field === props.name);
  const common = {
    id,
    name: props.name,
    required: props.required,
    'aria-invalid': problem ? ('true' as const) : undefined,
    'aria-describedby': describedBy(id, props.hint, problem),
    autocomplete: props.autocomplete,
    maxLength: props.maxLength,
  };
  return (
    <div class={problem ? 'field invalid' : 'field'}>
      <label for={id}>
        {props.label}
        {props.required && <span class="required"> ({commonText[props.ctx.locale].form.required})</span>}
      </label>
      <FieldNotes ctx={props.ctx} id={id} hint={props.hint} problem={problem} />
      {props.multiline ? (
        <textarea {...common} rows={8}>
          {props.value ?? ''}
        </textarea>
      ) : (
        // Preact's input types are a union per `type`; the attributes here are valid for each one offered.
        h('input', { ...common, type: props.type ?? 'text', value: props.value ?? '', inputMode: props.inputmode } as Record<string, unknown>)
      )}
    </div>
  );
}

export function Select(props: {
  ctx: PageContext;
  name: string;
  id?: string;
  label: string;
  options: { value: string; label: string }[];
  value?: string | null;
  problems?: FieldProblem[];
  required?: boolean;
}) {
  const id = props.id ?? `field-${props.name}`;
  const problem = props.problems?.find((p) => p.field === props.name);
  return (
    <div class={problem ? 'field invalid' : 'field'}>
      <label for={id}>{props.label}</label>
      {problem && (
        <p class="problem" id={`${id}-problem`}>
          {problem.text[props.ctx.locale]}
        </p>
      )}
      <select
        id={id}
        name={props.name}
        required={props.required}
        aria-invalid={problem ? 'true' : undefined}
        aria-describedby={problem ? `${id}-problem` : undefined}
      >
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A question answered by radio buttons (one answer) or checkboxes (several), with its hint and problem under the legend. */
export function ChoiceGroup(props: {
  ctx: PageContext;
  name: string;
  legend: string;
  hint?: string;
  options: { value: string; label: string }[];
  multiple: boolean;
  chosen: readonly string[];
  problems: FieldProblem[];
  /** Marks the legend as required; radio buttons are then required of the browser too. */
  required?: boolean;
}) {
  const id = `field-${props.name}`;
  const problem = props.problems.find((p) => p.field === props.name);
  return (
    <fieldset id={id} class={problem ? 'field invalid' : 'field'} aria-describedby={describedBy(id, props.hint, problem)}>
      <legend>
        {props.legend}
        {props.required && <span class="required"> ({commonText[props.ctx.locale].form.required})</span>}
      </legend>
      <FieldNotes ctx={props.ctx} id={id} hint={props.hint} problem={problem} />
      {props.options.map((o) => (
        <label class="choice" for={`${id}-${o.value}`}>
          <input type={props.multiple ? 'checkbox' : 'radio'} id={`${id}-${o.value}`} name={props.name} value={o.value} checked={props.chosen.includes(o.value)} required={!props.multiple && props.required} /> {o.label}
        </label>
      ))}
    </fieldset>
  );
}
