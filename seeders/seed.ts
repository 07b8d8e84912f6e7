// Idempotent demo seeder: raw SQL in one transaction, natural keys only (no dependency on the models).
// Every insert is "INSERT … SELECT … WHERE NOT EXISTS" so that a second run inserts nothing, updates nothing
// and does not even advance a sequence. Stock is written together with its ledger: a receipt for every new
// stock item, and for every new seeded order the reservation / consumption / release its status implies.
import bcrypt from 'bcrypt';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import {
  DEMO_CUSTOMER_PASSWORD,
  DEMO_CUSTOMERS,
  DEMO_EMPLOYEES,
  DEMO_EXTRAS,
  DEMO_INGREDIENTS,
  DEMO_ORDERS,
  DEMO_PIZZERIAS,
  DEMO_PRODUCTS,
  DEMO_STAFF_PASSWORD,
  DEMO_STOCK,
  type DemoOrder,
  type EmployeeRole,
  type OrderStatus,
} from './demo-data.js';
import { SERVED_AREA_PLACES } from './served-area.js';
import { streetKey } from '../src/modules/delivery/index.js';

export const SEEDED_TABLES = [
  ...['pizzerias', 'ingredients', 'products', 'product_sizes', 'recipe_lines', 'extras'],
  ...['stock_items', 'stock_movements', 'employees', 'customers', 'addresses'],
  ...['order_counters', 'orders', 'order_lines', 'order_status_events', 'payments'],
  'served_area_places',
] as const;
export type SeededTable = (typeof SEEDED_TABLES)[number];
/** Rows in each table the seeder writes, counted after the run. */
export type SeedCounts = Record<SeededTable, number>;

export interface SeedOptions {
  log?: (msg: string) => void;
}

export const BCRYPT_COST = 10;

interface Tx {
  sequelize: Sequelize;
  transaction: Transaction;
}
type Report = (table: string, inserted: number) => void;

export async function seedDemo(sequelize: Sequelize, opts: SeedOptions = {}): Promise<SeedCounts> {
  const log = opts.log ?? (() => undefined);
  const report: Report = (table, n) => log(`demo seed, ${table}: ${n === 0 ? 'up to date' : `+${n}`}`);
  await sequelize.transaction(async (transaction) => {
    const tx: Tx = { sequelize, transaction };
    await seedCatalog(tx, report);
    await seedStock(tx, report);
    await seedPeople(tx, report);
    await seedOrders(tx, report);
    await seedServedArea(tx, report);
  });
  return countRows(sequelize);
}

export async function countRows(sequelize: Sequelize): Promise<SeedCounts> {
  const [row] = await sequelize.query<Record<string, number>>(
    `SELECT ${SEEDED_TABLES.map((t) => `(SELECT count(*)::int FROM ${t}) AS ${t}`).join(', ')}`,
    { type: QueryTypes.SELECT },
  );
  return Object.fromEntries(SEEDED_TABLES.map((t) => [t, Number(row[t])])) as SeedCounts;
}

// ---------------------------------------------------------------------------------------------- SQL helpers

function select<T extends object>(tx: Tx, sql: string, bind: unknown[] = []): Promise<T[]> {
  return tx.sequelize.query<T>(sql, { bind, transaction: tx.transaction, type: QueryTypes.SELECT });
}

/** camelCase keys to snake_case, so that a demo record maps onto its table's columns as it is. */
function snake(record: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(record).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), v]),
  );
}

/**
 * INSERT … SELECT from a JSON array of records; `columns` is a column definition list ("code text, lat float8")
 * written in this file, never taken from input. With `sameKey` (comparing an existing row `t` with a candidate
 * `x`), records whose natural key is already present are skipped. Returns the RETURNING rows.
 */
function insertRows<T extends object = { one: number }>(
  tx: Tx,
  table: string,
  columns: string,
  records: readonly object[],
  opts: { sameKey?: string; returning?: string } = {},
): Promise<T[]> {
  if (records.length === 0) return Promise.resolve([]);
  const names = columns.split(',').map((c) => c.trim().split(/\s+/)[0]);
  const skipKnown = opts.sameKey
    ? `WHERE NOT EXISTS (SELECT 1 FROM ${table} t WHERE ${opts.sameKey}) ON CONFLICT DO NOTHING`
    : '';
  return select<T>(
    tx,
    `INSERT INTO ${table} (${names.join(', ')})
     SELECT ${names.map((n) => `x.${n}`).join(', ')} FROM jsonb_to_recordset($1::jsonb) AS x(${columns})
     ${skipKnown}
     RETURNING ${opts.returning ?? '1 AS one'}`,
    [JSON.stringify(records)],
  );
}

async function insertMissing(
  tx: Tx,
  table: string,
  columns: string,
  records: readonly object[],
  sameKey: string,
) {
  return (await insertRows(tx, table, columns, records, { sameKey })).length;
}

