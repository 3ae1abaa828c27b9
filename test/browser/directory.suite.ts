import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createAccount } from '../web-client.ts';
import { assertNoForeignRequest, logIn, startBrowserHaven, type BrowserHaven } from './browser.ts';

/**
 * A provider's delegate keeps its profile, and a person looking for a service
 * finds it, both in Chromium with JavaScript off: plain forms and links only.
 */
export function describeDirectory(browser: () => Browser): void {
  describe('The directory with JavaScript disabled', { concurrency: 1 }, () => {
    let bh: BrowserHaven;
    let delegate: Page;
    let visitor: Page;

    before(async () => {
      bh = await startBrowserHaven(browser());
      const org = await bh.t.haven.organisations.create({ slug: 'marsh-hosting', name: 'Marsh Hosting', kind: 'hosting-provider' }, 'system');
      const person = await createAccount(bh.t.app, 'marsh-delegate');
      await bh.t.haven.organisations.addMember(org.id, person.id, 'delegate', 'system');
      delegate = await (await bh.plainContext()).newPage();
      await logIn(delegate, 'marsh-delegate', person.password);
      visitor = await (await bh.plainContext({ locale: 'fr-FR' })).newPage();
    });
    after(async () => {
      await bh?.close();
    });
    afterEach(() => assertNoForeignRequest(bh));

    it('lets the delegate fill in the profile, with a refused field shown next to it first', async () => {
      await delegate.goto('/directory/providers/marsh-hosting');
      await delegate.getByRole('link', { name: 'Edit the profile' }).click();
      await delegate.getByLabel('Description').fill('Mailboxes for investigative journalists.');
      await delegate.getByLabel(/^Languages/).fill('english');
      await delegate.getByLabel(/^Countries/).fill('NL');
      await delegate.getByLabel('Fit for high risk').check();
      await delegate.getByRole('button', { name: 'Save' }).click();
      assert.equal(await delegate.locator('#field-languages').getAttribute('aria-invalid'), 'true', 'the bad language list is flagged');
      assert.match((await delegate.locator('.problems').textContent()) ?? '', /Explain why you are fit for high risk|Languages: use two-letter codes/);

      await delegate.getByLabel(/^Languages/).fill('en, nl');
      await delegate.getByLabel('Explanation for high risk').fill('Servers in our own rooms, no logs.');
      await delegate.getByRole('button', { name: 'Save' }).click();
      assert.equal(new URL(delegate.url()).pathname, '/directory/providers/marsh-hosting');
      assert.match((await delegate.locator('main').textContent()) ?? '', /Servers in our own rooms, no logs\./);
    });

    it('lets the delegate add a service with open registration', async () => {
      await delegate.getByRole('link', { name: 'Add a service' }).click();
      await delegate.getByLabel(/^Name/).fill('Marsh Mail');
      await delegate.getByLabel('Category').selectOption('email');
      await delegate.getByLabel('Software').fill('Postfix');
      await delegate.getByLabel('Registration', { exact: true }).selectOption('free');
      await delegate.getByLabel('Free of charge').check();
      await delegate.getByLabel(/^Hosting country/).fill('NL');
      await delegate.getByRole('button', { name: 'Save' }).click();
      assert.equal(await delegate.locator('#service-marsh-mail').count(), 1);
    });

    it('lets a visitor find the provider with the search form, read why it matched, and open its profile', async () => {
      await visitor.goto('/directory');
      await visitor.getByLabel('Service', { exact: true }).selectOption('email');
      await visitor.getByLabel('inscriptions ouvertes maintenant').check();
      await visitor.getByRole('button', { name: 'Chercher' }).click();
      const url = new URL(visitor.url());
      assert.equal(url.pathname, '/directory');
      assert.equal(url.searchParams.get('service'), 'email');
      assert.match((await visitor.locator('main').textContent()) ?? '', /1 fournisseur/);
      assert.match((await visitor.locator('.why').first().textContent()) ?? '', /services correspondant aux filtres : Marsh Mail/);
      await visitor.getByRole('link', { name: 'Marsh Hosting' }).click();
      assert.equal(new URL(visitor.url()).pathname, '/directory/providers/marsh-hosting');
      assert.match((await visitor.locator('main').textContent()) ?? '', /Mailboxes for investigative journalists\./);
      assert.equal(await visitor.getByRole('link', { name: 'Modifier le profil' }).count(), 0, 'a visitor is offered no editing');
    });

    it('lets the delegate publish usage statistics, drawn for the visitor as charts and a table without a script', async () => {
      await delegate.goto('/directory/providers/marsh-hosting');
      await delegate.getByRole('link', { name: 'Usage statistics' }).click();
      await delegate.getByLabel(/^Figures \(CSV\)/).fill('month,accounts,storage_gb,monthly_active\n2025-11,120,3.5,80\n2025-12,130,,85');
      await delegate.getByRole('button', { name: 'Publish' }).click();
      assert.equal(new URL(delegate.url()).pathname, '/directory/providers/marsh-hosting/statistics');
      await visitor.goto('/directory/providers/marsh-hosting/statistics');
      assert.equal(await visitor.locator('svg[role="img"] rect.bar').count(), 2 + 1 + 2, 'a bar for each month with a value, in each chart');
      assert.equal(await visitor.getByRole('img', { name: /^Comptes, par mois/ }).count(), 1, 'each chart is named by its title');
      assert.match((await visitor.locator('#statistics-table').textContent()) ?? '', /décembre 2025130non indiqué85/);
      assert.equal(await visitor.locator('a[href$="statistics.csv"]').count(), 1);
    });
  });
}
