// The shop the fault tests order from (the factories' world), the orders they send, and the checks every fault
// test ends with: no partial order, reservations equal to what the items need, counters equal to the ledger.
import { QueryTypes, type Sequelize } from 'sequelize';
import { ledgerDiscrepancies, type LedgerDiscrepancy } from '../../src/modules/stock/stock.ledger.js';
import { testDatabase } from '../helpers/db.js';
import { createShopWorld, customerWithToken, staffWithToken, type ShopWorld } from '../factories/shop.js';
import type { RequestSpec } from './support.js';

export interface World extends ShopWorld {
  customers: { id: number; token: string }[];
  /** A manager of the shop (kitchen stream). */
  managerToken: string;
}

/** The factories' shop (Margherita M = 250 g dough + 120 g mozzarella + 80 ml sauce, L = ×1.5; cola) and customers. */
export async function buildWorld(db: Sequelize, options: { mozzarella?: number; customers?: number } = {}) {
  const shop = await createShopWorld(db, { mozzarella: options.mozzarella });
  const customers = [];
  for (let i = 0; i < (options.customers ?? 8); i++) customers.push(await customerWithToken(db));
  const manager = await staffWithToken(db, 'manager', shop.shopId);
  return { ...shop, customers, managerToken: manager.token } satisfies World;
}

export interface OrderItem {
  size: 'M' | 'L' | 'cola';
  quantity: number;
}

/** Per ingredient id, what the items must reserve (computed here from the factories' recipe, not by the app). */
export function expectedNeeds(w: World, items: OrderItem[]): Map<number, number> {
  const needs = new Map<number, number>();
  const add = (ingredient: number, q: number) => needs.set(ingredient, (needs.get(ingredient) ?? 0) + q);
  for (const { size, quantity } of items) {
    if (size === 'cola') {
      add(w.ingredients.cola, quantity);
      continue;
    }
    const factor = size === 'M' ? 1 : 1.5;
    add(w.ingredients.dough, 250 * factor * quantity);
    add(w.ingredients.mozza, 120 * factor * quantity);
    add(w.ingredients.sauce, 80 * factor * quantity);
  }
  return needs;
}

/** A takeaway order paid at the counter (no geocoding): its request to POST /api/orders. */
export function orderRequest(w: World, items: OrderItem[], token: string, key: string): RequestSpec {
  return {
    method: 'POST',
    path: '/api/orders',
    token,
    headers: { 'Idempotency-Key': key },
    body: {
      pizzeriaId: w.shopId,
      fulfilment: 'takeaway',
      paymentMethod: 'cash',
      items: items.map(({ size, quantity }) =>
        size === 'cola'
          ? { productId: w.cola.productId, sizeId: w.cola.sizeId, quantity }
          : {
              productId: w.margherita.productId,
              sizeId: size === 'M' ? w.margherita.sizeM : w.margherita.sizeL,
              quantity,
            },
      ),
    },
  };
}

/** Adds stock through a receipt movement, as the ledger requires. */
export async function restock(db: Sequelize, w: World, ingredientId: number, quantity: number) {
  await db.transaction(async (transaction) => {
    const [row] = await db.query<{ id: number }>(
      `UPDATE stock_items SET on_hand = on_hand + $3 WHERE pizzeria_id = $1 AND ingredient_id = $2 RETURNING id`,
      { type: QueryTypes.SELECT, bind: [w.shopId, ingredientId, quantity], transaction },
    );
    await db.query(`INSERT INTO stock_movements (stock_item_id, kind, quantity) VALUES ($1, 'receipt', $2)`, {
      bind: [row.id, quantity],
      transaction,
    });
  });
}

// ------------------------------------------------------------------------------------ database checks

export interface Consistency {
  orders: number;
  /** Orders whose key is not one the test sent, or whose lines, event or reservations differ from what it sent. */
  incomplete: string[];
  reservationsWithoutOrder: number;
  ledger: LedgerDiscrepancy[];
  /** Stock items whose reserved differs from the sum of the orders' reservations, or out of 0 ≤ reserved ≤ on_hand. */
  stockProblems: string[];
  stock: Map<number, { onHand: number; reserved: number }>;
}

/**
 * Every order of the shop must be complete: one line per item sent, its first status event, and exactly the
 * reservation movements its items need; nothing reserved without an order; counters equal the ledger; reserved
 * equals the sum of the (all still open) orders' reservations. `sent` maps each idempotency key to its items.
 */
