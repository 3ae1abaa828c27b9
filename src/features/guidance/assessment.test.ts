import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { forEachDialect } from '../../../test/dialects.ts';
import { fittingProvider, JOURNALIST_FORM } from '../../../test/guidance-fixtures.ts';
import { startHaven, type TestHaven } from '../../../test/harness.ts';
import { createAccount, WebClient } from '../../../test/web-client.ts';

forEachDialect((dialect) => {
  describe('the risk self-assessment in the browser', () => {
    let t: TestHaven;
    const passwords: Record<string, string> = {};
    const counts = async () => {
      const db = t.haven.database.db;
      const [saved, referrals, audit] = await Promise.all([
        db.selectFrom('saved_assessments').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
        db.selectFrom('referrals').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
        db.selectFrom('audit_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
      ]);
      return [Number(saved.n), Number(referrals.n), Number(audit.n)];
    };

    before(async () => {
      t = await startHaven(dialect);
      t.clock.set(new Date('2026-11-23T10:00:00Z'));
      await fittingProvider(t.haven, 'harbour-hosting', 'Harbour Hosting');
      await fittingProvider(t.haven, 'lowland-hosting', 'Lowland Hosting', ['low']);
      for (const name of ['assessor', 'other-person']) passwords[name] = (await createAccount(t.app, name)).password;
      passwords.steward = (await createAccount(t.app, 'rules-steward', { roles: ['steward'] })).password;
    });
    after(() => t.close());

    it('gives a level with its reasons, and the providers that fit with theirs, to someone without an account, keeping nothing', async () => {
      const person = new WebClient(t.app);
      assert.equal((await person.get('/guidance')).status, 200);
      const before = await counts();
      const result = await person.post('/guidance/result', JOURNALIST_FORM);
      assert.equal(result.status, 200);
      assert.match(result.body, /<h2 id="level-title">High risk<\/h2>/);
      assert.match(result.body, /A state with advanced surveillance capabilities<\/strong>: \+5; high risk, whatever else you answered/);
      assert.match(result.body, /Harbour Hosting/);
      assert.match(result.body, /It declares itself fit for high risk: “Harbour Hosting runs its own servers/);
      assert.match(result.body, /What it offers you is hosted outside Belarus\./);
      assert.doesNotMatch(result.body, /Lowland Hosting/, 'fit for low risk only');
      assert.deepEqual(await counts(), before, 'nothing stored, not even an audit line');
    });

    it('answers in French, and shows the questionnaire again with each problem beside its question when answers are missing', async () => {
      const person = new WebClient(t.app, { headers: { 'accept-language': 'fr' } });
      await person.get('/guidance');
      const refused = await person.post('/guidance/result', { visibility: 'public', languages: 'fr' });
      assert.equal(refused.status, 400);
      assert.match(refused.body, /<title>Erreur : /);
      assert.match(refused.body, /id="field-adversaries-problem">Merci de répondre à cette question\./);
      assert.match(refused.body, /value="public" checked/, 'what was answered stays answered');
      const result = await person.post('/guidance/result', JOURNALIST_FORM);
      assert.match(result.body, /Risque élevé/);
      assert.match(result.body, /Il se déclare adapté au risque élevé/);
    });

    it('saves a result only for a logged-in person who asks, encrypted, visible to them alone, and deletes it on request', async () => {
      const anonymous = new WebClient(t.app);
      await anonymous.get('/guidance');
      assert.equal((await anonymous.post('/guidance/saved', JOURNALIST_FORM)).status, 401);
      const person = new WebClient(t.app);
      await person.logIn('assessor', passwords.assessor!);
      await person.get('/guidance');
      const saved = await person.post('/guidance/saved', JOURNALIST_FORM);
      assert.equal(saved.status, 303);
      const list = await person.get('/guidance/saved?saved=1');
      const id = /href="\/guidance\/saved\/([^"]+)"/.exec(list.body)![1]!;
      assert.match(list.body, /High risk/);
      const stored = await t.haven.database.db.selectFrom('saved_assessments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.doesNotMatch(stored.answers_cipher, /state-advanced|sensitive/, 'the answers are encrypted at rest');
      assert.deepEqual((await t.haven.assessments.savedAnswers(stored.account_id, id)).countries, ['BY'], 'and read back whole by their author');
      assert.match((await person.get(`/guidance/saved/${id}`)).body, /Harbour Hosting/);
      const exported = JSON.parse((await person.get('/account/export.json')).body);
      assert.deepEqual(exported.savedSelfAssessments.map((s: { level: string; answers: { countries: string[] } }) => [s.level, s.answers.countries]), [['high', ['BY']]], 'in the person’s data export');
      const other = new WebClient(t.app);
      await other.logIn('other-person', passwords['other-person']!);
      assert.equal((await other.get(`/guidance/saved/${id}`)).status, 404);
      await other.post(`/guidance/saved/${id}/delete`, {}, '/guidance/saved');
      assert.equal((await person.get(`/guidance/saved/${id}`)).status, 200, 'another person cannot delete it');
      assert.equal((await person.post(`/guidance/saved/${id}/delete`, {}, '/guidance/saved')).status, 303);
      assert.equal((await person.get(`/guidance/saved/${id}`)).status, 404);
    });

    it('answers the same through the API, in the language asked for, and keeps nothing', async () => {
      const before = await counts();
      const { countries: _c, ...answers } = JOURNALIST_FORM;
      const result = await t.app.inject({ method: 'POST', url: '/api/v1/guidance/assessment', headers: { 'accept-language': 'fr' }, payload: { ...answers, countries: ['BY'], visibility: 'public' } });
      assert.equal(result.statusCode, 200, result.body);
      const body = result.json();
      assert.equal(body.level, 'high');
      assert.deepEqual(body.reasons[0], { question: 'adversaries', answer: 'state-advanced', points: 5, floor: 'high' });
      assert.deepEqual(body.recommendations.map((r: { slug: string }) => r.slug), ['harbour-hosting']);
      assert.match(body.recommendations[0].reasons[0].text, /Il se déclare adapté au risque élevé/);
      const refused = await t.app.inject({ method: 'POST', url: '/api/v1/guidance/assessment', payload: { ...answers, adversaries: ['aliens'] } });
      assert.equal(refused.statusCode, 400);
      assert.deepEqual(await counts(), before);
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/guidance/rules' })).json().rules.thresholds.high, 6);
    });

    it('publishes how levels are decided, and lets only stewards publish new rules, which then decide new results', async () => {
      const rules = await new WebClient(t.app).get('/guidance/rules');
      assert.match(rules.body, /Version 1, published on 23 November 2026/);
      assert.match(rules.body, /Medium risk from 3 points, high risk from 6 points\./);
      const outsider = new WebClient(t.app);
      await outsider.logIn('other-person', passwords['other-person']!);
      assert.equal((await outsider.get('/guidance/rules/edit')).status, 403);
      const steward = new WebClient(t.app);
      await steward.logIn('rules-steward', passwords.steward!);
      const form = await steward.get('/guidance/rules/edit');
      const fields = Object.fromEntries([...form.body.matchAll(/<input type="number" id="[^"]+" name="([^"]+)"[^>]*value="(\d+)"/g)].map((m) => [m[1]!, m[2]!]));
      assert.equal(fields['thresholds.high'], '6');
      const refused = await steward.post('/guidance/rules/edit', { ...fields, 'floors.adversaries.state-advanced': 'high', 'thresholds.high': '2', note: 'Lower the bar' });
      assert.equal(refused.status, 400);
      assert.match(refused.body, /each threshold above the one before/);
      assert.equal((await t.haven.scoringRules.current()).version, 1, 'nothing published');
      const published = await steward.post('/guidance/rules/edit', { ...fields, 'thresholds.medium': '1', 'thresholds.high': '2', note: 'Public visibility alone now calls for care.' });
      assert.equal(published.status, 303);
      assert.equal(published.location, '/guidance/rules?version=2');
      const person = new WebClient(t.app);
      await person.get('/guidance');
      const result = await person.post('/guidance/result', { ...JOURNALIST_FORM, adversaries: 'none-known', jurisdiction: 'no', sensitivity: 'public', countries: [] });
      assert.match(result.body, /Medium risk/);
      assert.match(result.body, /scoring rules, version 2/);
      assert.match((await person.get('/guidance/rules?version=1')).body, /Medium risk from 3 points/, 'earlier versions stay published');
    });
  });
});
