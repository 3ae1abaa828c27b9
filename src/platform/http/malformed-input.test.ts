import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { forEachDialect } from '../../../test/dialects.ts';
import { address, fillPath, FUZZ_ORG, junkForm, malformedRequest, operationsOf, type Malformed, type Operation, type RawOperation, type Schema } from '../../../test/fuzz/malformed-requests.ts';
import { startHaven, type TestHaven } from '../../../test/harness.ts';
import { emptyProfile } from '../../features/directory/directory.service.ts';
import { newService } from '../../features/directory/service-defaults.ts';
import { commonText } from '../i18n/common.messages.ts';
import { LOCALES, type Locale } from '../i18n/locale.ts';

/**
 * Whatever arrives, Haven answers calmly: never a server error, always the
 * documented error shape under /api, a translated sentence naming the field
 * that is wrong, and nothing half-done in the database. The operations come
 * from the published OpenAPI document, so a new endpoint is fuzzed as soon as
 * it is documented.
 */

const RUNS = 30;

forEachDialect((dialect) => {
  let t: TestHaven;
  let stewardToken: string;
  let operations: Operation[];

  before(async () => {
    t = await startHaven(dialect);
    const steward = await t.haven.accounts.create({ username: 'fuzz-steward', password: 'a long enough passphrase', roles: ['steward'] }, 'system');
    stewardToken = (await t.haven.tokens.create(steward.id, 'fuzz', 'system')).token;
    // First use of the day records "last used"; done here so that no fuzzing run sees it change.
    assert.equal((await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${stewardToken}` } })).statusCode, 200);
    // A provider with a published profile and a service, so that the directory's routes reach their own checks.
    await t.haven.organisations.create({ slug: FUZZ_ORG, name: 'Fuzz Organisation', kind: 'hosting-provider' }, 'system');
    await t.haven.directory.saveProfile(FUZZ_ORG, emptyProfile(), { kind: 'system', actor: 'system' });
    await t.haven.directory.addService(FUZZ_ORG, { ...newService(), name: 'x' }, { kind: 'system', actor: 'system' });
    const doc = (await t.app.inject('/api/openapi.json')).json() as { paths: Record<string, Record<string, RawOperation>> };
    operations = operationsOf(doc);
  });
  after(() => t.close());

  it('documents every API operation it serves, so each one below is fuzzed', () => {
    const listed = operations.map((o) => `${o.method} ${o.path}`);
    for (const expected of [
      'GET /api/v1/me',
      'POST /api/v1/me/tokens',
      'DELETE /api/v1/me/tokens/{id}',
      'POST /api/v1/accounts',
      'POST /api/v1/organisations',
      'POST /api/v1/organisations/{slug}/members',
      'DELETE /api/v1/organisations/{slug}/members/{username}',
      'POST /api/v1/me/delete',
      'GET /api/v1/providers',
      'GET /api/v1/providers/{slug}',
      'PUT /api/v1/providers/{slug}/profile',
      'POST /api/v1/providers/{slug}/services',
      'PUT /api/v1/providers/{slug}/services/{service}',
      'DELETE /api/v1/providers/{slug}/services/{service}',
      'PUT /api/v1/providers/{slug}/metadata-source',
      'POST /api/v1/providers/{slug}/metadata-source/read',
      'POST /api/v1/providers/{slug}/checks',
    ]) {
      assert.ok(listed.includes(expected), `${expected} is in the OpenAPI document`);
    }
  });

  for (const caller of ['an anonymous caller', 'a steward with a valid API token'] as const) {
    it(`answers malformed input from ${caller} on every API operation with a clear refusal and changes nothing`, async (ctx) => {
      const auth: Record<string, string> = caller === 'an anonymous caller' ? {} : { authorization: `Bearer ${stewardToken}` };
      for (const operation of operations) {
        await ctx.test(`${operation.method} ${operation.path}`, async () => {
          const before = await snapshot(t);
          let schemaRefusals = 0;
          await fc.assert(
            fc.asyncProperty(malformedRequest(operation), fc.constantFrom(...LOCALES), async (request, locale) => {
              const response = await send(t, request, auth, locale);
              const error = checkAnswer(request, response);
              if (error?.code === 'invalid_input') {
                schemaRefusals += 1;
                checkSchemaRefusal(request, error, locale, operation);
                // The same request in the other language: the same fields, other words.
                const other: Locale = locale === 'en' ? 'fr' : 'en';
                const translated = checkAnswer(request, await send(t, request, auth, other));
                assert.equal(translated?.code, 'invalid_input', `${request.label}: same refusal in ${other}`);
                checkSchemaRefusal(request, translated, other, operation);
                assert.deepEqual(translated.fields.map((f) => f.field), error.fields.map((f) => f.field));
                assert.notEqual(translated.message, error.message, 'the summary is translated');
                translated.fields.forEach((f, i) => assert.notEqual(f.message, error.fields[i]!.message, `the sentence about ${f.field} is translated`));
              }
            }),
            { numRuns: RUNS },
          );
          assert.deepEqual(await snapshot(t), before, 'no row of any table changed');
          if (operation.body || operation.params.length > 0) {
            assert.ok(schemaRefusals > 0, 'at least some generated requests were refused by the schema, so its checks ran');
          }
        });
      }
    });
  }

  it('refuses a JSON body over a megabyte as too large, in the documented shape', async () => {
    for (const operation of operations.filter((o) => o.body)) {
      const response = await t.app.inject({
        method: operation.method,
        url: fillPath(operation.path, { slug: FUZZ_ORG }),
        headers: { authorization: `Bearer ${stewardToken}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ name: 'x'.repeat(1024 * 1024) }),
      });
      assert.equal(response.statusCode, 413, `${operation.method} ${operation.path}`);
      assert.equal(response.json().error.code, 'too_large');
    }
  });

  it('refuses a JSON body that tries to set __proto__', async () => {
    const before = await snapshot(t);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/tokens',
      headers: { authorization: `Bearer ${stewardToken}`, 'content-type': 'application/json' },
      payload: '{"name":"proto","__proto__":{"isSteward":true}}',
    });
    assert.equal(response.statusCode, 400);
    assert.equal(response.json().error.code, 'bad_request');
    assert.deepEqual(await snapshot(t), before);
  });

  it('takes a JSON API body as sent: a number, a yes/no or a one-item list is not a name', async () => {
    const before = await snapshot(t);
    for (const name of [123, true, ['listed']]) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/me/tokens',
        headers: { authorization: `Bearer ${stewardToken}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ name }),
      });
      assert.equal(response.statusCode, 400, `name ${JSON.stringify(name)} is refused`);
      assert.deepEqual(response.json().error.fields.map((f: { field: string }) => f.field), ['name']);
    }
    assert.deepEqual(await snapshot(t), before);
  });

  it('refuses text with a NUL character, naming the field, instead of failing in the database', async () => {
    const before = await snapshot(t);
    const profile = await t.app.inject({ method: 'GET', url: `/api/v1/providers/${FUZZ_ORG}`, headers: { authorization: `Bearer ${stewardToken}` } });
    const body = profile.statusCode === 200 ? profile.json().profile : null;
    const response = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/providers/${FUZZ_ORG}/profile`,
      headers: { authorization: `Bearer ${stewardToken}`, 'accept-language': 'fr' },
      payload: { ...(body ?? {}), description: 'a\u0000b', fitness: { low: { fit: true, explanation: 'x\u0000' }, medium: { fit: false, explanation: '' }, high: { fit: false, explanation: '' } } },
    });
    assert.equal(response.statusCode, 400);
    assert.deepEqual(errorOf(response, 'NUL').fields.map((f) => f.field).sort(), ['description', 'fitness.low.explanation']);
    assert.match(response.body, /caractère de contrôle invisible/);
    const search = await t.app.inject({ url: '/api/v1/providers?q=%00' });
    assert.equal(search.statusCode, 400);
    assert.deepEqual(await snapshot(t), before);
  });

  it('refuses "Infinity" where an address expects a whole number, instead of passing it to the database', async () => {
    const operation = operations.find((o) => o.method === 'GET' && o.params.some((p) => p.schema.type === 'integer'));
    assert.ok(operation, 'some operation takes a whole number in its address');
    const param = operation.params.find((p) => p.schema.type === 'integer')!;
    for (const text of ['Infinity', '-Infinity', '1e999']) {
      const response: LightMyRequestResponse = await t.app.inject({ url: fillPath(operation.path, { [param.name]: text, slug: FUZZ_ORG }), headers: { authorization: `Bearer ${stewardToken}` } });
      assert.equal(response.statusCode, 400, `${text} in ${operation.path}`);
      assert.deepEqual(errorOf(response, text).fields.map((f) => f.field), [param.name]);
    }
  });

  it('answers an undecodable or overlong address under /api in the documented shape', async () => {
    for (const url of ['/api/v1/me/tokens/%E0%A4%A', '/api/v1/organisations/%/members', `/api/v1/me/tokens/${'a'.repeat(300)}`]) {
      const response = await t.app.inject({ method: 'DELETE', url, headers: { authorization: `Bearer ${stewardToken}`, 'accept-language': 'fr' } });
      assert.ok(response.statusCode >= 400 && response.statusCode < 500, `${url} → ${response.statusCode}`);
      const error = errorOf(response, url);
      assert.equal(error.message, commonText.fr.errors.badRequest, 'in the language asked for');
    }
  });

  it('answers an undecodable address on a page with a page, not JSON', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/setup/%E0%A4%A' });
    assert.equal(response.statusCode, 400);
    assert.match(String(response.headers['content-type']), /^text\/html/);
    assert.match(response.body, new RegExp(commonText.en.errors.badRequest));
    assert.match(String(response.headers['content-security-policy']), /default-src 'none'/, 'the page keeps its security headers');
  });

  describe('HTML forms', () => {
    let forms: TestHaven;
    let setupToken: string;
    before(async () => {
      forms = await startHaven(dialect);
      setupToken = await forms.haven.setup.issueLink();
    });
    after(() => forms.close());

    for (const target of ['/setup/<token>', '/login', '/signup'] as const) {
      it(`never fails with a server error on junk posted to ${target}`, async () => {
        const url = target === '/setup/<token>' ? `/setup/${setupToken}` : target;
        // A real browser's cookie and anti-forgery token, so junk reaches validation and the handler.
        const page = await forms.app.inject({ url: target === '/setup/<token>' ? url : target });
        assert.equal(page.statusCode, 200);
        const cookie = page.cookies.find((c) => c.name === 'haven')!.value;
        const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
        await fc.assert(
          fc.asyncProperty(junkForm(target), fc.boolean(), address(), async (junk, withCsrf, remoteAddress) => {
            const response = await forms.app.inject({
              method: 'POST',
              url: junk.path ? `${url.replace(setupToken, junk.path)}` : url,
              remoteAddress,
              headers: {
                'content-type': junk.contentType,
                ...(withCsrf ? { cookie: `haven=${cookie}`, 'x-csrf-token': csrf } : {}),
                ...(junk.cookie !== undefined ? { cookie: junk.cookie } : {}),
              },
              payload: junk.payload,
            });
            assert.ok(response.statusCode < 500, `${target} answered ${response.statusCode} to ${JSON.stringify(junk).slice(0, 300)}`);
            if (response.statusCode >= 400) assert.match(String(response.headers['content-type']), /^text\/html/, 'a page, not JSON');
          }),
          { numRuns: 40 },
        );
        // Whatever the random runs drew, junk that carries a genuine token reaches validation and is refused there.
        const malformed = await forms.app.inject({
          method: 'POST',
          url,
          remoteAddress: '198.51.100.77',
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `haven=${cookie}`, 'x-csrf-token': csrf },
          payload: `username=${'x'.repeat(500)}&password=`,
        });
        assert.equal(malformed.statusCode, 400, 'junk past the anti-forgery check is refused as malformed');
        assert.match(String(malformed.headers['content-type']), /^text\/html/);
      });
    }
  });
});

