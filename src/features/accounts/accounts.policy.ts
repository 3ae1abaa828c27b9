import { AppError } from '../../platform/http/errors.ts';
import type { Viewer } from './viewer.ts';

/** Coalition-wide rules about who may act on accounts and organisations. */
export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw AppError.unauthenticated();
  return viewer;
}

export function isSteward(viewer: Viewer | null): boolean {
  return viewer?.roles.has('steward') ?? false;
}

export function requireSteward(viewer: Viewer | null): Viewer {
  const who = requireViewer(viewer);
  if (!isSteward(who)) throw AppError.forbidden();
  return who;
}

/** A delegate of the organisation, or a steward, may manage it. */
export function canManageOrganisation(viewer: Viewer | null, organisationId: string): boolean {
  if (!viewer) return false;
  if (isSteward(viewer)) return true;
  return viewer.memberships.some((m) => m.organisationId === organisationId && m.role === 'delegate');
}

/** Outsiders are told the organisation is not there: partner organisations may be at risk by being named. */
export function requireOrganisationManager(viewer: Viewer | null, organisationId: string): Viewer {
  const who = requireViewer(viewer);
  if (canManageOrganisation(who, organisationId)) return who;
  if (who.memberships.some((m) => m.organisationId === organisationId)) throw AppError.forbidden();
  throw AppError.notFound();
}
