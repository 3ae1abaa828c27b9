import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { forEachDialect } from '../../../test/dialects.ts';
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

interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  anyOf?: Schema[];
  enum?: unknown[];
  items?: Schema;
  maxItems?: number;
  uniqueItems?: boolean;
  minimum?: number;
  maximum?: number;
}

interface Operation {
  method: 'GET' | 'POST' | 'DELETE' | 'PUT' | 'PATCH';
  path: string;
  params: { name: string; schema: Schema }[];
  body: Schema | null;
}

/** What one generated request is meant to break, so the answer can be checked against it. */
interface Malformed {
  label: string;
  method: Operation['method'];
  url: string;
  headers: Record<string, string>;
  payload?: string;
  /** When set, a schema refusal must name one of these fields (or a field inside them). */
  fields?: string[];
  /** The body is certainly broken: a 2xx would mean Haven acted on bad input. */
  mustRefuse: boolean;
}

const FUZZ_ORG = 'fuzz-org';
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
// Reading the OpenAPI document

interface RawOperation {
  parameters?: { in: string; name: string; schema: Schema }[];
  requestBody?: { content?: Record<string, { schema: Schema }> };
}

function operationsOf(doc: { paths: Record<string, Record<string, RawOperation>> }): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    if (!path.startsWith('/api/v1/')) continue;
    for (const [method, raw] of Object.entries(methods)) {
      operations.push({
        method: method.toUpperCase() as Operation['method'],
        path,
        params: (raw.parameters ?? []).filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: p.schema })),
        body: raw.requestBody?.content?.['application/json']?.schema ?? null,
      });
    }
  }
  return operations;
}

/** Percent-encodes text for an address; a lone surrogate cannot be encoded and becomes U+FFFD, as a browser would send it. */
function encodeSegment(text: string): string {
  return encodeURIComponent(text.replace(/\p{Surrogate}/gu, '\ufffd'));
}

function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? 'x');
}

// ---------------------------------------------------------------------------
// Generators

/** One code point per unit, so lengths count the way the schema counts them. */
const anyChar = fc.constantFrom('a', 'Z', '0', ' ', '-', '.', '/', '\\', '%', '"', "'", '<', '>', '&', '\u0000', '\t', '\n', 'é', 'ß', 'ı', '字', 'ع', '\u202e', '\u200b', '\ufeff', '😀', '\ud800');
const junkString = fc.oneof(fc.string(), fc.string({ unit: anyChar }), fc.string({ unit: 'binary' }));

function validValue(schema: Schema): fc.Arbitrary<unknown> {
  if (schema.anyOf) return fc.constantFrom(...schema.anyOf.flatMap((s) => s.enum ?? []));
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'string': {
      const min = schema.minLength ?? 0;
      // Short values keep runs fast, but a pattern may demand more (an onion address is 62 characters at least).
      const max = schema.pattern ? (schema.maxLength ?? 200) : Math.min(schema.maxLength ?? 40, 40);
      if (schema.pattern) {
        const pattern = new RegExp(schema.pattern, 'u');
        return fc.stringMatching(pattern, { size: 'small' }).filter((s) => [...s].length >= min && [...s].length <= max);
      }
      return fc.string({ unit: anyChar, minLength: min, maxLength: max });
    }
    case 'array':
      return schema.uniqueItems
        ? fc.uniqueArray(validValue(schema.items ?? {}), { maxLength: schema.maxItems ?? 3 })
        : fc.array(validValue(schema.items ?? {}), { maxLength: schema.maxItems ?? 3 });
    case 'object': {
      const properties = schema.properties ?? {};
      const shape = Object.fromEntries(Object.entries(properties).map(([name, s]) => [name, validValue(s)]));
      return fc.record(shape, { requiredKeys: schema.required ?? [] });
    }
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000 });
    default:
      return fc.integer();
  }
}

/** Values of the wrong JSON type for the schema: Haven must refuse them, not quietly convert them. */
function wrongType(schema: Schema): fc.Arbitrary<unknown> {
  const type = schema.type === 'integer' ? 'number' : (schema.type ?? (schema.anyOf ? 'string' : undefined));
  const all: [string, fc.Arbitrary<unknown>][] = [
    ['string', junkString],
    ['number', fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }))],
    ['boolean', fc.boolean()],
    ['null', fc.constant(null)],
    ['array', fc.array(fc.jsonValue({ maxDepth: 3 }), { minLength: 1, maxLength: 3 })],
    ['object', fc.dictionary(fc.string({ minLength: 1 }), fc.jsonValue({ maxDepth: 4 }), { maxKeys: 3 })],
  ];
  return fc.oneof(...all.filter(([name]) => name !== type).map(([, arbitrary]) => arbitrary));
}

