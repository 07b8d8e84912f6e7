// A customer with personal data in every table a holder declares, built through the API as the site and the
// shops would (registration, address, logins, a password reset request, orders delivered, collected, refunded,
// corrected and cancelled), and the generic SQL that follows the schema's foreign keys to every row tied to them.
import { expect } from 'chai';
import { QueryTypes, type Sequelize } from 'sequelize';
import { addressKey, formatAddress } from '../../../src/modules/delivery/index.js';
import { client } from '../../helpers/api.js';
import type { TestApp } from '../../helpers/app.js';
import { createShopWorld, newKey, staffWithToken, type ShopWorld } from '../../factories/shop.js';

export const PERSON = {
  email: 'eloise.vasseur-quintal@example.test',
  password: 'Pizzas-du-dimanche-2026',
  firstName: 'Éloïse',
  lastName: 'Vasseur-Quintal',
  phone: '07 81 42 93 65',
};
export const SAVED_ADDRESS = {
  label: 'Chez Éloïse',
  line1: '17 rue Oberkampf',
  postcode: '75011',
  city: 'Paris',
  instructions: 'Digicode 4B7Z, troisième étage gauche',
  lat: 48.8646,
  lng: 2.3762,
};
/** The address a delivery was sent to without saving it (typed at the checkout). */
export const TYPED_ADDRESS = { line1: '3 rue Oberkampf', postcode: '75011', city: 'Paris' };

export interface FullCustomer {
  id: number;
  token: string;
  world: ShopWorld;
  admin: { id: number; token: string };
  accountant: string;
  /** Orders by what became of them. */
  orders: { delivered: string; collected: string; cancelled: string };
}

type Api = ReturnType<typeof client>;

async function ok(res: Promise<{ status: number; body: any }>, status = 200) {
  const r = await res;
  expect(r.status, JSON.stringify(r.body)).to.equal(status);
  return r.body;
}

async function place(api: Api, token: string, w: ShopWorld, body: object): Promise<string> {
  const placed = await ok(
    api.post('/api/orders', {
      token,
      headers: { 'Idempotency-Key': newKey() },
      body: {
        pizzeriaId: w.shopId,
        // Two pizzas: over the shops' minimum for a delivery.
        items: [{ productId: w.margherita.productId, sizeId: w.margherita.sizeM, quantity: 2 }],
        paymentMethod: 'cash',
        ...body,
      },
    }),
    201,
  );
  return placed.order.id as string;
}

export async function buildFullCustomer(app: TestApp): Promise<FullCustomer> {
  const api = client(app.url);
  const world = await createShopWorld(app.db);
  const admin = await staffWithToken(app.db, 'admin', null);
  const accountant = (await staffWithToken(app.db, 'accountant', null)).token;
  const registered = await ok(api.post('/api/customers', { body: PERSON }), 201);
  const id = registered.customer.id as number;
  // A second sign-in, one signed out, one failed attempt (a rate-limit counter keyed by the e-mail).
  const { token } = await ok(
    api.post('/api/auth/login', { body: { email: PERSON.email, password: PERSON.password } }),
  );
  await ok(api.post('/api/auth/logout', { token: registered.token }), 204);
  await api.post('/api/auth/login', { body: { email: PERSON.email, password: 'pas-le-bon-1' } });
  await ok(api.post('/api/auth/password-reset', { body: { email: PERSON.email } }), 202);
  const address = await ok(api.post('/api/me/addresses', { token, body: SAVED_ADDRESS }), 201);

  const staff = admin.token;
  const step = (orderId: string, path: string, body?: object) =>
    ok(api.post(`/api/staff/orders/${orderId}/${path}`, { token: staff, body }));
  const delivered = await place(api, token, world, {
    fulfilment: 'delivery',
    addressId: address.address.id,
    note: 'Sonner deux fois, Éloïse',
  });
  const typed = await place(api, token, world, { fulfilment: 'delivery', address: TYPED_ADDRESS });
  await ok(api.post(`/api/orders/${typed}/cancel`, { token }));
  for (const s of ['start', 'ready', 'pickup']) await step(delivered, s);
  const total = (await ok(api.get(`/api/orders/${delivered}`, { token }))).order.totalCents as number;
  await step(delivered, 'deliver', { payment: { method: 'cash', amountReceivedCents: total } });
  const collected = await place(api, token, world, { fulfilment: 'takeaway' });
  for (const s of ['start', 'ready']) await step(collected, s);
  await step(collected, 'collect', { payment: { method: 'cash', amountReceivedCents: 3000 } });
  await step(collected, 'payment-correction', { method: 'card_terminal', reason: 'Erreur de saisie' });
  await step(collected, 'refunds', { amountCents: 300, reason: 'Boisson oubliée' });

  // The geocoding cache as Google Maps would have filled it (the tests' offline maps keep no cache).
  for (const a of [SAVED_ADDRESS, TYPED_ADDRESS]) {
    await app.db.query(
      `INSERT INTO geocode_cache (address_key, query, found, lat, lng, formatted_address)
       VALUES ($1, $2::text, true, 48.86, 2.37, $2::text) ON CONFLICT DO NOTHING`,
      { bind: [addressKey(a), formatAddress(a)] },
    );
  }
  return { id, token, world, admin, accountant, orders: { delivered, collected, cancelled: typed } };
}

