import type { PageContext } from '../../../platform/html/page-context.ts';
import { formatDate } from '../../../platform/i18n/locale.ts';
import { directoryText } from '../directory.messages.ts';
import { CLAIMS, type Claim } from './checks.ts';
import type { Evidence } from './evidence.service.ts';
import { claimTitle, describeResult } from './evidence.messages.ts';

/** Each checkable claim with its newest dated evidence: verified, contradicted, or only declared. */
export function ClaimList(props: { ctx: PageContext; evidence: Map<Claim, Evidence>; hasWebsite: boolean }) {
  const { ctx } = props;
  const m = directoryText[ctx.locale];
  return (
    <ul class="claims">
      {CLAIMS.map((claim) => {
        const e = props.evidence.get(claim);
        const status = !e ? (props.hasWebsite ? m.notCheckedYet : m.selfDeclared) : e.outcome === 'verified' ? m.verifiedOn(formatDate(e.checkedAt, ctx.locale)) : m.contradictedOn(formatDate(e.checkedAt, ctx.locale));
        return (
          <li class={!e ? 'claim-declared' : `claim-${e.outcome}`} id={`claim-${claim}`}>
            <strong>{claimTitle(claim, ctx.locale)}</strong>
            {m.sep}
            {status}
            {e && <p>{describeResult(e, ctx.locale)}</p>}
          </li>
        );
      })}
    </ul>
  );
}
