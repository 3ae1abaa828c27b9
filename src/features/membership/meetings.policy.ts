import type { Viewer } from '../accounts/viewer.ts';

/**
 * Who learns where a meeting takes place: a call link or a place can put
 * people at risk, so only logged-in people who belong to an organisation or
 * hold a coalition role; never anonymous visitors, never the public feed.
 */
export function seesMeetingLocation(viewer: Viewer | null): boolean {
  if (!viewer) return false;
  return viewer.memberships.length > 0 || viewer.roles.size > 0;
}