/** A value that breaks the property's schema, alone, so the refusal must name that property. */
function invalidValue(schema: Schema, options_: { textOnly?: boolean } = {}): fc.Arbitrary<unknown> {
  const options: fc.Arbitrary<unknown>[] = options_.textOnly ? [] : [wrongType(schema)];
  if (schema.type === 'object' && !options_.textOnly && schema.required?.length) {
    const required = schema.required;
    options.push(fc.tuple(validValue(schema), fc.constantFrom(...required)).map(([value, name]) => {
      const { [name]: _left, ...rest } = value as Record<string, unknown>;
      return rest;
    }));
  }
  if (schema.type === 'string' && !schema.anyOf) {
    const min = schema.minLength ?? 0;
    if (schema.maxLength !== undefined) {
      options.push(fc.string({ unit: anyChar, minLength: schema.maxLength + 1, maxLength: schema.maxLength + 40 }));
      // Huge text (well under the body limit); an address holds less.
      options.push(fc.integer({ min: schema.maxLength + 1, max: options_.textOnly ? 300 : 200_000 }).map((n) => 'ä'.repeat(n)));
    }
    if (min > 0) options.push(fc.string({ unit: anyChar, maxLength: min - 1 }));
    if (schema.pattern) {
      const pattern = new RegExp(schema.pattern, 'u');
      const max = schema.maxLength ?? 40;
      options.push(
        fc
          .tuple(validValue({ ...schema, pattern: undefined }), fc.constantFrom(' ', 'A', 'é', '/', '😀', '\u0000', '<', '%2F', '..', '\u202e'), fc.nat())
          .map(([base, bad, at]) => {
            const s = String(base);
            const i = s.length === 0 ? 0 : at % s.length;
            return (s.slice(0, i) + bad + s.slice(i)).slice(0, max);
          })
          .filter((s) => !pattern.test(s) && [...s].length >= min),
      );
    }
  }
  if (schema.type === 'integer') {
    // As text (a path parameter) or as a JSON number: never a whole number within the limits.
    const max = schema.maximum ?? 1e9;
    const min = schema.minimum ?? -1e9;
    options.push(fc.constantFrom('abc', '1.5', 'NaN', 'Infinity', '1e999', '١', '9'.repeat(30), String(min - 1), String(max + 1)));
    if (!options_.textOnly) options.push(fc.oneof(fc.integer({ min: max + 1 }), fc.integer({ max: min - 1 }), fc.double({ min: min, max: max, noInteger: true, noNaN: true })));
  }
  if (schema.anyOf || schema.enum) {
    const allowed = new Set((schema.anyOf ?? []).flatMap((s) => s.enum ?? []).concat(schema.enum ?? []));
    options.push(fc.oneof(junkString, fc.constantFrom(...[...allowed].map((v) => String(v).toUpperCase()), ' steward', 'admin')).filter((s) => !allowed.has(s)));
  }
  if (schema.type === 'array' && !options_.textOnly) {
    options.push(fc.array(invalidValue(schema.items ?? {}), { minLength: 1, maxLength: 2 }));
    if (schema.uniqueItems) options.push(validValue(schema.items ?? {}).map((v) => [v, v]));
  }
  return fc.oneof(...options);
}

