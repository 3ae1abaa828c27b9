import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { submitForm } from '../../platform/html/form-route.ts';
import { Field, Form, ProblemSummary } from '../../platform/html/form.tsx';
import { AppError, type FieldProblem } from '../../platform/http/errors.ts';
import { formatDate, formatDateTime } from '../../platform/i18n/locale.ts';
import { requireViewer } from '../accounts/accounts.policy.ts';
import { actorOf } from '../accounts/viewer.ts';
import { departuresText } from './departures.messages.ts';
import { requireBreachCaseAccess, type BreachCaseAccess } from './departures.policy.ts';
import type { BreachCase } from './departures.service.ts';

const Csrf = Type.Optional(Type.String({ maxLength: 100 }));
const NumberParams = Type.Object({ number: Type.Integer({ minimum: 1, maximum: 10_000_000 }) });
const AnswerBody = Type.Object({ _csrf: Csrf, body: Type.String({ minLength: 1, maxLength: 20000 }) });
const StanceBody = Type.Object({
  _csrf: Csrf,
  organisation: Type.String({ maxLength: 64 }),
  stance: Type.Union([Type.Literal('remove'), Type.Literal('keep'), Type.Literal('stand-aside')]),
  reason: Type.String({ maxLength: 5000 }),
});
const OutcomeBody = Type.Object({ _csrf: Csrf, outcome: Type.Union([Type.Literal('removed'), Type.Literal('kept')]), reason: Type.String({ minLength: 1, maxLength: 5000 }) });

