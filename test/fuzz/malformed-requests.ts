import fc from 'fast-check';

/**
 * Requests that break an API operation in one known way, generated from the
 * published OpenAPI document: whatever a new endpoint declares is fuzzed.
 */

/** The organisation every generated address names when it keeps a real one. */
export const FUZZ_ORG = 'fuzz-org';

export interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  anyOf?: Schema[];
  nullable?: boolean;
  enum?: unknown[];
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minimum?: number;
  maximum?: number;
}

export interface Operation {
  method: 'GET' | 'POST' | 'DELETE' | 'PUT' | 'PATCH';
  path: string;
  params: { name: string; schema: Schema }[];
  body: Schema | null;
}

/** What one generated request is meant to break, so the answer can be checked against it. */
export interface Malformed {
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


// ---------------------------------------------------------------------------
// Reading the OpenAPI document

export interface RawOperation {
  parameters?: { in: string; name: string; schema: Schema }[];
  requestBody?: { content?: Record<string, { schema: Schema }> };
}

export function operationsOf(doc: { paths: Record<string, Record<string, RawOperation>> }): Operation[] {
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

export function fillPath(path: string, values: Record<string, string>): string {
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
      // A NUL character is refused in any text (PostgreSQL cannot keep it): it belongs to the invalid values only.
      return fc.string({ unit: anyChar.filter((c) => c !== '\u0000'), minLength: min, maxLength: max });
    }
    case 'array':
      return schema.uniqueItems
        ? fc.uniqueArray(validValue(schema.items ?? {}), { minLength: schema.minItems ?? 0, maxLength: schema.maxItems ?? 3 })
        : fc.array(validValue(schema.items ?? {}), { minLength: schema.minItems ?? 0, maxLength: schema.maxItems ?? 3 });
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
  // A type one branch of the schema accepts (null, where the value may be null) is no wrong type.
  const accepted = new Set([type, ...(schema.anyOf ?? []).map((s) => (s.type === 'integer' ? 'number' : s.type)), ...(schema.nullable ? ['null'] : [])]);
  const all: [string, fc.Arbitrary<unknown>][] = [
    ['string', junkString],
    ['number', fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }))],
    ['boolean', fc.boolean()],
    ['null', fc.constant(null)],
    ['array', fc.array(fc.jsonValue({ maxDepth: 3 }), { minLength: 1, maxLength: 3 })],
    ['object', fc.dictionary(fc.string({ minLength: 1 }), fc.jsonValue({ maxDepth: 4 }), { maxKeys: 3 })],
  ];
  return fc.oneof(...all.filter(([name]) => !accepted.has(name)).map(([, arbitrary]) => arbitrary));
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

export function malformedRequest(operation: Operation): fc.Arbitrary<Malformed> {
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

export function address(): fc.Arbitrary<string> {
  return fc.tuple(fc.integer({ min: 1, max: 254 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 })).map(([a, b, c]) => `10.${a}.${b}.${c}`);
}

export function junkForm(target: string): fc.Arbitrary<{ payload: string; contentType: string; path?: string; cookie?: string }> {
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