/** Natural key (code, email, lower-cased name) → id. */
async function idsBy(tx: Tx, table: string, keyExpr: string, keys: readonly string[]) {
  const found = await select<{ id: number; key: string }>(
    tx,
    `SELECT id, ${keyExpr} AS key FROM ${table} WHERE ${keyExpr} = ANY($1::text[])`,
    [keys],
  );
  return new Map(found.map((r) => [r.key, r.id]));
}

const lower = (s: string) => s.toLowerCase();

function must<K, V>(map: Map<K, V>, key: K, what: string): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`Demo data refers to an unknown ${what}: ${String(key)}`);
  return value;
}

const shopIds = (tx: Tx) =>
  idsBy(
    tx,
    'pizzerias',
    'code',
    DEMO_PIZZERIAS.map((p) => p.code),
  );
const ingredientIds = (tx: Tx) =>
  idsBy(
    tx,
    'ingredients',
    'lower(name)',
    DEMO_INGREDIENTS.map((i) => lower(i.name)),
  );

// ---------------------------------------------------------------------------------------------- catalogue

const PIZZERIA_COLUMNS = `code text, name text, address_line text, postcode text, city text, lat float8,
  lng float8, phone text, email text, opening_hours jsonb, delivery_radius_m int, min_delivery_order_cents int,
  delivery_fee_cents int, free_delivery_threshold_cents int, prep_minutes_per_order int, active boolean`;
const SAME_NAME = 'lower(t.name) = lower(x.name)';

async function seedCatalog(tx: Tx, report: Report): Promise<void> {
  const shops = DEMO_PIZZERIAS.map(snake);
  report('pizzerias', await insertMissing(tx, 'pizzerias', PIZZERIA_COLUMNS, shops, 't.code = x.code'));
  const ingredients = DEMO_INGREDIENTS.map(snake);
  const ingredientColumns = 'name text, unit ingredient_unit, allergens text';
  report('ingredients', await insertMissing(tx, 'ingredients', ingredientColumns, ingredients, SAME_NAME));
  const products = DEMO_PRODUCTS.map((p, i) => ({ ...snake(p), sort_order: (i + 1) * 10 }));
  const productColumns =
    'name text, description text, category product_category, vat_rate_bp int, recipe_steps text, sort_order int';
  report('products', await insertMissing(tx, 'products', productColumns, products, SAME_NAME));

  const ingredient = await ingredientIds(tx);
  const product = await idsBy(
    tx,
    'products',
    'lower(name)',
    DEMO_PRODUCTS.map((p) => lower(p.name)),
  );
  const productId = (name: string) => must(product, lower(name), 'product');
  const ingredientId = (name: string) => must(ingredient, lower(name), 'ingredient');

  const sizes = DEMO_PRODUCTS.flatMap((p) =>
    p.sizes.map((s, i) => ({ ...snake(s), product_id: productId(p.name), sort_order: i + 1 })),
  );
  const sizeColumns =
    'product_id int, code text, label text, price_cents int, recipe_factor_pct int, sort_order int';
  const sameSize = 't.product_id = x.product_id AND t.code = x.code';
  report('product_sizes', await insertMissing(tx, 'product_sizes', sizeColumns, sizes, sameSize));

  const recipes = DEMO_PRODUCTS.flatMap((p) =>
    p.recipe.map((l) => ({
      product_id: productId(p.name),
      ingredient_id: ingredientId(l.ingredient),
      quantity: l.quantity,
    })),
  );
  const recipeColumns = 'product_id int, ingredient_id int, quantity int';
  const sameLine = 't.product_id = x.product_id AND t.ingredient_id = x.ingredient_id';
  report('recipe_lines', await insertMissing(tx, 'recipe_lines', recipeColumns, recipes, sameLine));

  const extras = DEMO_EXTRAS.map((e) => ({ ...snake(e), ingredient_id: ingredientId(e.ingredient) }));
  const extraColumns = 'name text, ingredient_id int, quantity int, price_cents int';
  report('extras', await insertMissing(tx, 'extras', extraColumns, extras, SAME_NAME));
}

// ---------------------------------------------------------------------------------------------- stock

