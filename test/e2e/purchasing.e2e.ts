// In a browser: a shop's manager opens « Suggestions de commande » from the stock, changes one line's packs,
// creates the purchase order and sends it to the supplier, then receives part of it from « Réceptionner »; the
// mozzarella was out of stock, so the Margherita was unavailable on the shop's menu: after the reception the
// menu (GET /api/pizzerias/:id/menu) offers it again.
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { client } from '../helpers/api.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createShopWorld } from '../factories/shop.js';
import { createEmployee } from '../factories/people.js';
import { createSupplier, supplierItem } from '../factories/purchasing.js';
import { pastUse } from '../factories/use-history.js';
import { bundleAdminComponents, launchBrowser, newPage, screenshot, signInBackOffice } from './browser.js';

describe('in a browser: suggestions, purchase order and reception in the back office', function () {
  this.timeout(120_000);
  let app: TestApp;
  let browser: Browser;
  let close: () => Promise<void>;
  before(async () => {
    bundleAdminComponents();
    app = await startTestApp();
    ({ browser, close } = await launchBrowser());
  });
  after(async () => {
    await close?.();
    await app?.close();
  });

  const admin = (path = '') => `${app.url}${app.settings.adminPath}${path}`;

  it('when the manager adjusts a line, sends the order and receives part of it, then the pizza without mozzarella is back on the menu', async () => {
    const w = await createShopWorld(app.db, { mozzarella: 0 });
    await pastUse(app.db, w.stockIds.mozza);
    const supplierId = await createSupplier(app.db, { name: 'Laiterie du Val', leadTimeDays: 1 });
    await supplierItem(app.db, supplierId, w.ingredients.mozza, {
      packLabel: 'Bloc 2,5 kg',
      packQuantity: 2500,
      packPriceCents: 1250,
    });
    const api = client(app.url);
    const margherita = async () => {
      const menu = await api.get(`/api/pizzerias/${w.shopId}/menu`);
      expect(menu.status).to.equal(200);
      return menu.body.products.find((p: { id: number }) => p.id === w.margherita.productId);
    };
    expect((await margherita()).available, 'no mozzarella: no Margherita').to.equal(false);

    const employee = await createEmployee(app.db, { role: 'manager', pizzeriaId: w.shopId });
    const { page } = await newPage(browser);
    await signInBackOffice(page, admin('/login'), employee.email, employee.password);
    await page.goto(admin('/resources/stock_items'));
    await page.getByRole('link', { name: 'Suggestions de commande' }).first().click();
    await page.getByTestId('purchase-suggestions').waitFor();

    const packs = page.getByTestId(`packs-${w.ingredients.mozza}`);
    const suggested = Number(await packs.inputValue());
    expect(suggested).to.be.greaterThan(0);
    await packs.fill(String(suggested + 1));
    const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
    expect(await page.getByTestId(`line-total-${w.ingredients.mozza}`).textContent()).to.equal(
      euros.format((suggested + 1) * 12.5),
    );
    await screenshot(page, 'purchasing-suggestions');
    await page.getByTestId(`create-${supplierId}`).click();
    const order = page.getByTestId('purchase-order');
    await order.getByText(/Bon de commande BC-P\d+-0001 — Brouillon/).waitFor();
    expect(await order.textContent()).to.include(`Mozzarella : ${suggested + 1} × Bloc 2,5 kg`);
    await page.getByTestId('send-order').click();
    await page.getByText(/Bon de commande BC-P\d+-0001 envoyé à Laiterie du Val/).waitFor();

    await page.getByTestId('open-order').getByRole('link', { name: 'Réceptionner' }).click();
    await page.getByTestId('purchase-reception').waitFor();
    await page
      .getByTestId('reception-order')
      .getByText(/Envoyé/)
      .waitFor();
    await page.getByTestId(`received-${w.ingredients.mozza}`).fill('2500');
    await page.getByTestId('reception-submit').click();
    await page.getByText(/Réception enregistrée : BC-P\d+-0001 est reçu en partie/).waitFor();
    const difference = (await page.getByTestId('reception-difference').textContent()) ?? '';
    expect(difference.replace(/[\u00a0\u202f]/g, ' ')).to.equal(
      `Mozzarella : manquant ${String(suggested * 2.5).replace('.', ',')} kg`,
    );
    await screenshot(page, 'purchasing-reception');

    expect((await margherita()).available, 'mozzarella received').to.equal(true);
  });
});
