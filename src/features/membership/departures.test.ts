import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { forEachDialect } from '../../../test/dialects.ts';
import { startHaven, type TestHaven } from '../../../test/harness.ts';
import { createAccount, WebClient } from '../../../test/web-client.ts';
import { DAY } from '../../platform/clock.ts';
import type { Viewer, ViewerMembership } from '../accounts/viewer.ts';
import { breachCaseAccess } from './departures.policy.ts';
import type { BreachCase } from './departures.service.ts';

forEachDialect((dialect) => {
  let t: TestHaven;
  const people: Record<string, WebClient> = {};
  const ids: Record<string, string> = {};
  const passwords = new Map<string, string>();
  const NOTICE = 'Your backup policy promises off-site copies that do not exist.';
  const ANSWER = 'We ordered the second site; copies start next week.';
  const STANCE_REASON = 'Three reminders went unanswered last year.';

  async function person(username: string, options: { org?: string; role?: 'delegate' | 'staff'; roles?: ('steward' | 'reviewer')[] } = {}) {
    const { id, password } = await createAccount(t.app, username, { roles: options.roles ?? [] });
    if (options.org) await t.haven.organisations.addMember((await t.haven.organisations.getBySlug(options.org)).id, id, options.role ?? 'delegate', 'system');
    people[username] = new WebClient(t.app);
    await people[username].logIn(username, password);
    passwords.set(username, password);
    ids[username] = id;
  }

  /** Sessions end after a day idle: after moving the clock, everyone logs in again. */
  async function everyoneLogsInAgain() {
    for (const [username, password] of passwords) await people[username]!.logIn(username, password);
  }

  /** The e-mails queued while `act` runs. */
  async function mailedBy(act: () => Promise<unknown>): Promise<{ accountId: string; text: string }[]> {
    const mails = () => t.haven.database.db.selectFrom('jobs').select(['id', 'payload_enc']).where('kind', '=', 'mail.send').execute();
    const earlier = new Set((await mails()).map((j) => j.id));
    await act();
    return (await mails()).filter((j) => !earlier.has(j.id)).map((j) => JSON.parse(t.haven.cipher.decrypt(j.payload_enc!, `jobs.payload:${j.id}`)) as { accountId: string; text: string });
  }

  async function criteriaBinding(kind: string): Promise<string[]> {
    const current = (await t.haven.charter.current())!;
    return current.content.principles.flatMap((p) => p.criteria.filter((c) => (c.appliesTo as string[]).includes(kind)).map((c) => c.key));
  }

  const memberNow = async (slug: string) => t.haven.membership.isMember((await t.haven.organisations.getBySlug(slug)).id);
  const anonymous = () => new WebClient(t.app);

  before(async () => {
    t = await startHaven(dialect);
    await t.haven.charter.adoptTemplate('librehosters-cpp', 'start', 'system');
    for (const slug of ['alpha', 'beta', 'gamma', 'leaver', 'closing', 'bystander']) {
      const org = await t.haven.organisations.create({ slug, name: slug.toUpperCase(), kind: 'hosting-provider' }, 'system');
      if (slug !== 'bystander') await t.haven.membership.admit(org.id, 'founding', 1, 'system');
    }
    await person('steward-s', { roles: ['steward'] });
    await person('reviewer-r', { roles: ['reviewer'] });
    await person('alpha-d', { org: 'alpha' });
    await person('beta-d', { org: 'beta' });
    await person('gamma-d', { org: 'gamma' });
    await person('gamma-staff', { org: 'gamma', role: 'staff' });
    await person('leaver-d', { org: 'leaver' });
    await person('leaver-staff', { org: 'leaver', role: 'staff' });
    await person('closing-d', { org: 'closing' });
    await person('outsider', { org: 'bystander' });
  });
  after(() => t.close());

  it('lets a member’s delegate leave at once, but not its staff, outsiders or anonymous visitors', async () => {
    assert.match((await people['leaver-d']!.get('/membership')).body, /Leave the coalition \(LEAVER\)/);
    assert.doesNotMatch((await people['leaver-staff']!.get('/membership')).body, /Leave the coalition/);
    const note = { kind: 'voluntary', note: 'We are merging with another collective.' };
    assert.equal((await people['leaver-staff']!.post('/membership/leave/leaver', note, '/membership')).status, 403);
    assert.equal((await people['outsider']!.post('/membership/leave/leaver', note, '/membership')).status, 404);
    assert.equal((await anonymous().get('/membership/leave/leaver')).status, 401);
    assert.ok(await memberNow('leaver'));

    const left = await people['leaver-d']!.post('/membership/leave/leaver', note, '/membership/leave/leaver');
    assert.equal(left.status, 303);
    assert.equal(left.location, '/membership/departures');
    assert.equal(await memberNow('leaver'), false);
    assert.doesNotMatch((await anonymous().get('/membership/members')).body, /LEAVER/);
  });

  it('asks a member whose services end to say what happens to the people it serves, then logs both departures publicly', async () => {
    const silent = await people['closing-d']!.post('/membership/leave/closing', { kind: 'end-of-services', note: '' }, '/membership/leave/closing');
    assert.equal(silent.status, 400);
    assert.match(silent.body, /Say what happens to the people you serve/);
    assert.ok(await memberNow('closing'), 'a refused form changes nothing');
    const note = 'Accounts stay open until June; everyone can export their files.';
    assert.equal((await people['closing-d']!.post('/membership/leave/closing', { kind: 'end-of-services', note }, '/membership/leave/closing')).status, 303);

    const log = await anonymous().get('/membership/departures');
    assert.match(log.body, /CLOSING<\/td><td>Ended its services/);
    assert.match(log.body, /LEAVER<\/td><td>Left of its own accord<\/td><td>We are merging with another collective\./);
    const french = await new WebClient(t.app, { headers: { 'accept-language': 'fr' } }).get('/membership/departures');
    assert.match(french.body, /Départs de la coalition/);
    assert.match(french.body, /A cessé ses services/);
    assert.match(french.body, /Parti de lui-même/);
    const api = (await t.app.inject('/api/v1/membership/departures')).json() as { organisation: { slug: string }; kind: string }[];
    assert.deepEqual(api.map((d) => [d.organisation.slug, d.kind]).sort(), [['closing', 'end-of-services'], ['leaver', 'voluntary']]);
  });

  it('takes a breach case from notice to removal: the member is told, answers in time, members take stances, the outcome is public', async () => {
    assert.equal((await people['alpha-d']!.get('/membership/breach/new')).status, 403, 'only a steward opens a case');
    const [criterion] = await criteriaBinding('hosting-provider');
    const mails = await mailedBy(async () => {
      const opened = await people['steward-s']!.post('/membership/breach', { organisation: 'gamma', criteria: criterion!, notice: NOTICE }, '/membership/breach/new');
      assert.equal(opened.status, 303);
      assert.equal(opened.location, '/membership/breach/1');
    });
    const toMember = mails.find((m) => m.accountId === ids['gamma-d']);
    assert.match(toMember!.text, /answer it in writing by 14 February 2026/, 'the notice gives the 30-day deadline');
    assert.ok(mails.some((m) => m.accountId === ids['alpha-d']), 'other members are told a case is open');
    assert.ok(!mails.some((m) => m.text.includes(NOTICE)), 'no e-mail carries the notice itself');

    const again = await people['steward-s']!.post('/membership/breach', { organisation: 'gamma', criteria: criterion!, notice: 'More.' }, '/membership/breach/new');
    assert.equal(again.status, 409, 'one open case per member');

    const gamma = people['gamma-d']!;
    assert.match((await gamma.get('/membership/breach/1')).body, new RegExp(NOTICE));
    assert.equal((await people['alpha-d']!.post('/membership/breach/1/answer', { body: 'Not ours to answer.' }, '/membership/breach/1')).status, 403);
    assert.equal((await gamma.post('/membership/breach/1/answer', { body: ANSWER }, '/membership/breach/1')).status, 303);

    const noReason = await people['alpha-d']!.post('/membership/breach/1/stance', { organisation: 'alpha', stance: 'remove', reason: '' }, '/membership/breach/1');
    assert.equal(noReason.status, 400);
    assert.match(noReason.body, /Give a reason to remove or to keep the member/);
    assert.equal((await people['alpha-d']!.post('/membership/breach/1/stance', { organisation: 'alpha', stance: 'remove', reason: STANCE_REASON }, '/membership/breach/1')).status, 303);
    assert.equal((await people['beta-d']!.post('/membership/breach/1/stance', { organisation: 'beta', stance: 'stand-aside', reason: '' }, '/membership/breach/1')).status, 303);
    assert.equal((await gamma.post('/membership/breach/1/stance', { organisation: 'gamma', stance: 'keep', reason: 'We are fine.' }, '/membership/breach/1')).status, 403, 'a member takes no stance on its own case');

    const early = await people['steward-s']!.post('/membership/breach/1/outcome', { outcome: 'removed', reason: 'Too early.' }, '/membership/breach/1');
    assert.equal(early.status, 409, 'the member has its full window to answer');

    t.clock.advance(30 * DAY + 1);
    await everyoneLogsInAgain();
    assert.equal((await gamma.post('/membership/breach/1/answer', { body: 'Late.' }, '/membership/breach/1')).status, 409);
    const removed = await people['steward-s']!.post('/membership/breach/1/outcome', { outcome: 'removed', reason: 'Off-site backups were promised for a year and never set up.' }, '/membership/breach/1');
    assert.equal(removed.status, 303);
    assert.equal(await memberNow('gamma'), false);

    const log = (await anonymous().get('/membership/departures')).body;
    assert.match(log, /GAMMA<\/td><td>Removed for breach of commitments \(case 1\)/);
    assert.match(log, /never set up/);
    for (const secret of [NOTICE, ANSWER, STANCE_REASON]) assert.ok(!log.includes(secret), `the public log never shows: ${secret}`);
    assert.equal((await gamma.get('/membership/breach/1')).status, 200, 'the member removed can still read its case');
  });

  it('keeps a member when the members do not back its removal, and logs that outcome too', async () => {
    const [criterion] = await criteriaBinding('hosting-provider');
    await people['steward-s']!.post('/membership/breach', { organisation: 'beta', criteria: criterion!, notice: 'Your status page is down.' }, '/membership/breach/new');
    await people['alpha-d']!.post('/membership/breach/2/stance', { organisation: 'alpha', stance: 'keep', reason: 'It was back up within a day.' }, '/membership/breach/2');
    t.clock.advance(30 * DAY + 1);
    await everyoneLogsInAgain();
    const unbacked = await people['steward-s']!.post('/membership/breach/2/outcome', { outcome: 'removed', reason: 'Down.' }, '/membership/breach/2');
    assert.equal(unbacked.status, 400);
    assert.match(unbacked.body, /A removal needs more member organisations for removing than for keeping/);
    assert.equal((await people['steward-s']!.post('/membership/breach/2/outcome', { outcome: 'kept', reason: 'The outage was brief and explained.' }, '/membership/breach/2')).status, 303);
    assert.ok(await memberNow('beta'));
    const log = (await anonymous().get('/membership/departures')).body;
    assert.match(log, /BETA<\/td><td>Kept after a breach case \(case 2\)[\s\S]*brief and explained/);
  });

  it('shows a breach case to stewards, reviewers, members and the member concerned, and to nobody else', async () => {
    for (const who of ['steward-s', 'reviewer-r', 'alpha-d', 'beta-d']) assert.equal((await people[who]!.get('/membership/breach/2')).status, 200, who);
    assert.equal((await people['gamma-staff']!.get('/membership/breach/1')).status, 200, 'the staff of the member concerned read its case');
    assert.equal((await people['gamma-staff']!.get('/membership/breach/2')).status, 404, 'a former member no longer reads other members’ cases');
    assert.equal((await people['outsider']!.get('/membership/breach/2')).status, 404);
    assert.equal((await anonymous().get('/membership/breach/2')).status, 401);
    assert.doesNotMatch((await people['outsider']!.get('/membership/breach')).body, /Breach case 2/);
  });
});

