import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { h } from 'preact';
import type { Config } from '../../config.ts';
import type { Viewer } from '../../features/accounts/viewer.ts';
import { newSecretToken, sameSecret } from '../crypto/secret-token.ts';
import { Layout } from '../html/layout.tsx';
import type { PageContext } from '../html/page-context.ts';
import { renderDocument } from '../html/render.ts';
import { localeFromAcceptLanguage, type Locale } from '../i18n/locale.ts';
import { AppError } from './errors.ts';
import { readCookie, writeCookie, type CookieState } from './session-cookie.ts';

declare module 'fastify' {
  interface FastifyRequest {
    viewer: Viewer | null;
    locale: Locale;
    cookieState: CookieState | null;
    replyRef: FastifyReply | null;
    unread: number;
    /** The anti-forgery token for forms on this page; sets the cookie if there is none yet. */
    csrfToken(): string;
    pageContext(): PageContext;
  }
  interface FastifyReply {
    page(title: string, body: VNode, status?: number): FastifyReply;
  }
}

export interface ViewerResolvers {
  fromSession(token: string): Promise<Viewer | null>;
  fromApiToken(token: string): Promise<Viewer | null>;
  unreadNotifications(accountId: string): Promise<number>;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Works out, once per request, who is asking and in which language, and
 * refuses state-changing requests that did not come from Haven's own forms.
 */
export function addRequestContext(
  app: FastifyInstance,
  config: Config,
  csrfKey: Buffer,
  resolvers: ViewerResolvers,
  demo: () => boolean,
): void {
  const csrfFor = (token: string) => crypto.createHmac('sha256', csrfKey).update(token).digest('base64url');

  app.decorateRequest('viewer', null);
  app.decorateRequest('locale', 'en');
  app.decorateRequest('cookieState', null);
  app.decorateRequest('unread', 0);
  app.decorateRequest('csrfToken', function (this: FastifyRequest) {
    if (!this.cookieState) {
      this.cookieState = { token: newSecretToken(), locale: null };
      writeCookie(this.replyRef!, config, this.cookieState);
    }
    return csrfFor(this.cookieState.token);
  });
  app.decorateRequest('pageContext', function (this: FastifyRequest): PageContext {
    return {
      locale: this.locale,
      path: this.url.split('?')[0] ?? '/',
      csrfToken: this.csrfToken(),
      viewer: this.viewer ? { username: this.viewer.username, isSteward: this.viewer.roles.has('steward'), unread: this.unread } : null,
      demo: demo(),
    };
  });
  app.decorateReply('page', function (this: FastifyReply, title: string, body: VNode, status = 200) {
    const ctx = this.request.pageContext();
    return this.code(status)
      .type('text/html; charset=utf-8')
      .send(renderDocument(h(Layout, { ctx, title }, body)));
  });
  // The request needs its reply to set the cookie lazily.
  app.decorateRequest('replyRef', null);

  app.addHook('onRequest', async (request, reply) => {
    request.replyRef = reply;
    request.cookieState = readCookie(request);
    // Known before anything can fail, so even a refused token is answered in the person's language.
    request.locale = request.cookieState?.locale ?? localeFromAcceptLanguage(request.headers['accept-language']);
    const authorization = request.headers.authorization;
    if (authorization?.startsWith('Bearer ')) {
      request.viewer = await resolvers.fromApiToken(authorization.slice('Bearer '.length).trim());
      if (!request.viewer) throw AppError.unauthenticated();
    } else if (request.cookieState) {
      request.viewer = await resolvers.fromSession(request.cookieState.token);
    }
    if (request.viewer?.locale) request.locale = request.viewer.locale;
    // Pages show how many notifications wait; the API and the stylesheet do not need to know.
    if (request.viewer?.via.kind === 'session' && !request.url.startsWith('/api/') && !request.url.startsWith('/assets/')) {
      request.unread = await resolvers.unreadNotifications(request.viewer.accountId);
    }
  });

  app.addHook('preValidation', async (request) => {
    if (!UNSAFE.has(request.method)) return;
    if (request.viewer?.via.kind === 'token') return; // a bearer token is never sent by a browser on its own
    if (request.headers['sec-fetch-site'] === 'cross-site') throw AppError.csrf();
    const origin = request.headers.origin;
    if (origin && origin !== 'null' && origin !== config.publicUrl.origin && !sameHost(origin, request.headers.host)) {
      throw AppError.csrf();
    }
    const isApi = request.url.startsWith('/api/');
    // An anonymous JSON call carries no ambient authority, so there is nothing to forge.
    if (isApi && !request.viewer) return;
    const sent = isApi
      ? request.headers['x-csrf-token']
      : ((request.body as Record<string, unknown> | undefined)?._csrf ?? request.headers['x-csrf-token']);
    if (!request.cookieState || typeof sent !== 'string' || !sameSecret(sent, csrfFor(request.cookieState.token))) {
      throw AppError.csrf();
    }
  });
}

function sameHost(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}

