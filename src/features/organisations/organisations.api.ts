import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { bearerSecurity, errorResponses } from '../../platform/http/api-schemas.ts';
import { isSteward, requireOrganisationManager, requireSteward, requireViewer } from '../accounts/accounts.policy.ts';
import { Username } from '../accounts/accounts.schemas.ts';
import { actorOf } from '../accounts/viewer.ts';
import { CreateOrganisationBody, OrganisationRoleName, OrganisationSummary, Slug } from './organisations.schemas.ts';

const SlugParams = Type.Object({ slug: Slug });
const MemberParams = Type.Object({ slug: Slug, username: Username });
const AddMemberBody = Type.Object({ username: Username, role: OrganisationRoleName }, { additionalProperties: false });
const Member = Type.Object({ username: Type.String(), role: Type.String(), joinedAt: Type.String() });

export function registerOrganisationApi(app: FastifyInstance): void {
  const { organisations, accounts } = app.haven;
  const tags = ['organisations'];
  const summary = (o: { slug: string; name: string; kind: string; created_at: string }) => ({
    slug: o.slug,
    name: o.name,
    kind: o.kind,
    createdAt: o.created_at,
  });

  app.get(
    '/api/v1/organisations',
    { schema: { tags, summary: 'Organisations you belong to (stewards: all of them)', security: bearerSecurity, response: { 200: Type.Array(OrganisationSummary), ...errorResponses } } },
    async (request) => {
      const viewer = requireViewer(request.viewer);
      const all = await organisations.list();
      const mine = new Set(viewer.memberships.map((m) => m.organisationId));
      return all.filter((o) => isSteward(viewer) || mine.has(o.id)).map(summary);
    },
  );

  app.post(
    '/api/v1/organisations',
    { schema: { tags, summary: 'Create an organisation (stewards only)', security: bearerSecurity, body: CreateOrganisationBody, response: { 201: OrganisationSummary, ...errorResponses } } },
    async (request, reply) => {
      const steward = requireSteward(request.viewer);
      const created = await organisations.create(request.body as Static<typeof CreateOrganisationBody>, actorOf(steward));
      return reply.code(201).send(summary(created));
    },
  );

  app.get(
    '/api/v1/organisations/:slug/members',
    { schema: { tags, summary: 'Members of an organisation (its delegates and stewards)', security: bearerSecurity, params: SlugParams, response: { 200: Type.Array(Member), ...errorResponses } } },
    async (request) => {
      const { slug } = request.params as Static<typeof SlugParams>;
      const organisation = await organisations.getBySlug(slug);
      requireOrganisationManager(request.viewer, organisation.id);
      const rows = await organisations.members(organisation.id);
      return rows.map((r) => ({ username: r.username, role: r.role, joinedAt: r.joined_at }));
    },
  );

  app.post(
    '/api/v1/organisations/:slug/members',
    { schema: { tags, summary: 'Add a person to an organisation (its delegates and stewards)', security: bearerSecurity, params: SlugParams, body: AddMemberBody, response: { 204: Type.Null(), ...errorResponses } } },
    async (request, reply) => {
      const { slug } = request.params as Static<typeof SlugParams>;
      const organisation = await organisations.getBySlug(slug);
      const manager = requireOrganisationManager(request.viewer, organisation.id);
      const body = request.body as Static<typeof AddMemberBody>;
      const account = await accounts.findByUsername(body.username);
      await organisations.addMember(organisation.id, account.id, body.role, actorOf(manager));
      return reply.code(204).send();
    },
  );

  app.delete(
    '/api/v1/organisations/:slug/members/:username',
    { schema: { tags, summary: 'Remove a person from an organisation', security: bearerSecurity, params: MemberParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (request, reply) => {
      const { slug, username } = request.params as Static<typeof MemberParams>;
      const organisation = await organisations.getBySlug(slug);
      const manager = requireOrganisationManager(request.viewer, organisation.id);
      const account = await accounts.findByUsername(username);
      await organisations.removeMember(organisation.id, account.id, actorOf(manager));
      return reply.code(204).send();
    },
  );
}