/** New stock items arrive with their receipt in the ledger, dated two weeks back (before any demo order). */
async function seedStock(tx: Tx, report: Report): Promise<void> {
  const shop = await shopIds(tx);
  const ingredient = await ingredientIds(tx);
  const items = DEMO_STOCK.map((s) => ({
    pizzeria_id: must(shop, s.pizzeria, 'pizzeria'),
    ingredient_id: must(ingredient, lower(s.ingredient), 'ingredient'),
    on_hand: s.onHand,
    alert_threshold: s.alertThreshold,
  }));
  const [{ inserted }] = await select<{ inserted: number }>(
    tx,
    `WITH x AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb)
         AS x(pizzeria_id int, ingredient_id int, on_hand int, alert_threshold int)
     ), received AS (
       SELECT date_trunc('day', now(), 'Europe/Paris') - interval '14 days' + interval '9 hours' AS at
     ), items AS (
       INSERT INTO stock_items (pizzeria_id, ingredient_id, on_hand, reserved, alert_threshold, created_at, updated_at)
       SELECT x.pizzeria_id, x.ingredient_id, x.on_hand, 0, x.alert_threshold, received.at, received.at
       FROM x, received
       WHERE NOT EXISTS (
         SELECT 1 FROM stock_items t WHERE t.pizzeria_id = x.pizzeria_id AND t.ingredient_id = x.ingredient_id)
       ON CONFLICT DO NOTHING
       RETURNING id, on_hand, created_at
     ), receipts AS (
       INSERT INTO stock_movements (stock_item_id, kind, quantity, note, created_at)
       SELECT id, 'receipt', on_hand, $2, created_at FROM items WHERE on_hand > 0
     )
     SELECT count(*)::int AS inserted FROM items`,
    [JSON.stringify(items), 'Stock initial (données de démonstration)'],
  );
  report('stock_items', inserted);
}

// ---------------------------------------------------------------------------------------------- people

/** bcrypt is slow on purpose: each distinct password is hashed at most once per run, and only when needed. */
function passwordHasher(): (password: string) => Promise<string> {
  const hashes = new Map<string, Promise<string>>();
  return (password) => {
    if (!hashes.has(password)) hashes.set(password, bcrypt.hash(password, BCRYPT_COST));
    return hashes.get(password)!;
  };
}

const PERSON_COLUMNS = 'email text, password_hash text, first_name text, last_name text, phone text';
const ADDRESS_COLUMNS = `customer_id int, label text, line1 text, line2 text, postcode text, city text,
  instructions text, lat float8, lng float8, is_default boolean`;

async function seedPeople(tx: Tx, report: Report): Promise<void> {
  const hash = passwordHasher();
  const emails = (list: readonly { email: string }[]) => list.map((p) => p.email);
  const knownStaff = await idsBy(tx, 'employees', 'email', emails(DEMO_EMPLOYEES));
  const knownCustomers = await idsBy(tx, 'customers', 'email', emails(DEMO_CUSTOMERS));
  const newStaff = DEMO_EMPLOYEES.filter((e) => !knownStaff.has(e.email));
  const newCustomers = DEMO_CUSTOMERS.filter((c) => !knownCustomers.has(c.email));
  // The two hashes (when needed at all) run in parallel on libuv's thread pool.
  const [staffHash, customerHash] = await Promise.all([
    newStaff.length > 0 ? hash(DEMO_STAFF_PASSWORD) : null,
    newCustomers.length > 0 ? hash(DEMO_CUSTOMER_PASSWORD) : null,
  ]);

  const shop = await shopIds(tx);
  const staff = newStaff.map((e) => ({
    ...snake(e),
    password_hash: staffHash,
    pizzeria_id: e.pizzeria === null ? null : must(shop, e.pizzeria, 'pizzeria'),
  }));
  const staffColumns = `${PERSON_COLUMNS}, role employee_role, pizzeria_id int`;
  report('employees', await insertMissing(tx, 'employees', staffColumns, staff, 't.email = x.email'));
  const customers = newCustomers.map((c) => ({ ...snake(c), password_hash: customerHash }));
  report('customers', await insertMissing(tx, 'customers', PERSON_COLUMNS, customers, 't.email = x.email'));

  const customer = await idsBy(tx, 'customers', 'email', emails(DEMO_CUSTOMERS));
  const addresses = DEMO_CUSTOMERS.flatMap((c) =>
    c.addresses.map((a) => ({ ...snake(a), customer_id: must(customer, c.email, 'customer') })),
  );
  const sameAddress = 't.customer_id = x.customer_id AND t.label = x.label';
  report('addresses', await insertMissing(tx, 'addresses', ADDRESS_COLUMNS, addresses, sameAddress));
}

// ---------------------------------------------------------------------------------------------- orders

const DELIVERY_PATH: readonly OrderStatus[] = [
  'received',
  'preparing',
  'ready',
  'out_for_delivery',
  'delivered',
];
const TAKEAWAY_PATH: readonly OrderStatus[] = ['received', 'preparing', 'ready', 'collected'];
/** Minutes from the previous status to this one, in the demo's made-up histories. */
const STEP_MINUTES: Record<OrderStatus, number> = {
  pending_payment: 0,
  received: 1,
  preparing: 3,
  ready: 12,
  out_for_delivery: 4,
  delivered: 16,
  collected: 10,
  cancelled: 5,
};
const MINUTE = 60_000;