/** Someone else, with an order and an address, whose rows an erasure must leave alone. */
export async function buildBystander(app: TestApp, world: ShopWorld) {
  const api = client(app.url);
  const registered = await ok(
    api.post('/api/customers', {
      body: {
        email: 'autre.client@example.test',
        password: 'Autre-client-2026',
        firstName: 'Bastien',
        lastName: 'Morel',
      },
    }),
    201,
  );
  const orderId = await place(api, registered.token, world, {
    fulfilment: 'delivery',
    address: TYPED_ADDRESS,
  });
  return { id: registered.customer.id as number, token: registered.token as string, orderId };
}

export interface ForeignKey {
  table: string;
  columns: string[];
  refTable: string;
  refColumns: string[];
}

export async function foreignKeys(db: Sequelize): Promise<ForeignKey[]> {
  return db.query<ForeignKey>(
    `SELECT c.conrelid::regclass::text AS "table", c.confrelid::regclass::text AS "refTable",
            array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
                    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i) AS columns,
            array(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
                    JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i) AS "refColumns"
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE c.contype = 'f' AND n.nspname = 'public'`,
    { type: QueryTypes.SELECT },
  );
}

/** Columns that name a customer or an order by convention, with or without a foreign key. */
export async function referenceColumns(db: Sequelize): Promise<{ table: string; column: string }[]> {
  return db.query<{ table: string; column: string }>(
    `SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
      WHERE table_schema = 'public' AND (column_name IN ('customer_id', 'order_id') OR column_name LIKE '%\\_customer\\_id')`,
    { type: QueryTypes.SELECT },
  );
}

/**
 * Every table tied to a customer or an order: the roots, the tables whose foreign keys lead to them
 * (transitively), and the tables with a customer_id / order_id / *_customer_id column without a foreign key.
 * For each, the SQL selecting the rows tied to one customer ($1) and their orders, following every such path.
 */
export async function tiedTables(db: Sequelize): Promise<Map<string, string>> {
  const fks = (await foreignKeys(db)).filter((fk) => fk.table !== fk.refTable);
  const names = new Set(['customers', 'orders']);
  const byName = (await referenceColumns(db)).filter((r) => !names.has(r.table));
  for (const r of byName) names.add(r.table);
  for (let grew = true; grew;) {
    grew = false;
    for (const fk of fks) {
      if (names.has(fk.refTable) && !names.has(fk.table)) grew = names.add(fk.table) !== undefined;
    }
  }
  const sql = new Map<string, string>();
  const build = (table: string, depth = 0): string => {
    const known = sql.get(table);
    if (known) return known;
    if (depth > 20) throw new Error(`foreign key cycle through ${table}`);
    const where: string[] = [];
    if (table === 'customers') where.push('t.id = $1');
    for (const r of byName.filter((r) => r.table === table)) {
      where.push(
        r.column === 'order_id'
          ? `t.order_id IN (SELECT id FROM orders WHERE customer_id = $1)`
          : `t.${r.column} = $1`,
      );
    }
    for (const fk of fks.filter((f) => f.table === table && names.has(f.refTable))) {
      const join = fk.columns.map((c, i) => `t.${c} = p.${fk.refColumns[i]}`).join(' AND ');
      where.push(`EXISTS (SELECT 1 FROM (${build(fk.refTable, depth + 1)}) p WHERE ${join})`);
    }
    const text = `SELECT t.* FROM ${table} t WHERE ${where.map((w) => `(${w})`).join(' OR ')}`;
    sql.set(table, text);
    return text;
  };
  for (const table of names) build(table);
  return sql;
}
