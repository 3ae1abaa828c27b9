import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { Literals } from '../../platform/http/api-schemas.ts';
import { submitForm } from '../../platform/html/form-route.ts';
import { Form, ProblemSummary, Select } from '../../platform/html/form.tsx';
import { AppError, type FieldProblem } from '../../platform/http/errors.ts';
import { requireViewer } from '../accounts/accounts.policy.ts';
import { actorOf } from '../accounts/viewer.ts';
import { peerEvaluationsText } from './peer-evaluations.messages.ts';
import { evaluationAccess, evaluatorsFor, requireEvaluationAccess, type EvaluationNeed } from './peer-evaluations.policy.ts';
import type { PeerEvaluation } from './peer-evaluations.service.ts';
import { EvaluationDetails, PublicSummary } from './peer-evaluations.view.tsx';
import { FINDING_STATUSES, RISK_LEVELS, SEVERITIES } from './peer-evaluations.table.ts';

const Csrf = Type.Optional(Type.String({ maxLength: 100 }));
const NumberParams = Type.Object({ number: Type.Integer({ minimum: 1, maximum: 10_000_000 }) });
const FindingParams = Type.Object({ number: Type.Integer({ minimum: 1, maximum: 10_000_000 }), position: Type.Integer({ minimum: 1, maximum: 100_000 }) });
const OpenBody = Type.Object({
  _csrf: Csrf,
  evaluator: Type.String({ minLength: 1, maxLength: 64 }),
  evaluated: Type.String({ minLength: 1, maxLength: 64 }),
  riskLevel: Literals(RISK_LEVELS),
  criteria: Type.Optional(Type.Array(Type.String({ maxLength: 60 }), { maxItems: 200 })),
});
const FindingBody = Type.Object({
  _csrf: Csrf,
  subject: Type.String({ minLength: 1, maxLength: 60 }),
  severity: Literals(SEVERITIES),
  observation: Type.String({ minLength: 1, maxLength: 10000 }),
  recommendation: Type.String({ minLength: 1, maxLength: 10000 }),
});
const NoteBody = Type.Object({
  _csrf: Csrf,
  organisation: Type.String({ minLength: 1, maxLength: 64 }),
  body: Type.String({ minLength: 1, maxLength: 10000 }),
  status: Type.Union([Type.Literal(''), Literals(FINDING_STATUSES)]),
});
const CloseBody = Type.Object({ _csrf: Csrf, summary: Type.String({ minLength: 1, maxLength: 5000 }) });
const notEligible = () => new AppError('not_a_member_delegate', 403, { en: peerEvaluationsText.en.notEligible, fr: peerEvaluationsText.fr.notEligible });

