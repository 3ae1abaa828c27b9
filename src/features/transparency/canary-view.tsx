import type { PageContext } from '../../platform/html/page-context.ts';
import { formatDate } from '../../platform/i18n/locale.ts';
import { canaryText } from './canary.messages.ts';
import type { CanaryStatus } from './canary.service.ts';

/** The canary's state on a profile; overdue and invalid are loud on purpose. */
export function CanarySection(props: { ctx: PageContext; slug: string; status: CanaryStatus; canEdit: boolean }) {
  const { ctx, status } = props;
  const m = canaryText[ctx.locale];
  const date = (iso: string) => formatDate(iso, ctx.locale);
  const loud = status.state === 'overdue' || status.state === 'invalid';
  const sentence =
    status.state === 'none' || !status.latest
      ? m.states.none
      : status.state === 'invalid'
        ? m.states.invalid
        : m.states[status.state](date(status.latest.date), date(status.latest.nextUpdate));
  return (
    <section id="canary" aria-labelledby="canary-title">
      <h2 id="canary-title">{m.title}</h2>
      <p class={loud ? 'canary-alarm' : `canary-${status.state}`} role={loud ? 'alert' : undefined}>
        <strong>{sentence}</strong>
      </p>
      {status.latest && (
        <>
          <p>
            <a href={`/providers/${props.slug}/canary.txt`} type="text/plain">
              {m.statementLink}
            </a>{' '}
            ·{' '}
            <a href={`/providers/${props.slug}/canary-key.asc`} type="text/plain">
              {m.keyLink}
            </a>
          </p>
          <p class="muted">{m.verifyHint}</p>
        </>
      )}
      {props.canEdit && (
        <p>
          <a href={`/directory/providers/${props.slug}/canary`}>{m.manageLink}</a>
        </p>
      )}
    </section>
  );
}
