import { Field, Form, ProblemSummary, Select } from '../../platform/html/form.tsx';
import type { PageContext } from '../../platform/html/page-context.ts';
import type { FieldProblem } from '../../platform/http/errors.ts';
import { formatDate, formatDateTime } from '../../platform/i18n/locale.ts';
import { peerEvaluationsText } from './peer-evaluations.messages.ts';
import type { EvaluationAccess } from './peer-evaluations.policy.ts';
import type { Finding, FindingCounts, PeerEvaluation } from './peer-evaluations.service.ts';
import { FINDING_STATUSES, RISK_FITNESS, SEVERITIES } from './peer-evaluations.table.ts';

type Titled = { key: string; title: { en: string; fr: string } };

/** What anyone may read of a closed evaluation: who, at which risk level, the counts and the summary; never a finding. */
export function PublicSummary(props: { ctx: PageContext; evaluation: PeerEvaluation; counts: FindingCounts }) {
  const { ctx, evaluation, counts } = props;
  const m = peerEvaluationsText[ctx.locale];
  const severities = SEVERITIES.filter((s) => counts.bySeverity[s] > 0).map((s) => `${m.severities[s]}${m.sep}${counts.bySeverity[s]}`);
  return (
    <>
      <p>
        {m.riskLevels[evaluation.riskLevel]} · {m.scope(evaluation.criteria.length)} · {m.againstVersion(evaluation.charterVersion)}
        {evaluation.closedAt && <> · {m.closedOn(formatDate(evaluation.closedAt, ctx.locale))}</>}
      </p>
      <p>
        {m.counts(counts.total, counts.resolved)}
        {severities.length > 0 && <> ({severities.join(' · ')})</>}
      </p>
      {evaluation.summary && (
        <blockquote aria-label={m.publicSummary}>
          <p>{evaluation.summary}</p>
        </blockquote>
      )}
    </>
  );
}

function FindingItem(props: { ctx: PageContext; base: string; finding: Finding; subjects: Titled[]; access: EvaluationAccess }) {
  const { ctx, base, finding: f, access } = props;
  const m = peerEvaluationsText[ctx.locale];
  const subject = props.subjects.find((s) => s.key === f.subject)?.title[ctx.locale] ?? f.subject;
  const id = `f${f.position}`;
  return (
    <section class="finding" id={`finding-${f.position}`} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        {m.finding(f.position)}
        {m.sep}
        {subject}
      </h3>
      <p>
        {m.severityLabel}
        {m.sep}
        <strong>{m.severities[f.severity]}</strong> · {m.statusLabel}
        {m.sep}
        <strong>{m.statuses[f.status]}</strong>
      </p>
      <h4>{m.observation}</h4>
      <p>{f.observation}</p>
      <h4>{m.recommendation}</h4>
      <p>{f.recommendation}</p>
      {access.writeFindings && (
        <Form ctx={ctx} action={`${base}/findings/${f.position}/remove`}>
          <button type="submit" class="danger">{m.removeFinding}</button>
        </Form>
      )}
      {(f.notes.length > 0 || access.followUpFor.length > 0) && <h4>{m.notesTitle}</h4>}
      {f.notes.length > 0 && (
        <ul class="thread">
          {f.notes.map((n) => (
            <li>
              <p class="muted">
                {m.noteBy(n.organisation.name, n.author ?? m.deletedAccount, formatDateTime(n.createdAt, ctx.locale))}
                {n.status && <> — {m.statusSet(m.statuses[n.status])}</>}
              </p>
              <p>{n.body}</p>
            </li>
          ))}
        </ul>
      )}
      {access.followUpFor.length > 0 && (
        <Form ctx={ctx} action={`${base}/findings/${f.position}/notes`}>
          {access.followUpFor.length > 1 ? (
            <Select ctx={ctx} id={`${id}-organisation`} name="organisation" label={m.noteAs} options={access.followUpFor.map((o) => ({ value: o.slug, label: o.name }))} />
          ) : (
            <input type="hidden" name="organisation" value={access.followUpFor[0]!.slug} />
          )}
          <Field ctx={ctx} id={`${id}-body`} name="body" label={m.note} multiline required />
          <Select
            ctx={ctx}
            id={`${id}-status`}
            name="status"
            label={m.newStatus}
            options={[{ value: '', label: m.unchanged }, ...FINDING_STATUSES.map((s) => ({ value: s, label: m.statuses[s] }))]}
          />
          <button type="submit">{m.addNote}</button>
        </Form>
      )}
    </section>
  );
}

