import type { PageContext } from '../../platform/html/page-context.ts';
import { directoryText } from '../directory/directory.messages.ts';
import { countryName, languageName } from '../directory/place-names.ts';
import { guidanceText } from './guidance.messages.ts';
import { SCORED_QUESTION_IDS, SKILL_QUESTION_IDS, type Answers } from './questionnaire.ts';
import { referralsText } from './referrals.messages.ts';
import type { SharedDetails } from './referrals.service.ts';

function AnswersList(props: { ctx: PageContext; answers: Answers }) {
  const { ctx, answers } = props;
  const m = guidanceText[ctx.locale];
  const word = (q: string, a: string) => (m.answers as Record<string, Record<string, string>>)[q]?.[a] ?? a;
  const none = referralsText[ctx.locale].none;
  return (
    <dl>
      {SCORED_QUESTION_IDS.map((q) => (
        <>
          <dt>{m.questions[q]}</dt>
          <dd>{q === 'adversaries' ? answers.adversaries.map((a) => word(q, a)).join(', ') : word(q, answers[q])}</dd>
        </>
      ))}
      <dt>{m.questions.countries}</dt>
      <dd>{answers.countries.length ? answers.countries.map((c) => countryName(c, ctx.locale)).join(', ') : none}</dd>
      {SKILL_QUESTION_IDS.map((q) => (
        <>
          <dt>{m.questions[q]}</dt>
          <dd>{word(q, answers[q])}</dd>
        </>
      ))}
      <dt>{m.questions.services}</dt>
      <dd>{answers.services.length ? answers.services.map((s) => directoryText[ctx.locale].categories[s]).join(', ') : none}</dd>
      <dt>{m.questions.languages}</dt>
      <dd>{answers.languages.map((l) => languageName(l, ctx.locale)).join(', ')}</dd>
    </dl>
  );
}

/**
 * What a provider receives of a referral. The person's preview and the provider's page both
 * draw it with this one component, so what the person was shown is what the provider reads.
 */
export function SharedDetailsView(props: { ctx: PageContext; shared: SharedDetails }) {
  const { ctx, shared } = props;
  const m = referralsText[ctx.locale];
  const g = guidanceText[ctx.locale];
  return (
    <dl class="shared">
      <dt>{m.level}</dt>
      <dd>{g.levels[shared.level]}</dd>
      <dt>{m.skill}</dt>
      <dd>{g.skillLevel[shared.skill]}</dd>
      <dt>{m.contactShown}</dt>
      <dd>{shared.contact ?? m.none}</dd>
      <dt>{m.messageShown}</dt>
      <dd class="message">{shared.message ?? m.none}</dd>
      <dt>{m.answers}</dt>
      <dd>{shared.answers ? <AnswersList ctx={ctx} answers={shared.answers} /> : m.notShared}</dd>
    </dl>
  );
}