interface ShopRow {
  id: number;
  code: string;
  lat: number;
  lng: number;
  delivery_radius_m: number;
  min_delivery_order_cents: number;
  delivery_fee_cents: number;
  free_delivery_threshold_cents: number | null;
  prep_minutes_per_order: number;
}
interface SizeRow {
  product_id: number;
  product_name: string;
  vat_rate_bp: number;
  size_id: number;
  code: string;
  label: string;
  price_cents: number;
  recipe_factor_pct: number;
}
interface ExtraRow {
  id: number;
  name: string;
  ingredient_id: number;
  quantity: number;
  price_cents: number;
}
/** A customer with one of their addresses (address fields null when they have none). */
interface CustomerAddressRow {
  customer_id: number;
  email: string;
  first_name: string;
  last_name: string;
  phone: string | null;
  label: string | null;
  line1: string;
  line2: string | null;
  postcode: string;
  city: string;
  instructions: string | null;
  lat: number | null;
  lng: number | null;
}
interface StockRow {
  id: number;
  pizzeria_id: number;
  ingredient_id: number;
  on_hand: number;
  reserved: number;
}

/** What the new demo orders refer to, read back from the database (prices as they are now, not as written). */
interface Refs {
  now: Date;
  /** Midnight in Paris, n days ago (DST-proof: computed by PostgreSQL in the Paris time zone). */
  midnights: Date[];
  shops: Map<string, ShopRow>;
  sizes: Map<string, SizeRow>;
  recipes: Map<number, { ingredient_id: number; quantity: number }[]>;
  extras: Map<string, ExtraRow>;
  customers: Map<string, CustomerAddressRow[]>;
  staff: Map<string, number>;
  /** By `${pizzeria_id}|${ingredient_id}`; planning updates on_hand and reserved as the orders would. */
  stock: Map<string, StockRow>;
}

function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return groups;
}

async function loadRefs(tx: Tx, orders: readonly DemoOrder[]): Promise<Refs> {
  const distinct = <T>(values: T[]) => [...new Set(values)];
  const days = Math.max(0, ...orders.map((o) => ('daysAgo' in o.placed ? o.placed.daysAgo : 0)));
  const clock = await select<{ now: Date; midnight: Date }>(
    tx,
    `SELECT now() AS now,
            ((now() AT TIME ZONE 'Europe/Paris')::date - d)::timestamp AT TIME ZONE 'Europe/Paris' AS midnight
     FROM generate_series(0, $1::int) AS d ORDER BY d`,
    [days],
  );
  const shops = await select<ShopRow>(
    tx,
    `SELECT id, code, lat, lng, delivery_radius_m, min_delivery_order_cents, delivery_fee_cents,
            free_delivery_threshold_cents, prep_minutes_per_order
     FROM pizzerias WHERE code = ANY($1::text[])`,
    [distinct(orders.map((o) => o.pizzeria))],
  );
  const sizes = await select<SizeRow>(
    tx,
    `SELECT p.id AS product_id, p.name AS product_name, p.vat_rate_bp, s.id AS size_id, s.code, s.label,
            s.price_cents, s.recipe_factor_pct
     FROM products p JOIN product_sizes s ON s.product_id = p.id WHERE lower(p.name) = ANY($1::text[])`,
    [distinct(orders.flatMap((o) => o.lines.map((l) => lower(l.product))))],
  );
  const recipeLines = await select<{ product_id: number; ingredient_id: number; quantity: number }>(
    tx,
    `SELECT product_id, ingredient_id, quantity FROM recipe_lines WHERE product_id = ANY($1::int[]) ORDER BY id`,
    [distinct(sizes.map((s) => s.product_id))],
  );
  const extras = await select<ExtraRow>(
    tx,
    `SELECT id, name, ingredient_id, quantity, price_cents FROM extras WHERE lower(name) = ANY($1::text[])`,
    [distinct(orders.flatMap((o) => o.lines.flatMap((l) => (l.extras ?? []).map(lower))))],
  );
  const customers = await select<CustomerAddressRow>(
    tx,
    `SELECT c.id AS customer_id, c.email, c.first_name, c.last_name, c.phone, a.label, a.line1, a.line2,
            a.postcode, a.city, a.instructions, a.lat, a.lng
     FROM customers c LEFT JOIN addresses a ON a.customer_id = c.id WHERE c.email = ANY($1::text[])`,
    [distinct(orders.flatMap((o) => (o.customer ? [o.customer.email] : [])))],
  );
  const staff = await idsBy(
    tx,
    'employees',
    'email',
    DEMO_EMPLOYEES.map((e) => e.email),
  );
  // Locked: a running application may be taking orders on the same stock while the demo is seeded.
  const stock = await select<StockRow>(
    tx,
    `SELECT id, pizzeria_id, ingredient_id, on_hand, reserved FROM stock_items
     WHERE pizzeria_id = ANY($1::int[]) ORDER BY id FOR UPDATE`,
    [shops.map((s) => s.id)],
  );
  return {
    now: new Date(clock[0].now),
    midnights: clock.map((c) => new Date(c.midnight)),
    shops: new Map(shops.map((s) => [s.code, s])),
    sizes: new Map(sizes.map((s) => [`${lower(s.product_name)}|${s.code}`, s])),
    recipes: groupBy(recipeLines, (l) => l.product_id),
    extras: new Map(extras.map((e) => [lower(e.name), e])),
    customers: groupBy(customers, (c) => c.email),
    staff,
    stock: new Map(stock.map((s) => [`${s.pizzeria_id}|${s.ingredient_id}`, s])),
  };
}

