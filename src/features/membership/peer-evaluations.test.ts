import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachDialect } from '../../../test/dialects.ts';
import { startHaven, type TestHaven } from '../../../test/harness.ts';
import { createAccount, WebClient } from '../../../test/web-client.ts';
import { DAY } from '../../platform/clock.ts';
import { formatDateTime } from '../../platform/i18n/locale.ts';

forEachDialect((dialect) => {
  let t: TestHaven;
  const people: Record<string, WebClient> = {};
  const ids: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  const passwords = new Map<string, string>();
  const SECRET_1 = 'TLS 1.0 still accepted on the control panel';
  const SECRET_2 = 'Security contact mailbox bounces';

  async function person(username: string, options: { org?: string; role?: 'delegate' | 'staff'; roles?: ('steward' | 'reviewer')[] } = {}) {
    const { id, password } = await createAccount(t.app, username, { roles: options.roles ?? [] });
    if (options.org) await t.haven.organisations.addMember((await t.haven.organisations.getBySlug(options.org)).id, id, options.role ?? 'delegate', 'system');
    people[username] = new WebClient(t.app);
    await people[username].logIn(username, password);
    passwords.set(username, password);
    ids[username] = id;
    tokens[username] = (await t.haven.tokens.create(id, 'api', 'system')).token;
  }

  /** Sessions end after a day idle: after moving the clock, everyone logs in again. */
  async function everyoneLogsInAgain() {
    for (const [username, password] of passwords) await people[username]!.logIn(username, password);
  }

  const api = (who: string | null, url: string) => t.app.inject({ method: 'GET', url, headers: who ? { authorization: `Bearer ${tokens[who]}` } : {} });
  const page = (number: number) => `/membership/evaluations/${number}`;

  /** Whom the e-mails queued by `act` go to. */
  async function mailedBy(act: () => Promise<unknown>): Promise<string[]> {
    const mails = () => t.haven.database.db.selectFrom('jobs').select(['id', 'payload_enc']).where('kind', '=', 'mail.send').execute();
    const before = new Set((await mails()).map((j) => j.id));
    await act();
    return (await mails())
      .filter((j) => !before.has(j.id))
      .map((j) => (JSON.parse(t.haven.cipher.decrypt(j.payload_enc!, `jobs.payload:${j.id}`)) as { accountId: string }).accountId)
      .sort();
  }

  before(async () => {
    t = await startHaven(dialect);
    const { version } = await t.haven.charter.adoptTemplate('secure-hosting-coalition', 'note', 'system');
    for (const [slug, kind] of [['alpha', 'hosting-provider'], ['beta', 'security-provider'], ['gamma', 'hosting-provider'], ['delta', 'hosting-provider']] as const) {
      const org = await t.haven.organisations.create({ slug, name: slug.toUpperCase(), kind }, 'system');
      if (slug !== 'delta') await t.haven.membership.admit(org.id, 'founding', version, 'system');
    }
    await person('alpha-d', { org: 'alpha' });
    await person('alpha-staff', { org: 'alpha', role: 'staff' });
    await person('beta-d', { org: 'beta' });
    await person('beta-staff', { org: 'beta', role: 'staff' });
    await person('gamma-d', { org: 'gamma' });
    await person('delta-d', { org: 'delta' });
    await person('steward-s', { roles: ['steward'] });
    await person('reviewer-r', { roles: ['reviewer'] });
  });
  after(() => t.close());

  it('lets a delegate of a member open an evaluation of another member against chosen criteria of the charter', async () => {
    const alpha = people['alpha-d']!;
    const form = await alpha.get('/membership/evaluations/new');
    assert.equal(form.status, 200);
    assert.match(form.body, /name="criteria" value="encrypted-transport"/);
    const fields = { evaluator: 'alpha', evaluated: 'beta', riskLevel: 'high', criteria: ['encrypted-transport', 'honest-risk-fitness'] };

    const itself = await alpha.post('/membership/evaluations/new', { ...fields, evaluated: 'alpha' }, '/membership/evaluations/new');
    assert.equal(itself.status, 400);
    assert.match(itself.body, /does not evaluate itself/);
    assert.equal((await alpha.post('/membership/evaluations/new', { ...fields, evaluated: 'delta' }, '/membership/evaluations/new')).status, 400, 'only members are evaluated');
    const noCriteria = await alpha.post('/membership/evaluations/new', { evaluator: 'alpha', evaluated: 'beta', riskLevel: 'high' }, '/membership/evaluations/new');
    assert.match(noCriteria.body, /Choose at least one criterion/);
    const donorCriterion = await alpha.post('/membership/evaluations/new', { ...fields, criteria: ['donor-independence'] }, '/membership/evaluations/new');
    assert.match(donorCriterion.body, /do not bind this member: donor-independence/);

    const opened = await alpha.post('/membership/evaluations/new', fields, '/membership/evaluations/new');
    assert.equal(opened.status, 303);
    assert.equal(opened.location, page(1));
    const evaluation = await t.haven.peerEvaluations.getByNumber(1);
    assert.deepEqual([evaluation.evaluator.slug, evaluation.evaluated.slug, evaluation.riskLevel, evaluation.state, evaluation.charterVersion], ['alpha', 'beta', 'high', 'open', 1]);
    assert.deepEqual(evaluation.criteria, ['encrypted-transport', 'honest-risk-fitness']);
    assert.equal((await alpha.post('/membership/evaluations/new', fields, '/membership/evaluations/new')).status, 409, 'one evaluation of a member at a time');
  });

  it('refuses to let a non-member, a member’s staff or another organisation open an evaluation', async () => {
    const fields = { evaluated: 'beta', riskLevel: 'low', criteria: 'security-contact' };
    assert.equal((await people['delta-d']!.get('/membership/evaluations/new')).status, 403);
    assert.equal((await people['delta-d']!.post('/membership/evaluations/new', { ...fields, evaluator: 'delta' }, '/membership/evaluations')).status, 403);
    assert.equal((await people['alpha-staff']!.post('/membership/evaluations/new', { ...fields, evaluator: 'alpha' }, '/membership/evaluations')).status, 403);
    assert.equal((await people['gamma-d']!.post('/membership/evaluations/new', { ...fields, evaluator: 'alpha' }, '/membership/evaluations')).status, 403);
    assert.equal((await new WebClient(t.app).get('/membership/evaluations/new')).status, 401);
    assert.equal((await t.haven.peerEvaluations.list()).length, 1, 'nothing was opened');
  });

  it('keeps findings from the evaluated member until shared, then follows each one up with dated notes until resolved', async () => {
    const [alpha, alphaStaff, beta, betaStaff] = ['alpha-d', 'alpha-staff', 'beta-d', 'beta-staff'].map((u) => people[u]!);
    const finding = { subject: 'encrypted-transport', severity: 'high', observation: SECRET_1, recommendation: 'Disable TLS 1.0 and 1.1.' };
    assert.equal((await alphaStaff!.post(`${page(1)}/findings`, finding, page(1))).status, 303);
    await alpha!.post(`${page(1)}/findings`, { subject: 'risk-fitness', severity: 'medium', observation: 'No tested restore for high-risk tenants.', recommendation: 'Test restores every quarter.' }, page(1));
    assert.equal((await alpha!.post(`${page(1)}/findings`, { ...finding, subject: 'security-contact' }, page(1))).status, 400, 'a finding is about a chosen criterion or the risk fitness');
    const stored = await t.haven.database.db.selectFrom('peer_evaluation_findings').select('observation_enc').execute();
    assert.equal(stored.length, 2);
    assert.ok(stored.every((f) => !f.observation_enc.includes('TLS')), 'findings are encrypted at rest');

    const draft = await beta!.get(page(1));
    assert.equal(draft.status, 200);
    assert.match(draft.body, /has not shared its findings yet/);
    assert.ok(!draft.body.includes(SECRET_1));
    assert.deepEqual((await api('beta-d', `/api/v1${page(1)}`)).json().findings, []);
    assert.equal((await beta!.post(`${page(1)}/findings`, finding, page(1))).status, 403);
    assert.equal((await beta!.post(`${page(1)}/share`, {}, page(1))).status, 403);
    assert.equal((await alphaStaff!.post(`${page(1)}/share`, {}, page(1))).status, 403, 'the evaluator’s delegates share');

    assert.deepEqual(await mailedBy(() => alpha!.post(`${page(1)}/share`, {}, page(1))), [ids['beta-d']], 'the evaluated member’s delegates are told');
    assert.equal((await t.haven.peerEvaluations.getByNumber(1)).state, 'findings-shared');
    assert.equal((await alphaStaff!.post(`${page(1)}/findings`, finding, page(1))).status, 403, 'no finding is added once shared');
    assert.ok((await beta!.get(page(1))).body.includes(SECRET_1));

    const note = (who: WebClient, position: number, organisation: string, body: string, status: string) => who.post(`${page(1)}/findings/${position}/notes`, { organisation, body, status }, page(1));
    assert.deepEqual(await mailedBy(() => note(beta!, 1, 'beta', 'Scheduled for the next maintenance window.', 'in-progress')), [ids['alpha-d']]);
    assert.equal((await t.haven.peerEvaluations.getByNumber(1)).state, 'follow-up');
    const unsettled = await alpha!.post(`${page(1)}/close`, { summary: 'Too early.' }, page(1));
    assert.equal(unsettled.status, 409);
    assert.match(unsettled.body, /F1, F2/);
    assert.equal((await note(people['gamma-d']!, 1, 'gamma', 'Let me in.', '')).status, 404);

    t.clock.advance(3 * DAY);
    await everyoneLogsInAgain();
    assert.equal((await note(betaStaff!, 1, 'beta', 'TLS 1.0 and 1.1 are disabled.', 'resolved')).status, 303);
    await note(beta!, 2, 'beta', 'Restore test done for every high-risk tenant.', 'resolved');
    assert.deepEqual(await mailedBy(() => note(alpha!, 2, 'alpha', 'Verified on our side.', '')), [ids['beta-d']], 'a note by the evaluator goes to the evaluated member');
    const followed = await alpha!.get(page(1));
    assert.match(followed.body, /Status: <strong>Resolved<\/strong>[\s\S]*Status: <strong>Resolved<\/strong>/);
    assert.ok(followed.body.includes(`BETA (beta-staff), ${formatDateTime(t.clock.now().toISOString(), 'en')}`), 'each note is dated and signed');
    assert.match(followed.body, /status set to: In progress/);
  });

  it('publishes the summary only once the evaluation is closed, with counts and never a finding', async () => {
    const anonymous = new WebClient(t.app);
    assert.ok(!(await anonymous.get('/membership/evaluations')).body.includes('Evaluation 1'));
    assert.deepEqual((await api(null, '/api/v1/membership/evaluations')).json(), []);

    const summary = 'Transport security and backups of BETA were reviewed at high risk; both findings were fixed promptly.';
    assert.equal((await people['alpha-d']!.post(`${page(1)}/close`, { summary }, page(1))).status, 303);
    assert.equal((await t.haven.peerEvaluations.getByNumber(1)).state, 'closed');
    assert.equal((await people['beta-d']!.post(`${page(1)}/findings/1/notes`, { organisation: 'beta', body: 'late', status: '' }, page(1))).status, 403);

    const list = await anonymous.get('/membership/evaluations');
    assert.ok(list.body.includes(summary));
    assert.match(list.body, /2 finding\(s\), 2 resolved \(Medium: 1 · High: 1\)/);
    const listed = (await api(null, '/api/v1/membership/evaluations')).json();
    assert.equal(listed.length, 1);
    assert.deepEqual([listed[0].summary, listed[0].counts], [summary, { total: 2, resolved: 2, bySeverity: { info: 0, low: 0, medium: 1, high: 1, critical: 0 } }]);
    for (const body of [list.body, JSON.stringify(listed)]) {
      for (const detail of [SECRET_1, 'Disable TLS', 'maintenance window', 'Restore test']) assert.ok(!body.includes(detail), `the public never reads "${detail}"`);
    }
    const actions = (await t.haven.database.db.selectFrom('audit_events').select('action').where('subject_type', '=', 'peer_evaluation').orderBy('occurred_at').execute()).map((a) => a.action);
    assert.ok(actions.includes('peer-evaluation.close') && actions.includes('peer-evaluation.follow-up.resolved'));
  });

  it('shows the details to the two organisations and the stewards only, on every read path', async () => {
    // A second evaluation between the same two members, the other way round and unfinished, so that both kinds are checked.
    const alpha = (await t.haven.organisations.getBySlug('alpha')).id;
    const beta = (await t.haven.organisations.getBySlug('beta')).id;
    const actor = { accountId: ids['beta-d']!, username: 'beta-d' };
    const second = await t.haven.peerEvaluations.open({ evaluatorId: beta, evaluatedId: alpha, riskLevel: 'medium', criteria: ['security-contact'] }, actor);
    await t.haven.peerEvaluations.addFinding(second, { subject: 'security-contact', severity: 'low', observation: SECRET_2, recommendation: 'Fix the mailbox.' }, actor);
    await t.haven.peerEvaluations.share(second, actor);
    const secrets: Record<number, string> = { 1: SECRET_1, 2: SECRET_2 };

    for (const who of ['alpha-d', 'alpha-staff', 'beta-d', 'beta-staff', 'steward-s']) {
      for (const number of [1, 2]) {
        const html = await people[who]!.get(page(number));
        assert.equal(html.status, 200, `${who} reads evaluation ${number}`);
        assert.ok(html.body.includes(secrets[number]!), `${who} reads the findings of ${number}`);
        const json = await api(who, `/api/v1${page(number)}`);
        assert.equal(json.statusCode, 200, `${who} reads evaluation ${number} through the API`);
        assert.equal(json.json().findings[0].observation, secrets[number]);
      }
      assert.deepEqual((await api(who, '/api/v1/membership/evaluations')).json().map((e: { number: number }) => e.number), [2, 1], `${who} lists both`);
      assert.ok((await people[who]!.get('/membership/evaluations')).body.includes(`href="${page(2)}"`), `${who} sees the unfinished one listed`);
    }

    for (const who of ['gamma-d', 'reviewer-r', 'delta-d', null]) {
      const browser = who ? people[who]! : new WebClient(t.app);
      for (const number of [1, 2]) {
        const expected = who ? 404 : 401;
        const html = await browser.get(page(number));
        assert.equal(html.status, expected, `${who ?? 'anonymous'} gets ${expected} for evaluation ${number}`);
        assert.equal((await api(who, `/api/v1${page(number)}`)).statusCode, expected, `${who ?? 'anonymous'} gets ${expected} from the API for ${number}`);
        assert.ok(!html.body.includes(secrets[number]!));
      }
      const listed = await api(who, '/api/v1/membership/evaluations');
      assert.deepEqual(listed.json().map((e: { number: number }) => e.number), [1], `${who ?? 'anonymous'} lists only the closed one`);
      const list = await browser.get('/membership/evaluations');
      assert.ok(!list.body.includes('Evaluation 2') && !list.body.includes(`href="${page(1)}"`), `${who ?? 'anonymous'} sees no unfinished evaluation and no link to details`);
      for (const body of [list.body, listed.body]) assert.ok(!body.includes(SECRET_1) && !body.includes(SECRET_2));
    }
    assert.equal((await api(null, '/api/v1/membership/evaluations/999')).statusCode, 401, 'the anonymous cannot probe for numbers');
  });

  it('speaks French to people who read French', async () => {
    const beta = new WebClient(t.app, { headers: { 'accept-language': 'fr' } });
    await beta.logIn('beta-d', passwords.get('beta-d')!);
    const details = await beta.get(page(1));
    assert.match(details.body, /Évaluation 1 : ALPHA évalue BETA/);
    assert.match(details.body, /Constats[\s\S]*État : <strong>Résolu<\/strong>/);
    assert.match(details.body, /Adapté aux personnes à haut risque/);
    const list = await new WebClient(t.app, { headers: { 'accept-language': 'fr' } }).get('/membership/evaluations');
    assert.match(list.body, /Évaluations closes/);
    assert.match(list.body, /2 constat\(s\), 2 résolu\(s\) \(Moyenne : 1 · Élevée : 1\)/);
  });
});