// ---------------------------------------------------------------------------
// Sending and checking

interface ErrorAnswer {
  code: string;
  message: string;
  fields: { field: string; message: string }[];
}

async function send(t: TestHaven, request: Malformed, auth: Record<string, string>, locale: Locale): Promise<LightMyRequestResponse> {
  const options: InjectOptions = {
    method: request.method,
    url: request.url,
    headers: { ...request.headers, ...auth, 'accept-language': locale },
    ...(request.payload !== undefined ? { payload: request.payload } : {}),
  };
  return t.app.inject(options);
}

function errorOf(response: LightMyRequestResponse, label: string): ErrorAnswer {
  assert.match(String(response.headers['content-type']), /^application\/json/, `${label}: an API error is JSON`);
  const body = response.json() as { error?: ErrorAnswer };
  const error = body.error;
  assert.ok(error && typeof error === 'object', `${label}: the answer has an "error" object: ${response.body.slice(0, 200)}`);
  assert.equal(typeof error.code, 'string');
  assert.ok(typeof error.message === 'string' && error.message.length > 0, `${label}: the error has a message`);
  assert.ok(Array.isArray(error.fields), `${label}: the error lists its fields`);
  for (const f of error.fields) {
    assert.equal(typeof f.field, 'string');
    assert.ok(typeof f.message === 'string' && f.message.length > 0);
  }
  assert.deepEqual(Object.keys(body), ['error'], 'nothing but the error');
  return error;
}

