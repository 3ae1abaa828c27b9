import { AppError } from '../../platform/http/errors.ts';
import { localized } from '../../platform/i18n/locale.ts';
import type { Viewer, ViewerMembership } from '../accounts/viewer.ts';
import { departuresText } from './departures.messages.ts';
import type { BreachCase } from './departures.service.ts';

/**
 * The delegate acting for a member organisation (to leave, or to
 * re-confirm): its staff are refused, everyone else is told there is nothing
 * here, and an organisation that is not a member cannot do either.
 */
export function requireMemberDelegate(viewer: Viewer | null, slug: string, members: ReadonlySet<string>): { viewer: Viewer; organisation: ViewerMembership } {
  if (!viewer) throw AppError.unauthenticated();
  const organisation = viewer.memberships.find((m) => m.slug === slug);
  if (!organisation) throw AppError.notFound();
  if (organisation.role !== 'delegate') throw AppError.forbidden();
  if (!members.has(organisation.organisationId)) throw new AppError('not_member', 409, localized(departuresText, (m) => m.errors.notMember));
  return { viewer, organisation };
}

export interface BreachCaseAccess {
  see: boolean;
  /** Answer the notice in writing: the delegates of the member concerned (the service keeps to the window). */
  answer: boolean;
  /** The member organisations this viewer may take a stance for (as their delegate); never the member concerned. */
  stanceFor: ViewerMembership[];
  /** Record the outcome: stewards (the service waits for the window to close). */
  decide: boolean;
}

/**
 * Who may do what with a breach case, decided here and nowhere else: the
 * member concerned, the coalition's members, reviewers and stewards see it;
 * everyone else is told it does not exist. Only its outcome is public.
 */
export function breachCaseAccess(viewer: Viewer | null, breachCase: BreachCase, memberOrganisations: ReadonlySet<string>): BreachCaseAccess {
  const none: BreachCaseAccess = { see: false, answer: false, stanceFor: [], decide: false };
  if (!viewer) return none;
  const steward = viewer.roles.has('steward');
  const ofConcerned = viewer.memberships.filter((m) => m.organisationId === breachCase.organisation_id);
  const ofMembers = viewer.memberships.filter((m) => memberOrganisations.has(m.organisationId) && m.organisationId !== breachCase.organisation_id);
  const see = steward || viewer.roles.has('reviewer') || ofConcerned.length > 0 || ofMembers.length > 0;
  if (!see) return none;
  const open = breachCase.state === 'open';
  return {
    see,
    answer: open && ofConcerned.some((m) => m.role === 'delegate'),
    stanceFor: open ? ofMembers.filter((m) => m.role === 'delegate') : [],
    decide: steward && open,
  };
}

export function requireBreachCaseAccess(viewer: Viewer | null, breachCase: BreachCase, members: ReadonlySet<string>, need: 'see' | 'answer' | 'decide'): BreachCaseAccess {
  const access = breachCaseAccess(viewer, breachCase, members);
  if (!viewer) throw AppError.unauthenticated();
  if (!access.see) throw AppError.notFound();
  if (need !== 'see' && !access[need]) throw AppError.forbidden();
  return access;
}
