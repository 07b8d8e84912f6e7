// The demo seeder against the real test PostgreSQL: content, idempotence and the stock ledger's truth.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import bcrypt from 'bcrypt';
import { expect } from 'chai';
import { QueryTypes, type Sequelize } from 'sequelize';
import { TEST_DATABASE_URL, testDatabase, testDb } from '../../helpers/db.js';
import type { Database } from '../../../src/db/executor.js';
import {
  DEMO_CUSTOMER_PASSWORD,
  DEMO_INGREDIENTS,
  DEMO_STAFF_PASSWORD,
  EXHAUSTED_DEMO,
} from '../../../seeders/demo-data.js';
import { DEMO_PURCHASE_ORDERS, DEMO_SUPPLIERS } from '../../../seeders/demo-purchasing.js';
import { seedDemo } from '../../../seeders/seed.js';
import { createFoodCost } from '../../../src/modules/purchasing/food-cost.js';
import { fixedClock } from '../../../src/shared/clock.js';
import { findMenuRows } from '../../../src/modules/catalog/menu.repository.js';
import { isOpenAt, type OpeningHours } from '../../../src/modules/pizzerias/index.js';
import { fromRoot } from '../../../src/shared/paths.js';
import { loadSettings } from '../../../src/config/index.js';
import { PRODUCTION_TEST_JOURNAL_KEY } from '../../helpers/journal-key.js';

const ALL_STATUSES = [
  'pending_payment',
  'received',
  'preparing',
  'ready',
  'out_for_delivery',
  'delivered',
  'collected',
  'cancelled',
];

function rows<T extends object>(db: Sequelize, sql: string, bind: unknown[] = []): Promise<T[]> {
  return db.query<T>(sql, { bind, type: QueryTypes.SELECT });
}

