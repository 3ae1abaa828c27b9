import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h, type VNode } from 'preact';
import type { Config } from '../../config.ts';
import { Layout } from '../html/layout.tsx';
import type { PageContext } from '../html/page-context.ts';
import { renderDocument } from '../html/render.ts';
import { commonText } from '../i18n/common.messages.ts';
import { localeFromAcceptLanguage, localized, type Locale } from '../i18n/locale.ts';
import { AppError, errorBody } from './errors.ts';
import { applySecurityHeaders } from './security-headers.ts';
import { readCookie } from './session-cookie.ts';
import { problemsFromSchemaErrors, type SchemaError } from './validation-problems.ts';

/**
 * The one place errors become responses: JSON under /api, a page elsewhere.
 * A 5xx never shows internals; the log gets the stack, never the request's content.
 */
export function addErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = toAppError(error);
    // Name, message and stack only: database errors carry the offending values in other fields.
    if (appError.status >= 500) {
      request.log.error({ err: { type: error.name, code: error.code, message: error.message, stack: error.stack } }, 'request failed');
    }
    return sendError(request, reply, appError);
  });
  app.setNotFoundHandler((request, reply) => sendError(request, reply, AppError.notFound()));
}

/**
 * Errors Fastify meets before it reaches a route (an address that cannot be
 * decoded, a path parameter over the length limit). No hook has run and the
 * request has none of Haven's additions, so the answer is built here, in the
 * language of the cookie or the browser, with the same headers as any page,
 * and without touching the cookie (nobody is logged out by a bad link).
 */
export function frameworkErrorHandler(config: Config) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const cookies = request.server.parseCookie(request.headers.cookie ?? '');
    const locale = readCookie({ cookies } as unknown as FastifyRequest)?.locale ?? localeFromAcceptLanguage(request.headers['accept-language']);
    const appError = toAppError(error);
    applySecurityHeaders(reply, config, request);
    reply.code(appError.status);
    if (isApiUrl(request.url)) return reply.type('application/json; charset=utf-8').send(errorBody(appError, locale));
    const ctx: PageContext = { locale, path: '/', csrfToken: '', viewer: null, demo: false };
    const page = h(Layout, { ctx, title: commonText[locale].errors.title, children: errorContent(appError, locale, '/') });
    return reply.type('text/html; charset=utf-8').send(renderDocument(page));
  };
}

export function toAppError(error: FastifyError | AppError | Error): AppError {
  if (error instanceof AppError) return error;
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    return AppError.invalid(problemsFromSchemaErrors(fastifyError.validation as unknown as SchemaError[]));
  }
  const status = fastifyError.statusCode ?? 500;
  if (status === 413) return new AppError('too_large', 413, localized(commonText, (m) => m.errors.tooLarge));
  if (status === 415) return new AppError('unsupported_media_type', 415, localized(commonText, (m) => m.errors.unsupportedMedia));
  if (status === 429) return AppError.rateLimited();
  if (status === 404) return AppError.notFound();
  if (status >= 400 && status < 500) return new AppError('bad_request', 400, localized(commonText, (m) => m.errors.badRequest));
  return new AppError('internal', 500, localized(commonText, (m) => m.errors.internal));
}

export function sendError(request: FastifyRequest, reply: FastifyReply, error: AppError) {
  // The rate limiter knows when its window ends; a guess of its own would send people back too early.
  if (error.status === 429 && !reply.hasHeader('retry-after')) reply.header('retry-after', '60');
  if (isApiUrl(request.url)) {
    return reply.code(error.status).type('application/json; charset=utf-8').send(errorBody(error, request.locale));
  }
  return reply.page(commonText[request.locale].errors.title, errorContent(error, request.locale, request.url.split('?')[0] ?? '/'), error.status);
}

function isApiUrl(url: string): boolean {
  return url.startsWith('/api/') || url === '/healthz';
}

function errorContent(error: AppError, locale: Locale, path: string): VNode {
  const m = commonText[locale];
  const problems = error.problems.map((p) => p.text[locale]);
  return h('div', { class: 'problems', role: 'alert' }, [
    h('p', null, error.text[locale]),
    problems.length > 0 ? h('ul', null, problems.map((p) => h('li', null, p))) : null,
    error.status === 401
      ? h('p', null, h('a', { href: `/login?next=${encodeURIComponent(path)}` }, m.nav.logIn))
      : h('p', null, h('a', { href: '/' }, m.errors.backHome)),
  ]);
}
