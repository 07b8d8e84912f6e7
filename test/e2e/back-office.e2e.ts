import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createShopWorld, type ShopWorld } from '../factories/shop.js';
import { createEmployee } from '../factories/people.js';
import type { Role } from '../../src/shared/permissions.js';
import { bundleAdminComponents, launchBrowser, newPage, screenshot, signInBackOffice } from './browser.js';

describe('in a browser: the back office at the secret URL', function () {
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
    // 100 g of mozzarella: a Margherita M needs 120 g, so it cannot be made.
    w = await createShopWorld(app.db, { mozzarella: 100 });
  });

  const admin = (path = '') => `${app.url}${app.settings.adminPath}${path}`;

  async function signIn(role: Role, pizzeriaId: number | null): Promise<Page> {
    const employee = await createEmployee(app.db, { role, pizzeriaId });
    const { page } = await newPage(browser);
    await signInBackOffice(page, admin('/login'), employee.email, employee.password);
    return page;
  }

  async function margheritaM() {
    const res = await fetch(`${app.url}/api/pizzerias/${w.shopId}/menu`);
    const menu: any = await res.json();
    const pizza = menu.products.find((p: any) => p.id === w.margherita.productId);
    return pizza.sizes.find((s: any) => s.id === w.margherita.sizeM);
  }

  it('when a manager records a stock receipt, then the public menu shows the pizza available again', async () => {
    expect(await margheritaM()).to.include({ available: false, maxQuantity: 0 });
    const page = await signIn('manager', w.shopId);
    await page.goto(admin(`/resources/stock_items/records/${w.stockIds.mozza}/receipt`));
    const form = page.getByTestId('action-form');
    await form.waitFor();
    expect(await form.innerText()).to.include('Livraison d’un fournisseur');
    await page.fill('input[name="quantity"]', '5000');
    await page.fill('input[name="note"]', 'BL 2026-118 Laiterie Martin');
    await screenshot(page, 'admin-stock-receipt-form');
    await page.getByRole('button', { name: 'Enregistrer la réception' }).click();
    await page.waitForURL(/\/records\/\d+\/show$/);
    await page.getByText('Réception enregistrée').first().waitFor();
    await screenshot(page, 'admin-stock-receipt-done');
    expect(await margheritaM()).to.include({ available: true });
    expect((await margheritaM()).maxQuantity).to.be.above(0);
  });

  it('when a manager types a wrong quantity, then the French error shows and what was typed stays', async () => {
    const page = await signIn('manager', w.shopId);
    await page.goto(admin(`/resources/stock_items/records/${w.stockIds.mozza}/waste`));
    await page.getByTestId('action-form').waitFor();
    await page.fill('input[name="quantity"]', '900');
    await page.fill('input[name="note"]', 'Sachet percé');
    await page.getByRole('button', { name: 'Enregistrer la perte' }).click();
    const error = page.getByTestId('action-error');
    await error.waitFor();
    expect(await error.innerText()).to.match(/Perte refusée pour « Mozzarella »/);
    expect(await page.inputValue('input[name="quantity"]')).to.equal('900');
    await screenshot(page, 'admin-stock-waste-refused');
  });

  it('when a pizzaiolo opens the staff list, then it is refused; the recipe memo is theirs', async () => {
    const page = await signIn('pizzaiolo', w.shopId);
    await page.goto(admin('/resources/employees'));
    await page.getByText('Cette page n’existe pas ou ne fait pas partie de vos accès.').first().waitFor();
    expect(await page.locator('table tbody tr').count()).to.equal(0);
    await screenshot(page, 'admin-pizzaiolo-staff-refused');
    await page.goto(admin('/resources/products/actions/memo'));
    const frame = page.frameLocator('#recipe-memo-frame');
    await frame.locator('h1').waitFor();
    expect(await frame.locator('article h2').allInnerTexts()).to.include('Margherita');
    await screenshot(page, 'admin-recipe-memo');
  });

  it('when an accountant uses the exports page, then the orders CSV downloads for French Excel', async () => {
    const page = await signIn('accountant', null);
    await page.goto(admin('/resources/orders/actions/exports'));
    await page.getByTestId('accounting-exports').waitFor();
    await page.fill('#export-from', '2026-01-01');
    await page.fill('#export-to', '2026-12-31');
    await screenshot(page, 'admin-accounting-exports');
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-csv').click(),
    ]);
    expect(file.suggestedFilename()).to.match(/\.csv$/);
    const bytes = readFileSync((await file.path())!);
    expect([...bytes.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8').split('\r\n')[0]).to.include(';');
  });

  it('when a manager and the group admin open the dashboard, then figures and charts render', async () => {
    const page = await signIn('admin', null);
    await page.getByTestId('dashboard').waitFor();
    await page.getByTestId('revenue-today').waitFor();
    expect(await page.getByTestId('dashboard').innerText()).to.include('Tableau de bord — Groupe OC Pizza');
    expect(await page.locator('[data-testid="dashboard"] svg').count()).to.be.at.least(1);
    await screenshot(page, 'admin-dashboard-group');
    // « Coût matière »: a shop's, so the manager sees it (no price yet in this world: a visible warning)
    const manager = await signIn('manager', w.shopId);
    await manager.getByTestId('food-cost-sizes').waitFor();
    await manager.getByTestId('food-cost-days').waitFor();
    expect(await manager.getByTestId('food-cost-sizes').innerText()).to.include('Margherita');
    expect(await manager.getByTestId('dashboard').innerText()).to.include('Prix inconnu pour');
  });
});
