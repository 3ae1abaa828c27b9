import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { bearerSecurity, errorResponses } from '../../platform/http/api-schemas.ts';
import { requireSteward, requireViewer } from './accounts.policy.ts';
import {
  AccountSummary,
  CreateAccountBody,
  CreatedAccount,
  CreatedToken,
  CreateTokenBody,
  MeResponse,
  TokenSummary,
} from './accounts.schemas.ts';
import { actorOf } from './viewer.ts';

const TokenParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

export function registerAccountApi(app: FastifyInstance): void {
  const { accounts, tokens, secondFactor } = app.haven;
  const tags = ['accounts'];

  app.get(
    '/api/v1/me',
    { schema: { tags, summary: 'The account behind this token', security: bearerSecurity, response: { 200: MeResponse, ...errorResponses } } },
    async (request) => {
      const viewer = requireViewer(request.viewer);
      const account = await accounts.get(viewer.accountId);
      return {
        id: account.id,
        username: account.username,
        roles: [...viewer.roles].sort(),
        locale: account.locale,
        secondFactor: secondFactor.isEnabled(account),
        organisations: viewer.memberships.map((m) => ({ slug: m.slug, name: m.name, kind: m.kind, role: m.role })),
      };
    },
  );

  app.get(
    '/api/v1/me/tokens',
    { schema: { tags, summary: 'Your API tokens (never the secret itself)', security: bearerSecurity, response: { 200: Type.Array(TokenSummary), ...errorResponses } } },
    async (request) => {
      const viewer = requireViewer(request.viewer);
      const rows = await tokens.list(viewer.accountId);
      return rows.map((t) => ({ id: t.id, name: t.name, hint: t.hint, createdAt: t.created_at, lastUsedAt: t.last_used_at }));
    },
  );

  app.post(
    '/api/v1/me/tokens',
    { schema: { tags, summary: 'Create an API token; the secret is shown in this answer only', security: bearerSecurity, body: CreateTokenBody, response: { 201: CreatedToken, ...errorResponses } } },
    async (request, reply) => {
      const viewer = requireViewer(request.viewer);
      const { name } = request.body as Static<typeof CreateTokenBody>;
      return reply.code(201).send(await tokens.create(viewer.accountId, name, actorOf(viewer)));
    },
  );

  app.delete(
    '/api/v1/me/tokens/:id',
    { schema: { tags, summary: 'Revoke one of your API tokens', security: bearerSecurity, params: TokenParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (request, reply) => {
      const viewer = requireViewer(request.viewer);
      const { id } = request.params as Static<typeof TokenParams>;
      await tokens.revoke(viewer.accountId, id, actorOf(viewer));
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/accounts',
    { schema: { tags, summary: 'Every account (stewards only)', security: bearerSecurity, response: { 200: Type.Array(AccountSummary), ...errorResponses } } },
    async (request) => {
      requireSteward(request.viewer);
      const rows = await accounts.list();
      return rows.map((a) => ({ id: a.id, username: a.username, roles: a.roles, createdAt: a.created_at }));
    },
  );

  app.post(
    '/api/v1/accounts',
    { schema: { tags, summary: 'Create an account (stewards only); without a password one is generated and returned once', security: bearerSecurity, body: CreateAccountBody, response: { 201: CreatedAccount, ...errorResponses } } },
    async (request, reply) => {
      const steward = requireSteward(request.viewer);
      const body = request.body as Static<typeof CreateAccountBody>;
      const created = await accounts.create(body, actorOf(steward));
      return reply.code(201).send(created);
    },
  );
}
