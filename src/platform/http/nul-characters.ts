import type { FastifyInstance } from 'fastify';
import { commonText } from '../i18n/common.messages.ts';
import { localized } from '../i18n/locale.ts';
import { AppError, type FieldProblem } from './errors.ts';

/** Where a NUL character hides in a parsed body or query, as field paths (`fitness.low.explanation`). */
function nulFields(value: unknown, path: string, found: string[]): void {
  if (found.length >= 20) return;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push(path || 'request');
  } else if (Array.isArray(value)) {
    // Form fields sent several times are one field to the person: name it once.
    value.forEach((item) => nulFields(item, path, found));
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) nulFields(item, path ? `${path}.${key}` : key, found);
  }
}

/**
 * Text with a NUL character cannot be stored by PostgreSQL, and no person types one: such a
 * request is refused before any route sees it, naming the field, instead of failing halfway.
 */
export function refuseNulCharacters(app: FastifyInstance): void {
  // After the schemas, so that what they refuse is named first; before any handler touches the database.
  app.addHook('preHandler', async (request) => {
    // An address no route answers is told "not found", whatever it carried.
    if (!request.routeOptions.url) return;
    const found: string[] = [];
    nulFields(request.body, '', found);
    // Only what a route reads from its query string can reach the database; the rest is ignored anyway.
    const declared = Object.keys((request.routeOptions.schema?.querystring as { properties?: Record<string, unknown> } | undefined)?.properties ?? {});
    const query = request.query as Record<string, unknown> | undefined;
    for (const name of declared) nulFields(query?.[name], name, found);
    if (found.length === 0) return;
    const problems: FieldProblem[] = [...new Set(found)].map((field) => ({ field, text: localized(commonText, (m) => m.errors.nulCharacter) }));
    throw AppError.invalid(problems);
  });
}
