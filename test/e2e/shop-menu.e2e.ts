// In a browser: each shop runs its own menu over the group catalogue (issue 17). P01's manager takes the cola off
// from the kitchen screen in two taps: P01's site says « Épuisé », P02's does not, and P01's comes back by itself
// when the (injected) clock reaches the rupture's end. A P01 shop price and a P01 speciality show on P01's site,
// in its cart (the quote) and in the order placed, not on P02's. In the back office the manager sets the shop
// price within the group's bounds (a French message names them) and is refused the group's price.
import { formatEuros } from '../../src/shared/money.js';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { QueryTypes } from 'sequelize';
import { fixedClock } from '../../src/shared/clock.js';
import type { Role } from '../../src/shared/permissions.js';
import { createPizzeria, createProduct, stock } from '../factories/catalog.js';
import { createCustomer, createEmployee } from '../factories/people.js';
import { createShopWorld, staffWithToken, type ShopWorld } from '../factories/shop.js';
import { client } from '../helpers/api.js';
import { axeViolations } from './axe.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import {
  bundleAdminComponents,
  launchBrowser,
  newPage,
  screenshot,
  signInCustomer,
  signInStaff,
  signInBackOffice,
} from './browser.js';

const MONTMARTRE = 'OC Pizza Montmartre';
const BASTILLE = 'OC Pizza Bastille';

