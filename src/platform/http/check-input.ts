import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { AppError } from './errors.ts';
import { problemsFromSchemaErrors, type SchemaError } from './validation-problems.ts';

/**
 * Services check their own input against the same schemas the routes use,
 * so a caller that skips a route (the command line, demo data, another
 * feature) cannot store what a form would refuse.
 */
export function checkInput(fields: Record<string, { schema: TSchema; value: unknown }>): void {
  const errors: SchemaError[] = [];
  for (const [field, { schema, value }] of Object.entries(fields)) {
    for (const error of Value.Errors(schema, value)) {
      errors.push({ instancePath: `/${field}`, keyword: error.keyword, params: error.params as Record<string, unknown> });
      break;
    }
  }
  if (errors.length > 0) throw AppError.invalid(problemsFromSchemaErrors(errors));
}
