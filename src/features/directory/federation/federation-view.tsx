import type { PageContext } from '../../../platform/html/page-context.ts';
import { formatDateTime } from '../../../platform/i18n/locale.ts';
import { federationText } from './federation.messages.ts';
import type { FederationService } from './federation.service.ts';

export type FederationStatusData = Awaited<ReturnType<FederationService['status']>>;

/** On the provider's page, for its delegates: the last reading of its published metadata, and why it was refused. */
export function FederationStatus(props: { ctx: PageContext; status: FederationStatusData; slug: string }) {
  const m = federationText[props.ctx.locale];
  const last = props.status.imports[0];
  if (!props.status.source) return null;
  return (
    <section id="federation-status">
      <h2>{m.statusTitle}</h2>
      <p>
        <a href={`/directory/providers/${props.slug}/federation`}>{props.status.source.url}</a>
      </p>
      {!last ? (
        <p>{m.noImports}</p>
      ) : (
        <p class={last.outcome === 'rejected' ? 'problem' : undefined}>
          {m.lastReading(formatDateTime(last.fetched_at, props.ctx.locale), m.outcomes[last.outcome])}
          {last.reason && ` — ${m.reasons[last.reason] ?? last.reason}`}
        </p>
      )}
    </section>
  );
}
