import { Type } from 'typebox';
import { ProfileBody, ServiceBody } from './directory.schemas.ts';
import type { StoredService } from './directory.repository.ts';
import type { ListedProvider } from './listed-provider.ts';

/** Exactly what leaves the server about a service: its public fields and its stable slug. */
export const ServiceJson = Type.Object({ slug: Type.String(), ...ServiceBody.properties });

export const ProviderJson = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  member: Type.Boolean(),
  memberSince: Type.Union([Type.String(), Type.Null()]),
  profile: ProfileBody,
  services: Type.Array(ServiceJson),
  updatedAt: Type.String(),
  url: Type.String(),
});

export function serviceJson(s: StoredService) {
  const { id: _id, origin: _origin, ...fields } = s;
  return fields;
}

export function providerJson(p: ListedProvider, publicUrl: URL) {
  return {
    slug: p.slug,
    name: p.name,
    kind: p.kind,
    member: p.member,
    memberSince: p.memberSince,
    profile: p.profile,
    services: p.services.map(serviceJson),
    updatedAt: p.updatedAt,
    url: new URL(`/directory/providers/${p.slug}`, publicUrl).toString(),
  };
}

/** The start of a description, as search results show it (the profile has it whole). */
export function excerpt(text: string, max = 280): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
