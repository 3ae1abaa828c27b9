import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, afterEach, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createAccount } from '../web-client.ts';
import { assertNoForeignRequest, logIn, startBrowserHaven, type BrowserHaven } from './browser.ts';

const PUBLIC_PAGE_BUDGET = 60 * 1024;
/** The narrowest screen WCAG 1.4.10 (reflow) asks pages to fit without scrolling sideways. */
const NARROW = 320;

interface PageFacts {
  width: number;
  scripts: number;
  headings: number;
  title: string;
  strayButtons: number;
  duplicateIds: string[];
  unlabelled: string[];
  forms: { method: string | null; action: string | null; csrf: boolean }[];
  links: string[];
}

/** Read in one round trip (Playwright's own evaluation works with the page's JavaScript off). */
const READ_FACTS = `(() => ({
  width: document.documentElement.scrollWidth,
  scripts: document.querySelectorAll('script, [onclick], [onsubmit], [onload], [onchange], [oninput]').length,
  headings: document.querySelectorAll('main h1').length,
  title: document.title,
  strayButtons: document.querySelectorAll('button:not(form button)').length,
  duplicateIds: [...document.querySelectorAll('[id]')].map((e) => e.id).filter((id, i, all) => all.indexOf(id) !== i),
  unlabelled: [...document.querySelectorAll('input:not([type=hidden]), select, textarea')].filter((e) => e.labels.length === 0).map((e) => e.name),
  forms: [...document.forms].map((f) => ({ method: f.getAttribute('method'), action: f.getAttribute('action'), csrf: !!f.querySelector('input[name="_csrf"]') })),
  // Pages only: downloads and feeds (a link that names another type) are not pages to crawl.
  links: [...document.querySelectorAll('a[href]:not([download]):not([type])')].map((a) => a.getAttribute('href')),
}))()`;

/** What a page must be to work with JavaScript off; returns the same-origin links to follow next. */
async function checkPage(page: Page, path: string, origin: string, expectedStatus = 200): Promise<string[]> {
  const response = await page.goto(path);
  assert.equal(response?.status(), expectedStatus, `${path} answers ${expectedStatus}`);
  assert.match(response?.headers()['content-security-policy'] ?? '', /default-src 'none'/, `${path} forbids scripts`);
  const facts = await page.evaluate<PageFacts>(READ_FACTS);
  assert.equal(facts.scripts, 0, `${path} has no script`);
  assert.equal(facts.headings, 1, `${path} has one main heading`);
  assert.notEqual(facts.title, '', `${path} has a title`);
  assert.deepEqual(facts.duplicateIds, [], `${path}: every id is unique`);
  assert.deepEqual(facts.unlabelled, [], `${path}: every field has its own label`);
  assert.ok(facts.width <= NARROW, `${path} is ${facts.width} px wide: it scrolls sideways on a ${NARROW} px screen`);
  // Every button belongs to a form that posts to Haven itself: nothing waits for a script.
  assert.equal(facts.strayButtons, 0, `${path}: every button is in a form`);
  for (const form of facts.forms) {
    // A search asks for a page: it changes nothing, so it is a GET with no token.
    if (form.method === 'get') {
      assert.match(form.action ?? '', /^\/(?!\/)/, `${path}: a search form asks Haven itself`);
      continue;
    }
    assert.equal(form.method, 'post', `${path}: a form posts`);
    assert.match(form.action ?? '', /^\/(?!\/)/, `${path}: a form posts to Haven`);
    assert.ok(form.csrf, `${path}: the form to ${form.action} carries its anti-forgery token`);
  }
  return facts.links
    .map((href) => new URL(href, origin + path))
    .filter((url) => url.origin === origin && !url.pathname.startsWith('/language/') && !url.pathname.startsWith('/api/'))
    .map((url) => url.pathname + url.search);
}

