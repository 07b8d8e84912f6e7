// The whole journey in three browsers at once, offline, paid on delivery: a customer orders on the site, the
// pizzaiolo's kitchen screen shows it live and prepares it, the driver takes it and records the cash, and the
// customer's tracking page follows every step without reloading.
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { QueryTypes } from 'sequelize';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createCustomer, createEmployee } from '../factories/people.js';
import { createShopWorld, type ShopWorld } from '../factories/shop.js';
import type { Role } from '../../src/shared/permissions.js';
import { launchBrowser, newPage, screenshot, signInCustomer, signInStaff } from './browser.js';

describe('in three browsers: customer, kitchen and driver on one order', function () {
  this.timeout(120_000);
  let app: TestApp;
  let browser: Browser;
  let close: () => Promise<void>;
  let w: ShopWorld;
  const errors: string[] = [];
  before(async () => {
    app = await startTestApp();
    ({ browser, close } = await launchBrowser());
  });
  after(async () => {
    await close?.();
    await app?.close();
  });

  async function open(path: string): Promise<Page> {
    const { page } = await newPage(browser); // each in its own browser context: its own storage and session
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${app.url}${path}`);
    return page;
  }

  async function staff(role: Role): Promise<Page> {
    const employee = await createEmployee(app.db, { role, pizzeriaId: w.shopId });
    const page = await open('/personnel');
    await signInStaff(page, app.url, employee.email, employee.password);
    return page;
  }

  it('when a customer orders two pizzas for delivery, then the kitchen sees it live, the driver delivers it for cash, and tracking shows each step', async () => {
    w = await createShopWorld(app.db);
    const kitchen = await staff('pizzaiolo');
    await kitchen.getByRole('status').filter({ hasText: 'En direct' }).waitFor();

    const customer = await createCustomer(app.db);
    const site = await open('/#/');
    await signInCustomer(site, app.url, customer.email, customer.password);
    await site.goto(`${app.url}/#/`);
    await site.getByLabel('Adresse (numéro et rue)').fill('3 rue Oberkampf');
    await site.getByLabel('Code postal').fill('75011');
    await site.getByLabel('Ville').fill('Paris');
    await site.getByRole('button', { name: 'Trouver ma pizzeria' }).click();
    await site.getByRole('button', { name: /^Commander chez/ }).click();
    const card = site.locator('article[data-product="Margherita"]');
    await card.getByRole('button', { name: 'Margherita' }).click();
    const sheet = site.getByRole('dialog', { name: 'Margherita' });
    await sheet.getByLabel('Quantité').fill('2');
    await sheet.getByRole('button', { name: /^Ajouter au panier/ }).click();
    await site.getByRole('link', { name: 'Voir le panier' }).click();
    await site.getByRole('button', { name: 'Commander' }).click();
    await site.getByLabel(/Espèces/).check();
    await site.getByRole('button', { name: 'Valider la commande' }).click();
    await site.getByTestId('status').getByText('Reçue', { exact: true }).waitFor();
    const orderId = site.url().split('/suivi/')[1];
    const [order] = await app.db.query<{ number: string; total: number }>(
      'SELECT number, total_cents AS total FROM orders WHERE id = $1',
      { type: QueryTypes.SELECT, bind: [orderId] },
    );
    expect(order.total).to.equal(2 * 1290 + 250);

    // The kitchen screen was open before the order existed: the ticket arrives through the live stream.
    const ticket = kitchen.locator(`article[data-order-id="${orderId}"]`);
    await ticket.waitFor();
    expect(await ticket.innerText()).to.match(/2 ×\s+Margherita/);
    await kitchen.getByRole('button', { name: `Commencer : commande n° ${order.number}` }).click();
    await site.getByTestId('status').getByText('En préparation', { exact: true }).waitFor();
    await site.getByText('La préparation a commencé').waitFor(); // no more « Annuler »
    await kitchen.getByRole('button', { name: `Prête : commande n° ${order.number}` }).click();
    await site.getByTestId('status').getByText('Prête', { exact: true }).waitFor();
    await screenshot(kitchen, 'journey-kitchen');

    const driver = await staff('driver');
    await driver.getByRole('button', { name: `Je pars avec la commande n° ${order.number}` }).click();
    await site.getByTestId('status').getByText('En livraison', { exact: true }).waitFor();
    const stop = driver.locator(`li[data-order-id="${orderId}"]`);
    await stop.getByLabel('Montant reçu (€)').fill('50');
    await driver.getByRole('button', { name: `Livrée : la commande n° ${order.number}` }).click();
    await site.getByTestId('status').getByText('Livrée', { exact: true }).waitFor();
    await screenshot(site, 'journey-tracking-delivered');

    const [payment] = await app.db.query<{ provider: string; received: number; change: number }>(
      `SELECT provider, amount_received_cents AS received, change_cents AS change FROM payments WHERE order_id = $1`,
      { type: QueryTypes.SELECT, bind: [orderId] },
    );
    expect(payment).to.deep.equal({ provider: 'cash', received: 5000, change: 5000 - order.total });
    const steps = await app.db.query<{ to: string }>(
      'SELECT to_status AS "to" FROM order_status_events WHERE order_id = $1 ORDER BY id',
      { type: QueryTypes.SELECT, bind: [orderId] },
    );
    expect(steps.map((s) => s.to)).to.deep.equal([
      'received',
      'preparing',
      'ready',
      'out_for_delivery',
      'delivered',
    ]);
    expect(errors).to.deep.equal([]);
  });
});
