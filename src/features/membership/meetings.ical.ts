import type { FastifyInstance } from 'fastify';
import ical, { ICalEventStatus } from 'ical-generator';
import { Type, type Static } from 'typebox';
import { DAY } from '../../platform/clock.ts';
import { LOCALES, type Locale } from '../../platform/i18n/locale.ts';
import type { AgendaItem } from './agenda.ts';
import { meetingsText } from './meetings.messages.ts';
import type { Meeting } from './meetings.service.ts';

/** Past meetings stay in the feed this long, so calendars keep them rather than dropping them. */
export const FEED_KEEPS_PAST_MS = 90 * DAY;

const FeedQuery = Type.Object({ lang: Type.Optional(Type.Union(LOCALES.map((l) => Type.Literal(l)))) });

/**
 * The meetings as an iCalendar document. It is public, so it carries the
 * time and the agenda but never the location note.
 */
export function meetingsCalendar(
  meetings: { meeting: Meeting; agenda: AgendaItem[] }[],
  options: { publicUrl: URL; locale: Locale; now: Date },
): string {
  const m = meetingsText[options.locale];
  const page = new URL('/meetings', options.publicUrl).toString();
  const calendar = ical({
    name: m.feedName,
    prodId: { company: 'Haven', product: 'meetings', language: options.locale.toUpperCase() },
    url: page,
    // Calendar clients that honour it refresh twice a day.
    ttl: 12 * 60 * 60,
  });
  for (const { meeting, agenda } of meetings) {
    const lines = agenda.length === 0 ? [m.emptyAgenda] : [m.feedAgenda, ...agenda.map((item) => `- ${item.title[options.locale]}: ${new URL(item.path, options.publicUrl).toString()}`)];
    calendar.createEvent({
      // Stable, so a client updates the event it already has instead of adding another.
      id: `meeting-${meeting.id}@${options.publicUrl.host}`,
      start: new Date(meeting.startsAt),
      end: new Date(meeting.endsAt),
      stamp: options.now,
      summary: meeting.cancelledAt ? `${m.cancelled}: ${m.feedSummary}` : m.feedSummary,
      description: [...lines, '', `${m.feedMore} ${page}`].join('\n'),
      url: page,
      status: meeting.cancelledAt ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      // A cancellation is a revision of the event: clients only apply a higher sequence.
      sequence: meeting.cancelledAt ? 1 : 0,
    });
  }
  return calendar.toString();
}

/** GET /meetings.ics: upcoming meetings and those of the last 90 days, in the asker's language (or ?lang=). */
export function registerMeetingsFeed(app: FastifyInstance): void {
  const { meetings, clock, config } = app.haven;

  app.get('/meetings.ics', { schema: { querystring: FeedQuery } }, async (request, reply) => {
    const { lang } = request.query as Static<typeof FeedQuery>;
    const now = clock.now();
    const list = await meetings.startingFrom(new Date(now.getTime() - FEED_KEEPS_PAST_MS));
    const withAgenda = await meetings.withAgendas(list);
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', 'inline; filename="meetings.ics"')
      .header('cache-control', 'no-cache')
      .send(meetingsCalendar(withAgenda, { publicUrl: config.publicUrl, locale: lang ?? request.locale, now }));
  });
}