/** The statuses an order went through, from its first to its current one. */
export function statusHistory(o: DemoOrder): OrderStatus[] {
  const online = o.paymentMethod === 'card_online';
  if (o.status === 'pending_payment' || o.cancelledFrom === 'pending_payment') {
    if (!online) throw new Error(`seed-${o.key}: only an online payment waits for payment`);
    return o.status === 'cancelled' ? ['pending_payment', 'cancelled'] : ['pending_payment'];
  }
  const start: OrderStatus[] = online ? ['pending_payment'] : [];
  if (o.status === 'cancelled') return [...start, 'received', 'cancelled'];
  const path = o.fulfilment === 'delivery' ? DELIVERY_PATH : TAKEAWAY_PATH;
  const reached = path.indexOf(o.status);
  if (reached < 0) throw new Error(`seed-${o.key}: a ${o.fulfilment} never reaches ${o.status}`);
  return [...start, ...path.slice(0, reached + 1)];
}

/** When each status was reached; a live order's history is squeezed so that its last step is in the past. */
function timeline(o: DemoOrder, history: readonly OrderStatus[], refs: Refs): Date[] {
  let placedAt: number;
  if ('minutesAgo' in o.placed) {
    placedAt = refs.now.getTime() - o.placed.minutesAgo * MINUTE;
  } else {
    const [h, m] = o.placed.at.split(':').map(Number);
    placedAt = refs.midnights[o.placed.daysAgo].getTime() + (h * 60 + m) * MINUTE;
  }
  const offsets = history.map((_, i) => history.slice(1, i + 1).reduce((sum, s) => sum + STEP_MINUTES[s], 0));
  const last = offsets[offsets.length - 1];
  const room = Math.max((refs.now.getTime() - placedAt) / MINUTE - 1, 0);
  const scale = last > room ? room / last : 1;
  return offsets.map((m) => new Date(placedAt + m * scale * MINUTE));
}

/** A small stable number from a string, to share demo work between team mates deterministically. */
const hashOf = (s: string) => [...s].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 9973, 7);

function distanceM(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const h =
    Math.sin(rad(b.lat - a.lat) / 2) ** 2 +
    Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lng - a.lng) / 2) ** 2;
  return Math.round(2 * 6_371_000 * Math.asin(Math.sqrt(h)));
}

export interface VatLine {
  rateBp: number;
  /** Amount excluding VAT (base HT); baseCents + vatCents = the VAT-inclusive amount at this rate. */
  baseCents: number;
  vatCents: number;
}

/** Prices are VAT-inclusive: per rate, VAT = round(incl × rate / (10000 + rate)). */
export function vatBreakdown(inclByRate: ReadonlyMap<number, number>): VatLine[] {
  return [...inclByRate.entries()]
    .filter(([, incl]) => incl > 0)
    .sort(([a], [b]) => a - b)
    .map(([rateBp, incl]) => {
      const vatCents = Math.round((incl * rateBp) / (10000 + rateBp));
      return { rateBp, baseCents: incl - vatCents, vatCents };
    });
}

interface Movement {
  stock_item_id: number;
  kind: 'reservation' | 'consumption' | 'release';
  quantity: number;
  created_at: string;
}

interface Planned {
  key: string;
  shop: ShopRow;
  placedAt: Date;
  order: Record<string, unknown>;
  lines: object[];
  events: {
    from_status: OrderStatus | null;
    to_status: OrderStatus;
    actor_type: 'system';
    created_at: string;
  }[];
  payment: object | null;
  movements: Movement[];
}

