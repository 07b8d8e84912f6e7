import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { QueryTypes } from 'sequelize';
import { client } from '../helpers/api.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createCustomer } from '../factories/people.js';
import {
  createShopWorld,
  customerWithToken,
  newKey,
  staffWithToken,
  type ShopWorld,
  takeawayMargherita,
} from '../factories/shop.js';
import { launchBrowser, newPage, screenshot, signInCustomer } from './browser.js';

describe('in a browser: the customer site', function () {
  this.timeout(90_000);
  let app: TestApp;
  let browser: Browser;
  let close: () => Promise<void>;
  let w: ShopWorld;
  before(async () => {
    app = await startTestApp();
    ({ browser, close } = await launchBrowser());
  });
  after(async () => {
    await close?.();
    await app?.close();
  });
  beforeEach(async () => {
    // Mozzarella for 5 Margherita M (120 g each).
    w = await createShopWorld(app.db, { mozzarella: 600 });
  });

  /** A customer on the site, signed in, ordering by delivery to an address the shop serves. */
  async function customerAtMenu(mode: 'delivery' | 'takeaway' = 'delivery'): Promise<Page> {
    const customer = await createCustomer(app.db);
    const { page } = await newPage(browser);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signInCustomer(page, app.url, customer.email, customer.password);
    await page.goto(`${app.url}/#/`);
    if (mode === 'delivery') {
      await page.getByLabel('Adresse (numéro et rue)').fill('3 rue Oberkampf');
      await page.getByLabel('Code postal').fill('75011');
      await page.getByLabel('Ville').fill('Paris');
      await page.getByRole('button', { name: 'Trouver ma pizzeria' }).click();
      await page.getByRole('button', { name: /^Commander chez/ }).click();
    } else {
      await page.getByRole('button', { name: 'À emporter' }).click();
      await page
        .getByRole('button', { name: /^Retirer chez/ })
        .first()
        .click();
    }
    await page.getByRole('heading', { name: /^La carte/ }).waitFor();
    expect(errors).to.deep.equal([]);
    return page;
  }

  async function addPizzas(page: Page, quantity: number) {
    const card = page.locator('article[data-product="Margherita"]');
    await card.getByRole('button', { name: 'Margherita' }).click();
    const sheet = page.getByRole('dialog', { name: 'Margherita' });
    await sheet.getByLabel('Quantité').fill(String(quantity));
    await sheet.getByRole('button', { name: /^Ajouter au panier/ }).click();
    await page.getByText(/ajoutés? au panier/).waitFor();
  }

  async function placeFromCart(page: Page, payment: RegExp) {
    await page.getByRole('link', { name: 'Voir le panier' }).click();
    await page.getByRole('button', { name: 'Commander' }).click();
    await page.getByRole('heading', { name: 'Valider ma commande' }).waitFor();
    await page.getByLabel(payment).check();
    await page.getByRole('button', { name: 'Valider la commande' }).click();
    await page.getByTestId('status').waitFor();
    return page.url().split('/suivi/')[1];
  }

  const statusOf = async (id: string) => {
    const [row] = await app.db.query<{ status: string }>('SELECT status FROM orders WHERE id = $1', {
      type: QueryTypes.SELECT,
      bind: [id],
    });
    return row.status;
  };

  it('when a customer orders two pizzas for delivery, then the cart total is the server’s and tracking follows each step live', async () => {
    const page = await customerAtMenu('delivery');
    await page.setViewportSize({ width: 390, height: 844 }); // a phone
    await screenshot(page, 'site-menu-phone');
    await addPizzas(page, 2);
    await page.getByRole('link', { name: 'Voir le panier' }).click();
    // 2 × 12,90 € = 25,80 € + 2,50 € delivery (free from 30 €).
    await page.getByRole('table', { name: 'Totaux' }).getByText('28,30').waitFor();
    await screenshot(page, 'site-cart');
    await page.reload();
    await page.getByRole('table', { name: 'Totaux' }).getByText('28,30').waitFor(); // the cart survives a reload
    await page.getByRole('link', { name: 'Continuer mes achats' }).click();
    const id = await placeFromCart(page, /Espèces/);
    expect(await statusOf(id)).to.equal('received');
    expect(await page.getByTestId('status').innerText()).to.equal('Reçue');
    await screenshot(page, 'site-tracking-received');

    const api = client(app.url);
    const pizzaiolo = await staffWithToken(app.db, 'pizzaiolo', w.shopId);
    const driver = await staffWithToken(app.db, 'driver', w.shopId);
    const steps: [string, string, any][] = [
      [pizzaiolo.token, 'start', 'En préparation'],
      [pizzaiolo.token, 'ready', 'Prête'],
      [driver.token, 'pickup', 'En livraison'],
    ];
    for (const [token, step, label] of steps) {
      expect((await api.post(`/api/staff/orders/${id}/${step}`, { token })).status).to.equal(200);
      await page.getByTestId('status').getByText(label, { exact: true }).waitFor();
    }
    const delivered = await api.post(`/api/staff/orders/${id}/deliver`, {
      token: driver.token,
      body: { payment: { method: 'cash', amountReceivedCents: 5000 } },
    });
    expect(delivered.status).to.equal(200);
    await page.getByTestId('status').getByText('Livrée', { exact: true }).waitFor();
    expect(await page.locator('[data-testid="timeline"] li.done').count()).to.equal(5);
    await screenshot(page, 'site-tracking-delivered');
    // Keyboard only: from the content (the page moved the focus there), Tab reaches the footer's privacy link,
    // then comes round to the skip link, which moves the focus to the content.
    const focused = () => page.evaluate(() => (globalThis as any).document.activeElement?.textContent);
    await page.keyboard.press('Tab');
    expect(await focused()).to.equal('Données personnelles et cookies');
    // Past the last link Chromium gives the focus to its own window once, then to the page's first link again.
    await page.keyboard.press('Tab');
    if ((await focused()) !== 'Aller au contenu') await page.keyboard.press('Tab');
    expect(await focused()).to.equal('Aller au contenu');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.id)).to.equal('main');
    expect(page.url()).to.match(/#\/suivi\//);
    expect(await page.getByTestId('status').innerText()).to.equal('Livrée');
  });

  it('when the stock runs out, then the menu shows the pizza « épuisé » and it cannot be added', async () => {
    const page = await customerAtMenu('takeaway');
    const card = page.locator('article[data-product="Margherita"]');
    expect(await card.getByRole('button', { name: 'Margherita' }).isEnabled()).to.equal(true);
    // Another customer takes what is left of the mozzarella (50 kg at 180 g per L pizza).
    await app.db.query('UPDATE stock_items SET on_hand = reserved + 100 WHERE id = $1', {
      bind: [w.stockIds.mozza],
    });
    await page.reload();
    await card.getByText('Épuisé').first().waitFor();
    expect(await card.getByRole('button', { name: 'Margherita' }).isDisabled()).to.equal(true);
    await screenshot(page, 'site-menu-sold-out');
  });

  it('when a customer cancels before preparation it works; after preparation started, the server’s refusal is shown', async () => {
    const page = await customerAtMenu('takeaway');
    await addPizzas(page, 1);
    const first = await placeFromCart(page, /Espèces/);
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Annuler la commande' }).click();
    await page.getByText(/^Commande P\d+-\d+ annulée\.$/).waitFor();
    expect(await statusOf(first)).to.equal('cancelled');

    await page.goto(`${app.url}/#/carte`);
    await addPizzas(page, 1);
    const second = await placeFromCart(page, /Espèces/);
    // The page must not learn of the start (its stream is cut): the click reaches the server too late.
    await page.route('**/events**', (route) => route.abort());
    await page.reload();
    await page.getByRole('button', { name: 'Annuler la commande' }).waitFor();
    const pizzaiolo = await staffWithToken(app.db, 'pizzaiolo', w.shopId);
    expect(
      (await client(app.url).post(`/api/staff/orders/${second}/start`, { token: pizzaiolo.token })).status,
    ).to.equal(200);
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Annuler la commande' }).click();
    await page.getByRole('alert').getByText('ne peut plus être annulée').waitFor();
    expect(await statusOf(second)).to.equal('preparing');
    await screenshot(page, 'site-cancel-refused');
  });

  it('when the customer opens their orders, then the history lists them with their status', async () => {
    const customer = await customerWithToken(app.db);
    const placed = await client(app.url).post('/api/orders', {
      token: customer.token,
      headers: { 'Idempotency-Key': newKey() },
      body: takeawayMargherita(w),
    });
    const { page } = await newPage(browser);
    await signInCustomer(page, app.url, customer.email, customer.password);
    await page.getByRole('link', { name: placed.body.order.number }).click();
    await page.getByTestId('status').getByText('Reçue').waitFor();
  });
});
