// Benchmark 12, a customer's personal-data export and erasure (issue 21: « generated on request, within
// seconds »), on its own database (ocpizza_bench_privacy: migrated, demo shops and menu) holding one heavy
// customer — 3,000 orders over five years (two lines, four status events and a payment each), 5 addresses, 500
// sign-ins, 6,000 e-mail copies — among 200,000 orders of other customers, written by PostgreSQL from
// generate_series. The export runs through the privacy service as GET /api/me/export does, 5 times (median);
// then the erasure runs once (it is one transaction: every holder's part, the account deleted).
// Goals: export < 2 s, erasure < 5 s. The database is dropped at the end (BENCH_KEEP_DB=1 keeps it).
import type pg from 'pg';
import { log, median, round, verdict, withClient, type BenchResult } from './lib.js';
import { withOwnDatabase } from './setup.js';

const PRIVACY_DB = 'ocpizza_bench_privacy';
const CLOCK = '2026-12-05T10:00:00Z';
const HEAVY_ORDERS = 3_000;
const OTHER_ORDERS = 200_000;
const RUNS = 5;
const GOAL_EXPORT_SECONDS = 2;
const GOAL_ERASURE_SECONDS = 5;

/** The heavy customer (id returned) and another one the other orders belong to. */
const CUSTOMERS_SQL = `
INSERT INTO customers (email, password_hash, first_name, last_name, phone, created_at, updated_at)
VALUES ('fidele@example.test', '$2b$10$8Bg57QVPryFP6oslbo3VpeIWuUbxHCsgTCLppuh7JH8.khgPm/daa', 'Camille', 'Fidèle',
        '06 12 34 56 78', $1::timestamptz - interval '5 years', $1::timestamptz - interval '5 years'),
       ('autre@example.test', '$2b$10$8Bg57QVPryFP6oslbo3VpeIWuUbxHCsgTCLppuh7JH8.khgPm/daa', 'Autre', 'Client',
        NULL, $1::timestamptz - interval '5 years', $1::timestamptz - interval '5 years')
RETURNING id`;

const ORDERS_SQL = `
INSERT INTO orders (number, pizzeria_id, customer_id, customer_name, customer_phone, channel, fulfilment, status,
  delivery_line1, delivery_postcode, delivery_city, delivery_lat, delivery_lng, subtotal_cents, delivery_fee_cents,
  total_cents, payment_method, payment_status, created_at, updated_at)
SELECT $4 || lpad(i::text, 7, '0'), (SELECT min(id) FROM pizzerias), $2::int,
       (SELECT first_name || ' ' || last_name FROM customers WHERE id = $2), '06 12 34 56 78',
       'web', 'delivery', 'delivered', (i % 5 + 1) || ' rue des Lilas', '75011', 'Paris', 48.85, 2.37,
       2580, 0, 2580, 'cash', 'paid', at, at + interval '40 minutes'
  FROM generate_series(1, $3::int) i
  CROSS JOIN LATERAL (SELECT $1::timestamptz - interval '5 years' * ($3::int - i) / $3::int - interval '1 day' AS at) t
`;

