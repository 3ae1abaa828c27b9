import type { ComponentChildren } from 'preact';
import { commonText } from '../i18n/common.messages.ts';
import { LOCALE_NAMES, LOCALES } from '../i18n/locale.ts';
import type { PageContext } from './page-context.ts';

export function Layout(props: { ctx: PageContext; title: string; children?: ComponentChildren }) {
  const { ctx } = props;
  const m = commonText[ctx.locale];
  return (
    <html lang={ctx.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{`${props.title} · ${m.siteName}`}</title>
        <link rel="stylesheet" href="/assets/haven.css" />
        <link rel="icon" href="data:," />
      </head>
      <body>
        <a class="skip" href="#main">
          {m.skipToContent}
        </a>
        <header class="site">
          <a class="brand" href="/">
            {m.siteName}
          </a>
          <nav aria-label={m.nav.label}>
            <ul>
              <li>
                <a href="/">{m.nav.home}</a>
              </li>
              <li>
                <a href="/guidance">{m.nav.guidance}</a>
              </li>
              <li>
                <a href="/directory">{m.nav.directory}</a>
              </li>
              <li>
                <a href="/charter">{m.nav.charter}</a>
              </li>
              <li>
                <a href="/membership">{m.nav.membership}</a>
              </li>
              <li>
                <a href="/transparency">{m.nav.transparency}</a>
              </li>
              {ctx.viewer ? (
                <>
                  <li>
                    <a href="/notifications">{ctx.viewer.unread > 0 ? m.nav.notificationsUnread(ctx.viewer.unread) : m.nav.notifications}</a>
                  </li>
                  <li>
                    <a href="/account">{m.nav.account}</a>
                  </li>
                  {ctx.viewer.isSteward && (
                    <li>
                      <a href="/admin">{m.nav.admin}</a>
                    </li>
                  )}
                  <li>
                    <form method="post" action="/logout" class="inline">
                      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                      <button type="submit" class="link">
                        {m.nav.logOut} ({ctx.viewer.username})
                      </button>
                    </form>
                  </li>
                </>
              ) : (
                <>
                  <li>
                    <a href="/login">{m.nav.logIn}</a>
                  </li>
                  <li>
                    <a href="/signup">{m.nav.signUp}</a>
                  </li>
                </>
              )}
            </ul>
          </nav>
          <ul class="languages" aria-label={m.nav.language}>
            {LOCALES.map((locale) => (
              <li>
                {locale === ctx.locale ? (
                  <span aria-current="true" lang={locale}>
                    {LOCALE_NAMES[locale]}
                  </span>
                ) : (
                  <a
                    href={`/language/${locale}?back=${encodeURIComponent(ctx.path)}`}
                    hreflang={locale}
                    lang={locale}
                  >
                    {LOCALE_NAMES[locale]}
                  </a>
                )}
              </li>
            ))}
          </ul>
        </header>
        {ctx.demo && (
          <p class="demo-notice" role="note">
            {m.demoNotice}
          </p>
        )}
        <main id="main">
          <h1>{props.title}</h1>
          {props.children}
        </main>
        <footer class="site">
          <p>{m.footer.about}</p>
          <p>{m.footer.privacy}</p>
          <p>
            <a href="/conduct">{m.footer.conduct}</a>
          </p>
          <p>
            <a href="/api/openapi.json">{m.footer.api}</a>
          </p>
        </footer>
      </body>
    </html>
  );
}
