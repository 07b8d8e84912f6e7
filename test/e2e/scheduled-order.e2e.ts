// In a browser: an order for later (« Pour plus tard ») placed on the site while the shop is closed, a slot that
// fills up meanwhile refused and then shown « complet », the order reaching the kitchen screen at its start time
// (the server's clock moved, the page's timers fast-forwarded: no reload), prepared and delivered.
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { QueryTypes } from 'sequelize';
import { issueToken } from '../../src/modules/auth/index.js';
import { fixedClock } from '../../src/shared/clock.js';
import { client } from '../helpers/api.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { createCustomer, createEmployee } from '../factories/people.js';
import {
  createShopWorld,
  customerWithToken,
  newKey,
  takeawayMargherita,
  type ShopWorld,
} from '../factories/shop.js';
import { launchBrowser, newPage, screenshot, signInCustomer, signInStaff } from './browser.js';

const SERVICE: [string, string][] = [
  ['11:30', '14:30'],
  ['18:00', '23:00'],
];
const LUNCH_AND_EVENING = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, SERVICE]),
);
/** Monday 7 December 2026, Paris time (UTC+1). */
const at = (hhmm: string) => new Date(`2026-12-07T${hhmm}:00+01:00`);
const iso = (hhmm: string) => at(hhmm).toISOString();