describe('in a browser: a shop’s own menu (ruptures, shop prices, specialities)', function () {
  this.timeout(120_000);
  const clock = fixedClock(new Date());
  let app: TestApp;
  let browser: Browser;
  let close: () => Promise<void>;
  let w: ShopWorld;
  let p02: number;
  let pageErrors: string[];

  before(async () => {
    bundleAdminComponents();
    app = await startTestApp({}, { clock });
    ({ browser, close } = await launchBrowser());
  });
  after(async () => {
    await close?.();
    await app?.close();
  });
  beforeEach(async () => {
    clock.set(new Date());
    pageErrors = [];
    w = await createShopWorld(app.db, { shop: { code: 'P01', name: MONTMARTRE } });
    p02 = await createPizzeria(app.db, { code: 'P02', name: BASTILLE });
    for (const [name, id] of Object.entries(w.ingredients)) {
      await stock(app.db, p02, id, name === 'cola' ? 500 : 100_000);
    }
  });
  afterEach(() => expect(pageErrors, 'errors in the page').to.deep.equal([]));

  async function page(): Promise<Page> {
    const { page } = await newPage(browser);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    return page;
  }

  /** The site's menu of a shop, chosen for takeaway as a customer does. */
  async function siteMenu(shopName: string, signedIn = false): Promise<Page> {
    const p = await page();
    if (signedIn) {
      const customer = await createCustomer(app.db);
      await signInCustomer(p, app.url, customer.email, customer.password);
    }
    await p.goto(`${app.url}/#/`);
    await p.getByRole('button', { name: 'À emporter' }).click();
    await p.getByRole('button', { name: `Retirer chez ${shopName}` }).click();
    await p.getByRole('heading', { name: /^La carte/ }).waitFor();
    return p;
  }

  const card = (p: Page, name: string) => p.locator(`article[data-product="${name}"]`);

  it('when P01’s manager takes the cola off in two taps on the kitchen screen, then only P01’s site says « Épuisé », until the rupture’s end', async () => {
    const manager = await createEmployee(app.db, { role: 'manager', pizzeriaId: w.shopId });
    // bypassCSP: the screens allow no inline script, and axe is injected as one.
    const context = await browser.newContext({
      locale: 'fr-FR',
      viewport: { width: 1024, height: 768 },
      bypassCSP: true,
    });
    const kitchen = await context.newPage();
    kitchen.setDefaultTimeout(15_000);
    kitchen.on('pageerror', (e) => pageErrors.push(e.message));
    await signInStaff(kitchen, app.url, manager.email, manager.password);
    await kitchen.getByRole('heading', { name: 'Cuisine' }).waitFor();
    const panel = kitchen.getByRole('region', { name: 'Ruptures de cette pizzeria' });
    await panel.getByText('Aucun article en rupture.').waitFor();
    await panel.getByText('Mettre un article en rupture').click();
    await panel.getByLabel('Durée').selectOption({ label: '30 minutes' });
    await panel.getByRole('button', { name: 'Cola — 33 cl' }).click(); // tap 1: the item
    await panel.getByRole('button', { name: 'Ingrédient épuisé' }).click(); // tap 2: the reason
    await panel.getByText('Cola — 33 cl : en rupture dans cette pizzeria.').waitFor();
    expect(await panel.getByRole('button', { name: 'Ingrédient épuisé' }).isVisible()).to.equal(false);
    expect(await panel.getByRole('button', { name: 'Cola — 33 cl', exact: true }).isDisabled()).to.equal(
      true,
    );
    const row = panel.locator('li.rupture');
    await row.getByText('Cola — 33 cl').waitFor();
    expect(await row.innerText())
      .to.include('Ingrédient épuisé')
      .and.include('jusqu’à');
    await screenshot(kitchen, 'staff-kitchen-rupture');
    // The panel, open with its item buttons, keeps the staff screens at no axe violation.
    expect(await axeViolations(kitchen)).to.deep.equal([]);

    const [rupture] = await app.db.query<{ until: Date; pizzeria_id: number }>(
      'SELECT until, pizzeria_id FROM menu_ruptures',
      { type: QueryTypes.SELECT },
    );
    expect(rupture.pizzeria_id).to.equal(w.shopId);

    const montmartre = await siteMenu(MONTMARTRE);
    await card(montmartre, 'Cola').getByText('Épuisé').waitFor();
    expect(await card(montmartre, 'Cola').getByRole('button', { name: 'Cola' }).isDisabled()).to.equal(true);
    const bastille = await siteMenu(BASTILLE);
    await card(bastille, 'Cola').waitFor();
    expect(await card(bastille, 'Cola').getByText('Épuisé').count()).to.equal(0);
    expect(await card(bastille, 'Cola').getByRole('button', { name: 'Cola' }).isEnabled()).to.equal(true);

    // The rupture's end: nothing is written, the menu is computed against the clock.
    clock.set(new Date(new Date(rupture.until).getTime() + 1000));
    await montmartre.reload();
    await card(montmartre, 'Cola').waitFor();
    await montmartre.waitForFunction(
      () =>
        !(globalThis as any).document
          .querySelector('article[data-product="Cola"]')
          ?.textContent?.includes('Épuisé'),
    );
    expect(await card(montmartre, 'Cola').getByRole('button', { name: 'Cola' }).isEnabled()).to.equal(true);
    await kitchen.reload();
    await panel.getByText('Aucun article en rupture.').waitFor();
  });

  it('when P01’s counter takes the cola off from its « Ruptures » column on a tablet, then its own order form offers it no more, and puts it back', async () => {
    const counter = await createEmployee(app.db, { role: 'counter', pizzeriaId: w.shopId });
    const context = await browser.newContext({
      locale: 'fr-FR',
      viewport: { width: 1024, height: 768 },
      bypassCSP: true,
    });
    const screen = await context.newPage();
    screen.setDefaultTimeout(15_000);
    screen.on('pageerror', (e) => pageErrors.push(e.message));
    await signInStaff(screen, app.url, counter.email, counter.password);
    await screen.getByRole('heading', { name: 'Comptoir' }).waitFor();
    const addCola = screen.getByRole('button', { name: /^Ajouter Cola 33 cl/ });
    expect(await addCola.isEnabled()).to.equal(true);
    await screen.getByRole('button', { name: 'Ruptures', exact: true }).click();
    const panel = screen.getByRole('region', { name: 'Ruptures de cette pizzeria' });
    await panel.getByText('Aucun article en rupture.').waitFor();
    expect(await addCola.isVisible()).to.equal(false); // the column shows the panel instead of the menu
    await panel.getByText('Mettre un article en rupture').click();
    await panel.getByRole('button', { name: 'Cola — 33 cl' }).click(); // the item
    await panel.getByRole('button', { name: 'Ingrédient épuisé' }).click(); // the reason
    await panel.getByText('Cola — 33 cl : en rupture dans cette pizzeria.').waitFor();
    expect(await axeViolations(screen)).to.deep.equal([]);

    await screen.getByRole('button', { name: 'Carte', exact: true }).click();
    await screen.getByRole('button', { name: /^Ajouter Cola 33 cl.*\(épuisé\)$/ }).waitFor();
    expect(await addCola.isDisabled()).to.equal(true);

    await screen.getByRole('button', { name: 'Ruptures', exact: true }).click();
    await panel.getByRole('button', { name: 'Remettre en vente : Cola — 33 cl' }).click();
    await panel.getByText('Cola — 33 cl : remis en vente.').waitFor();
    await screen.getByRole('button', { name: 'Carte', exact: true }).click();
    await screen.waitForFunction(
      () => !(globalThis as any).document.querySelector('button[aria-label^="Ajouter Cola 33 cl"]')?.disabled,
    );
    expect(await addCola.isEnabled()).to.equal(true);
    await context.close();
  });

  it('when the kitchen takes the cola off and puts it back, then the site and the counter already open show it at once, without a reload', async () => {
    const site = await siteMenu(MONTMARTRE);
    await card(site, 'Cola').waitFor();
    expect(await card(site, 'Cola').getByText('Épuisé').count()).to.equal(0);
    const counterStaff = await createEmployee(app.db, { role: 'counter', pizzeriaId: w.shopId });
    const counter = await page();
    await signInStaff(counter, app.url, counterStaff.email, counterStaff.password);
    await counter.getByRole('heading', { name: 'Comptoir' }).waitFor();
    const addCola = counter.getByRole('button', { name: /^Ajouter Cola 33 cl/ });
    expect(await addCola.isEnabled()).to.equal(true);

    const pizzaiolo = await staffWithToken(app.db, 'pizzaiolo', w.shopId);
    const api = client(app.url);
    const startedAt = Date.now();
    const res = await api.post('/api/staff/ruptures', {
      token: pizzaiolo.token,
      body: { sizeId: w.cola.sizeId, reason: 'Ingrédient épuisé' },
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    // Both pages are left alone (no reload, no focus change): only the menu stream can tell them, well before the
    // site's 30 s refresh.
    await card(site, 'Cola').getByText('Épuisé').waitFor({ timeout: 3_000 });
    await counter
      .getByRole('button', { name: /^Ajouter Cola 33 cl.*\(épuisé\)$/ })
      .waitFor({ timeout: 3_000 });
    const seenMs = Date.now() - startedAt;
    expect(seenMs).to.be.below(3_000);

    await api.post(`/api/staff/ruptures/${res.body.rupture.id}/end`, { token: pizzaiolo.token });
    await site.waitForFunction(
      () =>
        !(globalThis as any).document
          .querySelector('article[data-product="Cola"]')
          ?.textContent?.includes('Épuisé'),
      null,
      { timeout: 3_000 },
    );
    await counter.waitForFunction(
      () => !(globalThis as any).document.querySelector('button[aria-label^="Ajouter Cola 33 cl"]')?.disabled,
      null,
      { timeout: 3_000 },
    );
  });

  it('when P01 has its own price and a speciality, then P01’s site, cart and order use them and P02’s site does not; the manager sets the price within the group’s bounds and cannot change the group’s', async () => {
    await app.db.query(
      `UPDATE product_sizes SET shop_price_min_cents = 1190, shop_price_max_cents = 1490 WHERE id = $1`,
      { bind: [w.margherita.sizeM] },
    );
    const [row] = await app.db.query<{ id: number }>(
      `INSERT INTO shop_sizes (pizzeria_id, size_id) VALUES ($1, $2) RETURNING id`,
      { type: QueryTypes.SELECT, bind: [w.shopId, w.margherita.sizeM] },
    );
    const speciality = await createProduct(app.db, {
      name: 'La Montmartroise',
      recipe: { [w.ingredients.dough]: 250, [w.ingredients.mozza]: 100 },
      sizes: [{ code: 'M', label: 'Sénior 31 cm', priceCents: 1450, factorPct: 100 }],
    });
    await app.db.query('UPDATE products SET pizzeria_id = $1 WHERE id = $2', {
      bind: [w.shopId, speciality.id],
    });

    // The manager, in the back office: the group's price is refused, the shop's within the bounds is saved.
    const manager = await createEmployee(app.db, { role: 'manager', pizzeriaId: w.shopId });
    const bo = await backOffice(manager.email, manager.password);
    await bo.goto(admin(`/resources/product_sizes/records/${w.margherita.sizeM}/edit`));
    await bo.getByText('Cette page n’existe pas ou ne fait pas partie de vos accès.').first().waitFor();
    expect(await bo.locator('input[name="priceCents"]').count()).to.equal(0);
    await bo.goto(admin(`/resources/shop_sizes/records/${row.id}/edit`));
    await bo.locator('input[name="priceCents"]').waitFor();
    await showsHelp(bo, 'priceCents', /fourchette fixée par le groupe/);
    // The bounds themselves are on the form, for the size chosen.
    expect(await bo.getByTestId('shop-price-bounds').innerText()).to.equal(
      `Prix du groupe : ${formatEuros(1290)}. Fourchette permise : de ${formatEuros(1190)} à ${formatEuros(1490)}.`,
    );
    await bo.fill('input[name="priceCents"]', '19,90');
    await bo.getByRole('button', { name: /Enregistrer/ }).click();
    await bo
      .getByText(
        `Le prix doit rester entre ${formatEuros(1190)} et ${formatEuros(1490)} (fourchette fixée par le groupe).`,
      )
      .first()
      .waitFor();
    await screenshot(bo, 'admin-shop-price-out-of-bounds');
    await bo.fill('input[name="priceCents"]', '13,90');
    await bo.getByRole('button', { name: /Enregistrer/ }).click();
    await bo.waitForURL((url) => url.pathname.endsWith(`/resources/shop_sizes`));
    const [saved] = await app.db.query<{ price_cents: number }>(
      'SELECT price_cents FROM shop_sizes WHERE id = $1',
      { type: QueryTypes.SELECT, bind: [row.id] },
    );
    expect(saved.price_cents).to.equal(1390);
    const [group] = await app.db.query<{ price_cents: number }>(
      'SELECT price_cents FROM product_sizes WHERE id = $1',
      { type: QueryTypes.SELECT, bind: [w.margherita.sizeM] },
    );
    expect(group.price_cents).to.equal(1290);

    // P02's site: group price, no speciality.
    const bastille = await siteMenu(BASTILLE);
    await card(bastille, 'Margherita').waitFor();
    expect(await card(bastille, 'Margherita').innerText()).to.include('12,90');
    expect(await card(bastille, 'La Montmartroise').count()).to.equal(0);

    // P01's site: the shop's price and the speciality, in the cart and the order.
    const montmartre = await siteMenu(MONTMARTRE, true);
    expect(await card(montmartre, 'Margherita').innerText()).to.include('13,90');
    const mine = card(montmartre, 'La Montmartroise');
    expect(await mine.innerText()).to.include('14,50');
    await mine.getByRole('button', { name: 'La Montmartroise' }).click();
    await montmartre
      .getByRole('dialog', { name: 'La Montmartroise' })
      .getByRole('button', { name: /^Ajouter au panier/ })
      .click();
    await montmartre.getByText(/ajoutés? au panier/).waitFor();
    await montmartre.getByRole('link', { name: 'Voir le panier' }).click();
    await montmartre.getByText('La Montmartroise').first().waitFor();
    await montmartre.getByText(/14,50/).first().waitFor();
    await screenshot(montmartre, 'site-cart-speciality');
    await montmartre.getByRole('button', { name: 'Commander' }).click();
    await montmartre.getByRole('heading', { name: 'Valider ma commande' }).waitFor();
    await montmartre.getByLabel(/Espèces/).check();
    await montmartre.getByRole('button', { name: 'Valider la commande' }).click();
    await montmartre.getByTestId('status').waitFor();
    const [line] = await app.db.query<{
      product_name: string;
      unit_price_cents: number;
      pizzeria_id: number;
    }>(
      `SELECT l.product_name, l.unit_price_cents, o.pizzeria_id FROM order_lines l JOIN orders o ON o.id = l.order_id`,
      { type: QueryTypes.SELECT },
    );
    expect(line).to.deep.equal({
      product_name: 'La Montmartroise',
      unit_price_cents: 1450,
      pizzeria_id: w.shopId,
    });
  });

  /** The help text of a form field (AdminJS shows a property's description in a tooltip on its « ? » icon). */
  async function showsHelp(p: Page, property: string, text: string | RegExp): Promise<void> {
    const field = p.locator(`[data-testid="property-edit-${property}"]`);
    await field.locator('label .adminjs_Icon').hover();
    await p.getByText(text).first().waitFor();
  }

  const admin = (path = '') => `${app.url}${app.settings.adminPath}${path}`;

  async function backOffice(email: string, password: string): Promise<Page> {
    const p = await page();
    await signInBackOffice(p, admin('/login'), email, password);
    return p;
  }

  it('when the group admin opens a product’s form, then the availability switch says it is every shop’s', async () => {
    const admin_ = await createEmployee(app.db, { role: 'admin' as Role, pizzeriaId: null });
    const bo = await backOffice(admin_.email, admin_.password);
    await bo.goto(admin(`/resources/products/records/${w.margherita.productId}/edit`));
    await bo.locator('input[name="name"]').waitFor();
    await showsHelp(
      bo,
      'active',
      'Interrupteur du groupe : décoché, l’article disparaît de la carte des 8 pizzerias.',
    );
  });
});
