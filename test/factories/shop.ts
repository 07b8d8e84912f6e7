// A ready-to-order shop: a pizza with a three-ingredient recipe, a drink, an extra, stock, and logged-in people.
import { expect } from 'chai';
import type { Sequelize } from 'sequelize';
import type { client } from '../helpers/api.js';
import type { Role } from '../../src/shared/permissions.js';
import {
  createExtra,
  createIngredient,
  createPizzeria,
  createProduct,
  stock,
  type PizzeriaInput,
} from './catalog.js';
import { createCustomer, createEmployee, tokenFor } from './people.js';

export interface ShopWorld {
  shopId: number;
  margherita: { productId: number; sizeM: number; sizeL: number };
  cola: { productId: number; sizeId: number };
  extraMozza: number;
  ingredients: { dough: number; mozza: number; sauce: number; cola: number };
  stockIds: { dough: number; mozza: number; sauce: number; cola: number };
}

/** Margherita M = 250 g dough + 120 g mozzarella + 80 ml sauce (L = 150 %), 12,90 € / 15,90 €; cola 2,50 €. */
export async function createShopWorld(
  db: Sequelize,
  options: { shop?: PizzeriaInput; mozzarella?: number; prefix?: string } = {},
): Promise<ShopWorld> {
  const p = options.prefix ?? '';
  const shopId = await createPizzeria(db, options.shop);
  const dough = await createIngredient(db, `${p}Pâte`, 'g');
  const mozza = await createIngredient(db, `${p}Mozzarella`, 'g');
  const sauce = await createIngredient(db, `${p}Sauce tomate`, 'ml');
  const colaIng = await createIngredient(db, `${p}Cola 33 cl`, 'piece');
  const pizza = await createProduct(db, {
    name: `${p}Margherita`,
    recipe: { [dough]: 250, [mozza]: 120, [sauce]: 80 },
  });
  const cola = await createProduct(db, {
    name: `${p}Cola`,
    category: 'drink',
    vatRateBp: 550,
    recipe: { [colaIng]: 1 },
    sizes: [{ code: 'U', label: '33 cl', priceCents: 250, factorPct: 100 }],
  });
  const extraMozza = await createExtra(db, mozza, 40, 150);
  const stockIds = {
    dough: await stock(db, shopId, dough, 100_000),
    mozza: await stock(db, shopId, mozza, options.mozzarella ?? 50_000),
    sauce: await stock(db, shopId, sauce, 100_000),
    cola: await stock(db, shopId, colaIng, 500),
  };
  return {
    shopId,
    margherita: { productId: pizza.id, sizeM: pizza.sizeIds.M, sizeL: pizza.sizeIds.L },
    cola: { productId: cola.id, sizeId: cola.sizeIds.U },
    extraMozza,
    ingredients: { dough, mozza, sauce, cola: colaIng },
    stockIds,
  };
}

export async function customerWithToken(db: Sequelize) {
  const customer = await createCustomer(db);
  const { token } = await tokenFor(db, { customerId: customer.id });
  return { ...customer, token };
}

export async function staffWithToken(db: Sequelize, role: Role, pizzeriaId: number | null) {
  const employee = await createEmployee(db, { role, pizzeriaId });
  const { token } = await tokenFor(db, { employeeId: employee.id });
  return { ...employee, token };
}

export async function stockOf(db: Sequelize, stockItemId: number) {
  const [[row]] = (await db.query(`SELECT on_hand AS "onHand", reserved FROM stock_items WHERE id = $1`, {
    bind: [stockItemId],
  })) as [{ onHand: number; reserved: number }[], unknown];
  return row;
}

let keySeq = 0;
export const newKey = () => `test-key-${process.pid}-${++keySeq}-${Date.now()}`;

/** The body of the order most tests place: one Margherita M to take away at the world's shop. */
export function takeawayMargherita(w: ShopWorld, paymentMethod = 'cash') {
  return {
    pizzeriaId: w.shopId,
    fulfilment: 'takeaway',
    items: [{ productId: w.margherita.productId, sizeId: w.margherita.sizeM, quantity: 1 }],
    paymentMethod,
  };
}

/** The street of every test delivery (inside the test shops' zone). */
export const TEST_DELIVERY_ADDRESS = { line1: '3 rue Oberkampf', postcode: '75011', city: 'Paris' };

export interface WebOrder {
  pizzeriaId: number;
  fulfilment: 'delivery' | 'takeaway';
  items: object[];
  paymentMethod?: string;
  note?: string;
}

/**
 * A customer's order through the API (POST /api/orders with a new Idempotency-Key; a delivery goes to
 * TEST_DELIVERY_ADDRESS, payment in cash unless said). Fails the test unless it is placed (201).
 */
export async function placeThroughApi(api: ReturnType<typeof client>, token: string, o: WebOrder) {
  const res = await api.post('/api/orders', {
    token,
    headers: { 'Idempotency-Key': newKey() },
    body: {
      pizzeriaId: o.pizzeriaId,
      fulfilment: o.fulfilment,
      ...(o.fulfilment === 'delivery' ? { address: TEST_DELIVERY_ADDRESS } : {}),
      items: o.items,
      paymentMethod: o.paymentMethod ?? 'cash',
      ...(o.note ? { note: o.note } : {}),
    },
  });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body as { order: Record<string, any> & { id: string; number: string; totalCents: number } };
}
