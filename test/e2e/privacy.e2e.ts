// In a browser: a customer downloads their data from « Mon compte » and closes their account (the server's
// refusals shown next to the form), then cannot sign in again; the privacy page states the retention periods
// and a visitor gets no cookie. No accessibility violation on either page.
import { readFile } from 'node:fs/promises';
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { QueryTypes } from 'sequelize';
import { ORDER_IN_PROGRESS_MESSAGE } from '../../src/modules/privacy/index.js';
import { client } from '../helpers/api.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createShopWorld, customerWithToken, newKey, takeawayMargherita } from '../factories/shop.js';
import { axeViolations } from './axe.js';
import { pageControlColours } from './contrast.js';
import { launchBrowser, screenshot, signInCustomer } from './browser.js';

describe('in a browser: the customer’s personal data', function () {
  this.timeout(90_000);
  let app: TestApp;
  let browser: Browser;
  let close: () => Promise<void>;
  before(async () => {
    app = await startTestApp();
    ({ browser, close } = await launchBrowser());
  });
  after(async () => {
    await close?.();
    await app?.close();
  });

  /** A phone-sized page; bypassCSP: the site allows no inline script, and axe is injected as one. */
  async function phonePage(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await browser.newContext({
      locale: 'fr-FR',
      viewport: { width: 390, height: 844 },
      bypassCSP: true,
      acceptDownloads: true,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    return { context, page, errors };
  }

  const accountExists = async (id: number) => {
    const rows = await app.db.query('SELECT 1 FROM customers WHERE id = $1', {
      type: QueryTypes.SELECT,
      bind: [id],
    });
    return rows.length === 1;
  };

  it('when the customer downloads their data then deletes their account, then the file holds their order, a wrong password or an order in progress is refused, and the account is gone', async () => {
    const w = await createShopWorld(app.db);
    const customer = await customerWithToken(app.db);
    const api = client(app.url);
    const placed = await api.post('/api/orders', {
      token: customer.token,
      headers: { 'Idempotency-Key': newKey() },
      body: takeawayMargherita(w),
    });
    expect(placed.status).to.equal(201);
    const order = placed.body.order as { id: string; number: string };

    const { context, page, errors } = await phonePage();
    await signInCustomer(page, app.url, customer.email, customer.password);
    await page.goto(`${app.url}/#/connexion`);
    const block = page.getByRole('region', { name: 'Mes données personnelles' });
    await block.waitFor();
    await page.locator('#acc-status-emails:not([disabled])').waitFor();
    expect(await axeViolations(page)).to.deep.equal([]);

    // The export: the file the server names, with their e-mail and their order.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      block.getByRole('button', { name: 'Télécharger mes données' }).click(),
    ]);
    expect(download.suggestedFilename()).to.match(/^ocpizza-mes-donnees-\d{4}-\d{2}-\d{2}\.json$/);
    const file = JSON.parse(await readFile((await download.path())!, 'utf8'));
    expect(file.customerId).to.equal(customer.id);
    expect(file.data.customers.account.email).to.equal(customer.email);
    expect(file.data.orders.orders.map((o: { number: string }) => o.number)).to.deep.equal([order.number]);
    await block.getByText(/^Vos données ont été téléchargées \(fichier ocpizza-mes-donnees-/).waitFor();

    // The erasure form: opened from its button, the focus in the password field, the warning said first.
    const toggle = block.getByRole('button', { name: 'Supprimer mon compte' });
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).to.equal('true');
    const form = page.getByRole('form', { name: 'Supprimer mon compte' });
    const password = form.getByLabel('Mot de passe (pour confirmer)');
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.id)).to.equal(
      'acc-erase-password',
    );
    await form.getByText('La suppression est immédiate et définitive.').waitFor();
    await form.getByText(/les montants, la TVA et les paiements de vos commandes \(10 ans\)/).waitFor();
    const erase = form.getByRole('button', { name: 'Supprimer définitivement mon compte' });

    // The order is still in progress: refused, the server's message next to the form.
    await password.fill(customer.password);
    await erase.click();
    await form.getByRole('alert').getByText(ORDER_IN_PROGRESS_MESSAGE).waitFor();
    expect(await accountExists(customer.id)).to.equal(true);
    const cancelled = await api.post(`/api/orders/${order.id}/cancel`, { token: customer.token });
    expect(cancelled.status).to.equal(200);

    // A wrong password: refused, said on the field, the account still there.
    await password.fill('pas-le-bon-mot-de-passe');
    await erase.click();
    await form.getByRole('alert').getByText('Mot de passe incorrect.').waitFor();
    expect(await password.getAttribute('aria-invalid')).to.equal('true');
    expect(await password.getAttribute('aria-describedby')).to.include('acc-erase-error');
    expect(await accountExists(customer.id)).to.equal(true);
    expect(await axeViolations(page)).to.deep.equal([]);
    const weak = (await pageControlColours(page)).filter((c) => c.ratio < 4.5);
    expect(weak, JSON.stringify(weak)).to.deep.equal([]);
    await screenshot(page, 'site-account-erase-refused');

    // The right password: the account is gone, and this browser has forgotten the session.
    await password.fill(customer.password);
    await erase.click();
    await page.getByRole('heading', { name: 'Compte supprimé' }).waitFor();
    await page
      .getByText('Votre compte est supprimé et vos données personnelles sont effacées.', {
        exact: false,
      })
      .waitFor();
    expect(await accountExists(customer.id)).to.equal(false);
    expect(await page.evaluate(() => (globalThis as any).localStorage.getItem('ocpizza.session'))).to.equal(
      null,
    );
    expect(page.url()).to.match(/#\/compte-supprime$/);
    await screenshot(page, 'site-account-erased');

    // Signing in again fails: the account no longer exists.
    await page
      .getByRole('navigation', { name: 'Menu principal' })
      .getByRole('link', { name: 'Se connecter' })
      .click();
    const login = page.getByRole('form', { name: 'Connexion' });
    await login.getByLabel('E-mail').fill(customer.email);
    await login.getByLabel('Mot de passe').fill(customer.password);
    await login.getByRole('button', { name: 'Se connecter' }).click();
    await login.getByRole('alert').getByText('E-mail ou mot de passe incorrect.').waitFor();
    expect(page.url()).to.match(/#\/connexion$/);
    // Signed in, exported, erased: the site never set a cookie (only the browser's local storage).
    expect(await context.cookies()).to.deep.equal([]);
    expect(errors).to.deep.equal([]);
    await context.close();
  });

  it('when a visitor follows the footer link to the privacy page, then it reads in French with the retention periods, and no cookie is set', async () => {
    const { context, page, errors } = await phonePage();
    await page.goto(`${app.url}/`);
    await page.getByRole('link', { name: 'Données personnelles et cookies' }).click();
    await page.waitForURL(`${app.url}/confidentialite`);
    await page.getByRole('heading', { level: 1, name: 'Vos données personnelles' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).to.equal('fr');
    const durations = page.getByRole('heading', { name: 'Combien de temps' });
    await durations.waitFor();
    const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
    // The settings' defaults: inactive accounts 3 years, delivery details 1 year, geocoding cache 90 days.
    expect(text).to.include(
      'Sans commande, connexion ni modification pendant 3 ans, il est supprimé automatiquement',
    );
    expect(text).to.include('effacés 1 an après la fin de la commande');
    expect(text).to.include('(cache) : 90 jours');
    expect(text).to.include('10 ans').and.include('6 ans').and.include('CNIL');
    expect(text).to.include(app.settings.privacy.contactEmail);
    expect(await axeViolations(page)).to.deep.equal([]);
    const weak = (await pageControlColours(page)).filter((c) => c.ratio < 4.5);
    expect(weak, JSON.stringify(weak)).to.deep.equal([]);
    await screenshot(page, 'site-privacy-page');
    expect(await context.cookies()).to.deep.equal([]);
    expect(errors).to.deep.equal([]);
    await context.close();
  });
});
