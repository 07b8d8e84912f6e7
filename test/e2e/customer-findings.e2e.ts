// The findings of issue 16 on the customer site, in a browser (phone 390×844 and desktop): browsing a closed
// shop's menu from a first visit, the tabs' contrast read from computed colours, leaving « Modifier ma commande »
// after a refusal, and checkout / tracking details. The business clock is fixed (src/shared/clock.ts) and the
// page's clock follows it, so « fermée » does not depend on the hour the test runs at.
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { QueryTypes } from 'sequelize';
import { issueToken } from '../../src/modules/auth/index.js';
import { fixedClock } from '../../src/shared/clock.js';
import { client } from '../helpers/api.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createProduct } from '../factories/catalog.js';
import { createCustomer, createEmployee } from '../factories/people.js';
import {
  createShopWorld,
  customerWithToken,
  newKey,
  takeawayMargherita,
  type ShopWorld,
} from '../factories/shop.js';
import { launchBrowser, screenshot, signInCustomer } from './browser.js';
import { axeViolations } from './axe.js';
import { pageControlColours, paintedColours } from './contrast.js';

const SERVICE: [string, string][] = [
  ['11:30', '14:30'],
  ['18:00', '23:00'],
];
/** Lunch and evening every day but Sunday. */
const HOURS = {
  ...Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((d) => [d, SERVICE])),
  sun: [],
};
/** Monday 7 December 2026 in Paris (UTC+1). */
const monday = (hhmm: string) => `2026-12-07T${hhmm}:00+01:00`;
const PHONE = { width: 390, height: 844 };

