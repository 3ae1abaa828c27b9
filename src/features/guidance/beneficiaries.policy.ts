import { AppError } from '../../platform/http/errors.ts';
import { requireViewer } from '../accounts/accounts.policy.ts';
import type { Viewer, ViewerMembership } from '../accounts/viewer.ts';

/**
 * Who keeps an intermediary's beneficiaries, their risk evaluations and the engagements commissioned
 * for them: the people of that intermediary, its delegates and its staff, and no one else. Staff are in
 * because those who sit with beneficiaries are usually caseworkers, not the organisation's delegates;
 * the intermediary decides whom it makes staff. Stewards are out: the records name no one, but a risk
 * evaluation is sensitive, and running the coalition never needs one. Providers see only what was
 * shared with them, through the referral (referrals.policy.ts). Every read path asks this function.
 */
export function canKeepBeneficiaries(viewer: Viewer | null, organisationId: string): boolean {
  return viewer?.memberships.some((m) => m.organisationId === organisationId && m.kind === 'intermediary') ?? false;
}

/** The intermediaries whose beneficiaries the viewer keeps. */
export function intermediariesOf(viewer: Viewer | null): ViewerMembership[] {
  return (viewer?.memberships ?? []).filter((m) => canKeepBeneficiaries(viewer, m.organisationId));
}

/**
 * The intermediary a page works for: the one named (`?org=slug`), else the viewer's first one.
 * Nobody logged in: 401; someone in no intermediary: 403; a slug not among theirs: 404.
 */
export function requireIntermediary(viewer: Viewer | null, slug?: string | null): ViewerMembership {
  const who = requireViewer(viewer);
  const mine = intermediariesOf(who);
  if (mine.length === 0) throw AppError.forbidden();
  const chosen = slug ? mine.find((m) => m.slug === slug) : mine[0];
  if (!chosen) throw AppError.notFound();
  return chosen;
}

/** One beneficiary's record: for its intermediary's people; anyone else is told there is nothing. */
export function requireBeneficiaryKeeper(viewer: Viewer | null, beneficiary: { organisationId: string }): Viewer {
  const who = requireViewer(viewer);
  if (!canKeepBeneficiaries(who, beneficiary.organisationId)) throw AppError.notFound();
  return who;
}
