import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { submitForm } from '../../platform/html/form-route.ts';
import { Field, Form, ProblemSummary, Select } from '../../platform/html/form.tsx';
import type { FieldProblem } from '../../platform/http/errors.ts';
import { formatDate } from '../../platform/i18n/locale.ts';
import { requireSteward } from '../accounts/accounts.policy.ts';
import { actorOf } from '../accounts/viewer.ts';
import { directoryText } from '../directory/directory.messages.ts';
import { Slug } from '../organisations/organisations.schemas.ts';
import { guidanceText } from './guidance.messages.ts';
import { LANGUAGE_CODES } from './questionnaire.ts';
import type { ServiceCategory } from '../directory/directory.model.ts';
import { requireReferralReader } from './referrals.policy.ts';
import { referralsText } from './referrals.messages.ts';
import type { Referral } from './referrals.service.ts';
import { ReferralThread } from './referral-thread.tsx';
import { SharedDetailsView } from './shared-details.tsx';

const TokenParams = Type.Object({ token: Type.String({ minLength: 10, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' }) });
const SlugParams = Type.Object({ slug: Slug });
const ReferralParams = Type.Object({ slug: Slug, number: Type.Integer({ minimum: 1, maximum: 1_000_000_000 }) });
const Text = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const ReplyForm = Type.Object({ _csrf: Text(100), body: Text(4000) });
const AnswerForm = Type.Object({ _csrf: Text(100), kind: Type.Union([Type.Literal('accepted'), Type.Literal('question'), Type.Literal('declined')]), body: Text(4000), suggested: Text(100) });

/** Both sides of a referral: the person through their secret link, the provider's delegates in Haven; and the stewards' list of the unanswered. */
export function registerReferralAnswerPages(app: FastifyInstance): void {
  const { referrals, directory, assessments, organisations, config } = app.haven;

  // ── The person, through the secret link (no account) ──
  async function followUp(request: FastifyRequest, problems: FieldProblem[]) {
    const ctx = request.pageContext();
    const m = referralsText[ctx.locale];
    const { token } = request.params as Static<typeof TokenParams>;
    const referral = await referrals.byToken(token);
    const provider = await organisations.getById(referral.organisationId);
    const suggested = referral.suggestedOrganisationId ? await organisations.getById(referral.suggestedOrganisationId) : null;
    const open = referral.shared !== null && referral.status !== 'declined' && referral.status !== 'withdrawn';
    return {
      title: m.followTitle(referral.number, provider.name),
      body: (
        <>
          <ReferralThread ctx={ctx} referral={referral} viewer="person" />
          {suggested && (
            <p>
              {m.suggested(suggested.name)} <a href={`/directory/providers/${suggested.slug}`}>{suggested.name}</a> · <a href="/guidance">{m.otherProviders}</a>
            </p>
          )}
          {referral.shared && <SharedDetailsView ctx={ctx} shared={referral.shared} />}
          {open && (
            <>
              <ProblemSummary ctx={ctx} problems={problems} />
              <Form ctx={ctx} action={`/referrals/${token}/reply`}>
                <Field ctx={ctx} name="body" label={m.reply} multiline required problems={problems} maxLength={4000} />
                <button type="submit">{m.sendReply}</button>
              </Form>
            </>
          )}
          {referral.shared && (
            <Form ctx={ctx} action={`/referrals/${token}/withdraw`}>
              <button type="submit">{m.withdraw}</button>
            </Form>
          )}
        </>
      ),
    };
  }

  app.get('/referrals/:token', { schema: { params: TokenParams } }, async (request, reply) => {
    const page = await followUp(request, []);
    // The link is the key: it must not linger in caches, nor leave in a Referer (the layout sets no-referrer).
    return reply.header('cache-control', 'no-store').page(page.title, page.body);
  });

  app.post('/referrals/:token/reply', { schema: { params: TokenParams, body: ReplyForm }, attachValidation: true }, async (request, reply) => {
    const { token } = request.params as Static<typeof TokenParams>;
    const referral = await referrals.byToken(token);
    return submitForm<Static<typeof ReplyForm>>(request, reply, {
      title: referralsText[request.locale].followTitle(referral.number, ''),
      render: async (problems) => (await followUp(request, problems)).body,
      run: async (body) => {
        await referrals.reply(referral, body.body ?? '');
        return reply.redirect(`/referrals/${token}`, 303);
      },
    });
  });

  app.post('/referrals/:token/withdraw', { schema: { params: TokenParams } }, async (request, reply) => {
    const { token } = request.params as Static<typeof TokenParams>;
    await referrals.withdraw(await referrals.byToken(token), 'person');
    return reply.redirect(`/referrals/${token}`, 303);
  });

  // ── The provider's delegates ──
  app.get('/directory/providers/:slug/referrals', { schema: { params: SlugParams } }, async (request, reply) => {
    const record = await directory.provider((request.params as Static<typeof SlugParams>).slug);
    requireReferralReader(request.viewer, record.organisation.id);
    const ctx = request.pageContext();
    const m = referralsText[ctx.locale];
    const list = await referrals.list({ organisationId: record.organisation.id });
    return reply.page(
      m.listTitle(record.organisation.name),
      <>
        <p>{m.listIntro}</p>
        {list.length === 0 ? (
          <p>{m.listNone}</p>
        ) : (
          <ul>
            {list.map((r) => (
              <li>
                <a href={`/directory/providers/${record.organisation.slug}/referrals/${r.number}`}>{m.requestTitle(r.number)}</a> — {m.received(formatDate(r.created_at, ctx.locale))} — {guidanceText[ctx.locale].levels[r.level]} — {m.statuses[r.status]}
              </li>
            ))}
          </ul>
        )}
      </>,
    );
  });

  async function inboxPage(request: FastifyRequest, problems: FieldProblem[]) {
    const { slug, number } = request.params as Static<typeof ReferralParams>;
    const record = await directory.provider(slug);
    requireReferralReader(request.viewer, record.organisation.id);
    const referral = await referrals.byNumber(record.organisation.id, number);
    const ctx = request.pageContext();
    const m = referralsText[ctx.locale];
    return { record, referral, title: m.requestTitle(number), body: await inboxBody(request, record.organisation.slug, referral, problems) };
  }

  async function inboxBody(request: FastifyRequest, slug: string, referral: Referral, problems: FieldProblem[]) {
    const ctx = request.pageContext();
    const m = referralsText[ctx.locale];
    const open = referral.shared !== null && referral.status !== 'declined' && referral.status !== 'withdrawn';
    // Other providers that fit what the person shared: the decline form proposes them.
    // Without the answers, only the level and the service are known: any language, any country.
    const answers = referral.shared?.answers;
    const need = answers
      ? { level: referral.level, services: answers.services, languages: answers.languages, avoidCountries: answers.countries }
      : { level: referral.level, services: referral.serviceCategory ? [referral.serviceCategory as ServiceCategory] : [], languages: [...LANGUAGE_CODES], avoidCountries: [] };
    const alternatives = open ? await assessments.recommend(need, [referral.organisationId]) : [];
    return (
      <>
        <p class="muted">
          {m.received(formatDate(referral.createdAt, ctx.locale))}
          {referral.serviceCategory && <> · {directoryText[ctx.locale].categories[referral.serviceCategory as 'email']}</>}
        </p>
        {referral.shared ? <SharedDetailsView ctx={ctx} shared={referral.shared} /> : <p class="notice">{m.withdrawnNotice}</p>}
        <ReferralThread ctx={ctx} referral={referral} viewer="provider" />
        {open && (
          <>
            <ProblemSummary ctx={ctx} problems={problems} />
            <Form ctx={ctx} action={`/directory/providers/${slug}/referrals/${referral.number}/answer`}>
              <Field ctx={ctx} name="body" label={m.answerLabel} multiline required problems={problems} maxLength={4000} />
              <Select ctx={ctx} name="suggested" label={m.suggest} options={[{ value: '', label: m.noSuggestion }, ...alternatives.map((a) => ({ value: a.provider.slug, label: a.provider.name }))]} />
              <button type="submit" name="kind" value="accepted">
                {m.accept}
              </button>{' '}
              <button type="submit" name="kind" value="question">
                {m.ask}
              </button>{' '}
              <button type="submit" name="kind" value="declined">
                {m.decline}
              </button>
            </Form>
          </>
        )}
      </>
    );
  }

  app.get('/directory/providers/:slug/referrals/:number', { schema: { params: ReferralParams } }, async (request, reply) => {
    const page = await inboxPage(request, []);
    return reply.header('cache-control', 'no-store').page(page.title, page.body);
  });

  app.post('/directory/providers/:slug/referrals/:number/answer', { schema: { params: ReferralParams, body: AnswerForm }, attachValidation: true }, async (request, reply) => {
    const { record, referral, title } = await inboxPage(request, []);
    const viewer = requireReferralReader(request.viewer, record.organisation.id);
    return submitForm<Static<typeof AnswerForm>>(request, reply, {
      title,
      render: async (problems) => (await inboxPage(request, problems)).body,
      run: async (body) => {
        const suggested = body.kind === 'declined' && body.suggested ? (await organisations.findBySlug(body.suggested))?.id ?? null : null;
        await referrals.answer(referral, { kind: body.kind, body: body.body ?? '', suggestedOrganisationId: suggested }, actorOf(viewer));
        return reply.redirect(`/directory/providers/${record.organisation.slug}/referrals/${referral.number}`, 303);
      },
    });
  });

  // ── The stewards: who waits, never what was said ──
  app.get('/admin/referrals', async (request, reply) => {
    requireSteward(request.viewer);
    const ctx = request.pageContext();
    const m = referralsText[ctx.locale];
    const waiting = await referrals.unanswered();
    return reply.page(
      m.unansweredTitle,
      <>
        <p>{m.unansweredIntro(config.referralAnswerDays)}</p>
        {waiting.length === 0 ? (
          <p>{m.unansweredNone}</p>
        ) : (
          <ul>
            {waiting.map((w) => (
              <li>
                <a href={`/directory/providers/${w.slug}`}>{w.name}</a> — {m.requestTitle(w.number)} — {m.received(formatDate(w.created_at, ctx.locale))} — {guidanceText[ctx.locale].levels[w.level]}
              </li>
            ))}
          </ul>
        )}
      </>,
    );
  });
}
