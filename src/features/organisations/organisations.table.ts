export const ORGANISATION_KINDS = [
  'hosting-provider',
  'security-provider',
  'partner',
  'intermediary',
  'donor',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const ORGANISATION_ROLES = ['delegate', 'staff'] as const;
export type OrganisationRole = (typeof ORGANISATION_ROLES)[number];

export interface OrganisationsTable {
  id: string;
  slug: string;
  name: string;
  kind: OrganisationKind;
  created_at: string;
  updated_at: string;
}

export interface OrganisationMembersTable {
  organisation_id: string;
  account_id: string;
  role: OrganisationRole;
  joined_at: string;
}