/** A path with odd parameters: schema-breaking, encoded junk, undecodable escapes, a real organisation. */
function oddPath(operation: Operation, mustBreak = false): fc.Arbitrary<{ url: string; broken: string[] }> {
  if (operation.params.length === 0) return fc.constant({ url: operation.path, broken: [] });
  const segment = (param: { name: string; schema: Schema }) =>
    mustBreak
      ? invalidValue(param.schema, { textOnly: true }).filter((v) => String(v).length > 0).map((v) => ({ text: encodeSegment(String(v)), broken: true }))
      : fc.oneof(
      { arbitrary: (param.name === 'slug' ? fc.constant(FUZZ_ORG) : validValue(param.schema)).map((v) => ({ text: encodeSegment(String(v)), broken: false })), weight: 2 },
      { arbitrary: invalidValue(param.schema, { textOnly: true }).filter((v) => String(v).length > 0).map((v) => ({ text: encodeSegment(String(v)), broken: true })), weight: 3 },
      { arbitrary: fc.constantFrom('%', '%zz', '%E0%A4%A', '%00', '%2e%2e', '..', '%2F', '%C0%AF', '%25', '%u0041').map((text) => ({ text, broken: true })), weight: 1 },
      { arbitrary: fc.integer({ min: 65, max: 400 }).map((n) => ({ text: 'a'.repeat(n), broken: true })), weight: 1 },
    );
  return fc.tuple(...operation.params.map((p) => segment(p))).map((segments) => {
    const values: Record<string, string> = {};
    operation.params.forEach((p, i) => (values[p.name] = segments[i]!.text));
    return { url: fillPath(operation.path, values), broken: operation.params.filter((_, i) => segments[i]!.broken).map((p) => p.name) };
  });
}

const junkQuery = fc.oneof(
  fc.constant(''),
  fc.string().map((s) => `?${s}`),
  fc.dictionary(fc.string(), junkString, { maxKeys: 4 }).map((d) => `?${new URLSearchParams(d as Record<string, string>).toString()}`),
);

