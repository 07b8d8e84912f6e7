// Idempotent demo seeder. Reference data (catalogue, stock, people, the served area) is inserted with SQL in one
// transaction, by natural key: every insert is "INSERT … SELECT … WHERE NOT EXISTS", so that a second run inserts
// nothing, updates nothing and does not even advance a sequence; new stock items come with their receipt in the
// ledger. The demo ORDERS are business events: they go through the application's own services, built by
// createServices (src/wiring.ts) on a clock the seeder moves. Each order is placed at its time as its channel
// would place it (the site for a customer, the counter for phone and counter orders), then taken through its
// history by the shop's staff at the times of its timeline (start, ready, pick-up, delivery or hand-over with the
// money collected), cancelled by its customer, its shop or the expiry of an unpaid online payment. Online payments
// go to an in-process demo provider (demo-gateway.ts) and are confirmed through the payments service's webhook
// handler. Prices, VAT, delivery fees and zones, ETAs, stock reservations and payments are therefore exactly the
// product's: nothing here recomputes them. Orders already seeded (idempotency key `seed-<key>`) are left alone.
import bcrypt from 'bcrypt';
import type { Logger } from 'pino';
import { getSettings, type Settings } from '../src/config/index.js';
import type { Database, Executor, Tx } from '../src/db/executor.js';
import type { EmployeePrincipal } from '../src/modules/auth/index.js';
import { streetKey, type MapsProvider } from '../src/modules/delivery/index.js';
import type {
  CollectedPayment,
  ItemInput,
  OrderView,
  PlaceOrderCommand,
  StaffStep,
} from '../src/modules/orders/index.js';
import { isOpenAt, type PizzeriaRow } from '../src/modules/pizzerias/index.js';
import { LocalEventBus, type EventBus } from '../src/realtime/events.js';
import { fixedClock } from '../src/shared/clock.js';
import { createLogger } from '../src/shared/logger.js';
import { createServices, type Services } from '../src/wiring.js';
import { createDemoGateway, type DemoGateway } from './demo-gateway.js';
import { seedPictures } from './pictures.js';
import { seedPurchasing } from './seed-purchasing.js';
import {
  DEMO_CUSTOMER_PASSWORD,
  DEMO_CUSTOMERS,
  DEMO_EMPLOYEES,
  DEMO_EXTRAS,
  DEMO_INGREDIENTS,
  DEMO_ORDERS,
  DEMO_PIZZERIAS,
  DEMO_PRODUCTS,
  DEMO_SHOP_PRICES,
  DEMO_STAFF_PASSWORD,
  DEMO_STOCK,
  type DemoOrder,
  type EmployeeRole,
  type OrderStatus,
} from './demo-data.js';
import { SERVED_AREA_PLACES } from './served-area.js';

export const SEEDED_TABLES = [
  ...['pizzerias', 'ingredients', 'products', 'product_sizes', 'recipe_lines', 'extras', 'shop_sizes'],
  ...['stock_items', 'stock_movements', 'employees', 'customers', 'addresses'],
  ...['order_counters', 'orders', 'order_lines', 'order_status_events', 'payments'],
  'served_area_places',
  ...['suppliers', 'supplier_items', 'purchase_orders'],
] as const;
export type SeededTable = (typeof SEEDED_TABLES)[number];
/** Rows in each table the seeder writes, counted after the run. */
export type SeedCounts = Record<SeededTable, number>;

export interface SeedOptions {
  log?: (msg: string) => void;
  /** The process's settings by default (maps provider, payment expiry). */
  settings?: Settings;
  /** Live order events; by default an in-memory bus nobody listens to. */
  bus?: EventBus;
  /** The map provider (the app's, when it has one); by default the one the settings give. */
  maps?: MapsProvider;
  logger?: Logger;
  /** The moment the demo is seeded at: live orders are placed minutes before it (default: the real time). */
  now?: Date;
}

export const BCRYPT_COST = 10;

type Report = (table: string, inserted: number) => void;

