import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { bearerSecurity, errorResponses } from '../../platform/http/api-schemas.ts';
import { meetingsText } from './meetings.messages.ts';
import { seesMeetingLocation } from './meetings.policy.ts';

const Bilingual = Type.Object({ en: Type.String(), fr: Type.String() });

const MeetingJson = Type.Object({
  id: Type.String(),
  startsAt: Type.String({ description: 'ISO-8601, UTC' }),
  endsAt: Type.String({ description: 'ISO-8601, UTC' }),
  durationMinutes: Type.Integer(),
  cancelled: Type.Boolean(),
  locationNote: Type.Optional(Type.String({ description: 'Only with a token of someone who belongs to an organisation or holds a coalition role.' })),
  agenda: Type.Array(Type.Object({ title: Bilingual, path: Type.String(), url: Type.String() })),
});

/** The meetings as JSON: the same list as the /meetings page. */
export function registerMeetingsApi(app: FastifyInstance): void {
  const { meetings, config } = app.haven;

  app.get(
    '/api/v1/meetings',
    {
      schema: {
        tags: ['membership'],
        security: [{}, ...bearerSecurity],
        summary: 'Meetings not over yet (cancelled ones flagged), soonest first, each with its agenda; the location only for the coalition’s people',
        description: meetingsText.en.intro,
        response: { 200: Type.Array(MeetingJson), ...errorResponses },
      },
    },
    async (request) => {
      const showLocation = seesMeetingLocation(request.viewer);
      return (await meetings.withAgendas(await meetings.upcoming())).map(({ meeting, agenda }) => ({
        id: meeting.id,
        startsAt: meeting.startsAt,
        endsAt: meeting.endsAt,
        durationMinutes: meeting.durationMinutes,
        cancelled: meeting.cancelledAt !== null,
        ...(showLocation ? { locationNote: meeting.locationNote } : {}),
        agenda: agenda.map((item) => ({ title: item.title, path: item.path, url: new URL(item.path, config.publicUrl).toString() })),
      }));
    },
  );
}
