import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { Type } from 'typebox';

const Health = Type.Object({
  status: Type.Literal('ok'),
  database: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')]),
  version: Type.String(),
});

export function registerHealthRoutes(app: FastifyInstance): void {
  app.get(
    '/healthz',
    { schema: { tags: ['health'], summary: 'Is this instance up, and on which database', response: { 200: Health } } },
    async () => {
      await sql`select 1`.execute(app.haven.database.db);
      return { status: 'ok' as const, database: app.haven.database.dialect, version: '0.1.0' };
    },
  );
}
