import { AppError } from '../../platform/http/errors.ts';
import { requireViewer } from '../accounts/accounts.policy.ts';
import type { Viewer } from '../accounts/viewer.ts';

/**
 * Who reads a referral inside Haven: the delegates of the provider it was sent to, and no one
 * else — not its staff, not the stewards (they see only that one waits, never what it says).
 * The person who sent it reads it through their secret link; an intermediary through its
 * engagements (beneficiaries.policy.ts).
 */
export function canReadReferrals(viewer: Viewer | null, providerId: string): boolean {
  return viewer?.memberships.some((m) => m.organisationId === providerId && m.role === 'delegate') ?? false;
}

/** Anyone else is told there is nothing, so that a referral's existence does not leak. */
export function requireReferralReader(viewer: Viewer | null, providerId: string): Viewer {
  const who = requireViewer(viewer);
  if (!canReadReferrals(who, providerId)) throw AppError.notFound();
  return who;
}
