import type { Locale } from '../../platform/i18n/locale.ts';
import type { OrganisationKind, OrganisationRole } from '../organisations/organisations.table.ts';
import type { CoalitionRole } from './accounts.table.ts';

export interface ViewerMembership {
  organisationId: string;
  slug: string;
  name: string;
  kind: OrganisationKind;
  role: OrganisationRole;
}

/** The person behind a request, as every policy sees them. */
export interface Viewer {
  accountId: string;
  username: string;
  roles: ReadonlySet<CoalitionRole>;
  memberships: readonly ViewerMembership[];
  locale: Locale | null;
  /** How the request proved who it is. */
  via: { kind: 'session'; sessionId: string } | { kind: 'token'; tokenId: string };
}

export function actorOf(viewer: Viewer) {
  return { accountId: viewer.accountId, username: viewer.username };
}
