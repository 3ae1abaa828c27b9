import { Type } from 'typebox';
import { COALITION_ROLES } from './accounts.table.ts';

export const Username = Type.String({ minLength: 3, maxLength: 32, pattern: '^[a-z0-9][a-z0-9._-]*$' });
export const Password = Type.String({ minLength: 10, maxLength: 256 });
export const RoleName = Type.Union(COALITION_ROLES.map((r) => Type.Literal(r)));
export const Csrf = Type.Optional(Type.String({ maxLength: 100 }));

export const AccountSummary = Type.Object({
  id: Type.String(),
  username: Type.String(),
  roles: Type.Array(Type.String()),
  createdAt: Type.String(),
});

export const MeResponse = Type.Object({
  id: Type.String(),
  username: Type.String(),
  roles: Type.Array(Type.String()),
  locale: Type.Union([Type.String(), Type.Null()]),
  secondFactor: Type.Boolean(),
  organisations: Type.Array(
    Type.Object({ slug: Type.String(), name: Type.String(), kind: Type.String(), role: Type.String() }),
  ),
});

export const TokenSummary = Type.Object({
  id: Type.String(),
  name: Type.String(),
  hint: Type.String(),
  createdAt: Type.String(),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
});

export const CreateTokenBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 80 }) },
  { additionalProperties: false },
);
export const CreatedToken = Type.Object({ id: Type.String(), name: Type.String(), token: Type.String() });

export const CreateAccountBody = Type.Object(
  {
    username: Username,
    password: Type.Optional(Password),
    roles: Type.Optional(Type.Array(RoleName, { maxItems: 4, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export const CreatedAccount = Type.Object({
  id: Type.String(),
  username: Type.String(),
  roles: Type.Array(Type.String()),
  generatedPassword: Type.Union([Type.String(), Type.Null()]),
});
