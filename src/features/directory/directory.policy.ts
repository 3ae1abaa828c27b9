import { AppError } from '../../platform/http/errors.ts';
import { canManageOrganisation, isSteward, requireViewer } from '../accounts/accounts.policy.ts';
import type { Viewer } from '../accounts/viewer.ts';

/** The provider's delegates keep its profile; stewards may step in. Staff read but do not edit. */
export function canEditProfile(viewer: Viewer | null, organisationId: string): boolean {
  return canManageOrganisation(viewer, organisationId);
}

export function requireProfileEditor(viewer: Viewer | null, organisationId: string): Viewer {
  const who = requireViewer(viewer);
  if (!canEditProfile(who, organisationId)) throw AppError.forbidden();
  return who;
}

/**
 * A published profile and its pages are public; before it is published they
 * exist only for those who may edit it (others are told there is nothing).
 * Returns whether the viewer may edit.
 */
export function requireVisibleProfile(viewer: Viewer | null, record: { published: boolean; organisation: { id: string } }): { canEdit: boolean } {
  const canEdit = canEditProfile(viewer, record.organisation.id);
  if (!record.published && !canEdit) throw AppError.notFound();
  return { canEdit };
}

/** How the history names the person who changed the profile. */
export function changerKind(viewer: Viewer, organisationId: string): 'delegate' | 'steward' {
  const delegate = viewer.memberships.some((m) => m.organisationId === organisationId && m.role === 'delegate');
  return delegate || !isSteward(viewer) ? 'delegate' : 'steward';
}

/** Anyone with an account may follow a published provider; nobody can follow what the public cannot see. */
export function requireFollower(viewer: Viewer | null, record: { published: boolean }): Viewer {
  const who = requireViewer(viewer);
  if (!record.published) throw AppError.notFound();
  return who;
}
