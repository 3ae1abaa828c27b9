import { AppError } from '../../platform/http/errors.ts';
import { isSteward, requireViewer } from '../accounts/accounts.policy.ts';
import type { Viewer } from '../accounts/viewer.ts';
import { intermediariesOf } from './beneficiaries.policy.ts';

/** What a report counts: every referral of the coalition, or those one intermediary commissioned. */
export type ReportScope = { kind: 'coalition' } | { kind: 'intermediary'; organisationId: string; slug: string; name: string };

export const COALITION_SCOPE = 'coalition';

/**
 * Who reads referrals in figures. Coalition-wide figures: the people of a donor organisation
 * (delegates and staff) and the stewards. An intermediary's own figures: its people, as for its
 * beneficiaries (beneficiaries.policy.ts). No one else, and never more than aggregates
 * (guidance-reports.ts). Every read path, page and API, asks this function.
 */
export function reportScopes(viewer: Viewer | null): ReportScope[] {
  if (!viewer) return [];
  const coalition = isSteward(viewer) || viewer.memberships.some((m) => m.kind === 'donor');
  return [
    ...(coalition ? [{ kind: 'coalition' as const }] : []),
    ...intermediariesOf(viewer).map((m) => ({ kind: 'intermediary' as const, organisationId: m.organisationId, slug: m.slug, name: m.name })),
  ];
}

export const scopeKey = (scope: ReportScope) => (scope.kind === 'coalition' ? COALITION_SCOPE : scope.slug);

/** The scope asked for (`coalition` or an intermediary's slug), else the viewer's first; 401, 403, or 404 for a scope that is not theirs. */
export function requireReportScope(viewer: Viewer | null, wanted?: string | null): ReportScope {
  const who = requireViewer(viewer);
  const scopes = reportScopes(who);
  if (scopes.length === 0) throw AppError.forbidden();
  const chosen = wanted ? scopes.find((s) => scopeKey(s) === wanted) : scopes[0];
  if (!chosen) throw AppError.notFound();
  return chosen;
}
