import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachDialect } from '../../../test/dialects.ts';
import { startHaven, type TestHaven } from '../../../test/harness.ts';

forEachDialect((dialect) => {
  let t: TestHaven;
  const tokens: Record<string, string> = {};

  before(async () => {
    t = await startHaven(dialect);
    await t.haven.charter.adoptTemplate('secure-hosting-coalition', 'start', 'system');
    for (const [slug, kind] of [['api-member', 'hosting-provider'], ['api-applicant', 'security-provider'], ['api-outsider', 'hosting-provider']] as const) {
      const org = await t.haven.organisations.create({ slug, name: slug, kind }, 'system');
      const account = await t.haven.accounts.create({ username: `${slug}-delegate`, password: 'a long password here' }, 'system');
      await t.haven.organisations.addMember(org.id, account.id, 'delegate', 'system');
      tokens[slug] = (await t.haven.tokens.create(account.id, 'api', 'system')).token;
    }
    await t.haven.membership.admit((await t.haven.organisations.getBySlug('api-member')).id, 'founding', 1, 'system');
  });
  after(() => t.close());

  const call = (who: string | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.inject({ method, url, payload, headers: who ? { authorization: `Bearer ${tokens[who]}` } : {} });

  it('runs the application flow through the API with the same rules as the pages', async () => {
    const created = await call('api-applicant', 'POST', '/api/v1/membership/applications', { organisation: 'api-applicant' });
    assert.equal(created.statusCode, 201);
    const number = created.json().number;
    const application = await t.haven.applications.getByNumber(number);
    const criteria = (await t.haven.applications.criteriaFor(application)).flatMap((g) => g.criteria);
    assert.ok(criteria.every((c) => (c.appliesTo as string[]).includes('security-provider')), 'only criteria binding security providers are asked');

    const early = await call('api-applicant', 'POST', `/api/v1/membership/applications/${number}/submit`);
    assert.equal(early.statusCode, 400);
    assert.ok(early.json().error.fields.length === criteria.length, 'each unanswered criterion is named');

    const badLink = await call('api-applicant', 'PUT', `/api/v1/membership/applications/${number}/answers`, { answers: [{ criterion: criteria[0]!.key, answer: 'meets', explanation: '', evidence: ['ftp://x'] }] });
    assert.equal(badLink.statusCode, 400);

    const answers = criteria.map((c) => ({ criterion: c.key, answer: 'meets', explanation: 'yes', evidence: ['https://example.org/policy'] }));
    assert.equal((await call('api-applicant', 'PUT', `/api/v1/membership/applications/${number}/answers`, { answers })).statusCode, 200);
    const submitted = await call('api-applicant', 'POST', `/api/v1/membership/applications/${number}/submit`);
    assert.equal(submitted.statusCode, 200);
    assert.equal(submitted.json().state, 'in-review');

    assert.equal((await call('api-outsider', 'GET', `/api/v1/membership/applications/${number}`)).statusCode, 404);
    assert.equal((await call(null, 'GET', `/api/v1/membership/applications/${number}`)).statusCode, 401);
    assert.equal((await call('api-applicant', 'PUT', `/api/v1/membership/applications/${number}/stance`, { organisation: 'api-applicant', stance: 'support', reason: '' })).statusCode, 403);

    const stance = await call('api-member', 'PUT', `/api/v1/membership/applications/${number}/stance`, { organisation: 'api-member', stance: 'objection', reason: 'Missing audit.' });
    assert.equal(stance.statusCode, 200);
    assert.deepEqual(stance.json().stances, [{ organisation: 'api-member', stance: 'objection', reason: 'Missing audit.', overruled: false }]);
    const comment = await call('api-member', 'POST', `/api/v1/membership/applications/${number}/comments`, { body: 'Please share the audit.' });
    assert.equal(comment.statusCode, 201);
    assert.equal(comment.json().comments[0].author, 'api-member-delegate');
  });

  it('lets only a steward extend, overrule or decline through the API, and declining only after the window', async () => {
    const steward = await t.haven.accounts.create({ username: 'api-steward', password: 'a long password here', roles: ['steward'] }, 'system');
    tokens['steward'] = (await t.haven.tokens.create(steward.id, 'api', 'system')).token;
    assert.equal((await call('api-member', 'POST', '/api/v1/membership/applications/1/reject', { reason: 'no' })).statusCode, 403);
    assert.equal((await call('steward', 'POST', '/api/v1/membership/applications/1/reject', { reason: 'too early' })).statusCode, 409);
    const until = new Date(t.clock.now().getTime() + 40 * 24 * 3600 * 1000).toISOString();
    const extended = await call('steward', 'POST', '/api/v1/membership/applications/1/extend', { until });
    assert.equal(extended.statusCode, 200);
    assert.equal(extended.json().windowEndsAt, until);
    const overruled = await call('steward', 'POST', '/api/v1/membership/applications/1/overrule', { organisation: 'api-member', reason: 'The audit concern was answered at the meeting.' });
    assert.equal(overruled.json().stances[0].overruled, true);
  });

  it('publishes decisions to anyone, with the public reason and without the discussion', async () => {
    t.clock.advance(41 * 24 * 3600 * 1000);
    const rejected = await call('steward', 'POST', '/api/v1/membership/applications/1/reject', { reason: 'The audit was never shared.' });
    assert.equal(rejected.statusCode, 200);
    assert.equal(rejected.json().outcome, 'rejected');
    const response = await call(null, 'GET', '/api/v1/membership/decisions');
    assert.equal(response.statusCode, 200);
    assert.deepEqual(
      response.json().map((d: { organisation: string; outcome: string; reason: string }) => [d.organisation, d.outcome, d.reason]),
      [['api-applicant', 'rejected', 'The audit was never shared.']],
    );
    assert.ok(!response.body.includes('Please share the audit'));
  });
});
