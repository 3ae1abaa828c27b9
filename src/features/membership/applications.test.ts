import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachDialect } from '../../../test/dialects.ts';
import { startHaven, type TestHaven } from '../../../test/harness.ts';
import { createAccount, WebClient } from '../../../test/web-client.ts';
import { DAY } from '../../platform/clock.ts';

forEachDialect((dialect) => {
  let t: TestHaven;
  const people: Record<string, WebClient> = {};
  const passwords = new Map<string, string>();

  /** Sessions end after a day idle: after moving the clock a month, everyone logs in again. */
  async function everyoneLogsInAgain() {
    for (const [username, password] of passwords) await people[username]!.logIn(username, password);
  }

  async function person(username: string, options: { org?: string; role?: 'delegate' | 'staff'; roles?: ('steward' | 'reviewer')[] } = {}) {
    const { id, password } = await createAccount(t.app, username, { roles: options.roles ?? [] });
    if (options.org) {
      const org = await t.haven.organisations.getBySlug(options.org);
      await t.haven.organisations.addMember(org.id, id, options.role ?? 'delegate', 'system');
    }
    const browser = new WebClient(t.app);
    await browser.logIn(username, password);
    people[username] = browser;
    passwords.set(username, password);
    return browser;
  }

  before(async () => {
    t = await startHaven(dialect);
    await t.haven.charter.adoptTemplate('librehosters-cpp', 'start', 'system');
    for (const [slug, kind] of [['member-a', 'hosting-provider'], ['member-b', 'security-provider'], ['applicant', 'hosting-provider'], ['second-applicant', 'hosting-provider'], ['bystander', 'hosting-provider']] as const) {
      await t.haven.organisations.create({ slug, name: slug.replace('-', ' ').toUpperCase(), kind }, 'system');
    }
    for (const slug of ['member-a', 'member-b']) await t.haven.membership.admit((await t.haven.organisations.getBySlug(slug)).id, 'founding', 1, 'system');
    await person('steward-s', { roles: ['steward'] });
    await person('reviewer-r', { roles: ['reviewer'] });
    await person('delegate-a', { org: 'member-a' });
    await person('delegate-b', { org: 'member-b' });
    await person('applicant-d', { org: 'applicant' });
    await person('applicant-staff', { org: 'applicant', role: 'staff' });
    await person('second-d', { org: 'second-applicant' });
    await person('outsider', { org: 'bystander' });
  });
  after(() => t.close());

  async function fillAnswers(browser: WebClient, number: number, override: Record<string, string> = {}) {
    const application = await t.haven.applications.getByNumber(number);
    const fields: Record<string, string> = {};
    for (const group of await t.haven.applications.criteriaFor(application)) {
      for (const c of group.criteria) {
        fields[`answer-${c.key}`] = 'meets';
        fields[`explanation-${c.key}`] = `We do ${c.key}.`;
        fields[`evidence-${c.key}`] = `https://applicant.example/${c.key}`;
      }
    }
    return browser.post(`/membership/applications/${number}/answers`, { ...fields, ...override }, `/membership/applications/${number}/answers`);
  }

  it('lets a delegate apply, refuses an incomplete submission, then opens a 30-day review', async () => {
    const applicant = people['applicant-d']!;
    const started = await applicant.post('/membership/apply/applicant', {}, '/membership');
    assert.equal(started.status, 303);
    assert.equal(started.location, '/membership/applications/1/answers');

    const incomplete = await applicant.post('/membership/applications/1/submit', {}, '/membership/applications/1');
    assert.equal(incomplete.status, 400);
    assert.match(incomplete.body, /Answer this criterion before submitting/);

    const badLink = await fillAnswers(applicant, 1, { [`evidence-${(await firstCriterion(1))}`]: 'javascript:alert(1)' });
    assert.equal(badLink.status, 400);
    assert.match(badLink.body, /must start with https:\/\//);
    assert.equal((await t.haven.applications.answers((await t.haven.applications.getByNumber(1)).id)).size, 0, 'a refused form saves nothing');

    assert.equal((await fillAnswers(applicant, 1)).status, 303);
    const meeting = await t.haven.meetings.schedule(new Date(t.clock.now().getTime() + 10 * DAY), 90, 'Call link shared by e-mail', 'system');
    const submitted = await applicant.post('/membership/applications/1/submit', {}, '/membership/applications/1');
    assert.equal(submitted.status, 303);
    const application = await t.haven.applications.getByNumber(1);
    assert.equal(application.state, 'in-review');
    assert.equal(new Date(application.window_ends_at!).getTime() - t.clock.now().getTime(), 30 * DAY);
    const mails = await t.haven.database.db.selectFrom('jobs').select('id').where('kind', '=', 'mail.send').execute();
    assert.ok(mails.length >= 3, 'the applicant, the reviewer and member delegates are told');
    assert.equal(application.meeting_id, meeting.id);
    assert.match((await new WebClient(t.app).get('/meetings')).body, /Application 1: APPLICANT/, 'it is on the agenda of the next meeting');
    const reviewer = people['reviewer-r']!;
    assert.match((await reviewer.get('/')).body, /Notifications \(1 unread\)/, 'the reviewer is told in Haven too');
    const inbox = await reviewer.get('/notifications');
    assert.match(inbox.body, /Haven: application 1 \(APPLICANT\)/);
    assert.match(inbox.body, /href="\/membership\/applications\/1"/);
    await reviewer.post('/notifications/read', {}, '/notifications');
    assert.doesNotMatch((await reviewer.get('/')).body, /unread/);
  });

  it('shows the application to members, reviewers and the applicant, and to nobody else', async () => {
    for (const who of ['steward-s', 'reviewer-r', 'delegate-a', 'applicant-d', 'applicant-staff']) {
      assert.equal((await people[who]!.get('/membership/applications/1')).status, 200, who);
    }
    assert.equal((await people['outsider']!.get('/membership/applications/1')).status, 404);
    assert.equal((await new WebClient(t.app).get('/membership/applications/1')).status, 401);
    assert.equal((await people['applicant-staff']!.post('/membership/applications/1/withdraw', {}, '/membership/applications/1')).status, 403, 'staff cannot act for the applicant');
  });

  it('threads comments, and keeps every amended answer', async () => {
    await people['delegate-a']!.post('/membership/applications/1/comments', { body: 'How do you handle backups?' }, '/membership/applications/1');
    const [question] = await t.haven.review.comments((await t.haven.applications.getByNumber(1)).id);
    await people['applicant-d']!.post('/membership/applications/1/comments', { body: 'Encrypted, off site.', parent: question!.id }, '/membership/applications/1');
    const page = await people['reviewer-r']!.get('/membership/applications/1');
    assert.match(page.body, /How do you handle backups\?[\s\S]*<ul class="thread"><li[^>]*>[\s\S]*Encrypted, off site\./);

    const key = await firstCriterion(1);
    await fillAnswers(people['applicant-d']!, 1, { [`answer-${key}`]: 'partly', [`explanation-${key}`]: 'Honestly, partly.' });
    const history = await people['delegate-a']!.get('/membership/applications/1/history');
    assert.match(history.body, new RegExp(`We do ${key}\\.`));
    assert.match((await people['delegate-a']!.get('/membership/applications/1')).body, /Honestly, partly\./);
  });

  it('takes one stance per member organisation and requires a reason for an objection', async () => {
    assert.equal((await people['delegate-a']!.post('/membership/applications/1/stance', { organisation: 'member-a', stance: 'support', reason: '' }, '/membership/applications/1')).status, 303);
    const noReason = await people['delegate-b']!.post('/membership/applications/1/stance', { organisation: 'member-b', stance: 'objection', reason: '' }, '/membership/applications/1');
    assert.equal(noReason.status, 400);
    assert.match(noReason.body, /An objection needs a reason/);
    await people['delegate-b']!.post('/membership/applications/1/stance', { organisation: 'member-b', stance: 'objection', reason: 'No backup policy published.' }, '/membership/applications/1');
    const applicantStance = await people['applicant-d']!.post('/membership/applications/1/stance', { organisation: 'applicant', stance: 'support', reason: '' }, '/membership/applications/1');
    assert.equal(applicantStance.status, 403, 'an applicant cannot support itself');
    assert.deepEqual(await t.haven.review.tally((await t.haven.applications.getByNumber(1)).id), { supports: 1, standingObjections: 1, standAsides: 0 });
  });

  it('decides only after the window, by consensus: a standing objection blocks, its withdrawal lets enough supports through', async () => {
    assert.equal((await people['steward-s']!.post('/membership/applications/1/reject', { reason: 'too early' }, '/membership/applications/1')).status, 409);
    t.clock.advance(30 * DAY + 1);
    await t.haven.jobs.runDue();
    await everyoneLogsInAgain();
    assert.equal((await t.haven.applications.getByNumber(1)).state, 'in-review', 'an objection stands');

    await people['steward-s']!.post('/membership/applications/1/overrule', { organisation: 'member-b', reason: 'Every other member agrees the policy is a formality.' }, '/membership/applications/1');
    assert.equal((await t.haven.applications.getByNumber(1)).state, 'in-review', 'one support is not enough');
    assert.match((await people['delegate-b']!.get('/membership/applications/1')).body, /Overruled by rough consensus: Every other member/);

    await people['delegate-b']!.post('/membership/applications/1/stance', { organisation: 'member-b', stance: 'support', reason: 'Policy now published.' }, '/membership/applications/1');
    await t.haven.jobs.runDue();
    const decided = await t.haven.applications.getByNumber(1);
    assert.equal(decided.outcome, 'accepted');
    assert.ok(await t.haven.membership.isMember(decided.organisation_id));
    const log = await new WebClient(t.app).get('/membership/decisions');
    assert.match(log.body, /APPLICANT/);
    assert.match(log.body, /Accepted/);
    assert.doesNotMatch(log.body, /backups|No backup policy/, 'the public log holds no private comment');
    assert.match((await new WebClient(t.app).get('/membership/members')).body, /APPLICANT/);
  });

  it('lets a steward decide not to accept, with a public reason, once the window has closed', async () => {
    const second = people['second-d']!;
    await second.post('/membership/apply/second-applicant', {}, '/membership');
    await fillAnswers(second, 2);
    await second.post('/membership/applications/2/submit', {}, '/membership/applications/2');
    t.clock.advance(31 * DAY);
    await t.haven.jobs.runDue();
    await everyoneLogsInAgain();
    assert.equal((await t.haven.applications.getByNumber(2)).state, 'in-review', 'no support: nothing is decided automatically');
    const rejected = await people['steward-s']!.post('/membership/applications/2/reject', { reason: 'No member could vouch for the infrastructure.' }, '/membership/applications/2');
    assert.equal(rejected.status, 303);
    const log = await new WebClient(t.app, { headers: { 'accept-language': 'fr' } }).get('/membership/decisions');
    assert.match(log.body, /Non acceptée/);
    assert.match(log.body, /No member could vouch/);
  });

  async function firstCriterion(number: number): Promise<string> {
    const application = await t.haven.applications.getByNumber(number);
    return (await t.haven.applications.criteriaFor(application))[0]!.criteria[0]!.key;
  }
});
