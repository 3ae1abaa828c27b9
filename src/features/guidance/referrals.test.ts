import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { forEachDialect } from '../../../test/dialects.ts';
import { fittingProvider, JOURNALIST_FORM } from '../../../test/guidance-fixtures.ts';
import { startHaven, type TestHaven } from '../../../test/harness.ts';
import { createAccount, WebClient } from '../../../test/web-client.ts';
import { DAY, HOUR } from '../../platform/clock.ts';

const MARKER = 'reach me at the-unique-marker-7731@riseup.example';

forEachDialect((dialect) => {
  describe('a person asking a provider to contact them, with consent, from start to answer', () => {
    let t: TestHaven;
    let link = '';
    const people: Record<string, { id: string; password: string }> = {};
    const inbox = '/directory/providers/harbour-hosting/referrals';
    const as = async (name: string) => {
      const client = new WebClient(t.app);
      await client.logIn(name, people[name]!.password);
      return client;
    };

    before(async () => {
      t = await startHaven(dialect);
      t.clock.set(new Date('2026-11-23T10:00:00Z'));
      const harbour = await fittingProvider(t.haven, 'harbour-hosting', 'Harbour Hosting');
      const other = await fittingProvider(t.haven, 'second-harbour', 'Second Harbour');
      for (const [name, roles] of [['harbour-delegate', []], ['harbour-staff', []], ['other-delegate', []], ['referral-steward', ['steward']]] as const) {
        people[name] = await createAccount(t.app, name, { roles: [...roles] });
      }
      await t.haven.organisations.addMember(harbour.id, people['harbour-delegate']!.id, 'delegate', 'system');
      await t.haven.organisations.addMember(harbour.id, people['harbour-staff']!.id, 'staff', 'system');
      await t.haven.organisations.addMember(other.id, people['other-delegate']!.id, 'delegate', 'system');
    });
    after(() => t.close());

    it('shows exactly what the provider will receive before sending, then gives a secret link once', async () => {
      const person = new WebClient(t.app);
      await person.get('/guidance');
      const result = await person.post('/guidance/result', JOURNALIST_FORM);
      assert.match(result.body, /Ask this provider to contact me — Harbour Hosting/);
      const choose = await person.post('/guidance/referrals/new', { ...JOURNALIST_FORM, provider: 'harbour-hosting' });
      assert.equal(choose.status, 200);
      assert.match(choose.body, /Ask Harbour Hosting to contact you/);
      const noContact = await person.post('/guidance/referrals/preview', { ...JOURNALIST_FORM, provider: 'harbour-hosting', contact: '  ' });
      assert.equal(noContact.status, 400);
      assert.match(noContact.body, /Say how the provider can contact you/);
      const preview = await person.post('/guidance/referrals/preview', { ...JOURNALIST_FORM, provider: 'harbour-hosting', contact: MARKER, message: 'Our newsroom mail was seized.', region: 'EU' });
      assert.match(preview.body, /What Harbour Hosting will receive/);
      assert.match(preview.body, /<dd>High risk<\/dd>/);
      assert.match(preview.body, /<dt>Answers to the questionnaire<\/dt><dd>Not shared<\/dd>/, 'answers only when ticked');
      assert.equal(await count('referrals'), 0, 'nothing is sent by a preview');
      const sent = await person.post('/guidance/referrals/send', { ...JOURNALIST_FORM, provider: 'harbour-hosting', contact: MARKER, message: 'Our newsroom mail was seized.', region: 'EU', shareAnswers: 'yes' });
      assert.equal(sent.status, 200);
      assert.equal(sent.headers['cache-control'], 'no-store');
      link = /href="(\/referrals\/[^"]+)"/.exec(sent.body)![1]!;
      const stored = await t.haven.database.db.selectFrom('referrals').selectAll().executeTakeFirstOrThrow();
      assert.doesNotMatch(JSON.stringify(stored), /unique-marker|seized/, 'encrypted at rest');
      assert.equal(stored.region, 'EU');
      assert.notEqual(stored.token_hash, link.split('/').pop(), 'only a hash of the link is kept');
    });

    it('refuses a provider that does not fit the answers', async () => {
      const person = new WebClient(t.app);
      await person.get('/guidance');
      const refused = await person.post('/guidance/referrals/new', { ...JOURNALIST_FORM, languages: 'de', provider: 'harbour-hosting' });
      assert.equal(refused.status, 400);
      assert.match(refused.body, /This provider does not fit your answers/);
    });

    it('lets only the provider’s delegates read it: not its staff, not another provider, not the stewards', async () => {
      const delegate = await as('harbour-delegate');
      const list = await delegate.get(inbox);
      assert.match(list.body, /Request 1/);
      const page = await delegate.get(`${inbox}/1`);
      assert.match(page.body, /the-unique-marker-7731/);
      assert.match(page.body, /A state with advanced surveillance capabilities/, 'the shared answers');
      for (const name of ['harbour-staff', 'other-delegate', 'referral-steward']) {
        const outsider = await as(name);
        assert.equal((await outsider.get(inbox)).status, 404, name);
        assert.equal((await outsider.get(`${inbox}/1`)).status, 404, name);
      }
      assert.equal((await new WebClient(t.app).get(`${inbox}/1`)).status, 401);
      assert.equal((await new WebClient(t.app).get('/referrals/ref_not-a-real-token-at-all')).status, 404);
    });

    it('carries a question and its answer between the provider and the person, then the acceptance', async () => {
      const delegate = await as('harbour-delegate');
      await delegate.get(`${inbox}/1`);
      assert.equal((await delegate.post(`${inbox}/1/answer`, { kind: 'question', body: '' })).status, 400, 'an empty answer is refused');
      assert.equal((await delegate.post(`${inbox}/1/answer`, { kind: 'question', body: 'Which devices were seized?' }, `${inbox}/1`)).status, 303);
      const person = new WebClient(t.app);
      const asked = await person.get(link);
      assert.match(asked.body, /The provider asked you a question/);
      assert.match(asked.body, /Which devices were seized\?/);
      assert.equal((await person.post(`${link}/reply`, { body: 'Two laptops.' }, link)).status, 303);
      assert.match((await person.get(link)).body, /Waiting for the provider’s answer/);
      assert.match((await delegate.get(`${inbox}/1`)).body, /Two laptops\./);
      assert.equal((await delegate.post(`${inbox}/1/answer`, { kind: 'accepted', body: 'We will write to you on Signal tomorrow.' }, `${inbox}/1`)).status, 303);
      assert.match((await person.get(link)).body, /Accepted: the provider will contact you/);
    });

    it('lets the person withdraw: everything shared is deleted at once, and the provider sees only that', async () => {
      const person = new WebClient(t.app);
      await person.get(link);
      assert.equal((await person.post(`${link}/withdraw`, {}, link)).status, 303);
      const row = await t.haven.database.db.selectFrom('referrals').selectAll().executeTakeFirstOrThrow();
      assert.equal(row.content_cipher, null);
      assert.equal(row.status, 'withdrawn');
      assert.equal(await count('referral_messages'), 0);
      const page = (await (await as('harbour-delegate')).get(`${inbox}/1`)).body;
      assert.match(page, /The person withdrew this request/);
      assert.doesNotMatch(page, /unique-marker|Two laptops/);
    });

    it('proposes fitting providers when declining, and shows the person the suggestion', async () => {
      const { token } = await t.haven.referrals.create(
        { organisationId: (await t.haven.organisations.getBySlug('harbour-hosting')).id, serviceCategory: 'email', region: null, shared: { level: 'high', skill: 'beginner', answers: { adversaries: ['state-advanced'], visibility: 'public', jurisdiction: 'yes', countries: [], sensitivity: 'sensitive', skill: 'basic', support: 'none', services: ['email'], languages: ['en'] }, contact: 'signal: +000', message: null } },
        'system',
      );
      const delegate = await as('harbour-delegate');
      const page = await delegate.get(`${inbox}/2`);
      assert.match(page.body, /<option value="second-harbour">Second Harbour<\/option>/);
      assert.doesNotMatch(page.body, /<option value="harbour-hosting">/, 'not itself');
      await delegate.post(`${inbox}/2/answer`, { kind: 'declined', body: 'We are full this month.', suggested: 'second-harbour' });
      const followUp = (await new WebClient(t.app).get(`/referrals/${token}`)).body;
      assert.match(followUp, /The provider suggests you ask Second Harbour instead\./);
      assert.doesNotMatch(followUp, /<textarea/, 'a declined request takes no more messages');
    });

    it('tells the delegates something waits without saying what, and flags to the stewards what nobody answered in time', async () => {
      const { number } = await t.haven.referrals.create({ organisationId: (await t.haven.organisations.getBySlug('harbour-hosting')).id, serviceCategory: null, region: null, shared: { level: 'medium', skill: 'beginner', answers: null, contact: 'mail: waiting@example.org', message: 'Anyone there?' } }, 'system');
      t.clock.advance(4 * DAY);
      await t.haven.jobs.runDue();
      const notices = async () => (await t.haven.inbox.list(people['referral-steward']!.id)).filter((n) => /left a request for contact unanswered/.test(n.subject));
      assert.equal((await notices()).length, 0, 'not yet');
      t.clock.advance(DAY + HOUR);
      await t.haven.jobs.runDue();
      t.clock.advance(2 * HOUR);
      await t.haven.jobs.runDue();
      assert.equal((await notices()).length, 1, 'once');
      const steward = await as('referral-steward');
      const list = (await steward.get('/admin/referrals')).body;
      assert.match(list, new RegExp(`Harbour Hosting</a> — Request ${number}`));
      assert.doesNotMatch(list, /waiting@example\.org|Anyone there/, 'never the contents');
      const delegateNotice = (await t.haven.inbox.list(people['harbour-delegate']!.id)).find((n) => /New request for contact/.test(n.subject));
      assert.ok(delegateNotice);
      assert.doesNotMatch(delegateNotice.text, /waiting@example|Anyone there|unique-marker/);
    });

    async function count(table: 'referrals' | 'referral_messages') {
      return Number((await t.haven.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    }
  });
});

forEachDialect((dialect) => {
  it('fills the demo with referrals people sent on their own, one accepted, one with a question, one waiting', async () => {
    const t = await startHaven(dialect);
    try {
      const { loadDemoData } = await import('../demo/demo-data.ts');
      await loadDemoData(t.haven, 'system');
      const statuses = async () => (await t.haven.database.db.selectFrom('referrals').select('status').where('intermediary_id', 'is', null).execute()).map((r) => r.status).sort();
      assert.deepEqual(await statuses(), ['accepted', 'question', 'sent']);
      await loadDemoData(t.haven, 'system');
      assert.equal((await statuses()).length, 3, 'loading again adds nothing');
    } finally {
      await t.close();
    }
  });
});
