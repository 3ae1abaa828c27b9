import { AppError } from '../../platform/http/errors.ts';
import type { Viewer, ViewerMembership } from '../accounts/viewer.ts';
import type { Application } from './applications.service.ts';

export interface ApplicationAccess {
  see: boolean;
  /** Fill in, amend, submit or withdraw: the applicant's delegates. */
  answer: boolean;
  comment: boolean;
  /** The member organisations this viewer may take a stance for (as their delegate). */
  stanceFor: ViewerMembership[];
  decide: boolean;
}

/**
 * Who may do what with an application, decided here and nowhere else: the
 * applicant's people, the coalition's members, reviewers and stewards see it;
 * everyone else is told it does not exist.
 */
export function applicationAccess(viewer: Viewer | null, application: Application, memberOrganisations: ReadonlySet<string>): ApplicationAccess {
  const none: ApplicationAccess = { see: false, answer: false, comment: false, stanceFor: [], decide: false };
  if (!viewer) return none;
  const steward = viewer.roles.has('steward');
  const ofApplicant = viewer.memberships.filter((m) => m.organisationId === application.organisation_id);
  const ofMembers = viewer.memberships.filter((m) => memberOrganisations.has(m.organisationId) && m.organisationId !== application.organisation_id);
  const see = steward || viewer.roles.has('reviewer') || ofApplicant.length > 0 || ofMembers.length > 0;
  if (!see) return none;
  const open = application.state === 'draft' || application.state === 'in-review';
  const inReview = application.state === 'in-review';
  return {
    see,
    answer: open && ofApplicant.some((m) => m.role === 'delegate'),
    comment: inReview,
    stanceFor: inReview ? ofMembers.filter((m) => m.role === 'delegate') : [],
    decide: steward && inReview,
  };
}

export function requireApplicationAccess(viewer: Viewer | null, application: Application, members: ReadonlySet<string>, need: 'see' | 'answer' | 'comment' | 'decide'): ApplicationAccess {
  const access = applicationAccess(viewer, application, members);
  if (!viewer) throw AppError.unauthenticated();
  if (!access.see) throw AppError.notFound();
  if (need !== 'see' && !access[need]) throw AppError.forbidden();
  return access;
}