/** Prices, stock effects, payment and history of one demo order; updates `refs.stock` as the order would. */
function planOrder(o: DemoOrder, refs: Refs): Planned {
  const shop = must(refs.shops, o.pizzeria, 'pizzeria');
  const teamOf = (role: EmployeeRole) =>
    DEMO_EMPLOYEES.filter((e) => e.pizzeria === o.pizzeria && e.role === role).map((e) =>
      must(refs.staff, e.email, 'employee'),
    );
  const history = statusHistory(o);
  const at = timeline(o, history, refs);
  const placedAt = at[0];
  const reachedAt = (s: OrderStatus): Date | undefined => at[history.indexOf(s)];

  const need = new Map<number, number>();
  const add = (ingredientId: number, q: number) => need.set(ingredientId, (need.get(ingredientId) ?? 0) + q);
  const inclByRate = new Map<number, number>();
  const lines = o.lines.map((l, i) => {
    const size = must(refs.sizes, `${lower(l.product)}|${l.size}`, 'product size');
    const extras = (l.extras ?? []).map((name) => must(refs.extras, lower(name), 'extra'));
    for (const r of refs.recipes.get(size.product_id) ?? [])
      add(r.ingredient_id, Math.ceil((r.quantity * size.recipe_factor_pct) / 100) * l.quantity);
    // An extra is a fixed portion whatever the size, as its price is.
    for (const e of extras) add(e.ingredient_id, e.quantity * l.quantity);
    const unit = size.price_cents + extras.reduce((sum, e) => sum + e.price_cents, 0);
    inclByRate.set(size.vat_rate_bp, (inclByRate.get(size.vat_rate_bp) ?? 0) + unit * l.quantity);
    return {
      position: i + 1,
      product_id: size.product_id,
      product_size_id: size.size_id,
      product_name: size.product_name,
      size_label: size.label,
      unit_price_cents: unit,
      // The snapshot the app writes (pricing.ts) and the contract documents: { id, name, priceCents }.
      extras: extras.map((e) => ({ id: e.id, name: e.name, priceCents: e.price_cents })),
      quantity: l.quantity,
      vat_rate_bp: size.vat_rate_bp,
      line_total_cents: unit * l.quantity,
    };
  });
  const subtotal = lines.reduce((sum, l) => sum + l.line_total_cents, 0);

  const customer = o.customer ? must(refs.customers, o.customer.email, 'customer') : null;
  let delivery: Record<string, unknown> = {};
  let fee = 0;
  let travelSeconds = 0;
  if (o.fulfilment === 'delivery') {
    const a = customer?.find((row) => row.label === o.customer?.address);
    if (!a || a.lat === null || a.lng === null)
      throw new Error(`seed-${o.key}: delivery needs a located address`);
    const distance = distanceM(shop, { lat: a.lat, lng: a.lng });
    if (distance > shop.delivery_radius_m)
      throw new Error(`seed-${o.key}: ${distance} m is outside the zone`);
    if (subtotal < shop.min_delivery_order_cents) throw new Error(`seed-${o.key}: below the minimum order`);
    const free =
      shop.free_delivery_threshold_cents !== null && subtotal >= shop.free_delivery_threshold_cents;
    fee = free ? 0 : shop.delivery_fee_cents;
    travelSeconds = Math.round(distance / 4) + 120; // ~15 km/h by scooter in town, plus parking
    delivery = {
      delivery_line1: a.line1,
      delivery_line2: a.line2,
      delivery_postcode: a.postcode,
      delivery_city: a.city,
      delivery_instructions: a.instructions,
      delivery_lat: a.lat,
      delivery_lng: a.lng,
      distance_m: distance,
      travel_seconds: travelSeconds,
    };
  }
  if (fee > 0) inclByRate.set(1000, (inclByRate.get(1000) ?? 0) + fee); // delivery follows the meal's 10 %
  const total = subtotal + fee;

  // Stock: reserved at placement, consumed when preparation starts, released on cancellation.
  const movements: Movement[] = [];
  const move = (item: StockRow, kind: Movement['kind'], quantity: number, when: Date) =>
    movements.push({ stock_item_id: item.id, kind, quantity, created_at: when.toISOString() });
  for (const [ingredientId, q] of [...need.entries()].sort(([a], [b]) => a - b)) {
    const item = must(refs.stock, `${shop.id}|${ingredientId}`, 'stock item');
    const available = item.on_hand - item.reserved;
    if (available < q)
      throw new Error(`seed-${o.key}: needs ${q} of ingredient #${ingredientId}, ${available} left`);
    item.reserved += q;
    move(item, 'reservation', q, placedAt);
    const consumedAt = reachedAt('preparing');
    const releasedAt = reachedAt('cancelled');
    if (consumedAt) {
      item.on_hand -= q;
      item.reserved -= q;
      move(item, 'consumption', -q, consumedAt);
    } else if (releasedAt) {
      item.reserved -= q;
      move(item, 'release', -q, releasedAt);
    }
  }

  const lastAt = at[at.length - 1];
  const cashier = teamOf(o.fulfilment === 'delivery' ? 'driver' : 'counter')[0];
  const { paymentStatus, payment } = planPayment(o, total, placedAt, lastAt, cashier);
  const someone = customer?.[0];
  const readyEta = new Date(placedAt.getTime() + 2 * shop.prep_minutes_per_order * MINUTE);
  const pizzaiolos = teamOf('pizzaiolo');
  return {
    key: o.key,
    shop,
    placedAt,
    order: {
      pizzeria_id: shop.id,
      customer_id: someone?.customer_id ?? null,
      customer_name: someone ? `${someone.first_name} ${someone.last_name}` : (o.guest?.name ?? 'Client'),
      customer_phone: someone ? someone.phone : (o.guest?.phone ?? null),
      channel: o.channel,
      fulfilment: o.fulfilment,
      status: o.status,
      ...delivery,
      estimated_ready_at: readyEta.toISOString(),
      estimated_delivery_at:
        o.fulfilment === 'delivery'
          ? new Date(readyEta.getTime() + travelSeconds * 1000).toISOString()
          : null,
      subtotal_cents: subtotal,
      delivery_fee_cents: fee,
      total_cents: total,
      vat_breakdown: vatBreakdown(inclByRate),
      payment_method: o.paymentMethod,
      payment_status: paymentStatus,
      idempotency_key: `seed-${o.key}`,
      note: o.note ?? null,
      placed_by_employee_id: o.channel === 'web' ? null : teamOf('counter')[0],
      prepared_by_employee_id: reachedAt('preparing') ? pizzaiolos[hashOf(o.key) % pizzaiolos.length] : null,
      delivered_by_employee_id: reachedAt('out_for_delivery') ? teamOf('driver')[0] : null,
      created_at: placedAt.toISOString(),
      updated_at: lastAt.toISOString(),
    },
    lines,
    events: history.map((s, i) => ({
      from_status: i === 0 ? null : history[i - 1],
      to_status: s,
      actor_type: 'system',
      created_at: at[i].toISOString(),
    })),
    payment,
    movements,
  };
}

