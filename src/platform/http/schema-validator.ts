import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

const addFormats = ajvFormats.default;

// allErrors stays off: collecting every error of a hostile body is a denial-of-service lever.
const common: Options = { useDefaults: true, removeAdditional: false, allErrors: false, addUsedSchema: false, strictNumbers: true };

/**
 * How request schemas are checked. Forms, query strings and path parameters
 * arrive as text, so their values are converted (a lone checkbox becomes a
 * list). A JSON body under /api is taken exactly as sent: `{"name": 123}` or
 * `{"name": ["x"]}` is refused with the field named, never quietly turned
 * into the name "123" or "x".
 */
export function schemaValidator(): FastifySchemaCompiler<object> {
  const fromText = new Ajv({ ...common, coerceTypes: 'array' });
  const asSent = new Ajv({ ...common, coerceTypes: false });
  for (const ajv of [fromText, asSent]) addFormats(ajv);
  return ({ schema, url, httpPart }) =>
    httpPart === 'body' && url.startsWith('/api/') ? asSent.compile(schema) : finiteOnly(fromText.compile(schema));
}

/**
 * Ajv turns the text "Infinity" or "1e999" into the number Infinity and then
 * skips the range checks on it, so a path like /applications/Infinity would
 * reach the database (PostgreSQL fails on it). A converted value must be a
 * finite number.
 */
function finiteOnly(validate: ValidateFunction): ValidateFunction {
  const checked = ((data: unknown) => {
    if (!validate(data)) {
      checked.errors = validate.errors;
      return false;
    }
    const where = nonFinite(data, '');
    checked.errors = where === null ? null : [{ instancePath: where, schemaPath: '#', keyword: 'type', params: { type: 'number' }, message: 'must be a finite number' } satisfies ErrorObject];
    return where === null;
  }) as ValidateFunction;
  return checked;
}

function nonFinite(value: unknown, path: string): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : path;
  if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const found = nonFinite(inner, `${path}/${key}`);
      if (found !== null) return found;
    }
  }
  return null;
}