/** Peer evaluations on the web: the public list of closed ones, opening one, and the details with their forms. */
export function registerPeerEvaluationPages(app: FastifyInstance): void {
  const { peerEvaluations, membership, charter } = app.haven;
  const base = (e: PeerEvaluation) => `/membership/evaluations/${e.number}`;
  const title = (request: FastifyRequest, e: PeerEvaluation) => peerEvaluationsText[request.locale].evaluationTitle(e.number, e.evaluator.name, e.evaluated.name);

  async function load(request: FastifyRequest, need: EvaluationNeed) {
    // Anonymous visitors learn nothing, not even which numbers exist.
    const viewer = requireViewer(request.viewer);
    const { number } = request.params as Static<typeof NumberParams>;
    const evaluation = await peerEvaluations.getByNumber(number);
    return { evaluation, access: requireEvaluationAccess(viewer, evaluation, need), viewer };
  }

  async function details(request: FastifyRequest, problems: FieldProblem[] = []) {
    const { evaluation, access } = await load(request, 'details');
    const [criteria, findings, counts] = await Promise.all([peerEvaluations.criteriaOf(evaluation), peerEvaluations.findings(evaluation, access), peerEvaluations.counts(evaluation.id)]);
    return <EvaluationDetails ctx={request.pageContext()} evaluation={evaluation} access={access} criteria={criteria} findings={findings} counts={counts} problems={problems} />;
  }

  app.get('/membership/evaluations', async (request, reply) => {
    const m = peerEvaluationsText[request.locale];
    const ctx = request.pageContext();
    const all = (await peerEvaluations.list()).map((e) => ({ e, access: evaluationAccess(request.viewer, e) }));
    const closed = all.filter((x) => x.access.summary);
    const following = all.filter((x) => x.e.state !== 'closed' && x.access.details);
    const counts = new Map(await Promise.all(closed.map(async (x) => [x.e.id, await peerEvaluations.counts(x.e.id)] as const)));
    const heading = (x: (typeof all)[number]) => (x.access.details ? <a href={base(x.e)}>{title(request, x.e)}</a> : title(request, x.e));
    const canOpen = evaluatorsFor(request.viewer, await membership.memberOrganisationIds()).length > 0;
    return reply.page(
      m.title,
      <>
        <p>{m.intro}</p>
        {canOpen && <p><a href="/membership/evaluations/new">{m.openLink}</a></p>}
        {request.viewer && (
          <>
            <h2>{m.yoursTitle}</h2>
            {following.length === 0 ? (
              <p>{m.noneYours}</p>
            ) : (
              <ul>
                {following.map((x) => (
                  <li>
                    {heading(x)} — {m.states[x.e.state]}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
        <h2>{m.closedTitle}</h2>
        {closed.length === 0 && <p>{m.noneClosed}</p>}
        {closed.map((x) => (
          <article id={`evaluation-${x.e.number}`}>
            <h3>{heading(x)}</h3>
            <PublicSummary ctx={ctx} evaluation={x.e} counts={counts.get(x.e.id)!} />
          </article>
        ))}
      </>,
    );
  });

  async function openForm(request: FastifyRequest, problems: FieldProblem[], sent?: Partial<Static<typeof OpenBody>>) {
    const viewer = requireViewer(request.viewer);
    const memberIds = await membership.memberOrganisationIds();
    const evaluators = evaluatorsFor(viewer, memberIds);
    if (evaluators.length === 0) throw notEligible();
    const ctx = request.pageContext();
    const m = peerEvaluationsText[ctx.locale];
    const members = await membership.members();
    const kinds = new Set<string>(members.map((o) => o.kind));
    const current = await charter.current();
    const chosen = new Set([sent?.criteria ?? []].flat());
    const groups = (current?.content.principles ?? [])
      .map((p) => ({ p, criteria: p.criteria.filter((c) => (c.appliesTo as string[]).some((k) => kinds.has(k))) }))
      .filter((g) => g.criteria.length > 0);
    return (
      <>
        <p>{m.newIntro}</p>
        <ProblemSummary ctx={ctx} problems={problems} />
        <Form ctx={ctx} action="/membership/evaluations/new">
          <Select ctx={ctx} name="evaluator" label={m.evaluator} options={evaluators.map((o) => ({ value: o.slug, label: o.name }))} value={sent?.evaluator} problems={problems} />
          <Select ctx={ctx} name="evaluated" label={m.evaluated} options={members.map((o) => ({ value: o.slug, label: o.name }))} value={sent?.evaluated} problems={problems} />
          <fieldset id="field-riskLevel">
            <legend>{m.riskLevel}</legend>
            {RISK_LEVELS.map((level) => (
              <label class="choice" for={`risk-${level}`}>
                <input type="radio" id={`risk-${level}`} name="riskLevel" value={level} required checked={sent?.riskLevel === level} /> {m.riskLevels[level]}
              </label>
            ))}
          </fieldset>
          <fieldset id="field-criteria">
            <legend>{m.criteria}</legend>
            {problems.filter((p) => p.field === 'criteria').map((p) => <p class="problem">{p.text[ctx.locale]}</p>)}
            {groups.map((g) => (
              <fieldset>
                <legend>{g.p.title[ctx.locale]}</legend>
                {g.criteria.map((c) => (
                  <label class="choice" for={`criterion-${c.key}`}>
                    <input type="checkbox" id={`criterion-${c.key}`} name="criteria" value={c.key} checked={chosen.has(c.key)} /> {c.title[ctx.locale]}
                  </label>
                ))}
              </fieldset>
            ))}
          </fieldset>
          <button type="submit">{m.open}</button>
        </Form>
      </>
    );
  }

  app.get('/membership/evaluations/new', async (request, reply) => reply.page(peerEvaluationsText[request.locale].newTitle, await openForm(request, [])));

  app.post('/membership/evaluations/new', { schema: { body: OpenBody }, attachValidation: true }, async (request, reply) => {
    const viewer = requireViewer(request.viewer);
    const evaluators = evaluatorsFor(viewer, await membership.memberOrganisationIds());
    if (evaluators.length === 0) throw notEligible();
    return submitForm<Static<typeof OpenBody>>(request, reply, {
      title: peerEvaluationsText[request.locale].newTitle,
      render: (problems) => openForm(request, problems, (request.body ?? {}) as Partial<Static<typeof OpenBody>>),
      run: async (body) => {
        const evaluator = evaluators.find((o) => o.slug === body.evaluator);
        if (!evaluator) throw AppError.forbidden();
        const evaluated = (await membership.members()).find((o) => o.slug === body.evaluated);
        if (!evaluated) throw AppError.field('not_a_member', 'evaluated', { en: peerEvaluationsText.en.errors.notMember, fr: peerEvaluationsText.fr.errors.notMember });
        const opened = await peerEvaluations.open({ evaluatorId: evaluator.organisationId, evaluatedId: evaluated.id, riskLevel: body.riskLevel, criteria: body.criteria ?? [] }, actorOf(viewer));
        return reply.redirect(base(opened), 303);
      },
    });
  });

  app.get('/membership/evaluations/:number', { schema: { params: NumberParams } }, async (request, reply) => {
    const { evaluation } = await load(request, 'details');
    return reply.page(title(request, evaluation), await details(request));
  });

  app.post('/membership/evaluations/:number/findings', { schema: { params: NumberParams, body: FindingBody }, attachValidation: true }, async (request, reply) => {
    const { evaluation, viewer } = await load(request, 'writeFindings');
    return submitForm<Static<typeof FindingBody>>(request, reply, {
      title: title(request, evaluation),
      render: (problems) => details(request, problems),
      run: async (body) => {
        await peerEvaluations.addFinding(evaluation, body, actorOf(viewer));
        return reply.redirect(base(evaluation), 303);
      },
    });
  });

  app.post('/membership/evaluations/:number/findings/:position/remove', { schema: { params: FindingParams } }, async (request, reply) => {
    const { evaluation, viewer } = await load(request, 'writeFindings');
    await peerEvaluations.removeFinding(evaluation, (request.params as Static<typeof FindingParams>).position, actorOf(viewer));
    return reply.redirect(base(evaluation), 303);
  });

  app.post('/membership/evaluations/:number/share', { schema: { params: NumberParams } }, async (request, reply) => {
    const { evaluation, viewer } = await load(request, 'conclude');
    await peerEvaluations.share(evaluation, actorOf(viewer));
    return reply.redirect(base(evaluation), 303);
  });

  app.post('/membership/evaluations/:number/findings/:position/notes', { schema: { params: FindingParams, body: NoteBody }, attachValidation: true }, async (request, reply) => {
    const { evaluation, access, viewer } = await load(request, 'followUp');
    const { position } = request.params as Static<typeof FindingParams>;
    return submitForm<Static<typeof NoteBody>>(request, reply, {
      title: title(request, evaluation),
      render: (problems) => details(request, problems),
      run: async (body) => {
        const organisation = access.followUpFor.find((o) => o.slug === body.organisation);
        if (!organisation) throw AppError.forbidden();
        await peerEvaluations.addNote(evaluation, position, organisation.organisationId, actorOf(viewer), body.body, body.status || null);
        return reply.redirect(`${base(evaluation)}#finding-${position}`, 303);
      },
    });
  });

  app.post('/membership/evaluations/:number/close', { schema: { params: NumberParams, body: CloseBody }, attachValidation: true }, async (request, reply) => {
    const { evaluation, viewer } = await load(request, 'conclude');
    return submitForm<Static<typeof CloseBody>>(request, reply, {
      title: title(request, evaluation),
      render: (problems) => details(request, problems),
      run: async (body) => {
        await peerEvaluations.close(evaluation, body.summary, actorOf(viewer));
        return reply.redirect(`/membership/evaluations#evaluation-${evaluation.number}`, 303);
      },
    });
  });
}
