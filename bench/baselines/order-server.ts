// Baseline of the placement benchmark: `POST /api/orders` as a bare node:http server over a pg Pool, running
// the product's statements in the product's order (token, customer, idempotency key, shop, catalogue, kitchen
// backlog, then one transaction: number, order, lines, first status event, pg_notify, the customer's confirmation
// in the outbox, then the stock rows locked in ingredient order, checked and reserved in one statement; then the
// order view), with the product's pure pricing functions. No framework, no validation library, no logging: the
// limit the app is compared with.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import pg from 'pg';
import { isOpenAt, type OpeningHours } from '../../src/modules/pizzerias/opening-hours.js';
import { deliveryFee, orderVat, priceItems, type ItemInput } from '../../src/modules/orders/pricing.js';
import type { CatalogExtra, CatalogSize } from '../../src/modules/catalog/order-catalog.repository.js';
import * as sql from './order-sql.js';

pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.POOL_MAX ?? 10),
});
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function one<T>(text: string, values: unknown[]): Promise<T | undefined> {
  return (await pool.query(text, values)).rows[0] as T | undefined;
}

interface Body {
  pizzeriaId: number;
  fulfilment: 'takeaway';
  items: ItemInput[];
  paymentMethod: string;
  note?: string;
}

async function place(req: IncomingMessage, raw: string) {
  const token = req.headers.authorization?.slice(7) ?? '';
  if (!/^ocp_[A-Za-z0-9_-]{43}$/.test(token)) throw new HttpError(401, 'token');
  const principal = await one<{ customerId: number; subject: string }>(sql.TOKEN_SQL, [sha256(token)]);
  if (principal?.subject !== 'customer') throw new HttpError(401, 'token');
  const key = String(req.headers['idempotency-key'] ?? '');
  if (!/^[A-Za-z0-9_-]{8,100}$/.test(key)) throw new HttpError(400, 'idempotency key');
  const body = JSON.parse(raw) as Body;
  const customerId = principal.customerId;
  const customer = (await one<{ firstName: string; lastName: string; phone: string }>(sql.CUSTOMER_SQL, [
    customerId,
  ]))!;
  const hash = sha256(JSON.stringify({ customerId, body }));
  const existing = await one<{ id: string }>(sql.IDEMPOTENCY_SQL, [key]);
  if (existing) return (await one(sql.VIEW_SQL, [existing.id]))!;
  const shop = await one<{
    id: number;
    code: string;
    timezone: string;
    openingHours: OpeningHours;
    prepMinutesPerOrder: number;
    minDeliveryOrderCents: number;
    deliveryFeeCents: number;
    freeDeliveryThresholdCents: number | null;
  }>(sql.SHOP_SQL, [body.pizzeriaId]);
  if (!shop) throw new HttpError(404, 'shop');
  const now = new Date();
  if (!isOpenAt(shop.openingHours, shop.timezone, now)) throw new HttpError(409, 'closed');
  const items = body.items.map((i) => ({ ...i, extraIds: i.extraIds ?? [] }));
  const cat = (await one<{ sizes: CatalogSize[]; extras: CatalogExtra[] }>(sql.CATALOG_SQL, [
    items.map((i) => i.sizeId),
    items.flatMap((i) => i.extraIds),
    shop.id,
    now,
  ]))!;
  const catalog = {
    sizes: new Map(cat.sizes.map((s) => [s.sizeId, s])),
    extras: new Map(cat.extras.map((e) => [e.id, e])),
  };
  const priced = priceItems(items, catalog);
  const fee = deliveryFee(shop, body.fulfilment, priced.subtotalCents);
  const { n: backlog } = (await one<{ n: number }>(sql.BACKLOG_SQL, [
    shop.id,
    now,
    shop.prepMinutesPerOrder,
  ]))!;
  const readyAt = new Date(now.getTime() + (backlog + 1) * shop.prepMinutesPerOrder * 60_000);
  const status = 'received';

  const client = await pool.connect();
  let orderId: string;
  try {
    await client.query('START TRANSACTION');
    // The product's order: counter, order, lines, first event, pg_notify and the outbox message first; the shop's
    // stock rows locked LAST, in ingredient order, checked and moved by one statement (a refusal rolls the whole
    // transaction back).
    const { n } = (await client.query(sql.COUNTER_SQL, [shop.id])).rows[0];
    const number = `${shop.code}-${String(n).padStart(4, '0')}`;
    const total = priced.subtotalCents + fee;
    orderId = (
      await client.query(sql.INSERT_ORDER_SQL, [
        ...[number, shop.id, customerId, `${customer.firstName} ${customer.lastName}`, customer.phone],
        ...['web', body.fulfilment, status, null, null, null, null, null, null, null],
        ...[
          priced.subtotalCents,
          fee,
          total,
          JSON.stringify(orderVat(priced.lines, fee)),
          body.paymentMethod,
        ],
        ...['unpaid', key, hash, body.note ?? null, null, readyAt, null, null, null, false, now, null],
      ])
    ).rows[0].id;
    const l = priced.lines;
    await client.query(sql.INSERT_LINES_SQL, [
      orderId,
      ...[l.map((x) => x.position), l.map((x) => x.productId), l.map((x) => x.sizeId)],
      ...[l.map((x) => x.productName), l.map((x) => x.sizeLabel), l.map((x) => x.unitPriceCents)],
      ...[l.map((x) => JSON.stringify(x.extras)), l.map((x) => x.quantity), l.map((x) => x.vatRateBp)],
      l.map((x) => x.lineTotalCents),
    ]);
    await client.query(sql.INSERT_EVENT_SQL, [
      orderId,
      null,
      status,
      'customer',
      customerId,
      null,
      null,
      now,
    ]);
    const event = { type: 'order.created', orderId, number, pizzeriaId: shop.id, customerId, status };
    const times = { estimatedReadyAt: readyAt.toISOString(), estimatedDeliveryAt: null };
    await client.query(sql.NOTIFY_SQL, [
      'ocpizza_events',
      JSON.stringify({ ...event, fulfilment: body.fulfilment, ...times, at: new Date().toISOString() }),
    ]);
    // The customer's confirmation in the outbox (sent later by the app's worker; the baseline sends nothing).
    const messageKey = `order:${orderId}:confirmation:1`;
    await client.query(sql.OUTBOX_SQL, [
      messageKey,
      'order.confirmation',
      '{}',
      `<${sha256(messageKey).slice(0, 40)}@ocpizza.example>`,
      orderId,
      false,
    ]);
    const needs = [...priced.needs].sort((a, b) => a[0] - b[0]);
    const reserved = await client.query(sql.RESERVE_SQL, [
      shop.id,
      needs.map(([ingredientId]) => ingredientId),
      needs.map(([, need]) => need),
      orderId,
      null,
      now,
    ]);
    if (reserved.rows[0]?.applied !== true) throw new HttpError(409, 'insufficient_stock');
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  const view = (await one<Record<string, unknown>>(sql.VIEW_SQL, [orderId]))!;
  return { ...view, canModify: ['pending_payment', 'received'].includes(String(view.status)) };
}

function send(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

const server = createServer((req, res) => {
  if (req.url === '/readyz') return send(res, 200, { status: 'ready' });
  if (req.method !== 'POST' || req.url !== '/api/orders') return send(res, 404, { error: 'not found' });
  let raw = '';
  req.setEncoding('utf8');
  req.on('data', (chunk: string) => (raw += chunk));
  req.on('end', () => {
    place(req, raw).then(
      (order) => send(res, 201, { order }),
      (error: unknown) => {
        const status = error instanceof HttpError ? error.status : 500;
        if (status === 500) console.error(error);
        send(res, status, { error: (error as Error).message });
      },
    );
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => {
  server.close(() => void pool.end().then(() => process.exit(0)));
  server.closeAllConnections();
});
