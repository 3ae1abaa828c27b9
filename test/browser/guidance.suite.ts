import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { fittingProvider } from '../guidance-fixtures.ts';
import { createAccount } from '../web-client.ts';
import { accessibilityViolations, assertNoForeignRequest, logIn, startBrowserHaven, type BrowserHaven } from './browser.ts';

/** Fills the questionnaire as a person at high risk who reads French, by label, as a keyboard user would. */
async function answer(page: Page, french: boolean): Promise<void> {
  await page.goto('/guidance');
  await page.getByLabel(french ? 'Un État doté de moyens de surveillance avancés' : 'A state with advanced surveillance capabilities').check();
  await page.getByLabel(french ? 'Public : mon travail est publié ou connu' : 'Public: my work is published or known').check();
  await page.locator('#field-jurisdiction-yes').check();
  await page.locator('#field-sensitivity-sensitive').check();
  await page.locator('#field-skill-basic').check();
  await page.locator('#field-support-none').check();
  await page.locator('#field-services-email').check();
  await page.locator('#field-languages').selectOption(['fr', 'en']);
  await page.locator('main form.questionnaire button[type=submit]').click();
  await page.waitForLoadState('load');
}

/**
 * The way from the questionnaire to a provider's answer, in Chromium with JavaScript off:
 * a person without an account asks a provider to contact them; its delegate answers.
 * Each page on the way is also audited by axe, in English and in French.
 */
export function describeGuidance(browser: () => Browser): void {
  describe('Finding help and asking a provider for it, with JavaScript disabled', { concurrency: 1 }, () => {
    let bh: BrowserHaven;
    let person: Page;
    let delegate: Page;
    let link = '';
    let delegatePassword = '';

    before(async () => {
      bh = await startBrowserHaven(browser());
      const harbour = await fittingProvider(bh.t.haven, 'harbour-hosting', 'Harbour Hosting');
      const d = await createAccount(bh.t.app, 'harbour-delegate');
      await bh.t.haven.organisations.addMember(harbour.id, d.id, 'delegate', 'system');
      person = await (await bh.plainContext({ locale: 'fr-FR', width: 320 })).newPage();
      delegate = await (await bh.plainContext()).newPage();
      delegatePassword = d.password;
      await logIn(delegate, 'harbour-delegate', d.password);
    });
    after(async () => {
      await bh?.close();
    });
    afterEach(() => assertNoForeignRequest(bh));

    it('tells a person their level and why, and which provider fits and why', async () => {
      await answer(person, true);
      const main = (await person.locator('main').textContent()) ?? '';
      assert.match(main, /Risque élevé/);
      assert.match(main, /Un État doté de moyens de surveillance avancés: \+5/);
      assert.match(main, /Harbour Hosting/);
      assert.match(main, /Il se déclare adapté au risque élevé/);
    });

    it('shows exactly what the provider will receive, sends it, and gives the secret link', async () => {
      await person.getByRole('button', { name: /Demander à ce fournisseur de me contacter/ }).click();
      await person.getByLabel(/Comment doivent-ils vous contacter/).fill('Signal : +33 6 00 00 00 00');
      await person.getByLabel(/Un message/).fill('Notre messagerie a été saisie.');
      await person.getByLabel('Partager mes réponses au questionnaire').check();
      await person.getByRole('button', { name: 'Voir ce qu’ils recevront' }).click();
      const preview = (await person.locator('main').textContent()) ?? '';
      assert.match(preview, /Signal : \+33 6 00 00 00 00/);
      assert.match(preview, /Notre messagerie a été saisie\./);
      await person.getByRole('button', { name: 'Envoyer' }).click();
      link = (await person.getByRole('link', { name: /\/referrals\// }).getAttribute('href'))!;
      assert.match(link, /^\/referrals\/ref_/);
    });

    it('lets the provider’s delegate read it and accept, and the person read the answer through the link', async () => {
      await delegate.goto('/directory/providers/harbour-hosting');
      await delegate.getByRole('link', { name: 'Requests for contact' }).click();
      await delegate.getByRole('link', { name: 'Request 1' }).click();
      assert.match((await delegate.locator('main').textContent()) ?? '', /Notre messagerie a été saisie\./);
      await delegate.getByLabel(/Your message to the person/).fill('We will write to you on Signal today.');
      await delegate.getByRole('button', { name: /Accept/ }).click();
      await person.goto(link);
      const page = (await person.locator('main').textContent()) ?? '';
      assert.match(page, /Acceptée : le fournisseur va vous contacter/);
      assert.match(page, /We will write to you on Signal today\./);
    });

    for (const locale of ['en-GB', 'fr-FR']) {
      it(`passes axe on every step of the way, in ${locale}`, async () => {
        const page = await (await bh.auditContext({ locale })).newPage();
        const french = locale === 'fr-FR';
        const audit = async (step: string) => assert.deepEqual(await accessibilityViolations(page), [], `${step} (${locale})`);
        await page.goto('/guidance');
        await audit('questionnaire');
        await answer(page, french);
        await audit('result');
        await page.locator('form[action="/guidance/referrals/new"] button').first().click();
        await audit('choices');
        await page.locator('#field-contact').fill('mail: person@example.org');
        await page.locator('form[action="/guidance/referrals/preview"] button').click();
        await audit('preview');
        await page.goto('/guidance/rules');
        await audit('rules');
        await page.goto(link);
        await audit('follow-up');
        await logIn(page, 'harbour-delegate', delegatePassword);
        await page.goto('/directory/providers/harbour-hosting/referrals');
        await audit('the provider’s requests');
        await page.goto('/directory/providers/harbour-hosting/referrals/1');
        await audit('a request, as its provider reads it');
      });
    }
  });
}