describe('in a browser: the findings of the customer site (issue 16)', function () {
  this.timeout(120_000);
  const clock = fixedClock(monday('12:00'));
  let app: TestApp;
  let browser: Browser;
  let close: () => Promise<void>;
  let w: ShopWorld;
  let errors: string[];

  before(async () => {
    app = await startTestApp({}, { clock });
    ({ browser, close } = await launchBrowser());
  });
  after(async () => {
    await close?.();
    await app?.close();
  });
  beforeEach(() => {
    clock.set(monday('12:00'));
    errors = [];
  });
  afterEach(() => expect(errors).to.deep.equal([]));

  /** A page whose clock reads the business clock's time. */
  async function open(viewport = PHONE): Promise<Page> {
    // bypassCSP: the site allows no inline script, and axe is injected as one.
    const context = await browser.newContext({ locale: 'fr-FR', viewport, bypassCSP: true });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.clock.setFixedTime(clock.now());
    page.on('pageerror', (e) => errors.push(e.message));
    return page;
  }

  async function findByAddress(page: Page) {
    await page.getByLabel('Adresse (numéro et rue)').fill('3 rue Oberkampf');
    await page.getByLabel('Code postal').fill('75011');
    await page.getByLabel('Ville').fill('Paris');
    await page.getByRole('button', { name: 'Trouver ma pizzeria' }).click();
  }

  async function addMargherita(page: Page, quantity = 1) {
    const card = page.locator('article[data-product="Margherita"]');
    await card.waitFor();
    // The phone menu of issue 16 (another track) opens a sheet from the card; the earlier cards hold the form.
    const opener = card.getByRole('button', { name: 'Margherita', exact: true });
    let scope = card;
    if ((await opener.count()) > 0) {
      await opener.click();
      scope = page.getByRole('dialog', { name: 'Margherita' });
    }
    await scope.getByLabel('Quantité').fill(String(quantity));
    await scope.getByRole('button', { name: /^Ajouter au panier/ }).click();
    await page.getByText(/ajoutés? au panier/).waitFor();
  }

  const staffToken = async (role: 'pizzaiolo' | 'manager') => {
    const employee = await createEmployee(app.db, { role, pizzeriaId: w.shopId });
    const issued = await app.database.transaction((tx) =>
      issueToken(tx, { employeeId: employee.id }, clock.now()),
    );
    return issued.token;
  };

  const placeByApi = async (token: string) => {
    const res = await client(app.url).post('/api/orders', {
      token,
      headers: { 'Idempotency-Key': newKey() },
      body: takeawayMargherita(w),
    });
    expect(res.status).to.equal(201);
    return res.body.order as { id: string; number: string };
  };

  it('when a first-time visitor comes while the shop is closed, then they reach its menu, see when it opens and its week of hours, and fill a cart', async () => {
    clock.set(monday('15:30'));
    w = await createShopWorld(app.db, { shop: { openingHours: HOURS } });
    const page = await open();
    await page.goto(`${app.url}/#/`);
    await findByAddress(page);
    await page.getByText('Fermée — ouvre aujourd’hui à 18:00').first().waitFor();
    await page.getByText('Aujourd’hui : 11:30–14:30, 18:00–23:00').waitFor();
    expect(await axeViolations(page)).to.deep.equal([]);
    await screenshot(page, 'site-closed-home-phone');
    await page.getByRole('button', { name: /^Voir la carte de/ }).click();
    await page.getByRole('heading', { name: /^La carte/ }).waitFor();
    await page.getByText(/ouvre aujourd’hui à 18:00\. Vous pouvez préparer votre panier/).waitFor();
    // The week of hours, behind « Horaires » in the menu's header.
    await page.getByText('Horaires', { exact: true }).click();
    const week = page.getByRole('table', { name: /^Horaires de/ });
    expect(await week.getByRole('row').count()).to.equal(7);
    expect(await week.getByRole('row', { name: /Dimanche/ }).innerText()).to.match(/Dimanche\s+fermée/);
    await addMargherita(page, 2);
    await page.getByRole('link', { name: 'Voir le panier' }).waitFor();
    expect(await axeViolations(page)).to.deep.equal([]);
    await screenshot(page, 'site-closed-menu-phone');

    // Late on Monday evening the takeaway tab says it opens tomorrow, with today's hours.
    clock.set(monday('23:30'));
    const late = await open({ width: 1280, height: 800 });
    await late.goto(`${app.url}/#/`);
    await late.getByRole('button', { name: 'À emporter' }).click();
    await late.getByText('Fermée — ouvre demain à 11:30').waitFor();
    await late.getByText('Aujourd’hui : 11:30–14:30, 18:00–23:00').waitFor();
    expect(await axeViolations(late)).to.deep.equal([]);
    await late.getByRole('button', { name: /^Voir la carte de/ }).click();
    await late.getByRole('heading', { name: /^La carte/ }).waitFor();
  });

  it('when a tab is pressed, then its text contrasts with its background (computed colours, WCAG ≥ 4.5), as every control of the home page does', async () => {
    w = await createShopWorld(app.db);
    const page = await open();
    await page.goto(`${app.url}/#/`);
    for (const tab of ['Livraison', 'À emporter']) {
      await page.getByRole('button', { name: tab, exact: true }).click();
      const pressed = page.locator('.tabs button[aria-pressed="true"]');
      expect(await pressed.innerText()).to.equal(tab);
      const [colours] = await paintedColours(pressed);
      expect(colours.ratio, JSON.stringify(colours)).to.be.at.least(4.5);
      if (tab === 'À emporter')
        await page
          .getByRole('button', { name: /^Retirer chez/ })
          .first()
          .waitFor();
      const weak = (await pageControlColours(page)).filter((c) => c.ratio < 4.5);
      expect(weak, JSON.stringify(weak)).to.deep.equal([]);
      expect(await axeViolations(page)).to.deep.equal([]);
    }
  });

  it('when the server refuses a change because preparation started, then the site leaves « Modifier ma commande » and a new order is possible', async () => {
    w = await createShopWorld(app.db);
    const customer = await customerWithToken(app.db);
    const order = await placeByApi(customer.token);
    const page = await open();
    await signInCustomer(page, app.url, customer.email, customer.password);
    await page.goto(`${app.url}/#/suivi/${order.id}`);
    await page.getByRole('button', { name: 'Modifier la commande' }).click();
    await page.getByRole('heading', { name: 'Modifier ma commande' }).waitFor();
    await page.getByRole('button', { name: /^Ajouter un Margherita/ }).click();
    const pizzaiolo = await staffToken('pizzaiolo');
    const start = await client(app.url).post(`/api/staff/orders/${order.id}/start`, { token: pizzaiolo });
    expect(start.status).to.equal(200);
    await page.getByRole('button', { name: 'Enregistrer la modification' }).click();
    await page.getByRole('heading', { name: 'Modification impossible' }).waitFor();
    await page.getByText(/votre panier a été vidé : vous pouvez passer une nouvelle commande/).waitFor();
    expect(await axeViolations(page)).to.deep.equal([]);
    expect(await page.getByRole('button', { name: 'Enregistrer la modification' }).count()).to.equal(0);
    await page.getByRole('link', { name: 'Nouvelle commande' }).click();
    await page.getByRole('heading', { name: /^La carte/ }).waitFor();
    expect(await page.getByText('Vous modifiez une commande déjà passée').count()).to.equal(0);
    await addMargherita(page);
    await page.getByRole('link', { name: 'Voir le panier' }).click();
    await page.getByRole('heading', { name: 'Votre panier' }).waitFor();
    await page.getByRole('button', { name: 'Commander' }).waitFor();
  });

  it('when a customer without a phone checks out, then the recap lists the items, the address details survive a reload, the phone is asked and saved, and back/forward move between orders and tracking', async () => {
    w = await createShopWorld(app.db);
    const customer = await createCustomer(app.db);
    await app.db.query('UPDATE customers SET phone = NULL WHERE id = $1', { bind: [customer.id] });
    const page = await open({ width: 1280, height: 800 });
    await signInCustomer(page, app.url, customer.email, customer.password);
    await page.goto(`${app.url}/#/`);
    await findByAddress(page);
    await page.getByRole('button', { name: /^Commander chez/ }).click();
    await addMargherita(page, 2);
    await page.getByRole('link', { name: 'Voir le panier' }).click();
    await page.getByRole('button', { name: 'Commander' }).click();
    await page.getByRole('heading', { name: 'Valider ma commande' }).waitFor();
    const recap = page.getByRole('table', { name: 'Articles' });
    expect((await recap.innerText()).replace(/\s+/g, ' ')).to.match(/^2 × Margherita \(.+\) 25,80\s€$/);

    await page.getByLabel('Complément (bâtiment, étage, code)').fill('Bât. B, 3e étage');
    await page.getByLabel('Instructions pour le livreur').fill('Digicode 4521');
    await page.reload();
    expect(await page.getByLabel('Complément (bâtiment, étage, code)').inputValue()).to.equal(
      'Bât. B, 3e étage',
    );
    expect(await page.getByLabel('Instructions pour le livreur').inputValue()).to.equal('Digicode 4521');

    const phone = page.getByLabel(/Votre numéro de téléphone/);
    await phone.fill('12');
    await page.getByLabel(/Espèces/).check();
    await page.getByRole('button', { name: 'Valider la commande' }).click();
    await page.locator('#phone-error').getByText('Numéro de téléphone invalide').waitFor();
    expect(await phone.getAttribute('aria-invalid')).to.equal('true');
    expect(await axeViolations(page)).to.deep.equal([]);
    await phone.fill('06 12 34 56 78');
    await page.getByRole('button', { name: 'Valider la commande' }).click();
    await page.getByTestId('status').waitFor();
    const [row] = await app.db.query<{ phone: string }>('SELECT phone FROM customers WHERE id = $1', {
      type: QueryTypes.SELECT,
      bind: [customer.id],
    });
    expect(row.phone).to.equal('06 12 34 56 78');
    const [order] = await app.db.query<{ line2: string; instructions: string }>(
      'SELECT delivery_line2 AS line2, delivery_instructions AS instructions FROM orders WHERE customer_id = $1',
      { type: QueryTypes.SELECT, bind: [customer.id] },
    );
    expect(order).to.deep.equal({ line2: 'Bât. B, 3e étage', instructions: 'Digicode 4521' });
    expect(await page.getByTestId('payment').innerText()).to.equal('Paiement : Espèces à la livraison');
    expect(await axeViolations(page)).to.deep.equal([]);
    const tracking = page.url();

    await page.goBack();
    await page.getByRole('heading', { name: 'Mes commandes' }).waitFor();
    await page.goForward();
    await page.getByTestId('status').waitFor();
    expect(page.url()).to.equal(tracking);
  });

  it('when sign-up is refused for a bad phone, then the API’s message stands next to the phone field', async () => {
    const page = await open();
    await page.goto(`${app.url}/#/connexion`);
    const form = page.getByRole('form', { name: 'Inscription' });
    await form.getByLabel('Prénom').fill('Lou');
    await form.getByLabel('Nom', { exact: true }).fill('Martin');
    await form.getByLabel('E-mail').fill('lou.martin@example.test');
    await form.getByLabel('Mot de passe').fill('Pizza-2026-secret');
    await form.getByLabel(/Téléphone/).fill('12');
    await form.getByRole('button', { name: 'Créer mon compte' }).click();
    await form.locator('#acc-new-phone-error').getByText('Numéro de téléphone invalide').waitFor();
    expect(await form.getByLabel(/Téléphone/).getAttribute('aria-describedby')).to.equal(
      'acc-new-phone-error',
    );
    expect(await axeViolations(page)).to.deep.equal([]);
  });

  it('when a takeaway order is tracked, then the page gives the payment method, the shop’s address and a tel: link; a cancellation is told once', async () => {
    w = await createShopWorld(app.db);
    const customer = await customerWithToken(app.db);
    const order = await placeByApi(customer.token);
    const page = await open();
    await signInCustomer(page, app.url, customer.email, customer.password);
    await page.goto(`${app.url}/#/suivi/${order.id}`);
    await page.getByTestId('status').waitFor();
    expect(await page.getByTestId('payment').innerText()).to.equal('Paiement : Espèces au retrait');
    expect(await page.getByTestId('pickup').innerText()).to.match(
      /^À retirer chez .+ : \d+ rue de la Roquette, 75011 Paris · 01 23 45 67 89$/,
    );
    expect(
      await page.getByTestId('pickup').getByRole('link', { name: '01 23 45 67 89' }).getAttribute('href'),
    ).to.equal('tel:0123456789');

    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Annuler la commande' }).click();
    await page.getByText(`Commande ${order.number} annulée.`).waitFor();
    // The order's stream brings the cancellation back: the page re-reads the order, still one message.
    await page.getByText('Suivi en direct', { exact: true }).waitFor();
    await page.waitForTimeout(500);
    expect(await page.getByText(/annulée\./).count()).to.equal(1);
    expect(await axeViolations(page)).to.deep.equal([]);
  });

  it('when an item ran out after it was added, then the cart flags it from the quote and checkout is not offered', async () => {
    w = await createShopWorld(app.db);
    const customer = await customerWithToken(app.db);
    const page = await open();
    await signInCustomer(page, app.url, customer.email, customer.password);
    await page.goto(`${app.url}/#/`);
    await page.getByRole('button', { name: 'À emporter' }).click();
    await page
      .getByRole('button', { name: /^Retirer chez/ })
      .first()
      .click();
    await addMargherita(page);
    await app.db.query('UPDATE stock_items SET on_hand = reserved + 100 WHERE id = $1', {
      bind: [w.stockIds.mozza],
    });
    await page.getByRole('link', { name: 'Voir le panier' }).click();
    await page
      .getByRole('alert')
      .getByText(/^Plus assez de stock pour : Margherita \(/)
      .waitFor();
    await page.locator('tr.cart-out').getByText('plus disponible').waitFor();
    expect(await page.getByRole('button', { name: 'Commander' }).isDisabled()).to.equal(true);
    expect(await axeViolations(page)).to.deep.equal([]);
  });

  it('when a page is opened from far down another, then it starts at the top with the header in view', async () => {
    w = await createShopWorld(app.db);
    // Enough products for the compact phone menu to be taller than the screen.
    for (let i = 1; i <= 10; i++) {
      await createProduct(app.db, {
        name: `Boisson ${i}`,
        category: 'drink',
        recipe: { [w.ingredients.cola]: 1 },
        sizes: [{ code: 'U', label: '33 cl', priceCents: 250, factorPct: 100 }],
      });
    }
    const page = await open();
    await page.goto(`${app.url}/#/`);
    await page.getByRole('button', { name: 'À emporter' }).click();
    await page
      .getByRole('button', { name: /^Retirer chez/ })
      .first()
      .click();
    await page.getByRole('heading', { name: /^La carte/ }).waitFor();
    await page.evaluate(() =>
      (globalThis as any).scrollTo(0, (globalThis as any).document.body.scrollHeight),
    );
    expect(await page.evaluate(() => (globalThis as any).scrollY)).to.be.above(0);
    // As a tap on « Se connecter » in the header does; the sign-in page is taller than a phone's screen.
    await page.evaluate(() => ((globalThis as any).location.hash = '#/connexion'));
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    expect(await page.evaluate(() => (globalThis as any).document.body.scrollHeight)).to.be.above(
      PHONE.height,
    );
    expect(await page.evaluate(() => (globalThis as any).scrollY)).to.equal(0);
    const header = await page.locator('header').first().boundingBox();
    expect(header?.y).to.equal(0);
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.id)).to.equal('main');
  });

  it('when a browser opens an unknown path, then a French 404 page answers with a way home', async () => {
    const page = await open({ width: 1280, height: 800 });
    const res = await page.goto(`${app.url}/pizzas-inconnues`);
    expect(res?.status()).to.equal(404);
    await page.getByRole('heading', { name: 'Page introuvable' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).to.equal('fr');
    expect(await axeViolations(page)).to.deep.equal([]);
    await page.getByRole('link', { name: /Retour à l’accueil/ }).click();
    await page.getByRole('heading', { name: /Des pizzas chaudes/ }).waitFor();
  });
});