/** Visits every page reachable by links from the start pages, checking each one. */
async function crawl(page: Page, origin: string, start: string[]): Promise<string[]> {
  const seen = new Set<string>(start);
  const queue = [...start];
  while (queue.length > 0) {
    const path = queue.shift()!;
    for (const next of await checkPage(page, path, origin)) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return [...seen].sort();
}

/** Sums the bodies the browser received for a page: the document and its stylesheet (nothing else may load). */
async function weigh(page: Page, path: string): Promise<{ bytes: number; kinds: string[] }> {
  let bytes = 0;
  const kinds: string[] = [];
  const pending: Promise<void>[] = [];
  const onResponse = (response: import('playwright-core').Response) => {
    pending.push(
      response.body().then((body) => {
        bytes += body.length;
        kinds.push(response.request().resourceType());
      }),
    );
  };
  page.on('response', onResponse);
  await page.goto(path);
  page.off('response', onResponse);
  await Promise.all(pending);
  return { bytes, kinds: kinds.sort() };
}

export function describeEveryPage(browser: () => Browser): void {
  describe('Every page with JavaScript disabled', { concurrency: 1 }, () => {
    let bh: BrowserHaven;
    let setupPath: string;
    let visitor: Page;

    before(async () => {
      bh = await startBrowserHaven(browser());
      setupPath = `/setup/${await bh.t.haven.setup.issueLink()}`;
      visitor = await (await bh.plainContext({ width: NARROW })).newPage();
    });
    after(async () => {
      await bh?.close();
    });
    afterEach(() => assertNoForeignRequest(bh));

    let stewardReady: Promise<Page> | null = null;
    /** A steward logged in through the form, reading French (longer words) on a narrow screen; created once. */
    function stewardPage(): Promise<Page> {
      stewardReady ??= (async () => {
        const { haven, app } = bh.t;
        const steward = await createAccount(app, 'robin', { roles: ['steward'] });
        // Content on every page (two organisations: their forms repeat), so that tables and per-row forms are checked too.
        const other = await createAccount(app, 'sam', { roles: ['reviewer', 'conduct'] });
        const organisation = await haven.organisations.create({ slug: 'riverbank', name: 'Riverbank Hosting', kind: 'security-provider' }, 'system');
        await haven.organisations.addMember(organisation.id, steward.id, 'delegate', 'system');
        await haven.organisations.addMember(organisation.id, other.id, 'staff', 'system');
        const second = await haven.organisations.create({ slug: 'lighthouse', name: 'Lighthouse Security', kind: 'partner' }, 'system');
        await haven.organisations.addMember(second.id, steward.id, 'delegate', 'system');
        await haven.tokens.create(steward.id, 'Nightly backup script', 'system');
        // A guide, so that the library's editing and removal pages are crawled too.
        await haven.guides.create({ locale: 'en', title: 'Turn on two-factor authentication', summary: 'A second step after the password, on every account that offers it.', url: null, levels: ['low'], skills: ['beginner'] }, 'system');
        const page = await (await bh.plainContext({ locale: 'fr-FR', width: NARROW })).newPage();
        await logIn(page, steward.username, steward.password);
        assert.equal(new URL(page.url()).pathname, '/account', 'the log-in form leads to the account');
        return page;
      })();
      return stewardReady;
    }

    it('shows every public page and the setup page without a script, with forms that post, on a 320-pixel screen', async () => {
      const visited = await crawl(visitor, bh.origin, ['/', setupPath]);
      const publicPages = ['/', '/charter', '/conduct', '/conduct/report', '/directory', '/directory/open', '/guidance', '/guidance/rules', '/guidance/rules?version=1', '/guides', '/incidents', '/login', '/meetings', '/membership', '/membership/decisions', '/membership/departures', '/membership/evaluations', '/membership/members', '/open-data', '/signup', '/transparency'];
      assert.deepEqual(visited, [...publicPages, setupPath].sort());
      await checkPage(visitor, '/no-such-page', bh.origin, 404);
      await checkPage(visitor, '/account', bh.origin, 401);
    });

    it('keeps each public page under 60 KB of HTML and CSS', async () => {
      for (const path of ['/', '/directory', '/guides', '/login', '/signup', setupPath, '/no-such-page']) {
        const { bytes, kinds } = await weigh(visitor, path);
        assert.deepEqual(kinds, ['document', 'stylesheet'], `${path} loads its document and one stylesheet, nothing else`);
        assert.ok(bytes < PUBLIC_PAGE_BUDGET, `${path} weighs ${bytes} bytes, over ${PUBLIC_PAGE_BUDGET}`);
      }
    });

    it('lets a steward reach every page of the account and the administration by following links, on a 320-pixel screen', async () => {
      const visited = await crawl(await stewardPage(), bh.origin, ['/']);
      const guide = (await bh.t.haven.guides.list())[0]!;
      for (const path of [
        '/account', '/account/second-factor', '/account/tokens', '/account/data',
        '/admin', '/admin/accounts', '/admin/organisations', '/admin/audit', '/admin/jobs', '/admin/demo',
        '/guides/new', `/guides/${guide.id}/edit`, `/guides/${guide.id}/delete`,
        '/conduct', '/conduct/report', '/conduct/edit', '/conduct/mine',
      ]) {
        assert.ok(visited.includes(path), `${path} is reachable by a link (reached: ${visited.join(', ')})`);
      }
    });

    it('downloads the personal data export from a plain link', async () => {
      const page = await stewardPage();
      await page.goto('/account/data');
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('a[href="/account/export.json"]').click()]);
      assert.equal(download.suggestedFilename(), 'haven-robin.json');
      assert.equal(JSON.parse(await fs.promises.readFile((await download.path())!, 'utf8')).account.username, 'robin');
    });

    it('notices and refuses a request to another origin', async () => {
      const before = bh.foreign.length;
      await assert.rejects(visitor.goto('http://192.0.2.1/tracker.png'));
      assert.deepEqual(bh.foreign.splice(before), ['http://192.0.2.1/tracker.png']);
    });
  });
}
