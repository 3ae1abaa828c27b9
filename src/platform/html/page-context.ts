import type { Locale } from '../i18n/locale.ts';

/** What every page needs to know about the request it answers. */
export interface PageContext {
  locale: Locale;
  path: string;
  csrfToken: string;
  viewer: { username: string; isSteward: boolean; unread: number } | null;
  demo: boolean;
}