/**
 * Online card: authorised when the order is received, captured when preparation starts, voided on cancellation.
 * Other methods are collected at the door or the counter, so only a finished order is paid.
 */
function planPayment(o: DemoOrder, total: number, placedAt: Date, lastAt: Date, cashier: number) {
  if (o.paymentMethod === 'card_online') {
    const [paymentStatus, status] =
      o.status === 'pending_payment'
        ? ['pending', 'pending']
        : o.status === 'cancelled'
          ? ['voided', 'canceled']
          : o.status === 'received'
            ? ['authorized', 'requires_capture']
            : ['paid', 'succeeded'];
    const payment = {
      provider: 'stripe',
      provider_reference: `pi_seed_${o.key.replace(/[^a-z0-9]/gi, '_')}`,
      amount_cents: total,
      status,
      created_at: placedAt.toISOString(),
      updated_at: lastAt.toISOString(),
    };
    return { paymentStatus, payment };
  }
  if (o.status !== 'delivered' && o.status !== 'collected') return { paymentStatus: 'unpaid', payment: null };
  const provider = { cash: 'cash', card_on_delivery: 'card_terminal', meal_voucher: 'meal_voucher' }[
    o.paymentMethod
  ];
  const received = o.paymentMethod === 'cash' ? Math.ceil(total / 1000) * 1000 : null; // paid with notes
  const payment = {
    provider,
    amount_cents: total,
    amount_received_cents: received,
    change_cents: received === null ? null : received - total,
    status: 'succeeded',
    collected_by_employee_id: cashier,
    created_at: lastAt.toISOString(),
    updated_at: lastAt.toISOString(),
  };
  return { paymentStatus: 'paid', payment };
}

const ORDER_COLUMNS = `number text, pizzeria_id int, customer_id int, customer_name text, customer_phone text,
  channel order_channel, fulfilment order_fulfilment, status order_status, delivery_line1 text,
  delivery_line2 text, delivery_postcode text, delivery_city text, delivery_instructions text,
  delivery_lat float8, delivery_lng float8, distance_m int, travel_seconds int, estimated_ready_at timestamptz,
  estimated_delivery_at timestamptz, subtotal_cents int, delivery_fee_cents int, total_cents int,
  vat_breakdown jsonb, payment_method payment_method, payment_status order_payment_status,
  idempotency_key text, note text, placed_by_employee_id int, prepared_by_employee_id int,
  delivered_by_employee_id int, created_at timestamptz, updated_at timestamptz`;
const LINE_COLUMNS = `order_id uuid, position int, product_id int, product_size_id int, product_name text,
  size_label text, unit_price_cents int, extras jsonb, quantity int, vat_rate_bp int, line_total_cents int`;
const EVENT_COLUMNS = `order_id uuid, from_status order_status, to_status order_status, actor_type actor_type,
  created_at timestamptz`;
const PAYMENT_COLUMNS = `order_id uuid, provider payment_provider, provider_reference text, amount_cents int,
  amount_received_cents int, change_cents int, status payment_record_status, collected_by_employee_id int,
  created_at timestamptz, updated_at timestamptz`;
const MOVEMENT_COLUMNS = `stock_item_id int, kind stock_movement_kind, quantity int, order_id uuid, note text,
  created_at timestamptz`;

