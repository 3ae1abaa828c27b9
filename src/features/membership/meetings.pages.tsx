import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { submitForm } from '../../platform/html/form-route.ts';
import { Field, Form, ProblemSummary, Select } from '../../platform/html/form.tsx';
import type { PageContext } from '../../platform/html/page-context.ts';
import { AppError, type FieldProblem } from '../../platform/http/errors.ts';
import { formatDateTime, localized } from '../../platform/i18n/locale.ts';
import { requireSteward } from '../accounts/accounts.policy.ts';
import { Csrf } from '../accounts/accounts.schemas.ts';
import { actorOf } from '../accounts/viewer.ts';
import type { AgendaItem } from './agenda.ts';
import { meetingsText } from './meetings.messages.ts';
import { seesMeetingLocation } from './meetings.policy.ts';
import { MAX_DURATION_MINUTES, type Meeting } from './meetings.service.ts';

const DURATIONS = [30, 45, 60, 90, 120, 180, 240];
const DEFAULT_DURATION = '90';

const ScheduleBody = Type.Object({
  _csrf: Csrf,
  date: Type.String({ minLength: 1, maxLength: 10, pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
  time: Type.String({ minLength: 1, maxLength: 5, pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' }),
  durationMinutes: Type.Integer({ minimum: 15, maximum: MAX_DURATION_MINUTES }),
  locationNote: Type.String({ maxLength: 2000 }),
});
const MeetingParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

/** The start a steward typed (a date and a time, both UTC); a day that does not exist is refused. */
function startFromForm(date: string, time: string): Date {
  const at = new Date(`${date}T${time}:00.000Z`);
  if (Number.isNaN(at.getTime()) || at.toISOString().slice(0, 10) !== date) {
    throw AppError.field('no_such_date', 'date', localized(meetingsText, (m) => m.errors.noSuchDate));
  }
  return at;
}

function MeetingView(props: { ctx: PageContext; meeting: Meeting; agenda: AgendaItem[]; showLocation: boolean }) {
  const { ctx, meeting } = props;
  const m = meetingsText[ctx.locale];
  const headingId = `meeting-${meeting.id}`;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>
        {formatDateTime(meeting.startsAt, ctx.locale)}
        {meeting.cancelledAt && <span class="muted"> · {m.cancelled}</span>}
      </h2>
      <p>{m.minutes(meeting.durationMinutes)}</p>
      {!meeting.cancelledAt && (
        <>
          {props.showLocation && (
            <p>
              <strong>{m.location}:</strong> {meeting.locationNote || m.noLocation}
            </p>
          )}
          <h3>{m.agenda}</h3>
          {props.agenda.length === 0 ? (
            <p>{m.emptyAgenda}</p>
          ) : (
            <ul>
              {props.agenda.map((item) => (
                <li>
                  <a href={item.path}>{item.title[ctx.locale]}</a>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

/** The public list of meetings with their agendas, and the stewards' page to schedule and cancel them. */
export function registerMeetingPages(app: FastifyInstance): void {
  const { meetings } = app.haven;

  app.get('/meetings', async (request, reply) => {
    const ctx = request.pageContext();
    const m = meetingsText[ctx.locale];
    const showLocation = seesMeetingLocation(request.viewer);
    const list = await meetings.withAgendas(await meetings.upcoming());
    return reply.page(
      m.title,
      <>
        <p>{m.intro}</p>
        <p>
          <a href="/meetings.ics" type="text/calendar">{m.feed}</a>
        </p>
        {!showLocation && <p class="notice">{m.locationForMembers}</p>}
        {list.length === 0 && <p>{m.none}</p>}
        {list.map(({ meeting, agenda }) => (
          <MeetingView ctx={ctx} meeting={meeting} agenda={agenda} showLocation={showLocation} />
        ))}
      </>,
    );
  });

  async function adminPage(ctx: PageContext, problems: FieldProblem[], sent: Partial<Record<keyof Static<typeof ScheduleBody>, unknown>> = {}) {
    const m = meetingsText[ctx.locale];
    const a = m.admin;
    const list = await meetings.upcoming();
    // The form as sent (the schema may already have turned the duration into a number).
    const text = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
    return (
      <>
        <p>{a.intro}</p>
        <h2>{a.upcoming}</h2>
        {list.length === 0 && <p>{m.none}</p>}
        <ul>
          {list.map((meeting) => {
            const when = formatDateTime(meeting.startsAt, ctx.locale);
            return (
              <li>
                {when} · {m.minutes(meeting.durationMinutes)}
                {meeting.cancelledAt ? (
                  <span class="muted"> · {m.cancelled}</span>
                ) : (
                  <>
                    {meeting.locationNote && <> · {meeting.locationNote}</>}{' '}
                    <Form ctx={ctx} action={`/admin/meetings/${meeting.id}/cancel`} class="inline">
                      <button type="submit" class="link" aria-label={a.cancelLabel(when)}>
                        {a.cancel}
                      </button>
                    </Form>
                  </>
                )}
              </li>
            );
          })}
        </ul>
        <h2>{a.schedule}</h2>
        <ProblemSummary ctx={ctx} problems={problems} />
        <Form ctx={ctx} action="/admin/meetings">
          <Field ctx={ctx} name="date" type="date" label={a.date} required value={text(sent.date)} problems={problems} />
          <Field ctx={ctx} name="time" label={a.time} hint={a.timeHint} required inputmode="numeric" maxLength={5} value={text(sent.time)} problems={problems} />
          <Select
            ctx={ctx}
            name="durationMinutes"
            label={a.duration}
            value={text(sent.durationMinutes) ?? DEFAULT_DURATION}
            options={DURATIONS.map((n) => ({ value: String(n), label: m.minutes(n) }))}
            problems={problems}
          />
          <Field ctx={ctx} name="locationNote" label={a.locationNote} hint={a.locationHint} multiline maxLength={2000} value={text(sent.locationNote)} problems={problems} />
          <button type="submit">{a.submit}</button>
        </Form>
      </>
    );
  }

  const title = (request: FastifyRequest) => meetingsText[request.locale].admin.title;

  app.get('/admin/meetings', async (request, reply) => {
    requireSteward(request.viewer);
    return reply.page(title(request), await adminPage(request.pageContext(), []));
  });

  app.post('/admin/meetings', { schema: { body: ScheduleBody }, attachValidation: true }, async (request, reply) => {
    const steward = requireSteward(request.viewer);
    return submitForm<Static<typeof ScheduleBody>>(request, reply, {
      title: title(request),
      render: (problems) => adminPage(request.pageContext(), problems, (request.body ?? {}) as Record<string, unknown>),
      run: async (body) => {
        await meetings.schedule(startFromForm(body.date, body.time), body.durationMinutes, body.locationNote, actorOf(steward));
        return reply.redirect('/admin/meetings', 303);
      },
    });
  });

  app.post('/admin/meetings/:id/cancel', { schema: { params: MeetingParams } }, async (request, reply) => {
    const steward = requireSteward(request.viewer);
    await meetings.cancel((request.params as Static<typeof MeetingParams>).id, actorOf(steward));
    return reply.redirect('/admin/meetings', 303);
  });
}