describe('the breach-case access rule', () => {
  const org = (id: string, role: 'delegate' | 'staff'): ViewerMembership => ({ organisationId: id, slug: id, name: id, kind: 'hosting-provider', role });
  const viewer = (roles: ('steward' | 'reviewer')[], memberships: ViewerMembership[]): Viewer => ({ accountId: 'a', username: 'u', roles: new Set(roles), memberships, locale: null, via: { kind: 'session', sessionId: 's' } });
  const breachCase = (state: 'open' | 'closed') => ({ organisation_id: 'concerned', state }) as BreachCase;
  const members = new Set(['concerned', 'other']);

  it('lets the concerned member’s delegates answer, other members’ delegates take stances, and stewards decide', () => {
    const open = breachCase('open');
    assert.deepEqual(breachCaseAccess(viewer([], [org('concerned', 'delegate')]), open, members), { see: true, answer: true, stanceFor: [], decide: false });
    assert.deepEqual(breachCaseAccess(viewer([], [org('concerned', 'staff')]), open, members), { see: true, answer: false, stanceFor: [], decide: false });
    assert.deepEqual(breachCaseAccess(viewer([], [org('other', 'delegate')]), open, members).stanceFor.map((m) => m.slug), ['other']);
    assert.equal(breachCaseAccess(viewer(['steward'], []), open, members).decide, true);
    assert.equal(breachCaseAccess(viewer(['reviewer'], []), open, members).see, true);
  });

  it('hides the case from outsiders and anonymous visitors, and freezes it once closed', () => {
    assert.equal(breachCaseAccess(viewer([], [org('former', 'delegate')]), breachCase('open'), members).see, false);
    assert.equal(breachCaseAccess(null, breachCase('open'), members).see, false);
    assert.deepEqual(breachCaseAccess(viewer(['steward'], [org('other', 'delegate')]), breachCase('closed'), members), { see: true, answer: false, stanceFor: [], decide: false });
  });
});