async function seedOrders(tx: Tx, report: Report): Promise<void> {
  const known = await idsBy(
    tx,
    'orders',
    'idempotency_key',
    DEMO_ORDERS.map((o) => `seed-${o.key}`),
  );
  const fresh = DEMO_ORDERS.filter((o) => !known.has(`seed-${o.key}`));
  if (fresh.length === 0) return report('orders', 0);

  const refs = await loadRefs(tx, fresh);
  const before = new Map([...refs.stock.values()].map((s) => [s.id, { ...s }]));
  // Planned in the order they were placed: stock is taken first come, first served, and numbered that way.
  const plans = fresh
    .map((o) => ({ o, placedAt: timeline(o, statusHistory(o), refs)[0].getTime() }))
    .sort((a, b) => a.placedAt - b.placedAt)
    .map(({ o }) => planOrder(o, refs));

  const perShop = groupBy(plans, (p) => p.shop.id);
  const counters = await select<{ pizzeria_id: number; last_value: number }>(
    tx,
    `INSERT INTO order_counters (pizzeria_id, last_value)
     SELECT x.pizzeria_id, x.n FROM jsonb_to_recordset($1::jsonb) AS x(pizzeria_id int, n int)
     ON CONFLICT (pizzeria_id) DO UPDATE SET last_value = order_counters.last_value + EXCLUDED.last_value
     RETURNING pizzeria_id, last_value`,
    [JSON.stringify([...perShop].map(([pizzeria_id, list]) => ({ pizzeria_id, n: list.length })))],
  );
  const numbers = new Map<string, string>();
  for (const { pizzeria_id, last_value } of counters) {
    const list = perShop.get(pizzeria_id) ?? [];
    list.forEach((p, i) => {
      const seq = last_value - list.length + 1 + i;
      numbers.set(p.key, `${p.shop.code}-${String(seq).padStart(4, '0')}`);
    });
  }

  const orders = plans.map((p) => ({ ...p.order, number: numbers.get(p.key) }));
  const inserted = await insertRows<{ id: string; key: string }>(tx, 'orders', ORDER_COLUMNS, orders, {
    returning: 'id, idempotency_key AS key',
  });
  const orderIds = new Map(inserted.map((r) => [r.key, r.id]));
  const owned = <T extends object>(p: Planned, rows: readonly T[], extra: object = {}) =>
    rows.map((r) => ({ ...r, ...extra, order_id: orderIds.get(`seed-${p.key}`) }));
  await insertRows(
    tx,
    'order_lines',
    LINE_COLUMNS,
    plans.flatMap((p) => owned(p, p.lines)),
  );
  await insertRows(
    tx,
    'order_status_events',
    EVENT_COLUMNS,
    plans.flatMap((p) => owned(p, p.events)),
  );
  await insertRows(
    tx,
    'payments',
    PAYMENT_COLUMNS,
    plans.flatMap((p) => owned(p, p.payment ? [p.payment] : [])),
  );
  const movements = plans.flatMap((p) => owned(p, p.movements, { note: `Commande ${numbers.get(p.key)}` }));
  await insertRows(tx, 'stock_movements', MOVEMENT_COLUMNS, movements);

  const changed = [...refs.stock.values()]
    .map((s) => ({
      id: s.id,
      on_hand: s.on_hand - before.get(s.id)!.on_hand,
      reserved: s.reserved - before.get(s.id)!.reserved,
    }))
    .filter((d) => d.on_hand !== 0 || d.reserved !== 0);
  if (changed.length > 0)
    await select(
      tx,
      `UPDATE stock_items s SET on_hand = s.on_hand + x.on_hand, reserved = s.reserved + x.reserved, updated_at = now()
       FROM jsonb_to_recordset($1::jsonb) AS x(id int, on_hand int, reserved int)
       WHERE s.id = x.id RETURNING s.id`,
      [JSON.stringify(changed)],
    );
  report('orders', inserted.length);
}

// ---------------------------------------------------------------------------------------------- served area

/**
 * Postcode and street centroids for the offline map approximation (development without a Maps key). A place
 * is known by (postcode, street_key), street_key NULL for the postcode centroid; NOT EXISTS keeps a second run
 * from even advancing the id sequence, ON CONFLICT covers both unique keys (the centroid one is a partial index).
 */
async function seedServedArea(tx: Tx, report: Report): Promise<void> {
  const places = SERVED_AREA_PLACES.map((p) => ({
    ...p,
    street_key: p.street === null ? null : streetKey(p.street),
  }));
  const columns = 'postcode text, city text, street text, street_key text, lat float8, lng float8';
  const samePlace = 't.postcode = x.postcode AND t.street_key IS NOT DISTINCT FROM x.street_key';
  report('served_area_places', await insertMissing(tx, 'served_area_places', columns, places, samePlace));
}
