import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Field, Form, ProblemSummary, Select } from '../../platform/html/form.tsx';
import { AppError, type FieldProblem } from '../../platform/http/errors.ts';
import { commonText } from '../../platform/i18n/common.messages.ts';
import { localized } from '../../platform/i18n/locale.ts';
import { directoryText } from '../directory/directory.messages.ts';
import type { Recommendation } from './matching.ts';
import { answerProblems, draftOf } from './assessment.pages.tsx';
import { AnswersRefused, readAnswers, REGION_CODES, regionName, type Answers } from './questionnaire.ts';
import { HiddenAnswers, QuestionnaireForm } from './questionnaire-form.tsx';
import { referralsText } from './referrals.messages.ts';
import type { SharedDetails } from './referrals.service.ts';
import { SharedDetailsView } from './shared-details.tsx';
import { guidanceText } from './guidance.messages.ts';

/** The continents a person may say they are on (nobody asks for help from Antarctica). */
const REGIONS = REGION_CODES.filter((c) => c !== 'AN');

interface Request {
  answers: Answers;
  recommendation: Recommendation;
  shared: SharedDetails;
  choices: { shareAnswers: boolean; contact: string; message: string; service: string; region: string };
}

/**
 * Asking one provider to contact you, in three posts and no account: choose what to share,
 * see exactly what the provider will receive, send. The secret link to follow up is shown once.
 */
