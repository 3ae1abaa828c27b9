import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import ical, { type VEvent } from 'node-ical';
import { forEachDialect } from '../../../test/dialects.ts';
import { startHaven, type TestHaven } from '../../../test/harness.ts';
import { createAccount, WebClient } from '../../../test/web-client.ts';
import { DAY } from '../../platform/clock.ts';
import type { AgendaItem } from './agenda.ts';

const START = '2026-01-15T09:00:00.000Z';
const LOCATION = 'Call at https://call.example/coalition-room, passphrase otter';

forEachDialect((dialect) => {
  let t: TestHaven;
  const people = new Map<string, { browser: WebClient; password: string }>();
  /** What the fake agenda source puts on each meeting, by meeting id. */
  const applicationsOn = new Map<string, AgendaItem[]>();
  const departuresOn = new Map<string, AgendaItem[]>();

  async function person(username: string, options: { org?: string; roles?: 'steward'[] } = {}) {
    const { id, password } = await createAccount(t.app, username, { roles: options.roles ?? [] });
    if (options.org) await t.haven.organisations.addMember((await t.haven.organisations.getBySlug(options.org)).id, id, 'staff', 'system');
    const browser = new WebClient(t.app);
    await browser.logIn(username, password);
    people.set(username, { browser, password });
    return browser;
  }
  const as = (username: string) => people.get(username)!.browser;

  /** Sessions end after a day idle: after moving the clock, the clock goes back and everyone logs in again. */
  async function backToStart() {
    t.clock.set(START);
    for (const [username, { browser, password }] of people) await browser.logIn(username, password);
  }

  const schedule = (at: string, note = LOCATION) => t.haven.meetings.schedule(new Date(at), 90, note, 'system');
  const feed = async (url = '/meetings.ics') => {
    const response = await t.app.inject(url);
    const events = Object.values(ical.sync.parseICS(response.body)).filter((c): c is VEvent => c?.type === 'VEVENT');
    return { response, events };
  };

  before(async () => {
    t = await startHaven(dialect);
    t.clock.set(START);
    await t.haven.organisations.create({ slug: 'riverbank', name: 'Riverbank Hosting', kind: 'hosting-provider' }, 'system');
    await person('meeting-steward', { roles: ['steward'] });
    await person('river-staff', { org: 'riverbank' });
    await person('lone-person');
    t.haven.meetings.addAgendaSource(async (meeting) => applicationsOn.get(meeting.id) ?? []);
    t.haven.meetings.addAgendaSource(async (meeting) => departuresOn.get(meeting.id) ?? []);
  });
  after(() => t.close());

  it('lets a steward schedule a meeting through the form, recorded in the audit trail without its location', async () => {
    const posted = await as('meeting-steward').post('/admin/meetings', { date: '2026-02-05', time: '17:30', durationMinutes: '120', locationNote: LOCATION }, '/admin/meetings');
    assert.equal(posted.status, 303);
    assert.equal(posted.location, '/admin/meetings');
    const stored = (await t.haven.meetings.upcoming()).find((m) => m.startsAt === '2026-02-05T17:30:00.000Z');
    assert.ok(stored, 'the meeting is stored at 17:30 UTC');
    assert.equal(stored.durationMinutes, 120);
    assert.equal(stored.endsAt, '2026-02-05T19:30:00.000Z');
    const admin = await as('meeting-steward').get('/admin/meetings');
    assert.match(admin.body, /5 Feb 2026, 17:30 UTC · 120 minutes/);
    assert.ok(admin.body.includes('Cancel the meeting of 5 Feb 2026, 17:30 UTC'));
    const event = (await t.haven.audit.latest(50)).find((e) => e.subject_id === stored.id);
    assert.equal(event?.action, 'meeting.schedule');
    assert.equal(event.actor_name, 'meeting-steward');
    assert.ok(!JSON.stringify(event).includes('otter'), 'the audit trail never holds the location');
  });

  it('refuses to let anyone but a steward schedule or cancel a meeting', async () => {
    const meeting = await schedule('2026-02-06T10:00:00.000Z');
    const before = (await t.haven.meetings.upcoming()).length;
    const fields = { date: '2026-02-07', time: '10:00', durationMinutes: '60', locationNote: '' };
    assert.equal((await as('river-staff').post('/admin/meetings', fields, '/meetings')).status, 403);
    assert.equal((await new WebClient(t.app).post('/admin/meetings', fields, '/login')).status, 401);
    assert.equal((await as('river-staff').get('/admin/meetings')).status, 403);
    assert.equal((await as('river-staff').post(`/admin/meetings/${meeting.id}/cancel`, {}, '/meetings')).status, 403);
    assert.equal((await t.haven.meetings.upcoming()).length, before, 'nothing was scheduled');
    assert.equal((await t.haven.meetings.get(meeting.id)).cancelledAt, null, 'nothing was cancelled');
  });

  it('refuses a meeting in the past, or on a day that does not exist, naming the date field and storing nothing', async () => {
    const before = (await t.haven.meetings.startingFrom(new Date(0))).length;
    const past = await as('meeting-steward').post('/admin/meetings', { date: '2026-01-15', time: '08:59', durationMinutes: '60', locationNote: 'x' }, '/admin/meetings');
    assert.equal(past.status, 400);
    assert.match(past.body, /<p class="problem" id="field-date-problem">Choose a date and time in the future\.<\/p>/);
    assert.match(past.body, /id="field-date"[^>]*aria-invalid="true"/);
    assert.match(past.body, /<option value="60" selected/, 'the form keeps what was sent');
    const noSuchDay = await as('meeting-steward').post('/admin/meetings', { date: '2026-02-30', time: '10:00', durationMinutes: '60', locationNote: '' }, '/admin/meetings');
    assert.equal(noSuchDay.status, 400);
    assert.match(noSuchDay.body, /id="field-date-problem">This date does not exist\./);
    const badTime = await as('meeting-steward').post('/admin/meetings', { date: '2026-03-01', time: '25:00', durationMinutes: '60', locationNote: '' }, '/admin/meetings');
    assert.equal(badTime.status, 400);
    assert.match(badTime.body, /id="field-time-problem"/);
    assert.equal((await t.haven.meetings.startingFrom(new Date(0))).length, before);
  });

  it('shows the upcoming meetings publicly with the agenda of every source, each item linked to its page', async () => {
    const meeting = await schedule('2026-02-12T16:00:00.000Z');
    applicationsOn.set(meeting.id, [{ title: { en: 'Application #7 from Riverbank Hosting', fr: 'Candidature nº 7 de Riverbank Hosting' }, path: '/membership/applications/7' }]);
    departuresOn.set(meeting.id, [{ title: { en: 'Departure of Old Mill Hosting', fr: 'Départ de Old Mill Hosting' }, path: '/membership/departures/3' }]);
    const page = await t.app.inject('/meetings');
    assert.equal(page.statusCode, 200);
    const section = page.body.slice(page.body.indexOf(`id="meeting-${meeting.id}"`));
    assert.match(section, /^[^]*?12 Feb 2026, 16:00 UTC[^]*?<a href="\/membership\/applications\/7">Application #7 from Riverbank Hosting<\/a>[^]*?<a href="\/membership\/departures\/3">Departure of Old Mill Hosting<\/a>/);
    assert.ok(page.body.includes('href="/meetings.ics"'), 'the page offers the calendar feed');
    const api = (await t.app.inject('/api/v1/meetings')).json() as { id: string; startsAt: string; agenda: { path: string; url: string }[] }[];
    const listed = api.find((m) => m.id === meeting.id)!;
    assert.equal(listed.startsAt, '2026-02-12T16:00:00.000Z');
    assert.deepEqual(listed.agenda.map((i) => i.url), ['http://haven.test/membership/applications/7', 'http://haven.test/membership/departures/3']);
    const openapi = (await t.app.inject('/api/openapi.json')).json();
    assert.ok(openapi.paths['/api/v1/meetings'].get.responses['200'], 'the API route is documented');
  });

  it('tells where the meeting takes place to the coalition’s people but not to anonymous visitors or outsiders', async () => {
    await schedule('2026-02-19T16:00:00.000Z', 'Room 4, Maison des associations');
    const anonymous = await t.app.inject('/meetings');
    assert.ok(!anonymous.body.includes('Maison des associations'));
    assert.match(anonymous.body, /shown to the coalition’s people once they are logged in/);
    assert.ok(!(await as('lone-person').get('/meetings')).body.includes('Maison des associations'), 'an account with no organisation nor role');
    assert.ok((await as('river-staff').get('/meetings')).body.includes('Maison des associations'));
    const anonymousApi = (await t.app.inject('/api/v1/meetings')).json() as { locationNote?: string }[];
    assert.ok(anonymousApi.every((m) => m.locationNote === undefined));
    const memberApi = JSON.parse((await as('river-staff').get('/api/v1/meetings')).body) as { locationNote?: string }[];
    assert.ok(memberApi.some((m) => m.locationNote === 'Room 4, Maison des associations'));
    const { response } = await feed();
    assert.ok(!response.body.includes('Maison des associations') && !response.body.includes('otter'), 'the public feed never carries a location');
  });

  it('finds the next meeting that is not cancelled, as time passes', async () => {
    const march = await schedule('2026-03-05T17:00:00.000Z');
    const april = await schedule('2026-04-02T17:00:00.000Z');
    const may = await schedule('2026-05-07T17:00:00.000Z');
    await t.haven.meetings.cancel(april.id, 'system');
    try {
      t.clock.set('2026-02-20T00:00:00.000Z');
      assert.equal((await t.haven.meetings.nextAfter(t.clock.now()))?.id, march.id);
      t.clock.advance(14 * DAY + 18 * 60 * 60 * 1000); // 2026-03-06T18:00Z, after the March meeting
      assert.equal((await t.haven.meetings.nextAfter(t.clock.now()))?.id, may.id, 'the cancelled April meeting is skipped');
      t.clock.set('2026-05-08T00:00:00.000Z');
      assert.equal(await t.haven.meetings.nextAfter(t.clock.now()), undefined);
    } finally {
      await backToStart();
    }
  });

  it('publishes an iCalendar feed that a calendar client can import, with stable events, agendas and cancellations', async () => {
    const meeting = await schedule('2026-06-04T15:00:00.000Z');
    const cancelled = await schedule('2026-06-11T15:00:00.000Z');
    await t.haven.meetings.cancel(cancelled.id, 'system');
    applicationsOn.set(meeting.id, [{ title: { en: 'Application #9 from Delta Net', fr: 'Candidature nº 9 de Delta Net' }, path: '/membership/applications/9' }]);

    const first = await feed();
    assert.equal(first.response.headers['content-type'], 'text/calendar; charset=utf-8');
    const event = first.events.find((e) => new Date(e.start).toISOString() === '2026-06-04T15:00:00.000Z');
    assert.ok(event, 'the meeting is an event starting at 15:00 UTC');
    assert.equal(event.end?.toISOString(), '2026-06-04T16:30:00.000Z');
    assert.equal(event.summary, 'Coalition meeting');
    assert.match(String(event.description), /Application #9 from Delta Net: http:\/\/haven\.test\/membership\/applications\/9/);
    assert.equal(event.location, undefined);
    const second = await feed();
    assert.equal(second.events.find((e) => new Date(e.start).toISOString() === '2026-06-04T15:00:00.000Z')?.uid, event.uid, 'the same UID on every request');
    const gone = first.events.find((e) => e.uid.includes(cancelled.id));
    assert.equal(gone?.status, 'CANCELLED');
    assert.equal(event.status, 'CONFIRMED');

    try {
      t.clock.set('2026-07-01T00:00:00.000Z');
      assert.ok((await feed()).events.some((e) => e.uid === event.uid), 'a meeting of last month stays in the feed');
      assert.ok(!(await t.app.inject('/meetings')).body.includes(`meeting-${meeting.id}`), 'but is no longer on the page');
      t.clock.set('2026-09-10T00:00:00.000Z');
      assert.ok(!(await feed()).events.some((e) => e.uid === event.uid), 'after 90 days it leaves the feed');
    } finally {
      await backToStart();
    }
  });

  it('shows the meetings page, agenda and feed in French to a French reader', async () => {
    const meeting = await schedule('2026-02-26T17:30:00.000Z');
    applicationsOn.set(meeting.id, [{ title: { en: 'Application #8 from Riverbank Hosting', fr: 'Candidature nº 8 de Riverbank Hosting' }, path: '/membership/applications/8' }]);
    const page = await t.app.inject({ url: '/meetings', headers: { 'accept-language': 'fr' } });
    assert.match(page.body, /<html lang="fr"/);
    assert.match(page.body, /<title>Réunions · Haven<\/title>/);
    assert.ok(page.body.includes('26 févr. 2026, 17:30 UTC'));
    assert.match(page.body, /Ordre du jour[^]*Candidature nº 8 de Riverbank Hosting/);
    assert.ok(!page.body.includes('Application #8'));
    const { events } = await feed('/meetings.ics?lang=fr');
    assert.ok(events.every((e) => String(e.summary).endsWith('Réunion de la coalition')));
  });
});
