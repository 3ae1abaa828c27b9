import type { Viewer } from '../accounts/viewer.ts';
import { canEditProfile } from '../directory/directory.policy.ts';

/**
 * Who may read a register entry: anyone once it is published; until then
 * only the provider's delegates and the stewards. Every read path (page,
 * API) asks this one function.
 */
export function canReadLegalRequest(viewer: Viewer | null, entry: { organisation_id: string; published_at: string | null }): boolean {
  return entry.published_at !== null || canEditProfile(viewer, entry.organisation_id);
}
