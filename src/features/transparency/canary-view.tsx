import type { PageContext } from '../../platform/html/page-context.ts';
import { formatDate } from '../../platform/i18n/locale.ts';
import { canaryText } from './canary.messages.ts';
import { isVerificationProblem, type CanaryStatus } from './canary.service.ts';

/** Where a canary's signed files are served: a provider's, or the coalition's own. */
export const canaryFiles = (slug: string | null) =>
  slug === null ? { statement: '/canary.txt', key: '/canary-key.asc' } : { statement: `/providers/${slug}/canary.txt`, key: `/providers/${slug}/canary-key.asc` };

/** The canary's state; overdue and invalid are loud on purpose. */
export function CanarySection(props: { ctx: PageContext; status: CanaryStatus; files: { statement: string; key: string }; manage: string | null; title?: string }) {
  const { ctx, status } = props;
  const m = canaryText[ctx.locale];
  const date = (iso: string) => formatDate(iso, ctx.locale);
  const loud = status.state === 'overdue' || status.state === 'invalid';
  const sentence =
    status.state === 'invalid'
      ? status.latest && status.key && status.latest.signedBy !== status.key.fingerprint
        ? m.states.invalid
        : m.invalidSource
      : status.state === 'none' || !status.latest
        ? m.states.none
        : m.states[status.state](date(status.latest.date), date(status.latest.nextUpdate));
  const problem = status.source?.problem ?? null;
  return (
    <section id="canary" aria-labelledby="canary-title">
      <h2 id="canary-title">{props.title ?? m.title}</h2>
      <p class={loud ? 'canary-alarm' : `canary-${status.state}`} role={loud ? 'alert' : undefined}>
        <strong>{sentence}</strong>
      </p>
      {problem && isVerificationProblem(problem) && <p>{m.errors[problem] ?? problem}</p>}
      {status.latest && (
        <>
          <p>
            <a href={props.files.statement} type="text/plain">
              {m.statementLink}
            </a>{' '}
            ·{' '}
            <a href={props.files.key} type="text/plain">
              {m.keyLink}
            </a>
          </p>
          <p class="muted">{m.verifyHint}</p>
        </>
      )}
      {status.source && <p class="muted">{m.sourceState(status.source.url)}</p>}
      {props.manage && (
        <p>
          <a href={props.manage}>{m.manageLink}</a>
        </p>
      )}
    </section>
  );
}