function malformedRequest(operation: Operation): fc.Arbitrary<Malformed> {
  const request = (label: string, pathPart: { url: string; broken: string[] }, query: string, body: { payload?: string; contentType?: string; fields?: string[]; mustRefuse: boolean }): Malformed => ({
    label,
    method: operation.method,
    url: pathPart.url + query,
    headers: body.contentType !== undefined ? { 'content-type': body.contentType } : {},
    payload: body.payload,
    // Parameters are checked before the body: the refusal names a broken parameter, or else the broken body field.
    fields: pathPart.broken.length > 0 || body.fields ? [...pathPart.broken, ...(body.fields ?? [])] : undefined,
    mustRefuse: body.mustRefuse || pathPart.broken.length > 0,
  });
  const schema = operation.body;
  if (!schema) {
    // No body expected: odd path parameters, junk query strings and junk bodies must still be answered calmly.
    if (operation.method === 'GET') {
      const junkBody = fc.oneof(
        fc.constant({ mustRefuse: false }),
        fc.jsonValue().map((v) => ({ payload: JSON.stringify(v), contentType: 'application/json', mustRefuse: false })),
        junkString.map((s) => ({ payload: s, contentType: 'application/json', mustRefuse: false })),
      );
      return fc.tuple(oddPath(operation), junkQuery, junkBody).map(([p, q, b]) => request('no-body read', p, q, b));
    }
    // A bodiless action would act on any well-formed call, so its body is always broken: text that is
    // not JSON, or a content type Haven does not read. Either must stop it before it acts.
    // With parameters, a schema-breaking parameter alone must stop it too.
    const brokenBody = fc.oneof(
      fc.constantFrom('', '{', '{"a":}', '[1,]', 'NaN', '\u0000', "{'a':1}").map((payload) => ({ payload, contentType: 'application/json', mustRefuse: true })),
      fc.tuple(junkString, fc.constantFrom('application/xml', 'application/octet-stream', 'image/png', 'multipart/form-data; boundary=x')).map(([payload, contentType]) => ({ payload, contentType, mustRefuse: true })),
    );
    const withBrokenBody = fc.tuple(oddPath(operation), junkQuery, brokenBody).map(([p, q, b]) => request('no-body action, broken body', p, q, b));
    if (operation.params.length === 0) return withBrokenBody;
    const withBrokenPath = fc.tuple(oddPath(operation, true), junkQuery).map(([p, q]) => request('no-body action, broken parameter', p, q, { mustRefuse: true }));
    return fc.oneof(withBrokenBody, withBrokenPath);
  }

  const properties = schema.properties ?? {};
  const names = Object.keys(properties);
  const required = schema.required ?? [];
  const base = validValue(schema) as fc.Arbitrary<Record<string, unknown>>;
  const json = (label: string, value: unknown, fields?: string[]) => ({ label, payload: JSON.stringify(value), contentType: 'application/json', fields, mustRefuse: true });

  const mutations: fc.Arbitrary<ReturnType<typeof json>>[] = [
    // One property of the wrong type, too long, too short or against its pattern.
    fc.tuple(base, fc.constantFrom(...names)).chain(([body, name]) =>
      invalidValue(properties[name]!).map((bad) => json(`bad ${name}`, { ...body, [name]: bad }, [name])),
    ),
    // An extra property, holding nested junk.
    fc.tuple(base, fc.string({ minLength: 1, maxLength: 30 }).filter((k) => !names.includes(k) && !['__proto__', 'constructor', 'prototype'].includes(k)), fc.jsonValue({ maxDepth: 6 })).map(([body, key, value]) =>
      json(`extra ${key}`, { ...body, [key]: value }, [key]),
    ),
    // Not an object at all.
    fc.oneof(fc.array(fc.jsonValue({ maxDepth: 3 })), junkString, fc.integer(), fc.boolean(), fc.constant(null)).map((v) => json('not an object', v, ['request'])),
    // Text that is not JSON.
    fc.oneof(
      base.chain((body) => fc.nat().map((n) => JSON.stringify(body).slice(0, n % Math.max(1, JSON.stringify(body).length - 1)))),
      base.map((body) => `${JSON.stringify(body)},`),
      base.map((body) => JSON.stringify(body).replace(/"/g, "'")),
      base.map((body) => `\u00ef\u00bb\u00bf${JSON.stringify(body)}`),
      fc.constantFrom('', '{', '{"a":}', '{"a":1}{"b":2}', 'NaN', '[1,]', '\u0000', '{"a":"\\x"}'),
      junkString,
    ).map((text) => ({ label: 'not JSON', payload: text, contentType: 'application/json', fields: undefined, mustRefuse: true })),
    // The right JSON under a wrong content type.
    fc.tuple(base, fc.oneof(fc.constantFrom('text/plain', 'text/html', 'application/xml', 'application/octet-stream', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'image/png', 'text/plain; charset=utf-8'), fc.string().filter((s) => !/^\s*application\/json/i.test(s)))).map(
      ([body, contentType]) => ({ label: `as ${contentType}`, payload: JSON.stringify(body), contentType, fields: undefined, mustRefuse: true }),
    ),
  ];
  if (required.length > 0) {
    // A required property left out.
    mutations.push(fc.tuple(base, fc.constantFrom(...required)).map(([body, name]) => {
      const { [name]: _left, ...rest } = body;
      return json(`missing ${name}`, rest, [name]);
    }));
  }
  return fc.tuple(oddPath(operation), junkQuery, fc.oneof(...mutations)).map(([p, q, b]) => request(b.label, p, q, b));
}

function address(): fc.Arbitrary<string> {
  return fc.tuple(fc.integer({ min: 1, max: 254 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 })).map(([a, b, c]) => `10.${a}.${b}.${c}`);
}

function junkForm(target: string): fc.Arbitrary<{ payload: string; contentType: string; path?: string; cookie?: string }> {
  const key = fc.oneof(fc.constantFrom('username', 'password', 'next', '_csrf', 'challenge', 'code', 'username[]', '__proto__', 'constructor'), fc.string());
  const value = fc.oneof(junkString, fc.integer({ min: 257, max: 300_000 }).map((n) => 'x'.repeat(n)), fc.constantFrom('//evil.example', '/\\evil', 'javascript:alert(1)'));
  const form = fc.array(fc.tuple(key, value), { maxLength: 6 }).map((pairs) => {
    const body = new URLSearchParams();
    for (const [k, v] of pairs) body.append(k, v);
    return body.toString();
  });
  return fc.record(
    {
      payload: fc.oneof(form, form, fc.string({ unit: 'binary' }), fc.constantFrom('%', '%%%&&==', '=&=&', 'a=%E0%A4%A', '&'.repeat(5000)), fc.jsonValue().map((v) => JSON.stringify(v))),
      contentType: fc.oneof(fc.constant('application/x-www-form-urlencoded'), fc.constant('application/x-www-form-urlencoded'), fc.constantFrom('application/json', 'text/plain', 'multipart/form-data', 'application/x-www-form-urlencoded; charset=latin1'), fc.string()),
      path: target === '/setup/<token>' ? fc.oneof(junkString.map((s) => encodeSegment(s)).filter((s) => s.length > 0), fc.constantFrom('%E0%A4%A', '..', 'a'.repeat(200))) : fc.constant(undefined),
      cookie: fc.oneof(fc.string(), fc.constantFrom('haven=', 'haven=~fr', `haven=${'A'.repeat(43)}~xx`, 'haven=a; haven=b')),
    },
    { requiredKeys: ['payload', 'contentType'] },
  );
}

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
