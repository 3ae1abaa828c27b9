import { Field, Form, ProblemSummary } from '../../platform/html/form.tsx';
import type { PageContext } from '../../platform/html/page-context.ts';
import type { FieldProblem } from '../../platform/http/errors.ts';
import { formatDate, formatDateTime } from '../../platform/i18n/locale.ts';
import type { Haven } from '../../haven.ts';
import type { Application } from './applications.service.ts';
import type { ApplicationAccess } from './membership.policy.ts';
import { membershipText } from './membership.messages.ts';

interface Props {
  ctx: PageContext;
  application: Application;
  access: ApplicationAccess;
  problems: FieldProblem[];
  haven: Haven;
}

/** A labelled text area whose id is not its name, for forms repeated on one page. */
function TextArea(props: { id: string; name: string; label: string; required?: boolean }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <textarea id={props.id} name={props.name} rows={4} required={props.required} />
    </div>
  );
}

/** An application as its reviewers read it: the self-assessment, the stances, the discussion, and the forms each person may use. */
// Called as a function (it awaits its data), not rendered as an async component.
export async function applicationView({ ctx, application, access, problems, haven }: Props) {
  const m = membershipText[ctx.locale];
  const base = `/membership/applications/${application.number}`;
  const [groups, answers, stances, comments, tally] = await Promise.all([
    haven.applications.criteriaFor(application),
    haven.applications.answers(application.id),
    haven.review.stances(application.id),
    haven.review.comments(application.id),
    haven.review.tally(application.id),
  ]);
  const closed = haven.review.windowClosed(application);
  const children = (parent: string | null) => comments.filter((c) => c.parent_id === parent);
  const thread = (parent: string | null) => (
    <ul class="thread">
      {children(parent).map((c) => (
        <li id={`comment-${c.id}`}>
          <p class="muted">
            {c.username ?? m.deletedAccount}, {formatDateTime(c.created_at, ctx.locale)}
          </p>
          <p>{c.body}</p>
          {access.comment && (
            <details>
              <summary>{m.reply}</summary>
              <Form ctx={ctx} action={`${base}/comments`}>
                <input type="hidden" name="parent" value={c.id} />
                <TextArea id={`reply-${c.id}`} name="body" label={m.replyTo} required />
                <button type="submit">{m.postComment}</button>
              </Form>
            </details>
          )}
          {children(c.id).length > 0 && thread(c.id)}
        </li>
      ))}
    </ul>
  );
  return (
    <>
      <p>
        <strong>{m.states[application.state]}</strong>
        {application.outcome && ` — ${m.outcomes[application.outcome]}`} · {m.charterVersion(application.charter_version)}
      </p>
      {application.state === 'in-review' && application.window_ends_at && <p>{closed ? m.windowClosed : m.windowEnds(formatDate(application.window_ends_at, ctx.locale))}</p>}
      <ProblemSummary ctx={ctx} problems={problems} />
      {access.answer && (
        <p>
          <a href={`${base}/answers`}>{m.editAnswers}</a> · <a href={`${base}/history`}>{m.historyLink}</a>
        </p>
      )}
      {access.answer && application.state === 'draft' && (
        <>
          <p>{m.submitIntro}</p>
          <Form ctx={ctx} action={`${base}/submit`}>
            <button type="submit">{m.submit}</button>
          </Form>
        </>
      )}
      {groups.map((group) => (
        <section aria-labelledby={`p-${group.principle.key}`}>
          <h2 id={`p-${group.principle.key}`}>{group.principle.title[ctx.locale]}</h2>
          {group.criteria.map((c) => {
            const answer = answers.get(c.key);
            return (
              <div class="answer">
                <h3>{c.title[ctx.locale]}</h3>
                {answer ? (
                  <>
                    <p>
                      <strong>{m.answers[answer.answer]}</strong>
                      {answer.explanation && <> — {answer.explanation}</>}
                    </p>
                    {answer.evidence.length > 0 && (
                      <ul aria-label={m.evidenceTitle}>
                        {answer.evidence.map((link) => (
                          <li>
                            <a href={link} rel="noreferrer noopener">{link}</a>
                          </li>
                        ))}
                      </ul>
                    )}
                  </>
                ) : (
                  <p class="muted">{m.notAnswered}</p>
                )}
              </div>
            );
          })}
        </section>
      ))}
      {application.state !== 'draft' && (
        <>
          <h2>{m.stancesTitle}</h2>
          <p>{m.tally(tally.supports, tally.standingObjections, tally.standAsides)}</p>
          {stances.length === 0 ? (
            <p>{m.noStances}</p>
          ) : (
            <ul>
              {stances.map((s) => (
                <li>
                  {s.name}: <strong>{m.stances[s.stance]}</strong>
                  {s.reason && <> — {s.reason}</>}
                  {s.overruled_reason && <p class="muted">{m.overruled(s.overruled_reason)}</p>}
                  {access.decide && s.stance === 'objection' && !s.overruled_at && (
                    <Form ctx={ctx} action={`${base}/overrule`}>
                      <input type="hidden" name="organisation" value={s.slug} />
                      <TextArea id={`overrule-${s.slug}`} name="reason" label={`${m.overruleReason} (${s.name})`} required />
                      <button type="submit">{m.overrule}</button>
                    </Form>
                  )}
                </li>
              ))}
            </ul>
          )}
          {access.stanceFor.map((org) => (
            <Form ctx={ctx} action={`${base}/stance`}>
              <fieldset>
                <legend>{m.stanceFor(org.name)}</legend>
                <input type="hidden" name="organisation" value={org.slug} />
                {(['support', 'objection', 'stand-aside'] as const).map((v) => (
                  <label class="choice" for={`stance-${org.slug}-${v}`}>
                    <input type="radio" id={`stance-${org.slug}-${v}`} name="stance" value={v} required /> {m.stances[v]}
                  </label>
                ))}
                <TextArea id={`stance-reason-${org.slug}`} name="reason" label={m.stanceReason} />
              </fieldset>
              <button type="submit">{m.takeStance}</button>
            </Form>
          ))}
          <h2 id="discussion">{m.commentsTitle}</h2>
          {comments.length === 0 ? <p>{m.noComments}</p> : thread(null)}
          {access.comment && (
            <Form ctx={ctx} action={`${base}/comments`}>
              <Field ctx={ctx} name="body" label={m.comment} multiline required problems={problems} />
              <button type="submit">{m.postComment}</button>
            </Form>
          )}
          {access.decide && closed && (
            <>
              <h2>{m.stewardTitle}</h2>
              <Form ctx={ctx} action={`${base}/reject`}>
                <Field ctx={ctx} name="reason" label={m.rejectReason} multiline required problems={problems} />
                <button type="submit" class="danger">{m.reject}</button>
              </Form>
            </>
          )}
          {access.decide && (
            <Form ctx={ctx} action={`${base}/extend`}>
              <Field ctx={ctx} name="until" label={m.extendUntil} problems={problems} />
              <button type="submit">{m.extend}</button>
            </Form>
          )}
        </>
      )}
      {access.answer && (
        <Form ctx={ctx} action={`${base}/withdraw`}>
          <button type="submit" class="danger">{m.withdraw}</button>
        </Form>
      )}
    </>
  );
}
