import { AppError } from '../../platform/http/errors.ts';
import { requireViewer } from '../accounts/accounts.policy.ts';
import type { Viewer } from '../accounts/viewer.ts';

/**
 * Who may handle a code-of-conduct report: a member of the conduct team who is not recused from it
 * (excluded by the reporter, named as involved, or who stepped aside). This one rule decides every
 * way into a report: lists, counts, pages, the API, notifications, the report's access trail.
 * Nobody else — stewards included — sees a report, nor learns that it exists.
 */
export function isOnConductTeam(viewer: Viewer | null): boolean {
  return viewer?.roles.has('conduct') ?? false;
}

export function canHandleReport(viewer: Viewer | null, recused: ReadonlySet<string>): boolean {
  return isOnConductTeam(viewer) && !recused.has(viewer!.accountId);
}

/** Anyone who may not handle the report is told there is nothing, exactly as for a number never used. */
export function requireReportHandler(viewer: Viewer | null, recused: ReadonlySet<string>): Viewer {
  const who = requireViewer(viewer);
  if (!canHandleReport(who, recused)) throw AppError.notFound();
  return who;
}
