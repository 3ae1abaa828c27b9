import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { loadDemoData } from '../../src/features/demo/demo-data.ts';
import { createAccount } from '../web-client.ts';
import { accessibilityViolations, assertNoForeignRequest, logIn, startBrowserHaven, type BrowserHaven } from './browser.ts';

const LANGUAGES = [
  { locale: 'en-GB', lang: 'en' },
  { locale: 'fr-FR', lang: 'fr' },
] as const;

const STEWARD_PAGES = [
  '/',
  '/account',
  '/account/second-factor',
  '/account/tokens',
  '/account/data',
  '/admin',
  '/admin/accounts',
  '/admin/organisations',
  '/admin/audit',
  '/admin/jobs',
  '/admin/demo',
  '/admin/charter',
  '/admin/charter/draft',
  '/admin/meetings',
  '/admin/membership',
  '/notifications',
  '/charter',
  '/charter/history',
  '/charter/versions/1/changes',
  '/membership',
  '/membership/members',
  '/membership/decisions',
  '/membership/departures',
  '/membership/breach',
  '/membership/evaluations',
  '/membership/evaluations/1',
  '/membership/applications/1',
  '/membership/applications/3',
  '/meetings',
  '/directory',
  '/directory?service=email&open=true',
  '/directory?q=demo',
  '/directory/open',
  '/open-data',
  '/directory/providers/demo-riverbank-hosting',
  '/directory/providers/demo-riverbank-hosting/history',
  '/directory/providers/demo-riverbank-hosting/edit',
  '/directory/providers/demo-riverbank-hosting/services/new',
  '/directory/providers/demo-riverbank-hosting/services/riverbank-mail',
  '/directory/providers/demo-riverbank-hosting/federation',
  '/directory/providers/demo-riverbank-hosting/canary',
  '/directory/providers/demo-lanterne-libre',
  '/directory/providers/demo-shieldline',
  '/directory/providers/demo-riverbank-hosting/legal-requests',
  '/directory/providers/demo-riverbank-hosting/incidents',
  '/directory/providers/demo-riverbank-hosting/incidents/1',
  '/incidents',
  '/transparency',
  '/account/following',
  '/guidance/rules/edit',
  '/guidance/saved',
  '/admin/referrals',
  '/guidance/reports',
  '/guidance/reports?by=level&then=region',
  '/directory/providers/demo-riverbank-hosting/documents',
  '/directory/providers/demo-riverbank-hosting/statistics',
  '/directory/providers/demo-lanterne-libre/statistics',
  '/guides',
  '/guides?level=high&skill=beginner',
  '/guides/new',
  '/conduct',
  '/conduct/report',
  '/conduct/edit',
  '/conduct/mine',
  '/conduct/reports',
  '/conduct/reports/1',
  '/conduct/settings',
];

/**
 * axe-core needs JavaScript, which Haven's CSP forbids: each audit runs in a
 * profile with JavaScript on and the CSP set aside (auditContext). Pages hold
 * content (a second account, two organisations with members, a token) so that
 * tables, lists and per-row forms are audited, not only empty states.
 */