async function generate(c: pg.Client): Promise<number> {
  const started = performance.now();
  const { rows: people } = await c.query<{ id: number }>(CUSTOMERS_SQL, [CLOCK]);
  const [heavy, other] = people.map((p) => p.id);
  await c.query(ORDERS_SQL, [CLOCK, other, OTHER_ORDERS, 'B']);
  await c.query(ORDERS_SQL, [CLOCK, heavy, HEAVY_ORDERS, 'F']);
  await c.query(
    `INSERT INTO order_lines (order_id, position, product_id, product_size_id, product_name, size_label,
            unit_price_cents, quantity, vat_rate_bp, line_total_cents)
     SELECT o.id, n, s.product_id, s.id, 'Margherita', 'Moyenne', 1290, 1, 1000, 1290
       FROM orders o CROSS JOIN generate_series(1, 2) n
       CROSS JOIN LATERAL (SELECT id, product_id FROM product_sizes ORDER BY id LIMIT 1) s
      WHERE o.customer_id = $1`,
    [heavy],
  );
  await c.query(
    `INSERT INTO order_status_events (order_id, from_status, to_status, actor_type, created_at)
     SELECT o.id, x.f::order_status, x.t::order_status, 'system', o.created_at
       FROM orders o CROSS JOIN (VALUES (NULL, 'received'), ('received', 'preparing'), ('preparing', 'ready'),
                                        ('ready', 'out_for_delivery')) x(f, t)
      WHERE o.customer_id = $1`,
    [heavy],
  );
  await c.query(
    `INSERT INTO payments (order_id, provider, amount_cents, status)
     SELECT id, 'cash', total_cents, 'succeeded' FROM orders WHERE customer_id = $1`,
    [heavy],
  );
  await c.query(
    `INSERT INTO addresses (customer_id, label, line1, postcode, city, lat, lng, is_default)
     SELECT $1, 'Adresse ' || n, n || ' rue des Lilas', '75011', 'Paris', 48.85, 2.37, n = 1
       FROM generate_series(1, 5) n`,
    [heavy],
  );
  await c.query(
    `INSERT INTO auth_tokens (token_hash, subject, customer_id, expires_at, created_at)
     SELECT md5(n::text) || md5((n + 1)::text), 'customer', $1, $2::timestamptz - n * interval '3 days',
            $2::timestamptz - n * interval '3 days' - interval '30 days'
       FROM generate_series(1, 500) n`,
    [heavy, CLOCK],
  );
  await c.query(
    `INSERT INTO outbox (key, kind, recipient, recipient_name, payload, order_id, customer_id, status, created_at)
     SELECT 'bench-' || o.id || '-' || n, 'order.delivered', 'fidele@example.test', 'Camille Fidèle',
            jsonb_build_object('number', o.number), o.id, $1, 'sent', o.created_at
       FROM orders o CROSS JOIN generate_series(1, 2) n WHERE o.customer_id = $1`,
    [heavy],
  );
  await c.query('VACUUM ANALYZE');
  log(`privacy: data written in ${round((performance.now() - started) / 1000, 1)} s`);
  return heavy;
}

export function privacyExportBench(): Promise<BenchResult> {
  return withOwnDatabase(PRIVACY_DB, CLOCK, async ({ services }) => {
    const customerId = await withClient(PRIVACY_DB, generate);
    const times: number[] = [];
    let bytes = 0;
    let orders = 0;
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      const document = await services.privacy.exportCustomer(customerId);
      bytes = JSON.stringify(document).length; // what the route sends
      times.push((performance.now() - t) / 1000);
      orders = (document.data.orders?.orders as unknown[] | undefined)?.length ?? 0;
    }
    const exportSeconds = round(median(times), 3);
    const t = performance.now();
    const erased = await services.privacy.eraseCustomer(customerId, { origin: 'retention' });
    const erasureSeconds = round((performance.now() - t) / 1000, 3);
    const met =
      orders === HEAVY_ORDERS && exportSeconds < GOAL_EXPORT_SECONDS && erasureSeconds < GOAL_ERASURE_SECONDS;
    return {
      summary:
        `privacy: the export of a customer with ${orders} orders (${round(bytes / 1e6, 1)} MB of JSON) among ` +
        `${OTHER_ORDERS + HEAVY_ORDERS} took ${exportSeconds} s median of ${RUNS} (worst ` +
        `${round(Math.max(...times), 3)} s; goal < ${GOAL_EXPORT_SECONDS} s); their erasure ${erasureSeconds} s ` +
        `(${erased.rows.orders ?? 0} orders anonymised; goal < ${GOAL_ERASURE_SECONDS} s): ${verdict(met)}`,
      met,
      figures: {
        orders,
        bytes,
        exportSeconds,
        exportRuns: times.map((x) => round(x, 3)),
        erasureSeconds,
        erasedRows: erased.rows,
      },
    };
  });
}