describe('in a browser: an order for later', function () {
  this.timeout(120_000);
  const clock = fixedClock(at('15:30')); // between lunch and dinner: closed
  let app: TestApp;
  let browser: Browser;
  let close: () => Promise<void>;
  let w: ShopWorld;
  const pageErrors: string[] = [];

  before(async () => {
    app = await startTestApp({}, { clock });
    ({ browser, close } = await launchBrowser());
  });
  after(async () => {
    await close?.();
    await app?.close();
  });
  beforeEach(async () => {
    w = await createShopWorld(app.db, { shop: { openingHours: LUNCH_AND_EVENING } });
    await app.db.query(`UPDATE pizzerias SET slot_capacity = 1 WHERE id = $1`, { bind: [w.shopId] });
  });
  afterEach(() => expect(pageErrors, 'errors in the pages').to.deep.equal([]));

  /** Someone else takes the slot (capacity 1) through the API. */
  async function takeSlot(when: string) {
    const other = await customerWithToken(app.db);
    const res = await client(app.url).post('/api/orders', {
      token: other.token,
      body: { ...takeawayMargherita(w), scheduledFor: when },
      headers: { 'Idempotency-Key': newKey() },
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
  }

  /** A signed-in customer at the checkout with two Margherita to deliver (cart kept by the site's storage). */
  async function customerAtCheckout(): Promise<Page> {
    const customer = await createCustomer(app.db);
    const { page } = await newPage(browser);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await signInCustomer(page, app.url, customer.email, customer.password);
    await page.evaluate(
      ([context, cart]) => {
        const storage = (globalThis as any).localStorage;
        storage.setItem('ocpizza.context', context);
        storage.setItem('ocpizza.cart', cart);
      },
      [
        JSON.stringify({
          fulfilment: 'delivery',
          pizzeriaId: w.shopId,
          pizzeriaName: 'Pizzeria test',
          address: { line1: '3 rue Oberkampf', postcode: '75011', city: 'Paris' },
        }),
        JSON.stringify([
          {
            productId: w.margherita.productId,
            sizeId: w.margherita.sizeM,
            quantity: 2,
            extraIds: [],
            name: 'Margherita',
            sizeLabel: 'M',
            extraNames: [],
          },
        ]),
      ],
    );
    // A new document (the query string differs), so that the site reads the storage again.
    await page.goto(`${app.url}/?checkout#/commander`);
    await page.getByRole('heading', { name: 'Valider ma commande' }).waitFor();
    return page;
  }

  const optionOf = (page: Page, when: string) => page.locator(`#slot option[value="${when}"]`);

  it('when the shop is closed, then the customer orders for 20:00, a slot filled meanwhile is refused, and the kitchen sees the order at its start time', async () => {
    await takeSlot(iso('19:00'));
    const page = await customerAtCheckout();
    const picker = page.getByTestId('slot-picker');
    await picker.getByText('La pizzeria est fermée en ce moment').waitFor();
    expect(await page.getByLabel('Dès que possible').isDisabled()).to.equal(true);
    expect(await page.getByLabel('Pour plus tard').isChecked()).to.equal(true);
    // Delivery slots start at 18:30 (10 min of preparation + 13 min of drive after the 18:00 opening).
    await optionOf(page, iso('18:30')).waitFor({ state: 'attached' });
    expect(await optionOf(page, iso('19:00')).innerText()).to.equal('19:00 — complet');
    expect(await optionOf(page, iso('19:00')).isDisabled()).to.equal(true);
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'site-slot-picker');

    // 19:15 is chosen, but someone else takes it before the customer confirms.
    await page.getByLabel('Créneau').selectOption(iso('19:15'));
    await takeSlot(iso('19:15'));
    await page.getByLabel(/Espèces/).check();
    await page.getByRole('button', { name: 'Valider la commande' }).click();
    await page.getByText('Ce créneau est complet : choisissez-en un autre.').waitFor();
    await page.locator(`#slot option[value="${iso('19:15')}"][disabled]`).waitFor({ state: 'attached' });

    await page.getByLabel('Créneau').selectOption(iso('20:00'));
    await page.getByRole('button', { name: 'Valider la commande' }).click();
    await page.getByTestId('status').waitFor();
    const orderId = page.url().split('/suivi/')[1];
    expect(await page.getByTestId('eta').innerText()).to.match(/^Prévue pour .*20:00$/);
    const [row] = await app.db.query<{ scheduled_for: Date; travel_seconds: number; status: string }>(
      `SELECT scheduled_for, travel_seconds, status FROM orders WHERE id = $1`,
      { type: QueryTypes.SELECT, bind: [orderId] },
    );
    expect([row.scheduled_for.toISOString(), row.status]).to.deep.equal([iso('20:00'), 'received']);

    // The kitchen, a minute before the order's start time (20:00 − drive − 10 min): not there yet.
    const start = at('20:00').getTime() - row.travel_seconds * 1000 - 10 * 60_000;
    clock.set(new Date(start - 60_000));
    const employee = await createEmployee(app.db, { role: 'pizzaiolo', pizzeriaId: w.shopId });
    const { page: kitchen } = await newPage(browser);
    kitchen.on('pageerror', (e) => pageErrors.push(e.message));
    await kitchen.clock.install();
    await signInStaff(kitchen, app.url, employee.email, employee.password);
    await kitchen.getByRole('heading', { name: 'Cuisine' }).waitFor();
    await kitchen.locator('article[data-order-id]').first().waitFor(); // the two takeaways, due already
    const ticket = kitchen.locator(`article[data-order-id="${orderId}"]`);
    expect(await ticket.count()).to.equal(0);

    // Its start time: no event announces it; the screen's own reload (every minute) brings it.
    clock.set(new Date(start));
    await kitchen.clock.runFor(61_000);
    await ticket.waitFor();
    expect(await ticket.innerText()).to.match(/Prévue pour .*20:00/);
    await screenshot(kitchen, 'staff-kitchen-scheduled');
    await ticket.getByRole('button', { name: /^Commencer/ }).click();
    await ticket.getByRole('button', { name: /^Prête/ }).click();
    await ticket.waitFor({ state: 'detached' });

    // Staff tokens last 12 hours of the business clock: issued at its time.
    const driver = await createEmployee(app.db, { role: 'driver', pizzeriaId: w.shopId });
    const { token } = await app.database.transaction((tx) =>
      issueToken(tx, { employeeId: driver.id }, clock.now()),
    );
    const api = client(app.url);
    expect((await api.post(`/api/staff/orders/${orderId}/pickup`, { token })).status).to.equal(200);
    const delivered = await api.post(`/api/staff/orders/${orderId}/deliver`, {
      token,
      body: { payment: { method: 'cash', amountReceivedCents: 5000 } },
    });
    expect(delivered.status).to.equal(200);
    await page.getByTestId('status').getByText('Livrée', { exact: true }).waitFor();
  });
  it('when the shop is closed, then the counter takes a phone order for 21:00 and the hand-over list shows its planned time', async () => {
    clock.set(at('15:30'));
    await takeSlot(iso('20:45')); // full: shown « complet »
    const employee = await createEmployee(app.db, { role: 'counter', pizzeriaId: w.shopId });
    const { page } = await newPage(browser);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await signInStaff(page, app.url, employee.email, employee.password);
    await page.getByRole('heading', { name: 'Comptoir' }).waitFor();
    const form = page.getByRole('form', { name: 'Nouvelle commande' });
    await form.getByText('La pizzeria est fermée en ce moment').waitFor();
    expect(await form.getByLabel('Dès que possible').isDisabled()).to.equal(true);
    await form.locator(`#co-slot option[value="${iso('20:45')}"][disabled]`).waitFor({ state: 'attached' });

    await form.getByLabel('Nom du client').fill('Mme Durand');
    await form.getByLabel('Téléphone du client').fill('06 12 34 56 78');
    await form.getByLabel('Créneau').selectOption(iso('21:00'));
    await form.getByRole('button', { name: /^Ajouter Margherita Méga 36 cm/ }).click();
    await form.getByLabel('Paiement').selectOption('cash');
    await form.getByRole('button', { name: 'Enregistrer la commande' }).click();
    await form.getByText(/^Commande n° .* enregistrée/).waitFor();
    const [row] = await app.db.query<{ id: string; scheduled_for: Date; channel: string }>(
      `SELECT id, scheduled_for, channel FROM orders WHERE customer_name = 'Mme Durand'`,
      { type: QueryTypes.SELECT },
    );
    expect([row.scheduled_for.toISOString(), row.channel]).to.deep.equal([iso('21:00'), 'phone']);
    const card = page
      .getByRole('region', { name: 'Commandes à remettre' })
      .locator(`li[data-order-id="${row.id}"]`);
    expect(await card.innerText()).to.match(/Prévue pour .*21:00/);
    // Back to its defaults for the next call: still closed, so « Pour plus tard ».
    expect(await form.getByLabel('Pour plus tard').isChecked()).to.equal(true);
  });
});
