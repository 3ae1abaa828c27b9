import type { ComponentChildren } from 'preact';
import { Form } from '../../platform/html/form.tsx';
import type { PageContext } from '../../platform/html/page-context.ts';
import { formatDate, type Locale } from '../../platform/i18n/locale.ts';
import { directoryText } from '../directory/directory.messages.ts';
import { claimTitle } from '../directory/evidence/evidence.messages.ts';
import { countryName, languageName } from '../directory/place-names.ts';
import { guidanceText } from './guidance.messages.ts';
import type { FitReason, Recommendation } from './matching.ts';
import { HiddenAnswers } from './questionnaire-form.tsx';
import type { AssessmentResult } from './assessment.service.ts';
import type { ScoringRules } from './scoring-rules.ts';

const list = (items: string[], locale: Locale) => new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);

export function fitText(reason: Exclude<FitReason, { kind: 'services' }>, locale: Locale): string {
  const m = guidanceText[locale];
  const level = (l: 'low' | 'medium' | 'high') => m.levels[l];
  switch (reason.kind) {
    case 'declared-fit':
      return m.fits.declaredFit(level(reason.level), reason.explanation);
    case 'peer-evaluated':
      return m.fits.peerEvaluated(level(reason.level), reason.number, formatDate(reason.closedAt, locale));
    case 'language':
      return m.fits.language(list(reason.languages.map((l) => languageName(l, locale)), locale));
    case 'avoids-countries':
      return m.fits.avoidsCountries(list(reason.countries.map((c) => countryName(c, locale)), locale));
    case 'canary-current':
      return m.fits.canaryCurrent;
    case 'claims-verified':
      return m.fits.claimsVerified(list(reason.claims.map((c) => claimTitle(c, locale)), locale));
    case 'member':
      return m.fits.member(formatDate(reason.since, locale));
  }
}

function RecommendationView(props: { ctx: PageContext; recommendation: Recommendation; result: AssessmentResult; canAsk: boolean }) {
  const { ctx, recommendation: r } = props;
  const m = guidanceText[ctx.locale];
  const categories = directoryText[ctx.locale].categories;
  return (
    <li>
      <h3>{r.provider.name}</h3>
      <ul class="reasons">
        {r.reasons.map((reason) =>
          reason.kind === 'services' ? (
            <li>
              {m.fits.services}{' '}
              {list(reason.services.map((s) => `${s.name} (${categories[s.category]}${s.free ? `, ${m.fits.free}` : ''})`), ctx.locale)}
            </li>
          ) : (
            <li>{fitText(reason, ctx.locale)}</li>
          ),
        )}
      </ul>
      <p>
        <a href={`/directory/providers/${r.provider.slug}`}>
          {m.profileLink} — {r.provider.name}
        </a>
      </p>
      {props.canAsk && (
        <Form ctx={ctx} action="/guidance/referrals/new">
          <HiddenAnswers answers={props.result.answers} />
          <input type="hidden" name="provider" value={r.provider.slug} />
          <button type="submit">
            {m.askContact} — {r.provider.name}
          </button>
        </Form>
      )}
    </li>
  );
}

/** What a self-assessment says: the level and why, then who fits and why, then what to read. */
export function AssessmentResultView(props: { ctx: PageContext; result: AssessmentResult; rules: ScoringRules; canAsk: boolean; guides?: ComponentChildren; after?: ComponentChildren }) {
  const { ctx, result, rules } = props;
  const { assessment: a } = result;
  const m = guidanceText[ctx.locale];
  return (
    <>
      <section aria-labelledby="level-title" class={`risk-${a.level}`}>
        <h2 id="level-title">{m.levels[a.level]}</h2>
        <p>{m.levelIntro[a.level]}</p>
        <p>{m.skillLevel[a.skill]}</p>
        <h3>{m.whyTitle}</h3>
        {a.reasons.length === 0 ? (
          <p>{m.noReason}</p>
        ) : (
          <ul>
            {a.reasons.map((r) => (
              <li>
                {m.questions[r.question]} — <strong>{(m.answers[r.question] as Record<string, string>)[r.answer]}</strong>: {m.reasonPoints(r.points)}
                {r.floor && <>; {m.reasonFloor[r.floor]}</>}
              </li>
            ))}
          </ul>
        )}
        <p class="muted">
          {m.scoreLine(a.score, rules.thresholds.medium, rules.thresholds.high, a.rulesVersion)} <a href={`/guidance/rules?version=${a.rulesVersion}`}>{m.rulesLink}</a>
        </p>
      </section>
      <section aria-labelledby="recommendations-title">
        <h2 id="recommendations-title">{m.recommendationsTitle}</h2>
        {result.recommendations.length === 0 ? (
          <p>{m.noRecommendation}</p>
        ) : (
          <>
            <p>{m.recommendationsIntro}</p>
            <ol class="recommendations">
              {result.recommendations.map((r) => (
                <RecommendationView ctx={ctx} recommendation={r} result={result} canAsk={props.canAsk} />
              ))}
            </ol>
          </>
        )}
      </section>
      {props.guides}
      {props.after}
    </>
  );
}