function checkAnswer(request: Malformed, response: LightMyRequestResponse): ErrorAnswer | null {
  const label = `${request.label} → ${request.method} ${request.url.slice(0, 200)}`;
  assert.ok(response.statusCode < 500, `${label}: answered ${response.statusCode} ${response.body.slice(0, 300)}`);
  if (request.mustRefuse) assert.ok(response.statusCode >= 400, `${label}: broken input was accepted with ${response.statusCode}`);
  if (response.statusCode < 400) return null;
  return errorOf(response, label);
}

function checkSchemaRefusal(request: Malformed, error: ErrorAnswer, locale: Locale, operation: Operation) {
  const label = `${request.label} → ${request.method} ${request.url.slice(0, 200)}`;
  assert.ok(error.fields.length > 0, `${label}: a schema refusal names at least one field`);
  assert.equal(error.message, commonText[locale].errors.fixBelow, `${label}: the summary is in ${locale}`);
  if (request.fields) {
    const named = error.fields.map((f) => f.field);
    assert.ok(
      named.some((field) => request.fields!.some((expected) => field === expected || field.startsWith(`${expected}.`))),
      `${label}: expected a refusal naming ${request.fields.join(' or ')}, got ${named.join(', ')}`,
    );
  }
  for (const f of error.fields) {
    assert.ok(sentencesAbout(f.field, locale, operation).has(f.message), `${label}: "${f.message}" is one of Haven's ${locale} sentences about ${f.field}`);
  }
}