export async function seedDemo(db: Database, opts: SeedOptions = {}): Promise<SeedCounts> {
  const log = opts.log ?? (() => undefined);
  const report: Report = (table, n) => log(`demo seed, ${table}: ${n === 0 ? 'up to date' : `+${n}`}`);
  const now = opts.now ?? new Date();
  await db.transaction(async (tx) => {
    await seedCatalog(tx, report);
    await seedStock(tx, now, report);
    await seedPeople(tx, report);
    // Before the orders: without a Maps key, deliveries are located from these places.
    await seedServedArea(tx, report);
  });
  // Files first, then the key on the product: a product never names a picture that is not on disk.
  const mediaDir = (opts.settings ?? getSettings()).mediaDir;
  report('product pictures', await seedPictures(db, mediaDir));
  await seedOrders(db, { ...opts, now }, report);
  await seedPurchasing(db, { ...opts, now }, report);
  return countRows(db);
}

export async function countRows(db: Database): Promise<SeedCounts> {
  const row = await db.read((ex) =>
    ex.one<Record<string, number>>(
      `SELECT ${SEEDED_TABLES.map((t) => `(SELECT count(*)::int FROM ${t}) AS ${t}`).join(', ')}`,
    ),
  );
  return Object.fromEntries(SEEDED_TABLES.map((t) => [t, Number(row![t])])) as SeedCounts;
}

// ---------------------------------------------------------------------------------------------- SQL helpers

/** camelCase keys to snake_case, so that a demo record maps onto its table's columns as it is. */
function snake(record: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(record).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), v]),
  );
}

/**
 * INSERT … SELECT from a JSON array of records; `columns` is a column definition list ("code text, lat float8")
 * written in this file, never taken from input. Records whose natural key (`sameKey`, comparing an existing row
 * `t` with a candidate `x`) is already present are skipped. Returns how many rows were inserted.
 */
async function insertMissing(
  tx: Tx,
  table: string,
  columns: string,
  records: readonly object[],
  sameKey: string,
): Promise<number> {
  if (records.length === 0) return 0;
  const names = columns.split(',').map((c) => c.trim().split(/\s+/)[0]);
  return tx.exec(
    `INSERT INTO ${table} (${names.join(', ')})
     SELECT ${names.map((n) => `x.${n}`).join(', ')} FROM jsonb_to_recordset($1::jsonb) AS x(${columns})
     WHERE NOT EXISTS (SELECT 1 FROM ${table} t WHERE ${sameKey}) ON CONFLICT DO NOTHING`,
    [JSON.stringify(records)],
  );
}

