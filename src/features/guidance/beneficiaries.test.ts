import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { forEachDialect } from '../../../test/dialects.ts';
import { startHaven, type TestHaven } from '../../../test/harness.ts';
import { fittingProvider, HIGH_RISK_FORM } from '../../../test/guidance-fixtures.ts';
import { createAccount, WebClient } from '../../../test/web-client.ts';
import { loadDemoData } from '../demo/demo-data.ts';

/** Someone facing companies and criminals, with a public profile: medium risk. */
const MEDIUM_RISK_FORM = { ...HIGH_RISK_FORM, adversaries: ['companies', 'criminals'], jurisdiction: 'no', sensitivity: 'personal', countries: [] };

forEachDialect((dialect) => {
  describe('an intermediary’s beneficiaries', () => {
    let t: TestHaven;
    let browser: WebClient;
    let bridgeId: string;
    let safeId: string;
    let journalist: string;
    const today = '2026-05-20';

    before(async () => {
      t = await startHaven(dialect);
      t.clock.set(new Date(`${today}T10:00:00Z`));
      safeId = (await fittingProvider(t.haven, 'safe-host', 'Safe Host')).id;
      await fittingProvider(t.haven, 'plain-host', 'Plain Host', ['low']);
      const bridge = await t.haven.organisations.create({ slug: 'bridge', name: 'Bridge', kind: 'intermediary' }, 'system');
      const harbour = await t.haven.organisations.create({ slug: 'harbour', name: 'Harbour', kind: 'intermediary' }, 'system');
      bridgeId = bridge.id;
      const caseworker = await createAccount(t.app, 'caseworker');
      await t.haven.organisations.addMember(bridge.id, caseworker.id, 'staff', 'system');
      await t.haven.organisations.addMember(harbour.id, caseworker.id, 'delegate', 'system');
      browser = new WebClient(t.app);
      await browser.logIn('caseworker', caseworker.password);
    });
    after(() => t.close());

    const row = (id: string) => t.haven.database.db.selectFrom('beneficiaries').selectAll().where('id', '=', id).executeTakeFirst();

    it('records a beneficiary under a pseudonym, keeps the answers encrypted and the country only as its continent', async () => {
      const sent = await browser.post('/guidance/beneficiaries', { org: 'bridge', label: 'Journalist A', country: 'KE', ...HIGH_RISK_FORM }, '/guidance/beneficiaries/new?org=bridge');
      assert.equal(sent.status, 303, sent.body.slice(0, 500));
      journalist = sent.location!.split('/').pop()!;
      const stored = await row(journalist);
      assert.equal(stored?.organisation_id, bridgeId);
      assert.equal(stored?.level, 'high');
      assert.equal(stored?.region, 'AF');
      // A two-letter code can turn up by chance inside ciphertext or an id: no column may hold it as its value.
      assert.ok(!Object.values(stored!).some((v) => v === 'KE') && !stored!.answers_cipher.includes('state-advanced'), 'neither the country nor the answers in clear');
      const page = await browser.get(sent.location!);
      assert.equal(page.status, 200);
      assert.match(page.body, /High risk/);
      assert.match(page.body, /Commission from Safe Host/);
      assert.doesNotMatch(page.body, /Commission from Plain Host/, 'a provider unfit for high risk is not offered');
      assert.match(page.body, /Journalist A agreed to share this with Safe Host/);
    });

    it('refuses a label that looks like an e-mail address or a phone number, in English and in French, and records nothing', async () => {
      const before = await t.haven.beneficiaries.list(bridgeId);
      const email = await browser.post('/guidance/beneficiaries', { org: 'bridge', label: 'amina@example.org', ...HIGH_RISK_FORM }, '/guidance/beneficiaries/new?org=bridge');
      assert.equal(email.status, 400);
      assert.match(email.body, /looks like an e-mail address or a phone number/);
      assert.match(email.body, /value="amina@example.org"/, 'the form is filled again');
      const phone = await browser.post('/guidance/beneficiaries', { org: 'bridge', label: '+254 712 345 678', ...HIGH_RISK_FORM });
      assert.equal(phone.status, 400);
      const french = new WebClient(t.app, { headers: { 'accept-language': 'fr' } });
      const { password } = await createAccount(t.app, 'intervenante');
      await t.haven.organisations.addMember(bridgeId, (await t.haven.accounts.findByUsername('intervenante'))!.id, 'delegate', 'system');
      await french.logIn('intervenante', password);
      const refused = await french.post('/guidance/beneficiaries', { org: 'bridge', label: '0612345678', ...HIGH_RISK_FORM }, '/guidance/beneficiaries/new');
      assert.equal(refused.status, 400);
      assert.match(refused.body, /ressemble à une adresse électronique ou à un numéro de téléphone/);
      assert.equal((await t.haven.beneficiaries.list(bridgeId)).length, before.length);
      const taken = await browser.post('/guidance/beneficiaries', { org: 'bridge', label: 'Journalist A', ...HIGH_RISK_FORM });
      assert.match(taken.body, /already has this pseudonym/);
    });

    it('sends nothing without a recorded consent, with a date not to come, and only to a provider that fits', async () => {
      const page = `/guidance/beneficiaries/${journalist}`;
      const form = { provider: 'safe-host', serviceCategory: 'email', consent: 'yes', consentOn: today };
      const noConsent = await browser.post(`${page}/engagements`, { ...form, consent: '' }, page);
      assert.equal(noConsent.status, 400);
      assert.match(noConsent.body, /nothing is sent without their consent/);
      assert.match((await browser.post(`${page}/engagements`, { ...form, consentOn: '2026-06-01' }, page)).body, /cannot be in the future/);
      const unfit = await browser.post(`${page}/engagements`, { ...form, provider: 'plain-host' }, page);
      assert.equal(unfit.status, 400);
      assert.match(unfit.body, /not among those that fit this beneficiary/);
      assert.equal((await t.haven.database.db.selectFrom('referrals').select('id').execute()).length, 0);
    });

    it('commissions with consent: the provider receives the level and what was chosen, never the pseudonym', async () => {
      const page = `/guidance/beneficiaries/${journalist}`;
      const sent = await browser.post(`${page}/engagements`, { provider: 'safe-host', serviceCategory: 'email', shareAnswers: 'yes', message: 'Write to our caseworkers.', consent: 'yes', consentOn: '2026-05-18' }, page);
      assert.equal(sent.status, 303, sent.body.slice(0, 300));
      assert.equal(sent.location, `${page}/engagements/safe-host/1?sent=1`);
      const referral = await t.haven.referrals.byNumber(safeId, 1);
      assert.equal(referral.intermediaryId, bridgeId);
      assert.equal(referral.beneficiaryId, journalist);
      assert.equal(referral.shared?.level, 'high');
      assert.deepEqual(referral.shared?.answers?.adversaries, ['state-advanced']);
      assert.ok(!JSON.stringify(referral.shared).includes('Journalist A'));
      const stored = await t.haven.database.db.selectFrom('referrals').selectAll().where('id', '=', referral.id).executeTakeFirstOrThrow();
      assert.equal(stored.consent_at, '2026-05-18T00:00:00.000Z');
      assert.equal(stored.region, 'AF');
      const engagement = await browser.get(sent.location!);
      assert.match(engagement.body, /Engagement 1 was sent to Safe Host/);
      assert.match(engagement.body, /Write to our caseworkers/);
      assert.match((await browser.get(page)).body, /Waiting for the provider’s answer/);
      const again = await browser.post(`${page}/engagements`, { provider: 'safe-host', serviceCategory: 'email', consent: 'yes', consentOn: today }, page);
      assert.equal(again.status, 409, 'the same service is not commissioned twice while open');
    });

    it('shows the intermediary the provider’s question and sends its answer back to the provider', async () => {
      await t.haven.referrals.answer(await t.haven.referrals.byNumber(safeId, 1), { kind: 'question', body: 'Which languages does the newsroom use?' }, 'system');
      const path = `/guidance/beneficiaries/${journalist}/engagements/safe-host/1`;
      assert.match((await browser.get(`/guidance/beneficiaries/${journalist}`)).body, /The provider asked a question/);
      assert.match((await browser.get(path)).body, /Which languages does the newsroom use\?/);
      t.clock.advance(60_000);
      assert.equal((await browser.post(`${path}/reply`, { body: 'English and Swahili.' }, path)).status, 303);
      const referral = await t.haven.referrals.byNumber(safeId, 1);
      assert.equal(referral.status, 'sent');
      assert.deepEqual(referral.messages.map((m) => [m.author, m.body]), [
        ['provider', 'Which languages does the newsroom use?'],
        ['person', 'English and Swahili.'],
      ]);
    });

    it('deletes what was shared at once when consent is withdrawn, and keeps the engagement only as a count', async () => {
      const page = `/guidance/beneficiaries/${journalist}`;
      assert.equal((await browser.post(`${page}/engagements/safe-host/1/withdraw`, {}, page)).status, 303);
      const stored = await t.haven.database.db.selectFrom('referrals').selectAll().where('number', '=', 1).executeTakeFirstOrThrow();
      assert.equal(stored.content_cipher, null);
      assert.equal(stored.status, 'withdrawn');
      assert.equal(stored.consent_withdrawn_at, t.clock.now().toISOString());
      assert.match((await browser.get(`${page}/engagements/safe-host/1`)).body, /what was shared has been deleted/);
    });

    it('scores changed answers again, and keeps the region unless another country is chosen', async () => {
      const page = `/guidance/beneficiaries/${journalist}`;
      assert.equal((await browser.post(page, { label: 'Journalist A', country: '', ...MEDIUM_RISK_FORM }, `${page}/edit`)).status, 303);
      assert.deepEqual([(await row(journalist))?.level, (await row(journalist))?.region], ['medium', 'AF']);
      assert.equal((await browser.post(page, { label: 'Journalist A', country: 'none', ...MEDIUM_RISK_FORM }, `${page}/edit`)).status, 303);
      assert.equal((await row(journalist))?.region, null);
    });

    it('forgets a removed beneficiary: what its engagements shared is deleted, the engagements stay only as counts', async () => {
      const b = await t.haven.beneficiaries.record(bridgeId, { label: 'Case 2', country: 'FR', answers: (await t.haven.beneficiaries.evaluation(await t.haven.beneficiaries.get(journalist))).answers }, 'system');
      await t.haven.beneficiaries.commission(b, safeId, { consent: { given: true, on: today }, shareAnswers: true, message: null, serviceCategory: 'email' }, 'system');
      const page = `/guidance/beneficiaries/${b.id}`;
      assert.equal((await browser.post(`${page}/remove`, {}, `${page}/remove`)).status, 303);
      assert.equal(await row(b.id), undefined);
      const left = await t.haven.database.db.selectFrom('referrals').selectAll().where('number', '=', 2).executeTakeFirstOrThrow();
      assert.deepEqual([left.beneficiary_id, left.content_cipher, left.status, left.level, left.service_category], [null, null, 'withdrawn', 'medium', 'email']);
    });

    it('lets a person in two intermediaries choose whose beneficiaries to see', async () => {
      const first = await browser.get('/guidance/beneficiaries');
      assert.match(first.body, /Journalist A/);
      assert.match(first.body, /<select id="field-org" name="org"/);
      const harbour = await browser.get('/guidance/beneficiaries?org=harbour');
      assert.equal(harbour.status, 200);
      assert.doesNotMatch(harbour.body, /Journalist A/);
      assert.match(harbour.body, /No beneficiary recorded yet/);
      assert.equal((await browser.get('/guidance/beneficiaries?org=safe-host')).status, 404);
    });
  });

  describe('the demo data', () => {
    let t: TestHaven;
    before(async () => {
      t = await startHaven(dialect);
      t.clock.set(new Date('2026-05-20T10:00:00Z'));
    });
    after(() => t.close());

    it('holds an intermediary’s beneficiaries and engagements, some counted in the coalition’s figures, and loading it twice adds nothing', async () => {
      await loadDemoData(t.haven, 'system');
      const count = async () => [(await t.haven.database.db.selectFrom('beneficiaries').select('id').execute()).length, (await t.haven.database.db.selectFrom('referrals').select('id').where('intermediary_id', 'is not', null).execute()).length];
      assert.deepEqual(await count(), [8, 13]);
      await loadDemoData(t.haven, 'system');
      assert.deepEqual(await count(), [8, 13]);
      const report = await t.haven.guidanceReports.report({ kind: 'coalition' }, { filters: {}, by: ['level'] });
      assert.deepEqual(
        report.groups.map((g) => [g.values.level, g.figure.count, g.figure.leftOut]),
        [
          ['low', 0, true],
          ['medium', 6, true],
          ['high', 0, true],
        ],
      );
    });
  });
});