export function registerReferralRequestPages(app: FastifyInstance): void {
  const { assessments, referrals } = app.haven;

  /** Reads a step's post: the answers (refused ones show the questionnaire), the provider (one that fits them), the choices. */
  async function read(request: FastifyRequest): Promise<Request> {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const answers = readAnswers(body);
    const result = await assessments.assess(answers);
    const recommendation = result.recommendations.find((r) => r.provider.slug === body.provider);
    if (!recommendation) throw AppError.field('referral_not_fitting', 'provider', localized(referralsText, (m) => m.errors.notFitting));
    const str = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
    const service = answers.services.includes(str('service') as never) ? str('service') : '';
    const region = REGIONS.includes(str('region')) ? str('region') : '';
    const choices = { shareAnswers: str('shareAnswers') === 'yes', contact: str('contact').trim().slice(0, 500), message: str('message').trim().slice(0, 4000), service, region };
    return {
      answers,
      recommendation,
      choices,
      shared: { level: result.assessment.level, skill: result.assessment.skill, answers: choices.shareAnswers ? answers : null, contact: choices.contact || null, message: choices.message || null },
    };
  }

  function Carried(props: { r: Request; withChoices: boolean }) {
    const { r } = props;
    return (
      <>
        <HiddenAnswers answers={r.answers} />
        <input type="hidden" name="provider" value={r.recommendation.provider.slug} />
        {props.withChoices && (
          <>
            {r.choices.shareAnswers && <input type="hidden" name="shareAnswers" value="yes" />}
            <input type="hidden" name="contact" value={r.choices.contact} />
            <input type="hidden" name="message" value={r.choices.message} />
            <input type="hidden" name="service" value={r.choices.service} />
            <input type="hidden" name="region" value={r.choices.region} />
          </>
        )}
      </>
    );
  }

  function choicesPage(request: FastifyRequest, reply: FastifyReply, r: Request, problems: FieldProblem[] = []) {
    const ctx = request.pageContext();
    const m = referralsText[ctx.locale];
    const name = r.recommendation.provider.name;
    const categories = directoryText[ctx.locale].categories;
    const title = m.askTitle(name);
    return reply.page(
      problems.length ? `${commonText[ctx.locale].errors.titlePrefix} ${title}` : title,
      <>
        <p>{m.askIntro}</p>
        <ProblemSummary ctx={ctx} problems={problems} />
        <Form ctx={ctx} action="/guidance/referrals/preview">
          <Carried r={r} withChoices={false} />
          <div class="field">
            <label class="choice" for="field-shareAnswers">
              <input type="checkbox" id="field-shareAnswers" name="shareAnswers" value="yes" checked={r.choices.shareAnswers} aria-describedby="field-shareAnswers-hint" /> {m.shareAnswers}
            </label>
            <p class="hint" id="field-shareAnswers-hint">
              {m.shareAnswersHint}
            </p>
          </div>
          <Field ctx={ctx} name="contact" label={m.contact} hint={m.contactHint} value={r.choices.contact} required problems={problems} maxLength={500} />
          <Field ctx={ctx} name="message" label={m.message} value={r.choices.message} multiline problems={problems} maxLength={4000} />
          {r.answers.services.length > 1 && (
            <Select ctx={ctx} name="service" label={m.service} value={r.choices.service} options={[{ value: '', label: m.anyService }, ...r.answers.services.map((s) => ({ value: s, label: categories[s] }))]} />
          )}
          <Select ctx={ctx} name="region" label={m.region} value={r.choices.region} options={[{ value: '', label: m.noRegion }, ...REGIONS.map((c) => ({ value: c, label: regionName(c, ctx.locale) }))]} />
          <p class="hint">{m.regionHint}</p>
          <button type="submit">{m.preview}</button>
        </Form>
      </>,
      problems.length ? 400 : 200,
    );
  }

  /** Runs a step; refused answers bring the questionnaire back, refused choices the choices form. */
  async function step(request: FastifyRequest, reply: FastifyReply, then: (r: Request) => Promise<FastifyReply> | FastifyReply) {
    let r: Request;
    try {
      r = await read(request);
    } catch (error) {
      if (error instanceof AnswersRefused) {
        const ctx = request.pageContext();
        return reply.page(guidanceText[ctx.locale].title, <QuestionnaireForm ctx={ctx} action="/guidance/result" draft={draftOf(request.body)} problems={answerProblems(error)} />, 400);
      }
      throw error;
    }
    return then(r);
  }

  const needContact = (r: Request) => (r.shared.contact ? [] : [{ field: 'contact', text: localized(referralsText, (m) => m.errors.noContact) }]);

  app.post('/guidance/referrals/new', async (request, reply) => step(request, reply, (r) => choicesPage(request, reply, { ...r, choices: { ...r.choices, shareAnswers: r.choices.shareAnswers } })));

  app.post('/guidance/referrals/preview', async (request, reply) =>
    step(request, reply, (r) => {
      const problems = needContact(r);
      if (problems.length) return choicesPage(request, reply, r, problems);
      const ctx = request.pageContext();
      const m = referralsText[ctx.locale];
      return reply.page(
        m.previewTitle(r.recommendation.provider.name),
        <>
          <p>{m.previewIntro}</p>
          <SharedDetailsView ctx={ctx} shared={r.shared} />
          <Form ctx={ctx} action="/guidance/referrals/send">
            <Carried r={r} withChoices />
            <button type="submit">{m.send}</button>
          </Form>
          <Form ctx={ctx} action="/guidance/referrals/new">
            <Carried r={r} withChoices />
            <button type="submit" class="link">
              {m.change}
            </button>
          </Form>
        </>,
      );
    }),
  );

  app.post('/guidance/referrals/send', async (request, reply) =>
    step(request, reply, async (r) => {
      const problems = needContact(r);
      if (problems.length) return choicesPage(request, reply, r, problems);
      const sent = await referrals.create({ organisationId: r.recommendation.provider.id, serviceCategory: r.choices.service || (r.answers.services.length === 1 ? r.answers.services[0]! : null), region: r.choices.region || null, shared: r.shared }, 'system');
      const ctx = request.pageContext();
      const m = referralsText[ctx.locale];
      const link = new URL(`/referrals/${sent.token}`, app.haven.config.publicUrl).toString();
      return reply.header('cache-control', 'no-store').page(
        m.sentTitle,
        <>
          <p>{m.sentIntro(r.recommendation.provider.name)}</p>
          <p>
            <strong>{m.secretLink}</strong>: <a href={`/referrals/${sent.token}`}>{link}</a>
          </p>
        </>,
      );
    }),
  );
}
