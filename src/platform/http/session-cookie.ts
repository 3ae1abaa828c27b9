import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import { isLocale, type Locale } from '../i18n/locale.ts';

/**
 * Haven's one cookie. It holds a random token (the key of a session once the
 * person logs in, and the anchor of anti-forgery tokens before) and, when the
 * person chose one, their language. It is a browser-session cookie: it is
 * gone when the browser closes.
 */
export const COOKIE_NAME = 'haven';

export interface CookieState {
  token: string;
  locale: Locale | null;
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function readCookie(request: FastifyRequest): CookieState | null {
  const raw = request.cookies[COOKIE_NAME];
  if (!raw) return null;
  const [token, locale] = raw.split('~');
  if (!token || !TOKEN.test(token)) return null;
  return { token, locale: isLocale(locale) ? locale : null };
}

export function writeCookie(reply: FastifyReply, config: Config, state: CookieState): void {
  reply.setCookie(COOKIE_NAME, state.locale ? `${state.token}~${state.locale}` : state.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.publicUrl.protocol === 'https:',
  });
}
