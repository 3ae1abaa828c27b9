import { AppError } from '../../platform/http/errors.ts';
import type { Viewer, ViewerMembership } from '../accounts/viewer.ts';
import type { EvaluationState } from './peer-evaluations.table.ts';

/** What the access rule needs to know of an evaluation. */
export interface EvaluationParties {
  evaluator: { id: string };
  evaluated: { id: string };
  state: EvaluationState;
}

export interface EvaluationAccess {
  /** The public summary and the counts of findings: anyone, once the evaluation is closed. */
  summary: boolean;
  /** Everything else (criteria, findings, follow-up notes): the two organisations' people and stewards. */
  details: boolean;
  /** Findings the evaluator has not shared yet: the evaluator's people and stewards. */
  draftFindings: boolean;
  /** Write or remove findings while the evaluation is open: the evaluator's people (delegates and staff alike do the work). */
  writeFindings: boolean;
  /** Share the findings and close with the public summary: the evaluator's delegates, who speak for it. */
  conclude: boolean;
  /** The organisations this viewer may add follow-up notes for, once findings are shared and until closing. */
  followUpFor: ViewerMembership[];
}

const NONE: EvaluationAccess = { summary: false, details: false, draftFindings: false, writeFindings: false, conclude: false, followUpFor: [] };

/**
 * The one access rule of peer evaluations, called by every page, every API
 * route and every list. A finding describes a weakness of a provider that
 * protects people at risk, so only the two organisations and the stewards
 * read the details; reviewers and the other members do not.
 */
export function evaluationAccess(viewer: Viewer | null, evaluation: EvaluationParties): EvaluationAccess {
  const closed = evaluation.state === 'closed';
  const publicOnly: EvaluationAccess = { ...NONE, summary: closed };
  if (!viewer) return publicOnly;
  const steward = viewer.roles.has('steward');
  const ofEvaluator = viewer.memberships.filter((m) => m.organisationId === evaluation.evaluator.id);
  const ofEvaluated = viewer.memberships.filter((m) => m.organisationId === evaluation.evaluated.id);
  if (!steward && ofEvaluator.length === 0 && ofEvaluated.length === 0) return publicOnly;
  const open = evaluation.state === 'open';
  const following = evaluation.state === 'findings-shared' || evaluation.state === 'follow-up';
  return {
    summary: closed,
    details: true,
    draftFindings: steward || ofEvaluator.length > 0,
    writeFindings: open && ofEvaluator.length > 0,
    conclude: !closed && ofEvaluator.some((m) => m.role === 'delegate'),
    followUpFor: following ? [...ofEvaluator, ...ofEvaluated] : [],
  };
}

export type EvaluationNeed = 'details' | 'writeFindings' | 'conclude' | 'followUp';

/** 401 to the anonymous, 404 to whoever may not read the details (it may not even exist for them), 403 for an act not theirs. */
export function requireEvaluationAccess(viewer: Viewer | null, evaluation: EvaluationParties, need: EvaluationNeed): EvaluationAccess {
  const access = evaluationAccess(viewer, evaluation);
  if (!viewer) throw AppError.unauthenticated();
  if (!access.details) throw AppError.notFound();
  const granted = need === 'followUp' ? access.followUpFor.length > 0 : access[need];
  if (!granted) throw AppError.forbidden();
  return access;
}

/** Who may open an evaluation: the delegates of member organisations, for those organisations. */
export function evaluatorsFor(viewer: Viewer | null, memberOrganisations: ReadonlySet<string>): ViewerMembership[] {
  return (viewer?.memberships ?? []).filter((m) => m.role === 'delegate' && memberOrganisations.has(m.organisationId));
}
