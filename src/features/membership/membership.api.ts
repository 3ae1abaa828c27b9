import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';

const Member = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  joinedAt: Type.String(),
  /** Due to re-confirm the charter and past the grace period. */
  lapsed: Type.Boolean(),
  confirmedVersion: Type.Integer(),
});

const Departure = Type.Object({
  date: Type.String(),
  organisation: Type.Object({ slug: Type.String(), name: Type.String() }),
  kind: Type.Union([Type.Literal('voluntary'), Type.Literal('end-of-services'), Type.Literal('removed'), Type.Literal('kept')]),
  note: Type.String(),
  breachCase: Type.Union([Type.Integer(), Type.Null()]),
  criteria: Type.Array(Type.String()),
});

/** The public side of membership as JSON: who the members are, and who left. */
export function registerMembershipApi(app: FastifyInstance): void {
  const { membership, reconfirmation, departures } = app.haven;
  const tags = ['membership'];

  app.get(
    '/api/v1/membership/members',
    { schema: { tags, summary: 'Current members, with the charter version each last confirmed and whether it has lapsed', response: { 200: Type.Array(Member) } } },
    async () => {
      const [list, statuses] = await Promise.all([membership.members(), reconfirmation.statuses()]);
      return list.map((m) => ({
        slug: m.slug,
        name: m.name,
        kind: m.kind,
        joinedAt: m.joined_at,
        lapsed: statuses.get(m.id)?.lapsed ?? false,
        confirmedVersion: Number(m.confirmed_version),
      }));
    },
  );

  app.get(
    '/api/v1/membership/departures',
    { schema: { tags, summary: 'The public log: members that left or ended their services, and the outcome of breach cases', response: { 200: Type.Array(Departure) } } },
    async () =>
      (await departures.publicLog()).map((d) => ({ date: d.date, organisation: d.organisation, kind: d.kind, note: d.note, breachCase: d.caseNumber, criteria: d.criteria.map((c) => c.key) })),
  );
}