export async function checkConsistency(db: Sequelize, w: World, sent: Map<string, OrderItem[]>) {
  const orders = await db.query<{
    id: string;
    key: string;
    lines: number;
    units: number;
    events: number;
    status: string;
  }>(
    `SELECT o.id, o.idempotency_key AS key, o.status,
            (SELECT count(*)::int FROM order_lines l WHERE l.order_id = o.id) AS lines,
            (SELECT COALESCE(sum(quantity), 0)::int FROM order_lines l WHERE l.order_id = o.id) AS units,
            (SELECT count(*)::int FROM order_status_events e WHERE e.order_id = o.id) AS events
       FROM orders o WHERE o.pizzeria_id = $1`,
    { type: QueryTypes.SELECT, bind: [w.shopId] },
  );
  const moves = await db.query<{
    orderId: string | null;
    ingredientId: number;
    kind: string;
    quantity: number;
  }>(
    `SELECT m.order_id AS "orderId", s.ingredient_id AS "ingredientId", m.kind, m.quantity
       FROM stock_movements m JOIN stock_items s ON s.id = m.stock_item_id WHERE s.pizzeria_id = $1`,
    { type: QueryTypes.SELECT, bind: [w.shopId] },
  );
  const byOrder = new Map<string, Map<number, number>>();
  let reservationsWithoutOrder = 0;
  const reservedByIngredient = new Map<number, number>();
  for (const m of moves) {
    if (m.kind === 'reservation' && m.orderId === null) reservationsWithoutOrder++;
    if (m.orderId === null) continue;
    const perOrder = byOrder.get(m.orderId) ?? new Map<number, number>();
    perOrder.set(m.ingredientId, (perOrder.get(m.ingredientId) ?? 0) + m.quantity);
    byOrder.set(m.orderId, perOrder);
    reservedByIngredient.set(m.ingredientId, (reservedByIngredient.get(m.ingredientId) ?? 0) + m.quantity);
  }
  const incomplete: string[] = [];
  for (const o of orders) {
    const items = sent.get(o.key);
    if (!items) {
      incomplete.push(`${o.id}: unknown idempotency key ${o.key}`);
      continue;
    }
    const want = [...expectedNeeds(w, items)].sort(([a], [b]) => a - b);
    const got = [...(byOrder.get(o.id) ?? new Map<number, number>())].sort(([a], [b]) => a - b);
    const units = items.reduce((n, i) => n + i.quantity, 0);
    if (o.lines !== items.length || o.units !== units) {
      incomplete.push(`${o.id}: ${o.lines} lines of ${o.units} units for ${items.length} items of ${units}`);
    }
    if (o.events !== 1 || o.status !== 'received')
      incomplete.push(`${o.id}: ${o.events} events, ${o.status}`);
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      incomplete.push(`${o.id}: reserved ${JSON.stringify(got)}, needs ${JSON.stringify(want)}`);
    }
  }
  for (const id of byOrder.keys()) {
    if (!orders.some((o) => o.id === id)) incomplete.push(`movements of ${id}, not an order of the shop`);
  }
  const rows = await db.query<{ ingredientId: number; onHand: number; reserved: number }>(
    `SELECT ingredient_id AS "ingredientId", on_hand AS "onHand", reserved FROM stock_items WHERE pizzeria_id = $1`,
    { type: QueryTypes.SELECT, bind: [w.shopId] },
  );
  const stockProblems: string[] = [];
  const stock = new Map<number, { onHand: number; reserved: number }>();
  for (const r of rows) {
    stock.set(r.ingredientId, { onHand: r.onHand, reserved: r.reserved });
    const ordersReserve = reservedByIngredient.get(r.ingredientId) ?? 0;
    if (!(r.onHand >= r.reserved && r.reserved >= 0) || r.reserved !== ordersReserve) {
      stockProblems.push(
        `ingredient ${r.ingredientId}: on_hand ${r.onHand}, reserved ${r.reserved}, orders reserve ${ordersReserve}`,
      );
    }
  }
  const ledger = await (await testDatabase()).read((ex) => ledgerDiscrepancies(ex, w.shopId));
  return {
    orders: orders.length,
    incomplete,
    reservationsWithoutOrder,
    ledger,
    stockProblems,
    stock,
  } satisfies Consistency;
}
