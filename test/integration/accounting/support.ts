// Reading the exports back as an accountant's tools would (a CSV parser for `;` files with quotes, the FEC's
// `|` lines), downloading them over real HTTP, and building sold orders through the API or in bulk in SQL.
import { expect } from 'chai';
import { QueryTypes, type Sequelize } from 'sequelize';
import { vatBreakdown } from '../../../src/shared/money.js';
import { createIngredient, createProduct, stock } from '../../factories/catalog.js';
import {
  createShopWorld,
  customerWithToken,
  newKey,
  staffWithToken,
  type ShopWorld,
} from '../../factories/shop.js';
import { client } from '../../helpers/api.js';

/** RFC 4180 with `;`: quoted fields may hold `;`, `""` and line breaks; records end with CRLF. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ';') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else if (c === '\n') throw new Error(`bare LF in an unquoted field at ${i}`);
    else field += c;
  }
  if (field !== '' || record.length > 0) throw new Error('last record is not terminated by CRLF');
  return records;
}

/** The CSV as objects keyed by its header, BOM checked and removed. */
export function csvObjects(text: string): Record<string, string>[] {
  expect(text.charCodeAt(0), 'UTF-8 BOM first').to.equal(0xfeff);
  const [header, ...rows] = parseCsv(text.slice(1));
  for (const row of rows) expect(row, JSON.stringify(row)).to.have.length(header.length);
  return rows.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i]])));
}

export function parseFec(text: string): { header: string[]; rows: Record<string, string>[] } {
  expect(text.endsWith('\r\n'), 'the FEC ends with CRLF').to.equal(true);
  const lines = text.slice(0, -2).split('\r\n');
  const header = lines[0].split('|');
  const rows = lines.slice(1).map((line) => {
    const fields = line.split('|');
    expect(fields, line).to.have.length(18);
    return Object.fromEntries(header.map((h, i) => [h, fields[i]]));
  });
  return { header, rows };
}

/** "12,90" → 1290, "-0,05" → -5; refuses anything but a French decimal amount with two decimals. */
export function cents(text: string): number {
  expect(text).to.match(/^-?\d+,\d{2}$/);
  const negative = text.startsWith('-');
  const [units, decimals] = text.replace('-', '').split(',');
  const value = Number(units) * 100 + Number(decimals);
  return negative ? -value : value;
}

export const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);

export interface Download {
  status: number;
  headers: Headers;
  text: string;
}

/** A file download with fetch (the JSON client is for JSON answers only). */
export async function download(baseUrl: string, path: string, token?: string): Promise<Download> {
  const res = await fetch(baseUrl + path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  // Response.text() would drop the BOM: decode the bytes as they came.
  const bytes = await res.arrayBuffer();
  return {
    status: res.status,
    headers: res.headers,
    text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes),
  };
}

/** Today in Paris, `YYYY-MM-DD`. */
export function parisToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
}

export interface SalesWorld {
  a: ShopWorld;
  b: ShopWorld;
  codeA: string;
  codeB: string;
  beer: { productId: number; sizeId: number };
  orders: {
    /** Shop A, delivered and paid cash: pizza + extra (10 %), 2 sodas (5,5 %), a beer (20 %), delivery fee. */
    delivered: any;
    /** Shop A, takeaway collected by card terminal, then partly refunded (5,00 €). */
    refunded: any;
    /** Shop A, cancelled by the customer. */
    cancelled: any;
    /** Shop A, received, not yet prepared. */
    inProgress: any;
    /** Shop B, delivered (free delivery) and paid with meal vouchers. */
    otherShop: any;
  };
  tokens: { accountant: string; admin: string; managerA: string; pizzaioloA: string };
}

export const REFUND_CENTS = 500;

