import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachDialect } from '../../../test/dialects.ts';
import { startHaven, type TestHaven } from '../../../test/harness.ts';
import { createAccount, WebClient } from '../../../test/web-client.ts';
import { CHARTER_TEMPLATES } from './templates/index.ts';

forEachDialect((dialect) => {
  let t: TestHaven;
  let steward: WebClient;
  before(async () => {
    t = await startHaven(dialect);
    const { password } = await createAccount(t.app, 'charter-steward', { roles: ['steward'] });
    steward = new WebClient(t.app);
    await steward.logIn('charter-steward', password);
  });
  after(() => t.close());

  it('says plainly when no charter has been adopted yet', async () => {
    assert.match((await t.app.inject('/charter')).body, /has not adopted a charter yet/);
    assert.equal((await t.app.inject('/api/v1/charter')).statusCode, 404);
  });

  it('lets only a steward adopt a charter', async () => {
    const { password } = await createAccount(t.app, 'charter-member');
    const member = new WebClient(t.app);
    await member.logIn('charter-member', password);
    assert.equal((await member.post('/admin/charter/adopt', { template: 'chatons-v2', note: '' }, '/account')).status, 403);
    assert.equal((await new WebClient(t.app).post('/admin/charter/adopt', { template: 'chatons-v2', note: '' }, '/login')).status, 401);
    assert.equal(await t.haven.charter.current(), null);
  });

  it('adopts a built-in template and publishes it in English and French, and as JSON', async () => {
    const adopted = await steward.post('/admin/charter/adopt', { template: 'chatons-v2', note: 'Our starting point' }, '/admin/charter');
    assert.equal(adopted.status, 303);
    const template = CHARTER_TEMPLATES.find((x) => x.key === 'chatons-v2')!;
    const english = await t.app.inject('/charter');
    const french = await t.app.inject({ url: '/charter', headers: { 'accept-language': 'fr' } });
    const firstPrinciple = template.principles[0]!;
    assert.ok(english.body.includes(escape(firstPrinciple.title.en)));
    assert.ok(french.body.includes(escape(firstPrinciple.title.fr)));
    const api = (await t.app.inject('/api/v1/charter')).json();
    assert.equal(api.version, 1);
    assert.equal(api.basedOn, 'chatons-v2');
    assert.equal(api.principles.length, template.principles.length);
    assert.deepEqual(
      api.principles.flatMap((p: { criteria: { level: string }[] }) => p.criteria.map((c) => c.level)),
      template.principles.flatMap((p) => p.criteria.map((c) => c.level)),
      'required and recommended as the template marks them',
    );
  });

  it('amends the charter through a private draft, published as a new version with a public list of changes', async () => {
    const current = (await t.haven.charter.current())!;
    const principle = current.content.principles[0]!;
    const [first, second] = principle.criteria;
    assert.ok(first && second, 'the first principle has two criteria to work with');

    await steward.post('/admin/charter/draft', {}, '/admin/charter');
    const edited = await steward.post(
      `/admin/charter/draft/principles/${principle.key}/criteria/${first.key}`,
      {
        key: first.key,
        level: first.level === 'required' ? 'recommended' : 'required',
        titleEn: first.title.en,
        titleFr: first.title.fr,
        explanationEn: first.explanation.en,
        explanationFr: first.explanation.fr,
        evidence: first.evidence,
        check: first.check ?? '',
        appliesTo: first.appliesTo,
      },
      `/admin/charter/draft/principles/${principle.key}/criteria/${first.key}`,
    );
    assert.equal(edited.status, 303);
    const added = await steward.post(
      `/admin/charter/draft/principles/${principle.key}/criteria/new`,
      {
        key: 'publishes-security-txt',
        level: 'recommended',
        titleEn: 'Publishes a security.txt file',
        titleFr: 'Publie un fichier security.txt',
        explanationEn: 'Tells researchers where to report problems.',
        explanationFr: 'Indique où signaler les problèmes.',
        evidence: 'automated-check',
        check: 'security-txt',
        appliesTo: ['hosting-provider', 'security-provider'],
      },
      `/admin/charter/draft/principles/${principle.key}/criteria/new`,
    );
    assert.equal(added.status, 303);
    await steward.post(`/admin/charter/draft/principles/${principle.key}/criteria/${second.key}/remove`, {}, '/admin/charter/draft');

    const publicMeanwhile = (await t.app.inject('/api/v1/charter')).json();
    assert.equal(publicMeanwhile.version, 1, 'the draft stays private until published');

    const published = await steward.post('/admin/charter/draft/publish', { note: 'Security contact and a stricter rule' }, '/admin/charter/draft');
    assert.equal(published.status, 303);
    assert.equal(published.location, '/charter/versions/2/changes');
    const changes = await t.app.inject('/charter/versions/2/changes');
    assert.match(changes.body, /Added<\/strong>: Publishes a security\.txt file/);
    assert.ok(changes.body.includes(`Removed</strong>: ${escape(second.title.en)}`));
    assert.match(changes.body, /Changed<\/strong>: .* — level \((Required → Recommended|Recommended → Required)\)/);
    assert.match(changes.body, /Security contact and a stricter rule/);

    const v1 = (await t.app.inject('/api/v1/charter/versions/1')).json();
    assert.ok(v1.principles[0].criteria.some((c: { key: string }) => c.key === second.key), 'an adopted version never changes');
    const history = await t.app.inject('/charter/history');
    assert.match(history.body, /Version 2/);
    assert.match(history.body, /Version 1/);
  });

  it('explains what is wrong with a criterion and keeps the draft as it was', async () => {
    await steward.post('/admin/charter/draft', {}, '/admin/charter');
    const principle = (await t.haven.charter.current())!.content.principles[0]!;
    const existing = principle.criteria[0]!;
    const base = {
      level: 'required',
      titleEn: 'T',
      titleFr: 'T',
      explanationEn: 'E',
      explanationFr: 'E',
      appliesTo: ['hosting-provider'],
    };
    const noCheck = await steward.post(`/admin/charter/draft/principles/${principle.key}/criteria/new`, { ...base, key: 'needs-a-check', evidence: 'automated-check', check: '' }, `/admin/charter/draft/principles/${principle.key}/criteria/new`);
    assert.equal(noCheck.status, 400);
    assert.match(noCheck.body, /Choose which automated check/);
    const taken = await steward.post(`/admin/charter/draft/principles/${principle.key}/criteria/new`, { ...base, key: existing.key, evidence: 'statement', check: '' });
    assert.equal(taken.status, 409);
    const nobody = await steward.post(`/admin/charter/draft/principles/${principle.key}/criteria/new`, { ...base, key: 'fine-key', evidence: 'statement', check: '', appliesTo: [] });
    assert.equal(nobody.status, 400);
    const empty = await steward.post('/admin/charter/draft/publish', { note: 'nothing' }, '/admin/charter/draft');
    assert.equal(empty.status, 400);
    assert.match(empty.body, /does not change anything yet/);
    assert.equal((await t.haven.charter.current())!.version, 2);
  });

  it('refuses to publish a draft overtaken by another adopted version', async () => {
    const principle = (await t.haven.charter.current())!.content.principles[0]!;
    await t.haven.charter.removeCriterion(principle.key, principle.criteria[0]!.key);
    await t.haven.charter.adoptTemplate('librehosters-cpp', 'Changed our mind', 'system');
    await t.haven.charter.openDraft();
    await t.haven.charter.discardDraft();
    await t.haven.database.db
      .insertInto('charter_drafts')
      .values({ id: 'draft', base_version: 2, content: JSON.stringify((await t.haven.charter.version(2)).content), updated_at: t.clock.now().toISOString() })
      .execute();
    const outdated = await steward.post('/admin/charter/draft/publish', { note: 'late' }, '/admin/charter');
    assert.equal(outdated.status, 409);
  });
});

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
