import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startHaven, type TestHaven } from '../harness.ts';

/**
 * Shared set-up for the browser tests. One Debian Chromium (never a
 * downloaded browser) serves every suite of the run; each suite gets its own
 * Haven, listening on loopback with a fresh database, and its own profiles.
 *
 * The browser tests run on SQLite only: they prove what a person sees in a
 * browser, and the dialect tests elsewhere already prove that both databases
 * behave the same beneath these pages.
 */
export const CHROMIUM = process.env.HAVEN_CHROMIUM ?? '/usr/bin/chromium';

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Starts Chromium headless, with nothing that would call home; Playwright gives it a fresh temporary --user-data-dir. */
export async function launchChromium(): Promise<Browser> {
  try {
    return await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  } catch (error) {
    throw new Error(`Chromium did not start from ${CHROMIUM} (apt-get install chromium): ${error instanceof Error ? error.message : error}`);
  }
}

export interface BrowserHaven {
  t: TestHaven;
  /** Haven's own origin, e.g. http://127.0.0.1:41234 */
  origin: string;
  /** Every request the browser tried to make to any other origin (each was refused). */
  foreign: string[];
  /** A browser profile with JavaScript off, like Tor Browser at "Safest". */
  plainContext(options?: { locale?: string; width?: number }): Promise<BrowserContext>;
  /** A profile where axe-core may run: JavaScript on and the page's CSP set aside, for auditing only. */
  auditContext(options?: { locale?: string }): Promise<BrowserContext>;
  /** Closes this suite's profiles and its Haven; the browser stays for the other suites. */
  close(): Promise<void>;
}

/** A fresh Haven on loopback, seen through the shared browser. */
export async function startBrowserHaven(browser: Browser, env: Record<string, string> = {}): Promise<BrowserHaven> {
  const t = await startHaven('sqlite', { env });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = t.app.server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const foreign: string[] = [];
  const contexts = new Set<BrowserContext>();

  async function guarded(context: BrowserContext): Promise<BrowserContext> {
    contexts.add(context);
    context.on('close', () => contexts.delete(context));
    // Anything not addressed to Haven itself is written down and refused, so a test can fail on it.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (new URL(url).origin === origin) return route.continue();
      foreign.push(url);
      return route.abort('blockedbyclient');
    });
    context.setDefaultTimeout(30_000);
    return context;
  }

  return {
    t,
    origin,
    foreign,
    plainContext: async (options = {}) =>
      guarded(
        await browser.newContext({
          baseURL: origin,
          javaScriptEnabled: false,
          locale: options.locale ?? 'en-GB',
          serviceWorkers: 'block',
          ...(options.width ? { viewport: { width: options.width, height: 720 } } : {}),
        }),
      ),
    auditContext: async (options = {}) => {
      const context = await guarded(
        await browser.newContext({ baseURL: origin, javaScriptEnabled: true, bypassCSP: true, locale: options.locale ?? 'en-GB', serviceWorkers: 'block' }),
      );
      // Present before the page's own content, so each audit needs no separate injection.
      await context.addInitScript({ content: AXE_SOURCE });
      return context;
    },
    close: async () => {
      for (const context of [...contexts]) await context.close();
      await t.close();
    },
  };
}

/** Fails the test that just ran if the browser tried to reach any origin but Haven's (register with afterEach). */
export function assertNoForeignRequest(bh: BrowserHaven | undefined): void {
  if (bh) assert.deepEqual(bh.foreign, [], 'the browser tried to reach another origin');
}

/** Runs axe-core on the page and describes each WCAG 2.1 A/AA violation in a line; empty when there is none. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.addScriptTag({ content: AXE_SOURCE });
  const results = await page.evaluate<AxeResults>(
    `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_21_AA)} }, resultTypes: ['violations'] })`,
  );
  return results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => `${n.target.join(' ')} — ${n.failureSummary?.replace(/\s+/g, ' ')}`).join('; ')}`,
  );
}

/** Logs in through the log-in form, in whatever language the page speaks. */
export async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  const form = page.locator('main form[action="/login"]');
  await form.locator('#field-username').fill(username);
  await form.locator('#field-password').fill(password);
  await form.locator('button[type=submit]').click();
  await page.waitForLoadState('load');
}