async function tableCounts(db: Sequelize): Promise<Record<string, number>> {
  const tables = await rows<{ name: string }>(
    db,
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'SequelizeMeta' ORDER BY 1`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [{ n }] = await rows<{ n: number }>(db, `SELECT count(*)::int AS n FROM "${name}"`);
    counts[name] = n;
  }
  return counts;
}

/** Everything a second run could silently change: stock levels, counters, sequences, update times. */
async function fingerprint(db: Sequelize): Promise<unknown[]> {
  return rows(
    db,
    `SELECT (SELECT json_agg(json_build_array(id, on_hand, reserved, updated_at) ORDER BY id) FROM stock_items) AS stock,
            (SELECT json_agg(json_build_array(pizzeria_id, last_value) ORDER BY pizzeria_id) FROM order_counters) AS counters,
            (SELECT json_agg(json_build_array(id, number, status, updated_at) ORDER BY number) FROM orders) AS orders,
            (SELECT json_agg(json_build_array(sequencename, last_value) ORDER BY sequencename)
               FROM pg_sequences WHERE schemaname = 'public') AS sequences`,
  );
}

/** `npm run db:seed` in a child process, from a folder without .env, with only the given database variables. */
async function runSeedCli(
  env: Record<string, string>,
  cwd = tmpdir(),
): Promise<{ code: number; stdout: string; stderr: string }> {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => k !== 'DATABASE_URL' && !k.startsWith('POSTGRES_')),
  );
  try {
    const { stdout, stderr } = await promisify(execFile)(
      fromRoot('node_modules', '.bin', 'tsx'),
      [fromRoot('seeders', 'run.ts')],
      { cwd, env: { ...clean, OCPIZZA_SETTINGS: 'development', ...env } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('demo seed', () => {
  let db: Sequelize;
  let database: Database;

  before(async () => {
    db = await testDb();
    database = await testDatabase();
  });

  it('when the demo is seeded, then 8 active shops and at least 16 pizzas with 3 sizes and a recipe exist', async () => {
    const counts = await seedDemo(database);

    expect(counts.pizzerias).to.equal(8);
    const shops = await rows<{ code: string; active: boolean; mon: unknown[] }>(
      db,
      `SELECT code, active, opening_hours -> 'mon' AS mon FROM pizzerias ORDER BY code`,
    );
    expect(shops.map((s) => s.code)).to.deep.equal(['P01', 'P02', 'P03', 'P04', 'P05', 'P06', 'P07', 'P08']);
    expect(shops.every((s) => s.active)).to.equal(true);
    expect(shops.filter((s) => s.mon.length === 0)).to.have.length(1);

    const pizzas = await rows<{ name: string; sizes: string[]; lines: number; steps: string }>(
      db,
      `SELECT p.name, p.recipe_steps AS steps,
              (SELECT array_agg(code ORDER BY code) FROM product_sizes s WHERE s.product_id = p.id) AS sizes,
              (SELECT count(*)::int FROM recipe_lines r WHERE r.product_id = p.id) AS lines
       FROM products p WHERE p.category = 'pizza' AND p.vat_rate_bp = 1000`,
    );
    expect(pizzas.length).to.be.at.least(16);
    for (const p of pizzas) {
      expect(p.sizes, p.name).to.deep.equal(['L', 'M', 'S']);
      expect(p.lines, p.name).to.be.within(4, 8);
      expect(p.steps, p.name).to.match(/^1\. /);
    }
    const others = await rows<{ category: string; sizes: number; lines: number }>(
      db,
      `SELECT p.category::text AS category,
              (SELECT count(*)::int FROM product_sizes s WHERE s.product_id = p.id) AS sizes,
              (SELECT count(*)::int FROM recipe_lines r WHERE r.product_id = p.id AND r.quantity = 1) AS lines
       FROM products p WHERE p.category <> 'pizza'`,
    );
    expect(new Set(others.map((o) => o.category))).to.deep.equal(new Set(['drink', 'dessert', 'side']));
    expect(others.every((o) => o.sizes === 1 && o.lines === 1)).to.equal(true);
    expect(counts.extras).to.be.at.least(6);
  });

  it('when the demo is seeded, then every product has its drawn picture, a few kB of WebP in each width', async () => {
    await seedDemo(database);
    const products = await rows<{ name: string; key: string | null }>(
      db,
      'SELECT name, image_key AS key FROM products ORDER BY name',
    );
    expect(products).to.have.length.above(20);
    const mediaDir = loadSettings({ OCPIZZA_SETTINGS: 'test' }).mediaDir;
    for (const { name, key } of products) {
      expect(key, name).to.match(/^products\/[0-9a-f]{24}$/);
      for (const width of [160, 320, 640]) {
        const file = await readFile(path.join(mediaDir, `${key}-${width}.webp`));
        expect(file.length, `${name} ${width}`).to.be.within(100, 40_000);
      }
    }
    expect(new Set(products.map((p) => p.key)).size).to.equal(products.length);
  });

  it('when the demo is seeded, then at least 30 ingredients are stocked in every shop', async () => {
    await seedDemo(database);

    const [{ ingredients }] = await rows<{ ingredients: number }>(
      db,
      `SELECT count(*)::int AS ingredients FROM ingredients`,
    );
    expect(ingredients).to.be.at.least(30);
    const perShop = await rows<{ code: string; items: number; empty: number }>(
      db,
      `SELECT p.code, count(s.id)::int AS items, count(*) FILTER (WHERE s.on_hand <= 0)::int AS empty
       FROM pizzerias p LEFT JOIN stock_items s ON s.pizzeria_id = p.id GROUP BY p.code`,
    );
    expect(perShop).to.have.length(8);
    for (const shop of perShop) expect(shop, shop.code).to.deep.include({ items: ingredients, empty: 0 });
  });

  it('when the demo is seeded, then 3 group suppliers sell every demo ingredient, P01 has its own, and its received orders price its whole menu', async () => {
    await seedDemo(database);

    const suppliers = await rows<{ name: string; code: string | null; items: number }>(
      db,
      `SELECT s.name, p.code, count(i.id)::int AS items FROM suppliers s
         LEFT JOIN pizzerias p ON p.id = s.pizzeria_id LEFT JOIN supplier_items i ON i.supplier_id = s.id
        WHERE s.name = ANY($1::text[]) GROUP BY s.id, s.name, p.code ORDER BY s.name`,
      [DEMO_SUPPLIERS.map((s) => s.name)],
    );
    expect(suppliers.filter((s) => s.code === null)).to.have.length(3);
    expect(suppliers.filter((s) => s.code === 'P01').map((s) => s.name)).to.deep.equal([
      'Boucherie Oberkampf',
    ]);
    const unsold = await rows<{ name: string }>(
      db,
      `SELECT i.name FROM ingredients i WHERE i.name = ANY($1::text[]) AND NOT EXISTS (
         SELECT 1 FROM supplier_items si JOIN suppliers s ON s.id = si.supplier_id
          WHERE si.ingredient_id = i.id AND s.pizzeria_id IS NULL AND s.name = ANY($2::text[]))`,
      [DEMO_INGREDIENTS.map((i) => i.name), DEMO_SUPPLIERS.map((s) => s.name)],
    );
    expect(unsold).to.deep.equal([]);
    const orders = await rows<{ status: string; movements: number; received: number; ordered: number }>(
      db,
      `SELECT po.status::text AS status,
              (SELECT count(*)::int FROM stock_movements m WHERE m.purchase_order_id = po.id AND m.kind = 'receipt') AS movements,
              (SELECT sum(l.received_quantity)::int FROM purchase_order_lines l WHERE l.purchase_order_id = po.id) AS received,
              (SELECT sum(l.packs * l.pack_quantity)::int FROM purchase_order_lines l WHERE l.purchase_order_id = po.id) AS ordered
         FROM purchase_orders po JOIN pizzerias p ON p.id = po.pizzeria_id
        WHERE p.code = 'P01' AND po.note = ANY($1::text[])`,
      [DEMO_PURCHASE_ORDERS.map((o) => o.note)],
    );
    expect(orders).to.have.length(DEMO_PURCHASE_ORDERS.length);
    for (const o of orders) {
      expect(o.status).to.equal('received');
      expect(o.movements).to.be.above(0);
      expect(o.received).to.equal(o.ordered);
    }
    // The dashboard's « Coût matière » of P01: every ingredient of the demo menu has a price, mozzarella the
    // one received (2 125 c the 2,5 kg bloc)
    const [{ id: p01 }] = await rows<{ id: number }>(db, `SELECT id FROM pizzerias WHERE code = 'P01'`);
    const cost = await createFoodCost({ db: database, clock: fixedClock(new Date()) }).foodCost(p01);
    const demoNames = new Set(DEMO_INGREDIENTS.map((i) => i.name));
    expect(cost.unknownPrices.filter((n) => demoNames.has(n))).to.deep.equal([]);
    expect(cost.prices.find((p) => p.name === 'Mozzarella')).to.include({
      source: 'received',
      packPriceCents: 2125,
      packQuantity: 2500,
    });
    const margherita = cost.sizes.find(
      (s) => s.productName === 'Margherita' && s.sizeLabel === 'Sénior 31 cm',
    );
    expect(margherita?.foodCostCents).to.be.within(100, 400);
  });

  it('when the demo is seeded, then every shop has staff of every role, plus the group admin and accountant', async () => {
    await seedDemo(database);

    const perShop = await rows<{ code: string; roles: Record<string, number> }>(
      db,
      `SELECT p.code, json_object_agg(r.role, r.n) AS roles
       FROM pizzerias p
       JOIN (SELECT pizzeria_id, role::text AS role, count(*)::int AS n FROM employees GROUP BY 1, 2) r
         ON r.pizzeria_id = p.id
       GROUP BY p.code`,
    );
    expect(perShop).to.have.length(8);
    for (const shop of perShop)
      expect(shop.roles, shop.code).to.deep.equal({ manager: 1, pizzaiolo: 2, driver: 2, counter: 1 });
    const groupWide = await rows<{ email: string; role: string }>(
      db,
      `SELECT email, role::text AS role FROM employees WHERE pizzeria_id IS NULL ORDER BY email`,
    );
    expect(groupWide).to.deep.equal([
      { email: 'admin@ocpizza.fr', role: 'admin' },
      { email: 'compta@ocpizza.fr', role: 'accountant' },
    ]);
  });

  it('when the demo is seeded, then staff and customers log in with the demo passwords (bcrypt, cost 10)', async () => {
    await seedDemo(database);

    const [staff] = await rows<{ password_hash: string }>(
      db,
      `SELECT password_hash FROM employees WHERE email = 'manager.p01@ocpizza.fr'`,
    );
    const [customer] = await rows<{ password_hash: string }>(
      db,
      `SELECT password_hash FROM customers WHERE email = 'camille.martin@example.fr'`,
    );
    expect(staff.password_hash).to.match(/^\$2[aby]\$10\$/);
    expect(await bcrypt.compare(DEMO_STAFF_PASSWORD, staff.password_hash)).to.equal(true);
    expect(await bcrypt.compare(DEMO_CUSTOMER_PASSWORD, customer.password_hash)).to.equal(true);
    const [{ hashes }] = await rows<{ hashes: number }>(
      db,
      `SELECT count(DISTINCT password_hash)::int AS hashes FROM (
         SELECT password_hash FROM employees UNION ALL SELECT password_hash FROM customers) h`,
    );
    expect(hashes).to.equal(2);
  });

  it('when the demo is seeded, then its orders cover every status, fulfilment, channel and are priced consistently', async () => {
    await seedDemo(database);

    const [mix] = await rows<{
      statuses: string[];
      fulfilments: string[];
      channels: string[];
      methods: string[];
    }>(
      db,
      `SELECT array_agg(DISTINCT status::text) AS statuses, array_agg(DISTINCT fulfilment::text) AS fulfilments,
              array_agg(DISTINCT channel::text) AS channels, array_agg(DISTINCT payment_method::text) AS methods
       FROM orders`,
    );
    expect(mix.statuses).to.have.members(ALL_STATUSES);
    expect(mix.fulfilments).to.have.members(['delivery', 'takeaway']);
    expect(mix.channels).to.have.members(['web', 'phone', 'counter']);
    expect(mix.methods.length).to.be.at.least(3);

    const perShop = await rows<{ n: number }>(
      db,
      `SELECT count(o.id)::int AS n FROM pizzerias p LEFT JOIN orders o ON o.pizzeria_id = p.id GROUP BY p.id`,
    );
    expect(perShop.every((s) => s.n >= 2)).to.equal(true);

    const wrong = await rows<{ number: string }>(
      db,
      `SELECT o.number FROM orders o
       JOIN pizzerias p ON p.id = o.pizzeria_id
       WHERE o.number !~ ('^' || p.code || '-[0-9]{4}$')
          OR o.idempotency_key NOT LIKE 'seed-%'
          OR o.subtotal_cents <> (SELECT sum(line_total_cents) FROM order_lines l WHERE l.order_id = o.id)
          OR EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND l.line_total_cents <> l.unit_price_cents * l.quantity)
          OR o.total_cents <> (SELECT sum((v ->> 'baseCents')::int + (v ->> 'vatCents')::int)
                               FROM jsonb_array_elements(o.vat_breakdown) v)
          OR o.status <> (SELECT to_status FROM order_status_events e WHERE e.order_id = o.id
                          ORDER BY e.created_at DESC, e.id DESC LIMIT 1)
          OR (SELECT count(*) FROM order_status_events e WHERE e.order_id = o.id AND e.from_status IS NULL) <> 1
          OR (o.fulfilment = 'takeaway' AND o.delivery_fee_cents <> 0)
          OR (o.fulfilment = 'delivery' AND o.delivery_fee_cents <>
              CASE WHEN o.subtotal_cents >= p.free_delivery_threshold_cents THEN 0 ELSE p.delivery_fee_cents END)
          OR o.payment_status::text <> CASE
               WHEN o.payment_method = 'card_online' THEN CASE o.status
                 WHEN 'pending_payment' THEN 'pending' WHEN 'received' THEN 'authorized'
                 WHEN 'cancelled' THEN 'voided' ELSE 'paid' END
               WHEN o.status IN ('delivered', 'collected') THEN 'paid'
               ELSE 'unpaid' END
          OR (o.payment_status = 'paid' AND NOT EXISTS (
              SELECT 1 FROM payments pay WHERE pay.order_id = o.id AND pay.status = 'succeeded'
                AND pay.amount_cents = o.total_cents))
          OR o.created_at > now()`,
    );
    expect(wrong.map((o) => o.number)).to.deep.equal([]);

    // Live orders were placed within the hour before the last moment their shop was open: now when it is open,
    // else its last minute of service (placement refuses a closed shop).
    const live = await rows<{ number: string; created_at: Date; hours: OpeningHours; timezone: string }>(
      db,
      `SELECT o.number, o.created_at, p.opening_hours AS hours, p.timezone FROM orders o
       JOIN pizzerias p ON p.id = o.pizzeria_id
       WHERE o.status IN ('received', 'preparing', 'ready', 'out_for_delivery', 'pending_payment')`,
    );
    expect(live).to.have.length.above(0);
    const MINUTE = 60_000;
    const lastOpen = (o: (typeof live)[number]) => {
      let t = Date.now();
      while (!isOpenAt(o.hours, o.timezone, new Date(t))) t -= MINUTE;
      return t;
    };
    for (const o of live)
      expect(o.created_at.getTime(), o.number).to.be.within(lastOpen(o) - 60 * MINUTE, Date.now());
  });

  it('when the demo is seeded twice, then the second run changes no row count, stock level, counter or sequence', async () => {
    const first = await seedDemo(database);
    const countsAfterFirst = await tableCounts(db);
    const before = await fingerprint(db);

    const logged: string[] = [];
    const second = await seedDemo(database, { log: (msg) => logged.push(msg) });

    expect(second).to.deep.equal(first);
    expect(await tableCounts(db)).to.deep.equal(countsAfterFirst);
    expect(await fingerprint(db)).to.deep.equal(before);
    expect(logged.some((msg) => msg.includes('+'))).to.equal(false);
  });

  it('when the demo is seeded, then every stock item equals the sums of its ledger movements', async () => {
    await seedDemo(database);
    await seedDemo(database);

    const untrue = await rows<{ id: number }>(
      db,
      `SELECT s.id FROM stock_items s
       LEFT JOIN stock_movements m ON m.stock_item_id = s.id
       GROUP BY s.id
       HAVING s.on_hand <> coalesce(sum(m.quantity) FILTER (WHERE m.kind IN ('receipt', 'consumption', 'waste', 'adjustment')), 0)
           OR s.reserved <> coalesce(sum(m.quantity) FILTER (WHERE m.kind IN ('reservation', 'release', 'consumption')), 0)`,
    );
    expect(untrue).to.deep.equal([]);
    // Live orders hold reservations; finished ones have consumed; cancelled ones released everything.
    const byStatus = await rows<{ status: string; reserved: number; consumed: number }>(
      db,
      `SELECT o.status::text AS status,
              coalesce(sum(m.quantity) FILTER (WHERE m.kind IN ('reservation', 'release', 'consumption')), 0)::int AS reserved,
              coalesce(-sum(m.quantity) FILTER (WHERE m.kind = 'consumption'), 0)::int AS consumed
       FROM orders o JOIN stock_movements m ON m.order_id = o.id GROUP BY o.id`,
    );
    for (const o of byStatus) {
      if (['pending_payment', 'received'].includes(o.status)) expect(o, o.status).to.include({ consumed: 0 });
      if (['pending_payment', 'received'].includes(o.status)) expect(o.reserved, o.status).to.be.above(0);
      else expect(o.reserved, o.status).to.equal(0);
      if (o.status === 'cancelled') expect(o.consumed).to.equal(0);
    }
  });

  it('when the demo is seeded, then every customer address lies in the delivery zone of a shop', async () => {
    await seedDemo(database);

    const outside = await rows<{ line1: string }>(
      db,
      `SELECT a.line1 FROM addresses a
       WHERE NOT EXISTS (
         SELECT 1 FROM pizzerias p
         WHERE 2 * 6371000 * asin(sqrt(
                 power(sin(radians(a.lat - p.lat) / 2), 2)
                 + cos(radians(p.lat)) * cos(radians(a.lat)) * power(sin(radians(a.lng - p.lng) / 2), 2)
               )) <= p.delivery_radius_m)`,
    );
    expect(outside).to.deep.equal([]);
  });

  it('when the demo is seeded, then P01’s menu has its speciality and its Reine Sénior price, and no other shop’s does', async () => {
    await seedDemo(database);
    const menus = await Promise.all(
      ['P01', 'P02'].map((code) => database.read((ex) => findMenuRows(ex, { code }, new Date()))),
    );
    type Product = { name: string; sizes: { code: string; priceCents: number }[] };
    const [p01, p02] = menus.map((m) => JSON.parse(m!.productsJson) as Product[]);
    const reineM = (products: Product[]) =>
      products.find((p) => p.name === 'Reine')!.sizes.find((s) => s.code === 'M')!.priceCents;
    expect(p01.map((p) => p.name)).to.include('L’Oberkampf');
    expect(p02.map((p) => p.name)).to.not.include('L’Oberkampf');
    expect([reineM(p01), reineM(p02)]).to.deep.equal([1340, 1290]);
  });

  it('when the demo is seeded, then the « épuisé » pizza cannot be made at its shop but can elsewhere', async () => {
    await seedDemo(database);

    const makeable = await rows<{ code: string; sizes: number }>(
      db,
      `SELECT sh.code, count(*) FILTER (WHERE NOT EXISTS (
                 SELECT 1 FROM recipe_lines r JOIN stock_items s ON s.ingredient_id = r.ingredient_id AND s.pizzeria_id = sh.id
                 WHERE r.product_id = p.id
                   AND ceil(r.quantity * ps.recipe_factor_pct / 100.0) > s.on_hand - s.reserved))::int AS sizes
       FROM pizzerias sh CROSS JOIN products p JOIN product_sizes ps ON ps.product_id = p.id
       WHERE p.name = $1 GROUP BY sh.code ORDER BY sh.code`,
      [EXHAUSTED_DEMO.product],
    );
    for (const shop of makeable)
      expect(shop.sizes, shop.code).to.equal(shop.code === EXHAUSTED_DEMO.pizzeria ? 0 : 3);
  });

  it('when the demo is seeded, then every ingredient has reviewed allergens and only beef ones an origin', async () => {
    // As in a demo database seeded before allergens existed: the migration left these « à renseigner ».
    await db.query(`INSERT INTO ingredients (name, unit) VALUES ('Mozzarella', 'g'), ('Merguez', 'g')`);
    // A manager's review is kept as it is.
    await db.query(
      `INSERT INTO ingredients (name, unit, allergens, allergens_reviewed) VALUES ('Chorizo', 'g', '{milk,soybeans}', true)`,
    );
    await seedDemo(database);
    const ingredients = await rows<{
      name: string;
      allergens: string[];
      reviewed: boolean;
      beef: string | null;
    }>(db, `SELECT name, allergens, allergens_reviewed AS reviewed, beef_origin AS beef FROM ingredients`);
    const byName = new Map(ingredients.map((i) => [i.name, i]));
    expect(ingredients.filter((i) => !i.reviewed).map((i) => i.name)).to.deep.equal([]);
    expect(byName.get('Pâte à pizza')!.allergens).to.deep.equal(['gluten']);
    expect(byName.get('Mozzarella')!.allergens).to.deep.equal(['milk']);
    expect(byName.get('Anchois')!.allergens).to.deep.equal(['fish']);
    expect(byName.get('Chorizo')!.allergens).to.deep.equal(['milk', 'soybeans']);
    expect(byName.get('Tiramisu (pot individuel)')!.allergens).to.have.members(['gluten', 'eggs', 'milk']);
    expect(
      ingredients
        .filter((i) => i.beef)
        .map((i) => [i.name, i.beef])
        .sort(),
    ).to.deep.equal([
      ['Merguez', 'Irlande'],
      ['Viande hachée de bœuf', 'France'],
    ]);
  });

  it('when db:seed runs without a configured database, then it explains how to configure one and exits 1', async () => {
    const run = await runSeedCli({});

    expect(run.code).to.equal(1);
    expect(run.stderr)
      .to.include('no database configured')
      .and.include('DATABASE_URL')
      .and.include('npm start');
  });

  describe('under production settings', () => {
    // A complete production configuration: without the refusal, the seeder would connect and create the demo
    // accounts (README passwords) there. The "database" counts the connections it is sent.
    let connections = 0;
    const database = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    let productionEnv: Record<string, string>;
    let folder: string;

    before(async () => {
      await new Promise<void>((resolve) => database.listen(0, '127.0.0.1', resolve));
      const { port } = database.address() as AddressInfo;
      productionEnv = {
        DATABASE_URL: `postgres://ocpizza:pw@127.0.0.1:${port}/ocpizza`,
        SECRET_KEY: 'production-secret-key-for-tests',
        SECRET_ADMIN_URL: 'gestion-x7k2',
        SENTRY_DSN: 'http://public@127.0.0.1:9/1',
        STRIPE_API_KEY: 'sk_test_not_a_real_key',
        STRIPE_WEBHOOK_SECRET: 'whsec_test_not_a_real_secret',
        STRIPE_PUBLISHABLE_KEY: 'pk_test_not_a_real_key',
        MAPS_API_KEY: 'maps-test-key',
        ACCOUNTING_SIREN: '732829320',
        MEDIA_DIR: '/tmp/ocpizza-media',
        SMTP_URL: 'smtp://127.0.0.1:9',
        MAIL_FROM: 'OC Pizza <commandes@ocpizza.example>',
        PUBLIC_URL: 'https://www.ocpizza.example',
        COMPANY_NAME: 'OC Pizza SAS',
        PRIVACY_CONTACT_EMAIL: 'donnees-personnelles@ocpizza.example',
        JOURNAL_SIGNING_KEY: PRODUCTION_TEST_JOURNAL_KEY,
      };
      folder = await mkdtemp(path.join(tmpdir(), 'ocpizza-seed-'));
    });
    after(async () => {
      await new Promise((resolve) => database.close(resolve));
      await rm(folder, { recursive: true, force: true });
    });
    beforeEach(() => (connections = 0));

    const refused = (run: { code: number; stdout: string; stderr: string }) => {
      expect(run.code, run.stdout + run.stderr).to.equal(1);
      expect(run.stderr).to.include('db:seed refuses to run under production settings');
      expect(run.stdout).to.not.include('migrations applied');
      expect(connections, 'connections to the database').to.equal(0);
    };

    it('when OCPIZZA_SETTINGS=production, then db:seed refuses before connecting to the database', async () => {
      refused(await runSeedCli({ ...productionEnv, OCPIZZA_SETTINGS: 'production' }));
    });

    it('when NODE_ENV=production (whatever OCPIZZA_SETTINGS says), then db:seed refuses too', async () => {
      refused(await runSeedCli({ ...productionEnv, OCPIZZA_SETTINGS: '', NODE_ENV: 'production' }));
      refused(
        await runSeedCli({ ...productionEnv, OCPIZZA_SETTINGS: 'development', NODE_ENV: 'production' }),
      );
    });

    it('when the .env of the folder says production, then db:seed refuses even if the shell says development', async () => {
      await writeFile(
        path.join(folder, '.env'),
        Object.entries({ ...productionEnv, OCPIZZA_SETTINGS: 'production' })
          .map(([k, v]) => `${k}=${v}`)
          .join('\n'),
      );
      refused(await runSeedCli({ OCPIZZA_SETTINGS: 'development' }, folder));
    });
  });

  it('when db:seed runs against a database, then it migrates, seeds and prints the row counts', async () => {
    const run = await runSeedCli({ DATABASE_URL: TEST_DATABASE_URL });

    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.include('pizzerias: +8').and.include('rows after seeding');
    const [{ n }] = await rows<{ n: number }>(db, `SELECT count(*)::int AS n FROM orders`);
    expect(n).to.be.at.least(16);
  });
});