function sentencesAbout(field: string, locale: Locale, operation: Operation): Set<string> {
  const limits = new Set<number>([0]);
  const collect = (schema: Schema | null | undefined) => {
    if (!schema) return;
    for (const n of [schema.minLength, schema.maxLength, schema.maxItems]) if (n !== undefined) limits.add(n);
    Object.values(schema.properties ?? {}).forEach(collect);
    (schema.anyOf ?? []).forEach(collect);
    collect(schema.items);
  };
  collect(operation.body);
  operation.params.forEach((p) => collect(p.schema));
  const sentences = new Set<string>();
  for (const sentence of Object.values(commonText[locale].validation)) for (const n of limits) sentences.add(sentence(field, n));
  return sentences;
}

/**
 * What a malformed request must never change: every row of every table, except the rate-limit
 * counters and the day's rotating secret, which any request may touch.
 */
async function snapshot(t: TestHaven) {
  const db = t.haven.database.db;
  const tables = (await db.introspection.getTables()).map((table) => table.name).filter((name) => !['rate_limit_windows', 'rotating_secrets'].includes(name));
  const all: Record<string, string[]> = {};
  for (const name of tables.sort()) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db);
    all[name] = rows.rows.map((row) => JSON.stringify(row)).sort();
  }
  assert.ok('accounts' in all && 'api_tokens' in all && 'organisations' in all, 'the snapshot covers accounts, tokens and organisations');
  return all;
}
