// In a browser: a shop's manager opens « Réglages » in the back office, gets a French error for a fee typed
// « dix », then sets a closure (« Fermeture annuelle ») and a 3,20 € delivery fee; the customer site shows both
// (the delivery fee under the shop found for an address, the closure in the week's hours).
import { expect } from 'chai';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createShopWorld, type ShopWorld } from '../factories/shop.js';
import { createEmployee } from '../factories/people.js';
import {
  ARTIFACTS,
  bundleAdminComponents,
  launchBrowser,
  newPage,
  screenshot,
  signInBackOffice,
} from './browser.js';

/** The shop's local date `days` from now (YYYY-MM-DD, Paris). */
const parisDate = (days: number) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(Date.now() + days * 86_400_000));

/** axe-core on the settings form only (the AdminJS frame around it is another helper's work). */
async function formViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const result = await (globalThis as any).axe.run('[data-testid="shop-settings"]');
    return result.violations
      .filter((v: any) => v.impact === 'critical' || v.impact === 'serious')
      .map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target).join(' ')}`);
  });
}

const longDay = (iso: string) =>
  new Intl.DateTimeFormat('fr-FR', {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  }).format(new Date(`${iso}T12:00:00Z`));

describe('in a browser: a manager sets their shop’s closure and delivery fee, the site shows them', function () {
  this.timeout(90_000);
  let app: TestApp;
  let browser: Browser;
  let close: () => Promise<void>;
  let w: ShopWorld;
  before(async () => {
    bundleAdminComponents();
    app = await startTestApp();
    ({ browser, close } = await launchBrowser());
  });
  after(async () => {
    await close?.();
    await app?.close();
  });
  beforeEach(async () => {
    w = await createShopWorld(app.db);
  });

  const admin = (path = '') => `${app.url}${app.settings.adminPath}${path}`;

  async function signInManager(): Promise<Page> {
    const employee = await createEmployee(app.db, { role: 'manager', pizzeriaId: w.shopId });
    const { page } = await newPage(browser);
    await signInBackOffice(page, admin('/login'), employee.email, employee.password);
    return page;
  }

  it('when the manager saves « Fermeture annuelle » and 3,20 € in « Réglages », then the site shows the fee and the closure', async () => {
    const from = parisDate(2);
    const to = parisDate(3);
    const page = await signInManager();
    await page.goto(admin(`/resources/pizzerias/records/${w.shopId}/show`));
    await page
      .getByRole('button', { name: 'Réglages' })
      .or(page.getByRole('link', { name: 'Réglages' }))
      .first()
      .click();
    const form = page.getByTestId('shop-settings');
    await form.waitFor();
    // The form shows euros with a comma and the radius in km, not cents and metres.
    expect(await page.inputValue('#field-deliveryFee')).to.equal('2,50');
    expect(await page.inputValue('#field-deliveryRadius')).to.equal('3 km');
    // The week as time inputs per day (the factory's shop is open round the clock: 00:00–00:00).
    expect(await page.getByLabel('Lundi, plage 1 : ouverture').inputValue()).to.equal('00:00');
    await form.screenshot({ path: `${ARTIFACTS}/admin-shop-settings-form.png` });

    await page.fill('#field-deliveryFee', 'dix');
    await page.getByRole('button', { name: 'Enregistrer les réglages' }).click();
    const error = page.getByTestId('settings-error');
    await error.waitFor();
    expect(await error.innerText()).to.include(
      'Frais de livraison : un montant en euros est attendu, par exemple 2,50 (virgule ou point).',
    );
    expect(await page.inputValue('#field-deliveryFee')).to.equal('dix');
    await screenshot(page, 'admin-shop-settings-refused');

    await page.fill('#field-deliveryFee', '3,20');
    await page.getByRole('button', { name: 'Ajouter une fermeture' }).click();
    await page.fill('#closure-0-from', from);
    await page.fill('#closure-0-to', to);
    await page.fill('#closure-0-reason', 'Fermeture annuelle');
    // Every input of the form, a closure's included, has a name for screen readers (axe on the form: no critical
    // or serious finding).
    expect(await formViolations(page)).to.deep.equal([]);
    await page.getByRole('button', { name: 'Enregistrer les réglages' }).click();
    await page.getByText('Réglages enregistrés.').first().waitFor();
    expect(await error.count()).to.equal(0);
    await screenshot(page, 'admin-shop-settings-saved');

    // The customer site: a delivery address in the shop's zone.
    const { page: site } = await newPage(browser);
    const errors: string[] = [];
    site.on('pageerror', (e) => errors.push(e.message));
    const findShop = async () => {
      await site.goto(app.url + '/');
      await site.getByLabel('Adresse (numéro et rue)').fill('10 rue de la Roquette');
      await site.getByLabel('Code postal').fill('75011');
      await site.getByLabel('Ville').fill('Paris');
      await site.getByRole('button', { name: 'Trouver ma pizzeria' }).click();
    };
    await findShop();
    await site.getByText(/^Livraison 3,20\s€/).waitFor();
    const closures = site.getByTestId('closures');
    await closures.waitFor();
    expect(await closures.isVisible()).to.equal(true);
    const text = (await closures.innerText()).replace(/\s+/g, ' ');
    const span = `Du ${longDay(from)} au ${longDay(to)} : Fermeture annuelle`;
    expect(text).to.include(span);
    await screenshot(site, 'site-shop-closure-and-fee');

    // The closure moved to today and tomorrow: the site says the shop is closed, why, and when it opens again.
    await page.fill('#closure-0-from', parisDate(0));
    await page.fill('#closure-0-to', parisDate(1));
    const saved = page.waitForResponse(
      (r) => r.url().endsWith('/settings') && r.request().method() === 'POST',
    );
    await page.getByRole('button', { name: 'Enregistrer les réglages' }).click();
    expect((await saved).status()).to.equal(200);
    await findShop();
    const opens = site.getByTestId('opens');
    await opens.waitFor();
    // The shop is open round the clock: it opens again at midnight after the closure (in two days).
    const weekday = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', weekday: 'long' }).format(
      new Date(`${parisDate(2)}T12:00:00Z`),
    );
    expect(await opens.innerText()).to.equal(`Fermée (Fermeture annuelle) — ouvre ${weekday} à 00:00`);
    await screenshot(site, 'site-shop-closed-for-closure');
    expect(errors).to.deep.equal([]);
  });
});