/** Orders of two shops taken through the API from placement to delivery, hand-over, refund or cancellation. */
export async function buildSales(baseUrl: string, db: Sequelize): Promise<SalesWorld> {
  const api = client(baseUrl);
  const a = await createShopWorld(db);
  const b = await createShopWorld(db, { prefix: 'B-' });
  const beerIngredient = await createIngredient(db, 'Bière 33 cl', 'piece');
  const beerProduct = await createProduct(db, {
    // `;` and `"` in a name: the CSV must quote it.
    name: 'Bière "Blonde"; pression',
    category: 'drink',
    vatRateBp: 2000,
    recipe: { [beerIngredient]: 1 },
    sizes: [{ code: 'U', label: '33 cl', priceCents: 450, factorPct: 100 }],
  });
  await stock(db, a.shopId, beerIngredient, 100);
  const beer = { productId: beerProduct.id, sizeId: beerProduct.sizeIds.U };
  const customer = await customerWithToken(db);
  const staff = async (role: 'pizzaiolo' | 'driver' | 'counter' | 'manager', shopId: number) =>
    (await staffWithToken(db, role, shopId)).token;
  const pizzaioloA = await staff('pizzaiolo', a.shopId);
  const tokens = {
    accountant: (await staffWithToken(db, 'accountant', null)).token,
    admin: (await staffWithToken(db, 'admin', null)).token,
    managerA: await staff('manager', a.shopId),
    pizzaioloA,
  };
  const ok = <T extends { status: number; body: any }>(res: T, status = 200) => {
    expect(res.status, JSON.stringify(res.body)).to.equal(status);
    return res.body;
  };
  const place = async (body: object) =>
    ok(
      await api.post('/api/orders', {
        token: customer.token,
        headers: { 'Idempotency-Key': newKey() },
        body,
      }),
      201,
    ).order;
  const address = { line1: '3 rue Oberkampf', postcode: '75011', city: 'Paris' };
  const cook = async (orderId: string, token: string) => {
    ok(await api.post(`/api/staff/orders/${orderId}/start`, { token }));
    ok(await api.post(`/api/staff/orders/${orderId}/ready`, { token }));
  };
  const deliver = async (orderId: string, shopId: number, payment: object) => {
    const driver = await staff('driver', shopId);
    ok(await api.post(`/api/staff/orders/${orderId}/pickup`, { token: driver }));
    return ok(await api.post(`/api/staff/orders/${orderId}/deliver`, { token: driver, body: { payment } }))
      .order;
  };

  let delivered = await place({
    pizzeriaId: a.shopId,
    fulfilment: 'delivery',
    address,
    items: [
      {
        productId: a.margherita.productId,
        sizeId: a.margherita.sizeM,
        quantity: 1,
        extraIds: [a.extraMozza],
      },
      { productId: a.cola.productId, sizeId: a.cola.sizeId, quantity: 2 },
      { productId: beer.productId, sizeId: beer.sizeId, quantity: 1 },
    ],
    paymentMethod: 'cash',
  });
  await cook(delivered.id, pizzaioloA);
  delivered = await deliver(delivered.id, a.shopId, { method: 'cash', amountReceivedCents: 3000 });

  let refunded = await place({
    pizzeriaId: a.shopId,
    fulfilment: 'takeaway',
    items: [{ productId: a.margherita.productId, sizeId: a.margherita.sizeL, quantity: 2 }],
    paymentMethod: 'card_on_delivery',
  });
  await cook(refunded.id, pizzaioloA);
  ok(
    await api.post(`/api/staff/orders/${refunded.id}/collect`, {
      token: await staff('counter', a.shopId),
      body: { payment: { method: 'card_terminal', amountReceivedCents: refunded.totalCents } },
    }),
  );
  refunded = ok(
    await api.post(`/api/staff/orders/${refunded.id}/refunds`, {
      token: tokens.managerA,
      body: { amountCents: REFUND_CENTS, reason: 'Pizza trop cuite' },
    }),
  ).order;

  const cancelled = await place({
    pizzeriaId: a.shopId,
    fulfilment: 'takeaway',
    items: [{ productId: a.margherita.productId, sizeId: a.margherita.sizeM, quantity: 3 }],
    paymentMethod: 'cash',
  });
  ok(await api.post(`/api/orders/${cancelled.id}/cancel`, { token: customer.token, body: {} }));

  const inProgress = await place({
    pizzeriaId: a.shopId,
    fulfilment: 'takeaway',
    items: [{ productId: beer.productId, sizeId: beer.sizeId, quantity: 4 }],
    paymentMethod: 'cash',
  });

  let otherShop = await place({
    pizzeriaId: b.shopId,
    fulfilment: 'delivery',
    address,
    items: [{ productId: b.margherita.productId, sizeId: b.margherita.sizeM, quantity: 3 }],
    paymentMethod: 'meal_voucher',
  });
  await cook(otherShop.id, await staff('pizzaiolo', b.shopId));
  otherShop = await deliver(otherShop.id, b.shopId, { method: 'meal_voucher', amountReceivedCents: 4000 });

  const codes = await db.query<{ id: number; code: string }>(`SELECT id, code FROM pizzerias`, {
    type: QueryTypes.SELECT,
  });
  const codeOf = (id: number) => codes.find((c) => c.id === id)!.code;
  return {
    a,
    b,
    codeA: codeOf(a.shopId),
    codeB: codeOf(b.shopId),
    beer,
    orders: { delivered, refunded, cancelled, inProgress, otherShop },
    tokens,
  };
}

