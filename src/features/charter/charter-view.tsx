import type { Locale } from '../../platform/i18n/locale.ts';
import type { CharterContent, CharterDiff, Criterion } from './charter-content.ts';
import { charterText } from './charter.messages.ts';

export function CriterionView(props: { criterion: Criterion; locale: Locale }) {
  const m = charterText[props.locale];
  const c = props.criterion;
  return (
    <>
      <h4 id={`criterion-${c.key}`}>
        <span class={`level ${c.level}`}>{m.levels[c.level]}</span> {c.title[props.locale]}
      </h4>
      <p>{c.explanation[props.locale]}</p>
      <p class="muted">
        {m.evidence[c.evidence]}
        {c.check ? ` (${m.checks[c.check]})` : ''}. {m.appliesTo} {c.appliesTo.map((k) => m.kinds[k]).join(', ')}.
      </p>
    </>
  );
}

/** A charter version as everyone reads it. */
export function CharterView(props: { content: CharterContent; locale: Locale }) {
  const { content, locale } = props;
  const m = charterText[locale];
  const all = content.principles.flatMap((p) => p.criteria);
  return (
    <>
      <p>{content.summary[locale]}</p>
      <p class="muted">{m.counts(all.filter((c) => c.level === 'required').length, all.filter((c) => c.level === 'recommended').length)}</p>
      {content.principles.map((principle) => (
        <section aria-labelledby={`principle-${principle.key}`}>
          <h2 id={`principle-${principle.key}`}>{principle.title[locale]}</h2>
          <p>{principle.summary[locale]}</p>
          {principle.criteria.map((criterion) => (
            <CriterionView criterion={criterion} locale={locale} />
          ))}
        </section>
      ))}
    </>
  );
}

/** The public list of what an amendment changed. */
export function DiffView(props: { diff: CharterDiff | null; locale: Locale }) {
  const m = charterText[props.locale];
  const { diff, locale } = props;
  if (!diff) return <p>{m.firstVersion}</p>;
  const nothing = diff.criteria.length + diff.principlesAdded.length + diff.principlesRemoved.length + diff.principlesRenamed.length === 0;
  if (nothing) return <p>{m.noChanges}</p>;
  return (
    <ul class="changes">
      {diff.principlesAdded.map((p) => (
        <li>{m.principleAdded(p.title[locale])}</li>
      ))}
      {diff.principlesRemoved.map((p) => (
        <li>{m.principleRemoved(p.title[locale])}</li>
      ))}
      {diff.principlesRenamed.map((r) => (
        <li>{m.principleRenamed(r.before.title[locale], r.after.title[locale])}</li>
      ))}
      {diff.criteria.map((change) => {
        if (change.kind === 'added') return <li><strong>{m.added}</strong>: {change.criterion.title[locale]} ({m.levels[change.criterion.level]})</li>;
        if (change.kind === 'removed') return <li><strong>{m.removed}</strong>: {change.criterion.title[locale]}</li>;
        return (
          <li>
            <strong>{m.changed}</strong>: {change.after.title[locale]} — {change.fields.map((f) => m.fieldNames[f]).join(', ')}
            {change.fields.includes('level') && ` (${m.levels[change.before.level]} → ${m.levels[change.after.level]})`}
          </li>
        );
      })}
    </ul>
  );
}