/** Natural key (code, email, lower-cased name) → id. */
async function idsBy(ex: Executor, table: string, keyExpr: string, keys: readonly string[]) {
  const found = await ex.many<{ id: number; key: string }>(
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

const shopIds = (ex: Executor) =>
  idsBy(
    ex,
    'pizzerias',
    'code',
    DEMO_PIZZERIAS.map((p) => p.code),
  );
const ingredientIds = (ex: Executor) =>
  idsBy(
    ex,
    'ingredients',
    'lower(name)',
    DEMO_INGREDIENTS.map((i) => lower(i.name)),
  );

// ---------------------------------------------------------------------------------------------- catalogue

const PIZZERIA_COLUMNS = `code text, name text, siret text, address_line text, postcode text, city text, lat float8,
  lng float8, phone text, email text, opening_hours jsonb, delivery_radius_m int, min_delivery_order_cents int,
  delivery_fee_cents int, free_delivery_threshold_cents int, prep_minutes_per_order int, active boolean`;
const SAME_NAME = 'lower(t.name) = lower(x.name)';

async function seedCatalog(tx: Tx, report: Report): Promise<void> {
  const shops = DEMO_PIZZERIAS.map(snake);
  report('pizzerias', await insertMissing(tx, 'pizzerias', PIZZERIA_COLUMNS, shops, 't.code = x.code'));
  const ingredients = DEMO_INGREDIENTS.map(snake);
  const ingredientColumns =
    'name text, unit ingredient_unit, allergens text[], allergens_reviewed boolean, beef_origin text';
  report('ingredients', await insertMissing(tx, 'ingredients', ingredientColumns, ingredients, SAME_NAME));
  // A demo database seeded before allergens existed has its ingredients « à renseigner »: fill in those nobody
  // has reviewed since (a manager's review is never overwritten).
  report(
    'ingredient allergens',
    await tx.exec(
      `UPDATE ingredients t SET allergens = x.allergens, allergens_reviewed = true, beef_origin = x.beef_origin
         FROM jsonb_to_recordset($1::jsonb) AS x(name text, allergens text[], beef_origin text)
        WHERE ${SAME_NAME} AND NOT t.allergens_reviewed`,
      [JSON.stringify(ingredients)],
    ),
  );
  const shop = await shopIds(tx);
  // A speciality (a shop's code in `pizzeria`) belongs to that shop.
  const products = DEMO_PRODUCTS.map(({ pizzeria, ...p }, i) => ({
    ...snake(p),
    sort_order: (i + 1) * 10,
    pizzeria_id: pizzeria ? must(shop, pizzeria, 'pizzeria') : null,
  }));
  const productColumns =
    'name text, description text, category product_category, vat_rate_bp int, recipe_steps text, sort_order int, pizzeria_id int';
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
    'product_id int, code text, label text, price_cents int, recipe_factor_pct int, sort_order int, ' +
    'shop_price_min_cents int, shop_price_max_cents int';
  const sameSize = 't.product_id = x.product_id AND t.code = x.code';
  report('product_sizes', await insertMissing(tx, 'product_sizes', sizeColumns, sizes, sameSize));
  // A demo database seeded before shop prices existed: the group's bounds where nobody has set any.
  report(
    'shop price bounds',
    await tx.exec(
      `UPDATE product_sizes t SET shop_price_min_cents = x.shop_price_min_cents,
              shop_price_max_cents = x.shop_price_max_cents
         FROM jsonb_to_recordset($1::jsonb) AS x(product_id int, code text, shop_price_min_cents int,
              shop_price_max_cents int)
        WHERE ${sameSize} AND x.shop_price_min_cents IS NOT NULL
          AND t.shop_price_min_cents IS NULL AND t.shop_price_max_cents IS NULL`,
      [JSON.stringify(sizes)],
    ),
  );
  const shopPrices = [];
  for (const p of DEMO_SHOP_PRICES) {
    const size = await tx.one<{ id: number }>(
      'SELECT id FROM product_sizes WHERE product_id = $1 AND code = $2',
      [productId(p.product), p.size],
    );
    shopPrices.push({
      pizzeria_id: must(shop, p.pizzeria, 'pizzeria'),
      size_id: size!.id,
      price_cents: p.priceCents,
    });
  }
  report(
    'shop_sizes',
    await insertMissing(
      tx,
      'shop_sizes',
      'pizzeria_id int, size_id int, price_cents int',
      shopPrices,
      't.pizzeria_id = x.pizzeria_id AND t.size_id = x.size_id',
    ),
  );

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

/**
 * New stock items arrive with their receipt in the ledger, dated two weeks before the seed (before any demo
 * order). The demo orders then reserve and consume through the services, which refuse what the stock cannot
 * cover: DEMO_STOCK must cover them.
 */
async function seedStock(tx: Tx, now: Date, report: Report): Promise<void> {
  const shop = await shopIds(tx);
  const ingredient = await ingredientIds(tx);
  const items = DEMO_STOCK.map((s) => ({
    pizzeria_id: must(shop, s.pizzeria, 'pizzeria'),
    ingredient_id: must(ingredient, lower(s.ingredient), 'ingredient'),
    on_hand: s.onHand,
    alert_threshold: s.alertThreshold,
  }));
  const row = await tx.one<{ inserted: number }>(
    `WITH x AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb)
         AS x(pizzeria_id int, ingredient_id int, on_hand int, alert_threshold int)
     ), received AS (
       SELECT date_trunc('day', $3::timestamptz, 'Europe/Paris') - interval '14 days' + interval '9 hours' AS at
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
    [JSON.stringify(items), 'Stock initial (données de démonstration)', now],
  );
  report('stock_items', row!.inserted);
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

// ---------------------------------------------------------------------------------------------- orders

const MINUTE = 60_000;

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

/** The statuses an order went through, from its first to its current one. */
export function statusHistory(o: DemoOrder): OrderStatus[] {
  const online = o.paymentMethod === 'card_online';
  if (o.status === 'cancelled' && !o.cancelled) throw new Error(`seed-${o.key}: who cancelled it?`);
  if (o.status === 'pending_payment' || o.cancelled?.from === 'pending_payment') {
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

/** A small stable number from a string, to share demo work between team mates deterministically. */
const hashOf = (s: string) => [...s].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 9973, 7);

// Wall-clock times of a shop's time zone (DST-proof: offsets come from the zone's rules at that instant).
const zoneFormatters = new Map<string, Intl.DateTimeFormat>();
function wallClock(at: Date, timeZone: string) {
  let f = zoneFormatters.get(timeZone);
  if (!f) {
    const numeric = 'numeric' as const;
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: numeric,
      month: numeric,
      day: numeric,
      hour: numeric,
      minute: numeric,
    });
    zoneFormatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, Number(p.value)]));
  return { y: parts.year, m: parts.month, d: parts.day, h: parts.hour, min: parts.minute };
}

/** The instant at which the wall clock of `timeZone` shows `hhmm` on day `d` of month `m` (days may overflow). */
function zonedInstant(y: number, m: number, d: number, hhmm: string, timeZone: string): Date {
  const [h, min] = hhmm.split(':').map(Number);
  const asUtc = Date.UTC(y, m - 1, d, h, min);
  const offset = (t: number) => {
    const w = wallClock(new Date(t), timeZone);
    return Date.UTC(w.y, w.m - 1, w.d, w.h, w.min) - Math.floor(t / MINUTE) * MINUTE;
  };
  const guess = asUtc - offset(asUtc);
  return new Date(asUtc - offset(guess));
}

const isOpen = (shop: PizzeriaRow, at: number) => isOpenAt(shop.openingHours, shop.timezone, new Date(at));

/** `at` if the shop is open then, else the start of the last minute it was open before (at most 8 days back). */
function latestOpenMoment(shop: PizzeriaRow, at: Date): number {
  if (isOpen(shop, at.getTime())) return at.getTime();
  const minute = Math.floor(at.getTime() / MINUTE) * MINUTE;
  for (let back = 1; back <= 8 * 24 * 60; back++) {
    if (isOpen(shop, minute - back * MINUTE)) return minute - back * MINUTE;
  }
  throw new Error(`${shop.code} is never open`);
}

/**
 * When a demo order is placed (its shop must be open then: placement refuses a closed shop), and the latest
 * moment its history may reach.
 * - A live order ("minutesAgo") is placed that many minutes before now. When its shop is closed now (seeding at
 *   night, or between lunch and dinner), it is placed that many minutes before the LATEST MOMENT THE SHOP WAS
 *   OPEN, and its history stops there: the last orders of the service, still in progress. When the shop had
 *   opened less than that before, it is placed at the opening.
 * - A past order ("daysAgo" at a wall-clock time of the shop) is placed then. The days are counted back from
 *   today, so a lunch order may fall on a Sunday or a shop's closing day: it is then placed the day before at the
 *   same time (and so on), the demo data giving times within the shops' usual hours.
 */
function placementTime(o: DemoOrder, shop: PizzeriaRow, now: Date): { placedAt: number; until: number } {
  if ('minutesAgo' in o.placed) {
    const until = latestOpenMoment(shop, now);
    let placedAt = until - o.placed.minutesAgo * MINUTE;
    while (!isOpen(shop, placedAt)) placedAt += MINUTE;
    return { placedAt: Math.min(placedAt, until), until };
  }
  const today = wallClock(now, shop.timezone);
  for (let back = 0; back < 7; back++) {
    const day = today.d - o.placed.daysAgo - back;
    const at = zonedInstant(today.y, today.m, day, o.placed.at, shop.timezone).getTime();
    if (at < now.getTime() && isOpen(shop, at)) return { placedAt: at, until: now.getTime() };
  }
  throw new Error(`seed-${o.key}: ${shop.code} is never open at ${o.placed.at}`);
}

/** When each status was reached; a live order's history is squeezed so that its last step is before `until`. */
function timeline(history: readonly OrderStatus[], placedAt: number, until: number, expiryMinutes: number) {
  // An unpaid online order is cancelled by the payments' expiry, once its time is over.
  const minutes = (s: OrderStatus, i: number) =>
    s === 'cancelled' && history[i - 1] === 'pending_payment' ? expiryMinutes + 1 : STEP_MINUTES[s];
  const offsets = history.map((_, i) =>
    history.slice(1, i + 1).reduce((sum, s, j) => sum + minutes(s, j + 1), 0),
  );
  const last = offsets[offsets.length - 1];
  const room = Math.max((until - placedAt) / MINUTE - 1, 0);
  const scale = last > room ? room / last : 1;
  return offsets.map((m) => placedAt + m * scale * MINUTE);
}

type SavedAddress = NonNullable<PlaceOrderCommand['address']> & { id: number };

interface DemoCustomerRow {
  id: number;
  name: string;
  phone: string | null;
  /** By label. */
  addresses: Map<string, SavedAddress>;
}

/** What the demo orders refer to, read back from the database by natural key. */
interface Refs {
  shops: Map<string, PizzeriaRow>;
  /** By `${lower(product)}|${size code}`. */
  sizes: Map<string, { productId: number; sizeId: number }>;
  extras: Map<string, number>;
  customers: Map<string, DemoCustomerRow>;
  staff: Map<string, EmployeePrincipal>;
}

async function loadRefs(services: Services, db: Database, orders: readonly DemoOrder[]): Promise<Refs> {
  return db.read(async (ex) => {
    const shops = new Map<string, PizzeriaRow>();
    for (const code of new Set(orders.map((o) => o.pizzeria)))
      shops.set(code, await services.pizzerias.get(ex, { code }));
    const sizes = await ex.many<{ key: string; productId: number; sizeId: number }>(
      `SELECT lower(p.name) || '|' || s.code AS key, p.id AS "productId", s.id AS "sizeId"
         FROM products p JOIN product_sizes s ON s.product_id = p.id`,
    );
    const extras = await ex.many<{ key: string; id: number }>(`SELECT lower(name) AS key, id FROM extras`);
    const emails = [...new Set(orders.flatMap((o) => (o.customer ? [o.customer.email] : [])))];
    const people = await ex.many<{
      email: string;
      id: number;
      name: string;
      phone: string | null;
      addresses: (SavedAddress & { label: string })[];
    }>(
      `SELECT c.email, c.id, c.first_name || ' ' || c.last_name AS name, c.phone,
              COALESCE((SELECT json_agg(json_build_object('id', a.id, 'label', a.label, 'line1', a.line1,
                          'line2', a.line2, 'postcode', a.postcode, 'city', a.city, 'instructions', a.instructions))
                        FROM addresses a WHERE a.customer_id = c.id), '[]') AS addresses
         FROM customers c WHERE c.email = ANY($1::text[])`,
      [emails],
    );
    const employees = await ex.many<{
      email: string;
      id: number;
      role: EmployeePrincipal['role'];
      pizzeriaId: number | null;
    }>(`SELECT email, id, role, pizzeria_id AS "pizzeriaId" FROM employees WHERE email = ANY($1::text[])`, [
      DEMO_EMPLOYEES.map((e) => e.email),
    ]);
    return {
      shops,
      sizes: new Map(sizes.map((s) => [s.key, { productId: s.productId, sizeId: s.sizeId }])),
      extras: new Map(extras.map((e) => [e.key, e.id])),
      customers: new Map(
        people.map((p) => [
          p.email,
          {
            id: p.id,
            name: p.name,
            phone: p.phone,
            addresses: new Map(p.addresses.map(({ label, ...a }) => [label, a])),
          },
        ]),
      ),
      // The seeder acts in process as these employees would through the staff API (no token).
      staff: new Map(
        employees.map((e) => [
          e.email,
          { kind: 'employee', employeeId: e.id, role: e.role, pizzeriaId: e.pizzeriaId, tokenId: 0 },
        ]),
      ),
    };
  });
}

interface Plan {
  o: DemoOrder;
  shop: PizzeriaRow;
  history: OrderStatus[];
  /** When each status of `history` is reached (ms). */
  at: number[];
}

const HAND_OVER_METHOD = {
  cash: 'cash',
  card_on_delivery: 'card_terminal',
  meal_voucher: 'meal_voucher',
} as const;

/** What the customer hands over at the door or the counter: cash in 10 € notes, else the exact total. */
function handOver(order: OrderView): CollectedPayment | undefined {
  if (order.paymentMethod === 'card_online') return undefined;
  const method = HAND_OVER_METHOD[order.paymentMethod as keyof typeof HAND_OVER_METHOD];
  const total = order.totalCents;
  return { method, amountReceivedCents: method === 'cash' ? Math.ceil(total / 1000) * 1000 : total };
}

async function seedOrders(db: Database, opts: SeedOptions & { now: Date }, report: Report): Promise<void> {
  const known = await db.read((ex) =>
    idsBy(
      ex,
      'orders',
      'idempotency_key',
      DEMO_ORDERS.map((o) => `seed-${o.key}`),
    ),
  );
  const fresh = DEMO_ORDERS.filter((o) => !known.has(`seed-${o.key}`));
  if (fresh.length === 0) return report('orders', 0);

  const settings = opts.settings ?? getSettings();
  const clock = fixedClock(opts.now);
  const gateway = createDemoGateway();
  const services = createServices({
    settings,
    logger: opts.logger ?? createLogger('silent'),
    db,
    bus: opts.bus ?? new LocalEventBus(),
    clock,
    maps: opts.maps,
    gateway,
  });
  const refs = await loadRefs(services, db, fresh);
  const expiryMinutes = settings.stripe.expiryMinutes;
  // Placed in the order they were placed: stock is taken first come, first served, and numbered that way.
  const plans: Plan[] = fresh
    .map((o) => {
      const shop = must(refs.shops, o.pizzeria, 'pizzeria');
      const history = statusHistory(o);
      const { placedAt, until } = placementTime(o, shop, opts.now);
      return { o, shop, history, at: timeline(history, placedAt, until, expiryMinutes) };
    })
    .sort((a, b) => a.at[0] - b.at[0]);
  for (const plan of plans) await playOrder(plan, refs, services, gateway, clock, expiryMinutes);
  const ended = await db.read((ex) =>
    ex.many<{ key: string; status: string }>(
      `SELECT idempotency_key AS key, status FROM orders WHERE idempotency_key = ANY($1::text[])`,
      [plans.map((p) => `seed-${p.o.key}`)],
    ),
  );
  for (const { o } of plans) {
    const status = ended.find((e) => e.key === `seed-${o.key}`)?.status;
    if (status !== o.status) throw new Error(`seed-${o.key}: ended ${status}, expected ${o.status}`);
  }
  report('orders', plans.length);
}

/** Places one demo order at its time and takes it through its history, each step at its time. */
async function playOrder(
  { o, shop, history, at }: Plan,
  refs: Refs,
  services: Services,
  gateway: DemoGateway,
  clock: ReturnType<typeof fixedClock>,
  expiryMinutes: number,
): Promise<void> {
  const team = (role: EmployeeRole) => {
    const members = DEMO_EMPLOYEES.filter((e) => e.pizzeria === o.pizzeria && e.role === role);
    if (members.length === 0) throw new Error(`seed-${o.key}: ${o.pizzeria} has no ${role}`);
    return must(refs.staff, members[hashOf(o.key) % members.length].email, 'employee');
  };
  const items: ItemInput[] = o.lines.map((l) => ({
    ...must(refs.sizes, `${lower(l.product)}|${l.size}`, 'product size'),
    quantity: l.quantity,
    extraIds: (l.extras ?? []).map((name) => must(refs.extras, lower(name), 'extra')),
  }));
  const customer = o.customer ? must(refs.customers, o.customer.email, 'customer') : undefined;
  const saved = o.customer?.address
    ? must(customer!.addresses, o.customer.address, 'address label')
    : undefined;
  const common = {
    pizzeriaId: shop.id,
    fulfilment: o.fulfilment,
    items,
    paymentMethod: o.paymentMethod,
    note: o.note ?? null,
    idempotencyKey: `seed-${o.key}`,
    requestFingerprint: { seed: o.key },
  };

  clock.set(new Date(at[0]));
  let order: OrderView;
  if (o.channel === 'web') {
    // As the customer on the site, with their saved address.
    if (!customer) throw new Error(`seed-${o.key}: a web order needs a customer`);
    ({ order } = await services.orders.placeForCustomer({
      ...common,
      customerId: customer.id,
      address: null,
      addressId: saved?.id,
    }));
  } else {
    // Taken by the shop's counter employee, who types the customer's name, phone and address.
    const counter = team('counter');
    let address: PlaceOrderCommand['address'] = null;
    if (saved) {
      const { id: _id, ...typed } = saved;
      address = typed;
    }
    ({ order } = await services.orders.place({
      ...common,
      channel: o.channel,
      address,
      customer: {
        id: null,
        name: customer?.name ?? o.guest?.name ?? 'Client',
        phone: customer?.phone ?? o.guest?.phone ?? null,
      },
      placedByEmployeeId: counter.employeeId,
      actor: { type: 'employee', employeeId: counter.employeeId },
    }));
  }
  // As the site does after placement: the payment is created at the provider for the customer's browser.
  let clientSecret: string | undefined;
  if (order.paymentMethod === 'card_online')
    ({ clientSecret } = await services.payments.online!.startOnlinePayment(order));

  const pizzaiolo = team('pizzaiolo');
  const driver = team('driver');
  for (let i = 1; i < history.length; i++) {
    clock.set(new Date(at[i]));
    const step = (who: EmployeePrincipal, name: StaffStep, payment?: CollectedPayment) =>
      services.orders.staffStep(who, order.id, name, payment);
    switch (history[i]) {
      case 'received': {
        // The customer pays in their browser; the provider confirms it with its webhook.
        const { rawBody, signature } = gateway.customerPays(clientSecret!);
        await services.payments.handleStripeWebhook(rawBody, signature);
        break;
      }
      case 'preparing':
        order = await step(pizzaiolo, 'start');
        break;
      case 'ready':
        order = await step(pizzaiolo, 'ready');
        break;
      case 'out_for_delivery':
        order = await step(driver, 'pickup');
        break;
      case 'delivered':
        order = await step(driver, 'deliver', handOver(order));
        break;
      case 'collected':
        order = await step(team('counter'), 'collect', handOver(order));
        break;
      case 'cancelled': {
        const how = o.cancelled!;
        if (how.by === 'payment_expiry') await services.payments.expireUnpaidOrders(expiryMinutes);
        else if (how.by === 'customer')
          await services.orders.cancel(
            { kind: 'customer', customerId: customer!.id, tokenId: 0 },
            order.id,
            how.reason,
          );
        else await services.orders.cancel(team('counter'), order.id, how.reason);
        break;
      }
      default:
        throw new Error(`seed-${o.key}: no step leads to ${history[i]}`);
    }
  }
}