/** A breach case as the people who may see it read it, with the forms each of them may use. */
export function registerBreachCasePages(app: FastifyInstance): void {
  const { departures, membership } = app.haven;

  async function load(request: FastifyRequest, need: 'see' | 'answer' | 'decide') {
    const breachCase = await departures.getByNumber((request.params as Static<typeof NumberParams>).number);
    const access = requireBreachCaseAccess(request.viewer, breachCase, await membership.memberOrganisationIds(), need);
    return { breachCase, access, viewer: requireViewer(request.viewer) };
  }

  async function view(request: FastifyRequest, breachCase: BreachCase, access: BreachCaseAccess, problems: FieldProblem[] = []) {
    const ctx = request.pageContext();
    const d = departuresText[ctx.locale];
    const base = `/membership/breach/${breachCase.number}`;
    const [criteria, answers, stances, tally] = await Promise.all([
      departures.criteriaOf(breachCase),
      departures.answers(breachCase.id),
      departures.stances(breachCase.id),
      departures.tally(breachCase.id),
    ]);
    const closed = departures.windowClosed(breachCase);
    const open = breachCase.state === 'open';
    return (
      <>
        <p>
          <strong>{breachCase.outcome ? d.outcomes[breachCase.outcome] : d.states[breachCase.state]}</strong> · {d.charterVersion(breachCase.charter_version)}
        </p>
        {open && <p>{closed ? d.windowClosed : d.windowEnds(formatDate(breachCase.answer_ends_at, ctx.locale))}</p>}
        {breachCase.decided_at && breachCase.outcome_reason && (
          <p>
            {d.decidedOn(formatDate(breachCase.decided_at, ctx.locale))}: {breachCase.outcome_reason}
          </p>
        )}
        <ProblemSummary ctx={ctx} problems={problems} />
        <h2>{d.criteria}</h2>
        <ul>
          {criteria.map((c) => (
            <li>{c.title[ctx.locale]}</li>
          ))}
        </ul>
        <h2>{d.noticeTitle}</h2>
        <p>{breachCase.notice}</p>
        <h2>{d.answersTitle}</h2>
        {answers.length === 0 ? (
          <p>{d.noAnswers}</p>
        ) : (
          <ul>
            {answers.map((a) => (
              <li>
                <p class="muted">
                  {a.username ?? d.deletedAccount}, {formatDateTime(a.created_at, ctx.locale)}
                </p>
                <p>{a.body}</p>
              </li>
            ))}
          </ul>
        )}
        {access.answer && open && !closed && (
          <Form ctx={ctx} action={`${base}/answer`}>
            <Field ctx={ctx} name="body" label={d.yourAnswer} multiline required problems={problems} />
            <button type="submit">{d.sendAnswer}</button>
          </Form>
        )}
        <h2>{d.stancesTitle}</h2>
        <p>{d.tally(tally.remove, tally.keep, tally.standAside)}</p>
        {stances.length === 0 ? (
          <p>{d.noStances}</p>
        ) : (
          <ul>
            {stances.map((s) => (
              <li>
                {s.name}: <strong>{d.stances[s.stance]}</strong>
                {s.reason && <> — {s.reason}</>}
              </li>
            ))}
          </ul>
        )}
        {access.stanceFor.map((org) => (
          <Form ctx={ctx} action={`${base}/stance`}>
            <fieldset>
              <legend>{d.stanceFor(org.name)}</legend>
              <input type="hidden" name="organisation" value={org.slug} />
              {(['remove', 'keep', 'stand-aside'] as const).map((v) => (
                <label class="choice" for={`stance-${org.slug}-${v}`}>
                  <input type="radio" id={`stance-${org.slug}-${v}`} name="stance" value={v} required /> {d.stances[v]}
                </label>
              ))}
              <Field ctx={ctx} id={`stance-reason-${org.slug}`} name="reason" label={d.stanceReason} multiline problems={problems} />
            </fieldset>
            <button type="submit">{d.takeStance}</button>
          </Form>
        ))}
        {access.decide && closed && (
          <>
            <h2>{d.outcomeTitle}</h2>
            <Form ctx={ctx} action={`${base}/outcome`}>
              <fieldset id="field-outcome">
                <legend>{d.outcomeLabel}</legend>
                {(['kept', 'removed'] as const).map((v) => (
                  <label class="choice" for={`outcome-${v}`}>
                    <input type="radio" id={`outcome-${v}`} name="outcome" value={v} required /> {d.outcomes[v]}
                  </label>
                ))}
              </fieldset>
              <Field ctx={ctx} id="outcome-reason" name="reason" label={d.outcomeReason} multiline required problems={problems} />
              <button type="submit">{d.recordOutcome}</button>
            </Form>
          </>
        )}
      </>
    );
  }

  const title = (request: FastifyRequest, c: BreachCase) => departuresText[request.locale].caseTitle(c.number, c.organisation.name);
  const back = (c: BreachCase) => `/membership/breach/${c.number}`;
  const params = { params: NumberParams };

  app.get('/membership/breach/:number', { schema: params }, async (request, reply) => {
    const { breachCase, access } = await load(request, 'see');
    return reply.page(title(request, breachCase), await view(request, breachCase, access));
  });

  app.post('/membership/breach/:number/answer', { schema: { params: NumberParams, body: AnswerBody }, attachValidation: true }, async (request, reply) => {
    const { breachCase, access, viewer } = await load(request, 'answer');
    return submitForm<Static<typeof AnswerBody>>(request, reply, {
      title: title(request, breachCase),
      render: (problems) => view(request, breachCase, access, problems),
      run: async (body) => {
        await departures.answer(breachCase, actorOf(viewer), body.body);
        return reply.redirect(back(breachCase), 303);
      },
    });
  });

  app.post('/membership/breach/:number/stance', { schema: { params: NumberParams, body: StanceBody }, attachValidation: true }, async (request, reply) => {
    const { breachCase, access, viewer } = await load(request, 'see');
    return submitForm<Static<typeof StanceBody>>(request, reply, {
      title: title(request, breachCase),
      render: (problems) => view(request, breachCase, access, problems),
      run: async (body) => {
        const organisation = access.stanceFor.find((o) => o.slug === body.organisation);
        if (!organisation) throw AppError.forbidden();
        await departures.takeStance(breachCase, actorOf(viewer), organisation.organisationId, body.stance, body.reason);
        return reply.redirect(back(breachCase), 303);
      },
    });
  });

  app.post('/membership/breach/:number/outcome', { schema: { params: NumberParams, body: OutcomeBody }, attachValidation: true }, async (request, reply) => {
    const { breachCase, access, viewer } = await load(request, 'decide');
    return submitForm<Static<typeof OutcomeBody>>(request, reply, {
      title: title(request, breachCase),
      render: (problems) => view(request, breachCase, access, problems),
      run: async (body) => {
        await departures.decide(breachCase, body.outcome, body.reason, actorOf(viewer));
        return reply.redirect('/membership/departures', 303);
      },
    });
  });
}
