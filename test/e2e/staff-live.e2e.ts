// In a browser: the driver's deliveries and the counter's hand-over list are live (an order that becomes ready
// shows within 1 s, through PostgreSQL NOTIFY and the staff streams; polling only while the stream is down, and
// a reload when it is back), and the counter works on a tablet in both orientations (the order being built, its
// total and « Enregistrer » in sight without scrolling; an order for later).
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { QueryTypes } from 'sequelize';
import { closeAllStreams } from '../../src/realtime/sse.js';
import type { Role } from '../../src/shared/permissions.js';
import { client } from '../helpers/api.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createEmployee } from '../factories/people.js';
import { createShopWorld, customerWithToken, staffWithToken, type ShopWorld } from '../factories/shop.js';
import { axeViolations } from './axe.js';
import { launchBrowser, screenshot, signInStaff } from './browser.js';
import { inView, longMenu, noScroll, placeCustomerOrder } from './staff-support.js';

/** The acceptance of issue 17: from the API call marking an order ready to the screen showing it. */
const LIVE_MS = 1_000;
/** site/src/staff/live.ts FALLBACK_MS: how often a screen whose stream is down polls its list. */
const FALLBACK_MS = 5_000;

describe('in a browser: live driver and counter screens, the counter on a tablet', function () {
  this.timeout(90_000);
  let app: TestApp;
  let browser: Browser;
  let close: () => Promise<void>;
  let w: ShopWorld;
  let customer: Awaited<ReturnType<typeof customerWithToken>>;
  let pizzaiolo: Awaited<ReturnType<typeof staffWithToken>>;
  let pageErrors: string[];

  before(async () => {
    // Events through PostgreSQL LISTEN/NOTIFY, as between the app processes in production.
    app = await startTestApp({}, { bus: 'pg' });
    ({ browser, close } = await launchBrowser());
  });
  after(async () => {
    await close?.();
    await app?.close();
  });
  beforeEach(async () => {
    w = await createShopWorld(app.db);
    customer = await customerWithToken(app.db);
    pizzaiolo = await staffWithToken(app.db, 'pizzaiolo', w.shopId);
    pageErrors = [];
  });
  afterEach(() => expect(pageErrors, 'errors in the page').to.deep.equal([]));

  async function signIn(role: Role, viewport = { width: 1280, height: 800 }, clock = false) {
    const employee = await createEmployee(app.db, { role, pizzeriaId: w.shopId });
    // bypassCSP: axe is injected as an inline script, which the pages' policy forbids.
    const context = await browser.newContext({ locale: 'fr-FR', viewport, bypassCSP: true });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    if (clock) await page.clock.install();
    await signInStaff(page, app.url, employee.email, employee.password);
    return page;
  }

  const pizzas = (quantity: number) => [
    { productId: w.margherita.productId, sizeId: w.margherita.sizeM, quantity },
  ];
  /** An order placed by a customer and started in the kitchen: the next step makes it ready. */
  async function inKitchen(fulfilment: 'delivery' | 'takeaway') {
    const order = await placeCustomerOrder(app, customer.token, w.shopId, fulfilment, pizzas(2));
    await step(order.id, 'start');
    return order;
  }
  async function step(orderId: string, name: 'start' | 'ready') {
    const res = await client(app.url).post(`/api/staff/orders/${orderId}/${name}`, {
      token: pizzaiolo.token,
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
  }
  const live = (page: Page) => page.getByRole('status').filter({ hasText: 'En direct' }).first();

  /**
   * Marks the order ready through the API and returns how long until `selector` matched in the page: from just
   * before the call to the DOM change (a MutationObserver in the page notes the time; both clocks are the
   * machine's).
   */
  async function readyToShown(page: Page, orderId: string, selector: string): Promise<number> {
    // A string: the test's compiler would wrap a named function in a helper the page does not have. Each
    // selector has its own entry and observer, which stops once it matched.
    await page.evaluate(`(() => {
      const sel = ${JSON.stringify(selector)};
      window.__shownAt = window.__shownAt || {};
      const observer = new MutationObserver(() => check());
      const check = () => {
        if (!(sel in window.__shownAt) && document.querySelector(sel)) {
          window.__shownAt[sel] = Date.now();
          observer.disconnect();
        }
      };
      observer.observe(document.body, { childList: true, subtree: true, attributes: true });
      check();
    })()`);
    expect(await page.locator(selector).count(), 'not shown before it is ready').to.equal(0);
    const start = Date.now();
    await step(orderId, 'ready');
    const shownAt = await (
      await page.waitForFunction((sel) => (globalThis as any).__shownAt[sel], selector)
    ).jsonValue();
    return (shownAt as number) - start;
  }

  it('when orders become ready, then the driver’s screen shows each within 1 s, without a reload', async () => {
    const orders = [await inKitchen('delivery'), await inKitchen('delivery'), await inKitchen('delivery')];
    const page = await signIn('driver');
    await page.getByRole('heading', { name: 'Livraisons' }).waitFor();
    await live(page).waitFor();
    await page.getByText('Aucune livraison pour le moment.').waitFor();
    await page.evaluate(() => ((globalThis as any).__sameDocument = true));
    const latencies: number[] = [];
    for (const order of orders) {
      latencies.push(await readyToShown(page, order.id, `li[data-order-id="${order.id}"]`));
    }
    console.log(`      driver: ready → on screen in ${latencies.join(', ')} ms`);
    expect(Math.max(...latencies)).to.be.below(LIVE_MS);
    expect(await page.evaluate(() => (globalThis as any).__sameDocument)).to.equal(true);
    expect(await page.locator('li[data-order-id]').count()).to.equal(3);
  });

  it('when takeaway orders become ready, then the counter’s hand-over list shows each within 1 s', async () => {
    const orders = [await inKitchen('takeaway'), await inKitchen('takeaway'), await inKitchen('takeaway')];
    const page = await signIn('counter');
    const handover = page.getByRole('region', { name: 'Commandes à remettre' });
    await live(page).waitFor();
    // Shown while in the kitchen: becoming ready redraws the card with « Remettre ».
    await handover.locator(`li[data-order-id="${orders[2].id}"]`).getByText('En cuisine').waitFor();
    const latencies: number[] = [];
    for (const order of orders) {
      latencies.push(await readyToShown(page, order.id, `li.ready[data-order-id="${order.id}"]`));
    }
    console.log(`      counter: ready → on screen in ${latencies.join(', ')} ms`);
    expect(Math.max(...latencies)).to.be.below(LIVE_MS);
    await handover.getByRole('button', { name: `Remettre la commande n° ${orders[0].number}` }).waitFor();
  });

  it('when the driver’s stream is live, then nothing polls; when it drops, then the list is polled, and reloaded once the stream is back', async () => {
    const page = await signIn('driver', undefined, true);
    await live(page).waitFor();
    await page.getByText('Aucune livraison pour le moment.').waitFor();
    const polls: string[] = [];
    page.on('request', (r) => {
      if (/\/api\/staff\/deliveries\?/.test(r.url())) polls.push(r.url());
    });
    // The page's timers now run only when told: two minutes of them, stream live, ask nothing.
    await page.clock.pauseAt(Date.now() + 1_000);
    await page.clock.runFor(120_000);
    await page.waitForTimeout(300);
    expect(polls, 'no polling while the stream is live').to.deep.equal([]);

    // The stream drops (the server closes it) and cannot be opened again.
    const events = '**/api/staff/deliveries/events**';
    await page.route(events, (route) => route.abort());
    expect(await closeAllStreams()).to.be.at.least(1);
    await page.getByRole('status').filter({ hasText: 'Hors ligne' }).waitFor();
    const first = await inKitchen('delivery');
    await step(first.id, 'ready');
    await page.waitForTimeout(1_500);
    expect(await page.locator(`li[data-order-id="${first.id}"]`).count(), 'no stream, no poll yet').to.equal(
      0,
    );
    await page.clock.runFor(FALLBACK_MS);
    await page.locator(`li[data-order-id="${first.id}"]`).waitFor();
    expect(polls.length, 'the fallback polled').to.be.at.least(1);

    // Changed while down, then the stream is back: its first frame reloads the list (no timer runs meanwhile).
    const second = await inKitchen('delivery');
    await step(second.id, 'ready');
    const polled = polls.length;
    await page.unroute(events);
    await live(page).waitFor();
    await page.locator(`li[data-order-id="${second.id}"]`).waitFor();
    expect(polls.length).to.equal(polled + 1);
    // And live again (timed from here: the page's clock is the fake one).
    const third = await inKitchen('delivery');
    const start = Date.now();
    await step(third.id, 'ready');
    await page.locator(`li[data-order-id="${third.id}"]`).waitFor();
    expect(Date.now() - start).to.be.below(LIVE_MS);
  });

  async function addSeveral(page: Page) {
    const form = page.getByRole('form', { name: 'Nouvelle commande' });
    await form.getByLabel('Nom du client').fill('Mme Leroy');
    for (const name of [
      /^Ajouter Margherita Sénior 31 cm/,
      /^Ajouter Margherita Méga 36 cm/,
      new RegExp(`^Ajouter Reine ${w.shopId} Méga`),
      new RegExp(`^Ajouter Savoyarde blanche ${w.shopId} Sénior`),
      new RegExp(`^Ajouter Calzone blanche ${w.shopId} Méga`),
      /^Ajouter Cola 33 cl/,
    ]) {
      await page.getByRole('button', { name }).click();
    }
    // 12,90 + 15,90 + 15,90 + 12,90 + 15,90 + 2,50 = 76,00 €
    await form.locator('tr.total').getByText('76,00 €').waitFor();
    return form;
  }

  it('when the counter adds several items on a 1024×768 tablet, then the order, its total and « Enregistrer » are in view beside the menu, and « À remettre » switches to the hand-over list', async () => {
    await longMenu(app, w);
    const waiting = await inKitchen('takeaway');
    await step(waiting.id, 'ready');
    const page = await signIn('counter', { width: 1024, height: 768 });
    const form = await addSeveral(page);
    await inView(page, '« Enregistrer »', form.getByRole('button', { name: 'Enregistrer la commande' }));
    await inView(page, 'the total', form.locator('tr.total'));
    await inView(page, 'the last line', form.locator('li.cart-line').last());
    await inView(page, 'the menu beside', page.getByRole('region', { name: 'Carte' }));
    await noScroll(page);
    expect(await form.locator('li.cart-line').count()).to.equal(6);
    expect(await axeViolations(page)).to.deep.equal([]);
    await screenshot(page, 'staff-counter-tablet');

    const toHandover = page.getByRole('button', { name: 'À remettre : 1 commande, dont 1 prête' });
    await toHandover.click();
    const card = page
      .getByRole('region', { name: 'Commandes à remettre' })
      .locator(`li[data-order-id="${waiting.id}"]`);
    await inView(page, 'the order to hand over', card.getByRole('button', { name: /^Remettre/ }));
    await inView(
      page,
      '« Enregistrer » meanwhile',
      form.getByRole('button', { name: 'Enregistrer la commande' }),
    );
    expect(
      await page
        .getByRole('button', { name: /^Ajouter/ })
        .first()
        .isVisible(),
    ).to.equal(false);
    await screenshot(page, 'staff-counter-tablet-handover');
    await page.getByRole('button', { name: 'Carte', exact: true }).click();
    await page
      .getByRole('button', { name: /^Ajouter/ })
      .first()
      .waitFor();
  });

  it('when the counter takes an order for later on a 768×1024 tablet, then « Enregistrer » stays in view and the order is recorded and shown as planned', async () => {
    await longMenu(app, w);
    const page = await signIn('counter', { width: 768, height: 1024 });
    const form = await addSeveral(page);
    await inView(page, '« Enregistrer »', form.getByRole('button', { name: 'Enregistrer la commande' }));
    await inView(page, 'the total', form.locator('tr.total'));
    await inView(page, 'the last line', form.locator('li.cart-line').last());
    await inView(page, 'the menu beside', page.getByRole('region', { name: 'Carte' }));
    await noScroll(page);

    // Same slots as the site: the shop's, today and tomorrow.
    await form.getByLabel('Pour plus tard').check();
    const slot = form.getByLabel('Créneau');
    await slot.locator('option:not([disabled])').first().waitFor({ state: 'attached' });
    const chosen = await slot.inputValue();
    expect(chosen).to.match(/^\d{4}-\d\d-\d\dT/);
    await inView(
      page,
      '« Enregistrer » with a slot',
      form.getByRole('button', { name: 'Enregistrer la commande' }),
    );
    await noScroll(page);
    expect(await axeViolations(page)).to.deep.equal([]);
    await screenshot(page, 'staff-counter-tablet-portrait');
    await form.getByRole('button', { name: 'Enregistrer la commande' }).click();
    await form.getByText(/^Commande n° .+ enregistrée — total 76,00/).waitFor();

    const [row] = await app.db.query<{ id: string; scheduled_for: Date; channel: string }>(
      `SELECT id, scheduled_for, channel FROM orders WHERE pizzeria_id = $1 AND customer_name = 'Mme Leroy'`,
      { type: QueryTypes.SELECT, bind: [w.shopId] },
    );
    expect([row.scheduled_for.toISOString(), row.channel]).to.deep.equal([
      new Date(chosen).toISOString(),
      'phone',
    ]);
    await page.getByRole('button', { name: /^À remettre : 1 commande/ }).click();
    const card = page
      .getByRole('region', { name: 'Commandes à remettre' })
      .locator(`li[data-order-id="${row.id}"]`);
    await card.getByText(/^Prévue pour/).waitFor();
    await inView(page, 'the planned order', card);
  });

  it('when the counter adds items on a phone (390×844), then the total and « Enregistrer » stay at the bottom of the screen while the page scrolls', async () => {
    await longMenu(app, w);
    const page = await signIn('counter', { width: 390, height: 844 });
    const form = await addSeveral(page);
    for (const y of [0, 1_500]) {
      await page.evaluate((top) => (globalThis as any).scrollTo(0, top), y);
      await inView(
        page,
        `« Enregistrer » (page at ${y} px)`,
        form.getByRole('button', { name: 'Enregistrer la commande' }),
      );
      await inView(page, `the total (page at ${y} px)`, form.locator('tr.total'));
    }
  });
});
