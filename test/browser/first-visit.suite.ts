import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { assertNoForeignRequest, startBrowserHaven, type BrowserHaven } from './browser.ts';

/**
 * A first steward's whole first visit, in Chromium with JavaScript off
 * (Tor Browser at "Safest"): every step is a plain link or a plain form.
 * The steps build on each other, in order, in one browser profile.
 */
export function describeFirstVisit(browser: () => Browser): void {
  describe('A steward with JavaScript disabled', { concurrency: 1 }, () => {
    let bh: BrowserHaven;
    let context: BrowserContext;
    let page: Page;
    const password = 'a long and memorable passphrase';

    before(async () => {
      bh = await startBrowserHaven(browser());
      context = await bh.plainContext();
      page = await context.newPage();
    });
    after(async () => {
      await bh?.close();
    });
    afterEach(() => assertNoForeignRequest(bh));

    const heading = () => page.locator('main h1').textContent();
    const path = () => new URL(page.url()).pathname;

    it('opens the one-time setup link, creates the first steward and lands on the administration page', async () => {
      const token = await bh.t.haven.setup.issueLink();
      const response = await page.goto(`/setup/${token}`);
      assert.equal(response?.status(), 200);
      assert.equal(await heading(), 'Create the first steward account');

      await page.getByLabel(/^Username/).fill('alex');
      await page.getByLabel(/^Password/).fill(password);
      await page.getByRole('button', { name: 'Create the steward account' }).click();

      assert.equal(path(), '/admin');
      assert.equal(await heading(), 'Administration');
      assert.equal(await page.getByRole('button', { name: 'Log out (alex)' }).count(), 1);
    });

    it('will not open the setup link a second time', async () => {
      const response = await page.goto(`/setup/${await bh.t.haven.setup.issueLink()}`);
      assert.equal(response?.status(), 404);
      await page.goto('/admin');
    });

    it('creates an organisation through the administration form', async () => {
      await page.getByRole('link', { name: 'Organisations' }).click();
      assert.equal(path(), '/admin/organisations');

      await page.getByLabel(/^Name/).fill('Riverbank Hosting');
      await page.getByLabel(/^Short name/).fill('riverbank');
      await page.getByLabel('Kind').selectOption({ label: 'Digital-security provider' });
      await page.getByRole('button', { name: 'Create an organisation' }).click();

      assert.equal(path(), '/admin/organisations');
      assert.equal(await page.getByRole('heading', { level: 2, name: /Riverbank Hosting/ }).textContent(), 'Riverbank Hosting (riverbank, Digital-security provider)');
    });

    it('creates an account with a role and is shown its generated password once', async () => {
      await page.getByRole('link', { name: 'Administration' }).click();
      await page.getByRole('link', { name: 'Accounts' }).click();
      assert.equal(path(), '/admin/accounts');

      const form = page.locator('form[action="/admin/accounts"]');
      await form.getByLabel(/^Username/).fill('sam');
      await form.getByLabel('Reviewer').check();
      await form.getByRole('button', { name: 'Create an account' }).click();

      const notice = page.getByRole('status');
      assert.match((await notice.textContent()) ?? '', /Account sam created\./);
      assert.match((await notice.locator('.secret').textContent()) ?? '', /^\S{10,}$/);
      const row = page.locator('tr', { has: page.getByRole('rowheader', { name: 'sam', exact: true }) });
      assert.equal(await row.getByRole('checkbox', { name: 'Reviewer' }).isChecked(), true, 'the new account is listed with its role');
      assert.equal(await row.getByRole('checkbox', { name: 'Steward' }).isChecked(), false);

      await page.goto('/admin/accounts');
      assert.equal(await page.locator('.secret').count(), 0, 'the generated password is not shown again');
    });

    it('logs out and logs in again with the same password', async () => {
      await page.getByRole('button', { name: 'Log out (alex)' }).click();
      assert.equal(path(), '/');
      assert.equal(await page.getByRole('link', { name: 'Log in' }).count(), 1);
      assert.equal((await page.goto('/admin'))?.status(), 401, 'the administration is closed once logged out');

      await page.getByRole('main').getByRole('link', { name: 'Log in' }).click();
      await page.getByLabel(/^Username/).fill('alex');
      await page.getByLabel(/^Password/).fill(password);
      await page.getByRole('main').getByRole('button', { name: 'Log in' }).click();

      assert.equal(path(), '/admin', 'a log-in asked for by a closed page returns to it');
      assert.equal(await heading(), 'Administration');
    });

    it('switches to French with the language link and stays on the same page', async () => {
      await page.getByRole('link', { name: 'Accounts' }).click();
      await page.getByRole('link', { name: 'Français' }).click();

      assert.equal(path(), '/admin/accounts');
      assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
      assert.equal(await heading(), 'Comptes');
      assert.equal(await page.getByRole('button', { name: 'Créer un compte' }).count(), 1);

      await page.goto('/account');
      assert.equal(await heading(), 'Votre compte', 'the choice is remembered on later pages');
    });

    it('shows the translated error next to the password field when the password is wrong', async () => {
      for (const [locale, label, button, message] of [
        ['en-GB', /^Password/, 'Log in', 'The username or password is not right.'],
        ['fr-FR', /^Mot de passe/, 'Se connecter', 'Le nom d’utilisateur ou le mot de passe est incorrect.'],
      ] as const) {
        const visitor = await (await bh.plainContext({ locale })).newPage();
        await visitor.goto('/login');
        await visitor.locator('#field-username').fill('alex');
        await visitor.getByLabel(label).fill('not the passphrase');
        await visitor.getByRole('main').getByRole('button', { name: button }).click();

        assert.equal(new URL(visitor.url()).pathname, '/login');
        const field = visitor.getByLabel(label);
        assert.equal(await field.getAttribute('aria-invalid'), 'true');
        const described = (await field.getAttribute('aria-describedby')) ?? '';
        assert.equal(await visitor.locator(`[id="${described}"]`).textContent(), message, 'the message is tied to the field');
        assert.equal(await visitor.getByRole('alert').getByRole('link', { name: message }).getAttribute('href'), '#field-password');
        assert.equal(await visitor.locator('#field-username').inputValue(), 'alex', 'the username is kept');
        assert.equal(await visitor.locator('#field-password').inputValue(), '', 'the password is never sent back');
        await visitor.context().close();
      }
    });
  });
}