/**
 * `count` takeaway orders of one shop written straight in SQL (pizza M 10 % + soda 5,5 %, paid cash, handed
 * over 20 minutes later), one second apart from `since`: volume for the cursor without going through the API.
 */
export async function insertSoldOrders(
  db: Sequelize,
  w: ShopWorld,
  count: number,
  since: Date,
  prefix = 'V-',
) {
  const breakdown = vatBreakdown([
    { rateBp: 1000, inclusiveCents: 1290 },
    { rateBp: 550, inclusiveCents: 250 },
  ]);
  await db.query(
    `WITH o AS (
       INSERT INTO orders (number, pizzeria_id, customer_name, channel, fulfilment, status, subtotal_cents,
         delivery_fee_cents, total_cents, vat_breakdown, payment_method, payment_status, created_at)
       SELECT $9 || lpad(g::text, 7, '0'), $1, 'Client ' || g, 'counter', 'takeaway', 'collected', 1540, 0, 1540,
              $2::jsonb, 'cash', 'paid', $3::timestamptz + g * interval '1 second'
         FROM generate_series(1, $4::int) g
       RETURNING id, created_at),
     pizza AS (
       INSERT INTO order_lines (order_id, position, product_id, product_size_id, product_name, size_label,
         unit_price_cents, quantity, vat_rate_bp, line_total_cents)
       SELECT id, 1, $5, $6, 'Margherita', 'Sénior 31 cm', 1290, 1, 1000, 1290 FROM o),
     soda AS (
       INSERT INTO order_lines (order_id, position, product_id, product_size_id, product_name, size_label,
         unit_price_cents, quantity, vat_rate_bp, line_total_cents)
       SELECT id, 2, $7, $8, 'Cola', '33 cl', 250, 1, 550, 250 FROM o),
     paid AS (
       INSERT INTO payments (order_id, provider, amount_cents, amount_received_cents, change_cents, status)
       SELECT id, 'cash', 1540, 2000, 460, 'succeeded' FROM o)
     INSERT INTO order_status_events (order_id, from_status, to_status, actor_type, created_at)
     SELECT id, 'ready', 'collected', 'system', created_at + interval '20 minutes' FROM o`,
    {
      bind: [
        w.shopId,
        JSON.stringify(breakdown),
        since.toISOString(),
        count,
        w.margherita.productId,
        w.margherita.sizeM,
        w.cola.productId,
        w.cola.sizeId,
        prefix,
      ],
    },
  );
  return { totalCents: 1540 * count };
}