/** An evaluation as its two organisations and the stewards read it, with the forms each person may use. */
export function EvaluationDetails(props: {
  ctx: PageContext;
  evaluation: PeerEvaluation;
  access: EvaluationAccess;
  criteria: Titled[];
  findings: Finding[];
  counts: FindingCounts;
  problems: FieldProblem[];
}) {
  const { ctx, evaluation: e, access, criteria, findings, problems } = props;
  const m = peerEvaluationsText[ctx.locale];
  const base = `/membership/evaluations/${e.number}`;
  const subjects: Titled[] = [...criteria, { key: RISK_FITNESS, title: { en: peerEvaluationsText.en.riskFitness, fr: peerEvaluationsText.fr.riskFitness } }];
  const following = e.state === 'findings-shared' || e.state === 'follow-up';
  return (
    <>
      <p>
        <strong>{m.states[e.state]}</strong> · {m.openedOn(formatDate(e.openedAt, ctx.locale))}
      </p>
      <ProblemSummary ctx={ctx} problems={problems} />
      {e.state === 'closed' && <PublicSummary ctx={ctx} evaluation={e} counts={props.counts} />}
      <h2>{m.riskFitness}</h2>
      <p>{m.riskLevels[e.riskLevel]}</p>
      <h2>{m.criteriaTitle}</h2>
      <p class="muted">{m.againstVersion(e.charterVersion)}</p>
      <ul>
        {criteria.map((c) => (
          <li>{c.title[ctx.locale]}</li>
        ))}
      </ul>
      <h2>{m.findingsTitle}</h2>
      {e.state === 'open' && !access.draftFindings ? (
        <p>{m.findingsNotShared}</p>
      ) : findings.length === 0 ? (
        <p>{m.noFindings}</p>
      ) : (
        findings.map((f) => <FindingItem ctx={ctx} base={base} finding={f} subjects={subjects} access={access} />)
      )}
      {access.writeFindings && (
        <Form ctx={ctx} action={`${base}/findings`}>
          <fieldset>
            <legend>{m.newFinding}</legend>
            <Select ctx={ctx} name="subject" label={m.about} options={subjects.map((s) => ({ value: s.key, label: s.title[ctx.locale] }))} problems={problems} />
            <Select ctx={ctx} name="severity" label={m.severityLabel} options={SEVERITIES.map((s) => ({ value: s, label: m.severities[s] }))} problems={problems} />
            <Field ctx={ctx} name="observation" label={m.observation} multiline required problems={problems} />
            <Field ctx={ctx} name="recommendation" label={m.recommendation} multiline required problems={problems} />
          </fieldset>
          <button type="submit">{m.addFinding}</button>
        </Form>
      )}
      {access.conclude && e.state === 'open' && (
        <Form ctx={ctx} action={`${base}/share`}>
          <p>{m.shareIntro}</p>
          <button type="submit">{m.share}</button>
        </Form>
      )}
      {access.conclude && following && (
        <>
          <h2>{m.closeTitle}</h2>
          <Form ctx={ctx} action={`${base}/close`}>
            <p>{m.closeIntro}</p>
            <Field ctx={ctx} name="summary" label={m.summary} multiline required problems={problems} />
            <button type="submit">{m.close}</button>
          </Form>
        </>
      )}
    </>
  );
}
