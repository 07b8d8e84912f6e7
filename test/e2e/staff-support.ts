// Data for the staff screens' browser tests: orders placed and moved through the real API, and what the
// database recorded of them; what a screen shows without scrolling.
import { expect } from 'chai';
import type { Locator, Page } from 'playwright-core';
import { QueryTypes } from 'sequelize';
import { client } from '../helpers/api.js';
import type { TestApp } from '../helpers/app.js';
import { createProduct } from '../factories/catalog.js';
import { placeThroughApi, type ShopWorld, staffWithToken } from '../factories/shop.js';

/** Numbered steps as the back office stores them (the test catalogue has none). */
export const RECIPE_STEPS = [
  '1. Étaler la pâte en disque, bord de 1 cm.',
  '2. Napper de sauce tomate en spirale.',
  '3. Parsemer de mozzarella.',
  '4. Cuire 6 min à 300 °C.',
].join('\n');

/** An order placed by a customer on the site (cash payment), to 3 rue Oberkampf when delivered. */
export async function placeCustomerOrder(
  app: TestApp,
  token: string,
  pizzeriaId: number,
  fulfilment: 'delivery' | 'takeaway',
  items: object[],
  note?: string,
) {
  const { order } = await placeThroughApi(client(app.url), token, { pizzeriaId, fulfilment, items, note });
  return order;
}

/** A pizzaiolo of the shop prepares the order and says it is ready. */
export async function readyInKitchen(app: TestApp, pizzeriaId: number, orderId: string) {
  const pizzaiolo = await staffWithToken(app.db, 'pizzaiolo', pizzeriaId);
  for (const step of ['start', 'ready']) {
    const res = await client(app.url).post(`/api/staff/orders/${orderId}/${step}`, {
      token: pizzaiolo.token,
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
  }
}

export async function orderStatus(app: TestApp, orderId: string): Promise<string> {
  const [row] = await app.db.query<{ status: string }>(`SELECT status FROM orders WHERE id = $1`, {
    type: QueryTypes.SELECT,
    bind: [orderId],
  });
  return row.status;
}

/** The payment collected at the door or the counter, as recorded. */
export async function collectedPayment(app: TestApp, orderId: string) {
  const [row] = await app.db.query<any>(
    `SELECT provider, amount_cents, amount_received_cents, change_cents, collected_by_employee_id
       FROM payments WHERE order_id = $1`,
    { type: QueryTypes.SELECT, bind: [orderId] },
  );
  return row;
}

/** Revokes a staff token as a logout from another device would. */
export async function revoke(app: TestApp, token: string) {
  expect((await client(app.url).post('/api/staff/logout', { token })).status).to.equal(204);
}

/** A shop menu as long as a real one: a dozen more pizzas, named after the shop (« Reine 12 »…). */
export async function longMenu(app: TestApp, w: ShopWorld) {
  const recipe = { [w.ingredients.dough]: 250, [w.ingredients.mozza]: 100, [w.ingredients.sauce]: 80 };
  const names = ['Reine', 'Calzone', 'Quatre fromages', 'Napolitaine', 'Regina', 'Savoyarde'];
  for (const name of [...names, ...names.map((n) => `${n} blanche`)]) {
    await createProduct(app.db, { name: `${name} ${w.shopId}`, recipe });
  }
}

/** Asserts that the locator's box lies wholly inside the viewport, as the page is now (nothing scrolled to it). */
export async function inView(page: Page, what: string, locator: Locator) {
  const box = await locator.boundingBox();
  const { width, height } = page.viewportSize()!;
  expect(box, `${what}: shown`).to.not.equal(null);
  const inside = box!.x >= 0 && box!.y >= 0 && box!.x + box!.width <= width && box!.y + box!.height <= height;
  expect(inside, `${what} at ${JSON.stringify(box)} in ${width}×${height}`).to.equal(true);
}

/** Asserts that the page is not scrolled and has nothing to scroll. */
export async function noScroll(page: Page) {
  const scroll = await page.evaluate(() => {
    const g = globalThis as any;
    return {
      x: g.scrollX,
      y: g.scrollY,
      overflows: g.document.documentElement.scrollHeight > g.innerHeight,
    };
  });
  expect(scroll).to.deep.equal({ x: 0, y: 0, overflows: false });
}
