import type { PageContext } from '../../platform/html/page-context.ts';
import { formatDateTime } from '../../platform/i18n/locale.ts';
import { referralsText } from './referrals.messages.ts';
import type { Referral } from './referrals.service.ts';

/** The status and the conversation of a referral, as both sides see it; `viewer` says who "you" is. */
export function ReferralThread(props: { ctx: PageContext; referral: Referral; viewer: 'person' | 'provider' }) {
  const { ctx, referral } = props;
  const m = referralsText[ctx.locale];
  return (
    <>
      <p>
        <strong>{m.status}:</strong> <span class={`referral-${referral.status}`}>{m.statuses[referral.status]}</span>
      </p>
      {referral.messages.length > 0 && (
        <section aria-labelledby="conversation-title">
          <h2 id="conversation-title">{m.conversation}</h2>
          <ol class="thread">
            {referral.messages.map((message) => (
              <li>
                <p class="muted">
                  {message.author === props.viewer ? m.you : message.author === 'provider' ? m.provider : m.person} · {m.kinds[message.kind]} · {formatDateTime(message.at, ctx.locale)}
                </p>
                <p class="message">{message.body}</p>
              </li>
            ))}
          </ol>
        </section>
      )}
    </>
  );
}
