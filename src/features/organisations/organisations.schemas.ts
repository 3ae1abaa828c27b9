import { Type } from 'typebox';
import { ORGANISATION_KINDS, ORGANISATION_ROLES } from './organisations.table.ts';

export const Slug = Type.String({ minLength: 2, maxLength: 48, pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$' });
export const OrganisationName = Type.String({ minLength: 2, maxLength: 120 });
export const OrganisationKindName = Type.Union(ORGANISATION_KINDS.map((k) => Type.Literal(k)));
export const OrganisationRoleName = Type.Union(ORGANISATION_ROLES.map((r) => Type.Literal(r)));

export const OrganisationSummary = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  createdAt: Type.String(),
});

export const CreateOrganisationBody = Type.Object(
  { slug: Slug, name: OrganisationName, kind: OrganisationKindName },
  { additionalProperties: false },
);
