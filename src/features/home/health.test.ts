import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachDialect } from '../../../test/dialects.ts';
import { startHaven, type TestHaven } from '../../../test/harness.ts';

forEachDialect((dialect) => {
  let t: TestHaven;
  before(async () => (t = await startHaven(dialect)));
  after(() => t.close());

  it('says it is healthy and names the database it runs on', async () => {
    const response = await t.app.inject('/healthz');
    assert.equal(response.statusCode, 200);
    assert.equal(response.json().database, dialect);
    assert.equal(response.json().status, 'ok');
  });

  it('publishes an OpenAPI 3 document generated from the API routes', async () => {
    const doc = (await t.app.inject('/api/openapi.json')).json();
    assert.match(doc.openapi, /^3\./);
    assert.ok(doc.paths['/api/v1/me'].get, 'the /api/v1/me route is documented');
    assert.ok(doc.paths['/api/v1/organisations'].post.requestBody, 'request bodies come from the route schemas');
    assert.equal(doc.paths['/login'], undefined, 'HTML pages stay out of the API document');
  });

  it('serves every page with a strict policy: no script, no framing, no referrer', async () => {
    const response = await t.app.inject('/');
    const csp = String(response.headers['content-security-policy']);
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|script-src/);
    assert.equal(response.headers['referrer-policy'], 'no-referrer');
    assert.doesNotMatch(response.body, /<script/i);
    assert.doesNotMatch(response.body, /(src|href)="(https?:)?\/\//, 'no resource from another origin');
  });

  it('speaks French to a French browser and switches language without JavaScript', async () => {
    const french = await t.app.inject({ url: '/login', headers: { 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5' } });
    assert.match(french.body, /<html lang="fr"/);
    assert.match(french.body, /Nom d’utilisateur/);
    const switched = await t.app.inject({ url: '/language/fr?back=/login' });
    assert.equal(switched.statusCode, 303);
    assert.equal(switched.headers.location, '/login');
    const cookie = switched.cookies.find((c) => c.name === 'haven')!;
    const after = await t.app.inject({ url: '/login', headers: { cookie: `haven=${cookie.value}`, 'accept-language': 'en' } });
    assert.match(after.body, /<html lang="fr"/);
  });

  it('never redirects the language switch to another site', async () => {
    const response = await t.app.inject({ url: '/language/fr?back=//evil.example/' });
    assert.equal(response.headers.location, '/');
  });

  it('answers an unknown address with a translated 404 page', async () => {
    const response = await t.app.inject({ url: '/no/such/page', headers: { 'accept-language': 'fr' } });
    assert.equal(response.statusCode, 404);
    assert.match(response.body, /Il n’y a rien ici/);
  });
});