export function describeAccessibility(browser: () => Browser): void {
  describe('Every page, audited by axe-core against WCAG 2.1 A and AA', { concurrency: 1 }, () => {
    let bh: BrowserHaven;
    let setupPath: string;

    before(async () => {
      bh = await startBrowserHaven(browser());
      setupPath = `/setup/${await bh.t.haven.setup.issueLink()}`;
    });
    after(async () => {
      await bh?.close();
    });
    afterEach(() => assertNoForeignRequest(bh));

    /** Audits the page now shown; returns one line per violation, prefixed by where it was found. */
    async function audit(page: Page, lang: string, where: string): Promise<string[]> {
      assert.equal(await page.locator('html').getAttribute('lang'), lang, `${where} is in the expected language`);
      return (await accessibilityViolations(page)).map((v) => `${where} [${lang}]: ${v}`);
    }

    async function auditPaths(page: Page, lang: string, paths: string[], status = (_path: string) => 200): Promise<string[]> {
      const found: string[] = [];
      for (const path of paths) {
        const response = await page.goto(path);
        assert.equal(response?.status(), status(path), `${path} answers ${status(path)}`);
        found.push(...(await audit(page, lang, path)));
      }
      return found;
    }

    let stewardReady: ReturnType<typeof createAccount> | null = null;
    /** The first steward and enough content to fill every steward page; created once, after the setup page was audited. */
    function steward() {
      stewardReady ??= (async () => {
        const { haven, app } = bh.t;
        // Also on the conduct team, so that the handlers' pages are audited too.
        const me = await createAccount(app, 'robin', { roles: ['steward', 'conduct'] });
        const other = await createAccount(app, 'sam', { roles: ['reviewer'] });
        const organisation = await haven.organisations.create({ slug: 'riverbank', name: 'Riverbank Hosting', kind: 'hosting-provider' }, 'system');
        await haven.organisations.addMember(organisation.id, me.id, 'delegate', 'system');
        await haven.organisations.addMember(organisation.id, other.id, 'staff', 'system');
        // A second organisation: per-organisation forms repeat, and their fields must stay distinct.
        const second = await haven.organisations.create({ slug: 'lighthouse', name: 'Lighthouse Security', kind: 'security-provider' }, 'system');
        await haven.organisations.addMember(second.id, me.id, 'delegate', 'system');
        await haven.tokens.create(me.id, 'Backup script', 'system');
        await haven.conductReports.submit({ content: { happened: 'Shouting at the meeting.', when: 'Monday', where: 'Assembly', involved: '', witnesses: '', wants: 'A talk.', tellBy: 'link', email: null }, involvedUsernames: [], excluded: [] }, null);
        return me;
      })();
      return stewardReady;
    }

    /** Runs the same audit in English and in French side by side (two pages keep both cores busy). */
    async function inBothLanguages(run: (language: (typeof LANGUAGES)[number]) => Promise<string[]>): Promise<string[]> {
      return (await Promise.all(LANGUAGES.map(run))).flat();
    }

    it('finds no violation on the public pages, in English and in French', async () => {
      assert.equal(await bh.t.haven.setup.needed(), true, 'the setup page is audited while it still exists');
      const statuses: Record<string, number> = { '/no-such-page': 404, '/account': 401 };
      const found = await inBothLanguages(async ({ locale, lang }) => {
        const paths = ['/', '/login', '/signup', setupPath, '/no-such-page', '/account', '/conduct', '/conduct/report'];
        return auditPaths(await pageFor(locale), lang, paths, (p) => statuses[p] ?? 200);
      });
      assert.deepEqual(found, []);
    });

    it('finds no violation on a form that shows validation errors, in English and in French', async () => {
      const found = await inBothLanguages(async ({ locale, lang }) => {
        const page = await pageFor(locale);
        await page.goto('/signup');
        await page.locator('#field-username').fill(`newcomer-${lang}`);
        await page.locator('#field-password').fill('short');
        await page.locator('main form button[type=submit]').click();
        await page.waitForLoadState('load');
        assert.equal(await page.locator('#field-password').getAttribute('aria-invalid'), 'true', 'the short password is flagged');
        assert.equal(await page.locator('#field-password-problem').count(), 1);
        return audit(page, lang, 'POST /signup');
      });
      assert.deepEqual(found, []);
    });

    const pages = new Map<string, Promise<Page>>();
    /** One audit profile per language, kept for the whole suite: a visitor first, then the steward. */
    function pageFor(locale: string): Promise<Page> {
      let page = pages.get(locale);
      if (!page) {
        page = bh.auditContext({ locale }).then((context) => context.newPage());
        pages.set(locale, page);
      }
      return page;
    }

    const loggedIn = new Set<string>();
    async function stewardPage(locale: string): Promise<Page> {
      const page = await pageFor(locale);
      if (!loggedIn.has(locale)) {
        const me = await steward();
        await logIn(page, me.username, me.password);
        assert.equal(new URL(page.url()).pathname, '/account', 'the steward is logged in');
        loggedIn.add(locale);
      }
      return page;
    }

    it('finds no violation on any page of the account or the administration, in English and in French', async () => {
      // The demo fills the charter and membership pages (applications, decisions, an evaluation);
      // loaded here, after the setup page has been audited, since any account closes it.
      await loadDemoData(bh.t.haven, 'system');
      const guide = (await bh.t.haven.guides.list({ locale: 'fr' }))[0]!;
      const paths = [...STEWARD_PAGES, `/guides/${guide.id}/edit`, `/guides/${guide.id}/delete`];
      const found = await inBothLanguages(async ({ locale, lang }) =>
        auditPaths(await stewardPage(locale), lang, paths),
      );
      assert.deepEqual(found, []);
    });

    it('finds no violation on administration forms showing an error or a generated password, in English and in French', async () => {
      const found = await inBothLanguages(async ({ locale, lang }) => {
        const page = await stewardPage(locale);
        const violations: string[] = [];

        await page.goto('/admin/organisations');
        const create = page.locator('form[action="/admin/organisations"]');
        await create.locator('#field-name').fill('Another Org');
        await create.locator('#field-slug').fill('Not A Slug!');
        await create.locator('button[type=submit]').click();
        await page.waitForLoadState('load');
        assert.equal(await create.locator('#field-slug').getAttribute('aria-invalid'), 'true', 'the bad short name is flagged');
        violations.push(...(await audit(page, lang, 'POST /admin/organisations')));

        await page.goto('/admin/accounts');
        const newAccount = page.locator('form[action="/admin/accounts"]');
        await newAccount.locator('#field-username').fill(`created-${lang}`);
        await newAccount.locator('button[type=submit]').click();
        await page.waitForLoadState('load');
        assert.equal(await page.locator('.notice .secret').count(), 1, 'the generated password is shown');
        violations.push(...(await audit(page, lang, 'POST /admin/accounts')));

        await page.goto('/guides/new');
        const guide = page.locator('form[action="/guides/new"]');
        await guide.locator('#field-title').fill('ab');
        await guide.locator('#field-summary').fill('short');
        await guide.locator('button[type=submit]').click();
        await page.waitForLoadState('load');
        assert.equal(await page.locator('#field-levels-problem').count(), 1, 'the missing risk levels are flagged');
        violations.push(...(await audit(page, lang, 'POST /guides/new')));
        return violations;
      });
      assert.deepEqual(found, []);
    });

    it('finds no violation while a second factor is being set up, in English and in French', async () => {
      const me = await steward();
      await bh.t.haven.secondFactor.beginEnrolment(me.id);
      const found = await inBothLanguages(async ({ locale, lang }) => {
        const page = await stewardPage(locale);
        await page.goto('/account/second-factor');
        assert.equal(await page.locator('form[action="/account/second-factor/confirm"]').count(), 1, 'the enrolment form is shown');
        return audit(page, lang, 'second-factor enrolment');
      });
      assert.deepEqual(found, []);
    });
  });
}
