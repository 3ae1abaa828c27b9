import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachDialect } from '../../../test/dialects.ts';
import { startHaven, type TestHaven } from '../../../test/harness.ts';
import { createAccount, WebClient } from '../../../test/web-client.ts';
import { DAY } from '../../platform/clock.ts';

forEachDialect((dialect) => {
  let t: TestHaven;
  const people: Record<string, WebClient> = {};
  const ids: Record<string, string> = {};
  const passwords = new Map<string, string>();

  async function person(username: string, options: { org?: string; role?: 'delegate' | 'staff' } = {}) {
    const { id, password } = await createAccount(t.app, username);
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

  /**
   * The e-mails the re-confirmation due work queues when it runs now (run on
   * its own: the job queue would deliver them at once and forget their content).
   */
  async function dueWorkMails(): Promise<{ accountId: string; subject: string; text: string }[]> {
    const mails = () => t.haven.database.db.selectFrom('jobs').select(['id', 'payload_enc']).where('kind', '=', 'mail.send').execute();
    const earlier = new Set((await mails()).map((j) => j.id));
    await t.haven.reconfirmation.runDue();
    return (await mails()).filter((j) => !earlier.has(j.id)).map((j) => JSON.parse(t.haven.cipher.decrypt(j.payload_enc!, `jobs.payload:${j.id}`)));
  }

  async function reconfirm(who: string, slug: string, skip?: string) {
    const organisation = await t.haven.organisations.getBySlug(slug);
    const fields: Record<string, string> = {};
    for (const group of (await t.haven.reconfirmation.criteriaFor(organisation.kind)).groups) {
      for (const c of group.criteria) {
        if (c.key === skip) continue;
        fields[`answer-${c.key}`] = 'meets';
        fields[`explanation-${c.key}`] = `Still true of ${c.key}.`;
        fields[`evidence-${c.key}`] = `https://${slug}.example/${c.key}`;
      }
    }
    return people[who]!.post(`/membership/reconfirm/${slug}`, fields, `/membership/reconfirm/${slug}`);
  }

  const members = async () => (await t.app.inject('/api/v1/membership/members')).json() as { slug: string; lapsed: boolean; confirmedVersion: number }[];
  const statusOf = async (slug: string) => t.haven.reconfirmation.statusOf((await t.haven.organisations.getBySlug(slug)).id);

  before(async () => {
    t = await startHaven(dialect);
    await t.haven.charter.adoptTemplate('librehosters-cpp', 'start', 'system');
    for (const [slug, kind] of [['alpha', 'hosting-provider'], ['beta', 'security-provider'], ['bystander', 'hosting-provider']] as const) {
      const org = await t.haven.organisations.create({ slug, name: slug.toUpperCase(), kind }, 'system');
      if (slug !== 'bystander') await t.haven.membership.admit(org.id, 'founding', 1, 'system');
    }
    await person('alpha-d', { org: 'alpha' });
    await person('alpha-staff', { org: 'alpha', role: 'staff' });
    await person('beta-d', { org: 'beta' });
    await person('outsider', { org: 'bystander' });
  });
  after(() => t.close());

  it('asks nothing of a member confirmed less than a year ago, and offers re-confirmation to its delegates only', async () => {
    assert.ok(t.haven.jobs.kinds().includes('membership.reconfirm-due'), 'the servers run this due work hourly');
    assert.equal((await t.haven.jobs.runDue()).failed, 0);
    assert.equal((await dueWorkMails()).length, 0);
    assert.equal((await statusOf('alpha')).dueSince, null);
    assert.deepEqual((await members()).map((m) => [m.slug, m.lapsed, m.confirmedVersion]), [['alpha', false, 1], ['beta', false, 1]]);
    assert.match((await people['alpha-d']!.get('/membership')).body, /Re-confirm the charter \(ALPHA\)/);
    assert.match((await people['alpha-d']!.get('/membership/reconfirm/alpha')).body, /The next re-confirmation is due on 15 January 2027/);
    assert.equal((await people['alpha-staff']!.get('/membership/reconfirm/alpha')).status, 403);
    assert.equal((await people['outsider']!.get('/membership/reconfirm/alpha')).status, 404);
    assert.equal((await new WebClient(t.app).get('/membership/reconfirm/alpha')).status, 401);
  });

  it('asks a member by e-mail, once, to re-confirm a year after its last confirmation', async () => {
    t.clock.advance(365 * DAY);
    await everyoneLogsInAgain();
    const mails = await dueWorkMails();
    const toAlpha = mails.find((m) => m.accountId === ids['alpha-d']);
    assert.match(toAlpha!.text, /A year has passed[\s\S]*shown publicly as lapsed from 16 March 2027/);
    assert.ok(!mails.some((m) => m.accountId === ids['alpha-staff']), 'delegates are asked, not staff');
    assert.equal((await dueWorkMails()).length, 0, 'asked once');
    assert.match((await people['alpha-d']!.get('/membership/reconfirm/alpha')).body, /A year has passed: re-confirmation is due/);
  });

  it('refuses an incomplete re-confirmation, then starts a fresh year once every criterion is answered', async () => {
    const organisation = await t.haven.organisations.getBySlug('alpha');
    const first = (await t.haven.reconfirmation.criteriaFor(organisation.kind)).groups[0]!.criteria[0]!;
    const incomplete = await reconfirm('alpha-d', 'alpha', first.key);
    assert.equal(incomplete.status, 400);
    assert.match(incomplete.body, /Answer this criterion before submitting/);
    assert.equal((await reconfirm('alpha-d', 'alpha')).status, 303);
    const status = await statusOf('alpha');
    assert.equal(status.dueSince, null);
    assert.equal(status.confirmedAt, t.clock.now().toISOString());
    assert.match((await people['alpha-d']!.get('/membership/reconfirm/alpha')).body, /Still true of/, 'the last answers are filled in next time');
  });

  it('asks every member to re-confirm when the charter is amended', async () => {
    const draft = await t.haven.charter.openDraft();
    const principle = draft.content.principles[0]!;
    const criterion = principle.criteria[0]!;
    await t.haven.charter.saveCriterion(principle.key, criterion.key, { ...criterion, title: { en: `${criterion.title.en} (amended)`, fr: `${criterion.title.fr} (modifié)` } });
    await t.haven.charter.publishDraft('Clearer wording', 'system');
    assert.equal((await statusOf('alpha')).reason, 'amendment', 'even a member that has just re-confirmed');
    const mails = await dueWorkMails();
    assert.match(mails.find((m) => m.accountId === ids['alpha-d'])!.text, /The coalition has amended its charter/);
    assert.ok(!mails.some((m) => m.accountId === ids['beta-d']), 'a member already asked, and not yet re-confirmed, is not asked twice');
    assert.match((await people['alpha-d']!.get('/membership/reconfirm/alpha')).body, /The charter has been amended: re-confirmation is due/);
  });

  it('flags a member publicly as lapsed after the grace period, until it re-confirms', async () => {
    t.clock.advance(59 * DAY);
    assert.ok((await members()).every((m) => !m.lapsed), 'not before the grace period has run out');
    t.clock.advance(1 * DAY);
    await everyoneLogsInAgain();
    assert.ok((await members()).every((m) => m.lapsed));
    assert.match((await t.app.inject('/membership/members')).body, /BETA[^<]*<strong> — lapsed: has not re-confirmed the charter/);
    const french = await t.app.inject({ url: '/membership/members', headers: { 'accept-language': 'fr' } });
    assert.match(french.body, /en défaut : n’a pas reconfirmé la charte/);
    assert.match((await people['beta-d']!.get('/membership/reconfirm/beta')).body, /shown publicly as lapsed since/);

    assert.equal((await reconfirm('beta-d', 'beta')).status, 303);
    assert.deepEqual((await members()).map((m) => [m.slug, m.lapsed, m.confirmedVersion]), [['alpha', true, 1], ['beta', false, 2]]);
    assert.doesNotMatch((await t.app.inject('/membership/members')).body, /BETA[^<]*<strong>/);
  });
});
