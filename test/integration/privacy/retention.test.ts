// The daily retention job on real PostgreSQL, at a settable clock: each category erases or deletes what is past
// its period and nothing else (amounts stay), a second run does nothing, two instances at once run once, the
// run's log line holds counts and no person, and a run stops at its limit (the next one continues).
import { expect } from 'chai';
import { pino, type Logger } from 'pino';
import { QueryTypes } from 'sequelize';
import { createPizzeria } from '../../factories/catalog.js';
import { insertOrder } from '../../factories/orders.js';
import { createCustomer, createEmployee, tokenFor } from '../../factories/people.js';
import { client } from '../../helpers/api.js';
import { startTestApp, testSettings, type TestApp } from '../../helpers/app.js';
import { TEST_DATABASE_URL } from '../../helpers/db.js';
import { AdminClient } from '../admin/support.js';
import { createDatabase } from '../../../src/db/executor.js';
import { LocalEventBus } from '../../../src/realtime/events.js';
import { fixedClock } from '../../../src/shared/clock.js';
import { createLogger } from '../../../src/shared/logger.js';
import { createServices } from '../../../src/wiring.js';

/** 04:30 in Paris: the run (RETENTION_HOUR 4) is due. */
const NOW = new Date('2026-12-05T03:30:00Z');
const DAY = 24 * 3600 * 1000;
const ago = (days: number, ms = 0) => new Date(NOW.getTime() - days * DAY - ms);
const SETTINGS = { RETENTION_BATCH_SIZE: '2', RETENTION_MAX_PER_RUN: '5', RETENTION_HOUR: '4' };

describe('privacy: the daily retention job', () => {
  const clock = fixedClock(NOW);
  let app: TestApp;

  before(async () => {
    app = await startTestApp(SETTINGS, { clock });
  });
  beforeEach(() => clock.set(NOW));
  after(() => app.close());

  const sql = <T extends object>(query: string, bind: unknown[] = []) =>
    app.db.query<T>(query, { type: QueryTypes.SELECT, bind });
  const run = (logger?: Logger) => app.services.retention.runOnce(logger);

  /** A finished (or not) order last changed `days` ago, with a phone, a note and a noted status event. */
  async function order(shopId: number, status: string, days: number, customerId: number | null = null) {
    const o = await insertOrder(app.db, { pizzeriaId: shopId, status, customerId });
    await app.db.query(
      `UPDATE orders SET customer_phone = '06 11 22 33 44', note = 'Sonner deux fois', updated_at = $2
        WHERE id = $1`,
      { bind: [o.id, ago(days)] },
    );
    await app.db.query(
      `INSERT INTO order_status_events (order_id, to_status, actor_type, note) VALUES ($1, 'received', 'system', 'Code 1234')`,
      { bind: [o.id] },
    );
    return o.id;
  }

  async function orderRow(id: string) {
    const [row] = await sql<Record<string, unknown>>(
      `SELECT customer_name, customer_phone, delivery_line1, delivery_city, note, personal_data_erased_at,
              subtotal_cents, total_cents, vat_breakdown, payment_status,
              (SELECT array_agg(note) FROM order_status_events e WHERE e.order_id = o.id) AS notes
         FROM orders o WHERE id = $1`,
      [id],
    );
    return row;
  }

  /** Every table the job may touch, row by row (what an idempotent run must leave as it is). */
  async function snapshot() {
    const tables = [
      'orders',
      'order_status_events',
      'customers',
      'employees',
      'auth_tokens',
      'password_reset_tokens',
      'admin_sessions',
      'rate_limits',
      'geocode_cache',
      'outbox',
    ];
    const out: Record<string, unknown> = {};
    for (const t of tables) out[t] = await sql(`SELECT to_jsonb(x) AS row FROM ${t} x ORDER BY 1::text`);
    for (const t of tables) out[t] = (out[t] as { row: unknown }[]).map((r) => JSON.stringify(r.row)).sort();
    return out;
  }

  it('when finished orders are past RETENTION_ORDER_DETAILS_DAYS, then their personal data is erased and their amounts stay; a day younger, or in progress, they are untouched', async () => {
    const shop = await createPizzeria(app.db);
    const old = await order(shop, 'delivered', 366);
    const oldCancelled = await order(shop, 'cancelled', 400);
    const younger = await order(shop, 'delivered', 364);
    const inProgress = await order(shop, 'out_for_delivery', 400);
    const before = await orderRow(old);

    const report = await run();

    expect(report!.counts.orders).to.equal(2);
    const erased = await orderRow(old);
    expect(erased).to.include({
      customer_name: 'Anonyme',
      customer_phone: null,
      delivery_line1: null,
      delivery_city: null,
      note: null,
    });
    expect(erased.notes).to.deep.equal([null]);
    expect(erased.personal_data_erased_at).to.be.an.instanceOf(Date);
    for (const k of ['subtotal_cents', 'total_cents', 'vat_breakdown', 'payment_status'])
      expect(erased[k], k).to.deep.equal(before[k]);
    expect((await orderRow(oldCancelled)).customer_name).to.equal('Anonyme');
    for (const id of [younger, inProgress]) {
      const row = await orderRow(id);
      expect(row).to.include({ customer_name: 'Camille Martin', customer_phone: '06 11 22 33 44' });
      expect(row.personal_data_erased_at).to.equal(null);
      expect(row.notes).to.deep.equal(['Code 1234']);
    }
  });

  it('when tokens, reset links, back-office sessions, rate-limit windows and geocoding entries are dead or old, then they are deleted and the live ones stay', async () => {
    const customer = await createCustomer(app.db);
    const live = await tokenFor(app.db, { customerId: customer.id });
    const tokens = await sql<{ id: number }>(`SELECT id FROM auth_tokens`);
    await app.db.query(
      `INSERT INTO auth_tokens (token_hash, subject, customer_id, expires_at, revoked_at) VALUES
         (repeat('a', 64), 'customer', $1, $2, NULL), (repeat('b', 64), 'customer', $1, $3, $4)`,
      { bind: [customer.id, ago(0, 1000), ago(-10), ago(1)] },
    );
    await app.db.query(
      `INSERT INTO password_reset_tokens (token_hash, subject, customer_id, expires_at, used_at) VALUES
         (repeat('c', 64), 'customer', $1, $2, NULL), (repeat('d', 64), 'customer', $1, $3, $4),
         (repeat('e', 64), 'customer', $1, $3, NULL)`,
      { bind: [customer.id, ago(0, 1000), ago(0, -3_600_000), ago(0, 60_000)] },
    );
    await app.db.query(
      `INSERT INTO admin_sessions (sid, sess, expire) VALUES ('old', '{}', $1), ('live', '{}', $2)`,
      { bind: [ago(0, 1000), ago(-1)] },
    );
    await app.db.query(
      `INSERT INTO rate_limits (key, window_start, count) VALUES
         ('customer-login:email:a@example.test', $1, 3), ('customer-login:email:b@example.test', $2, 1)`,
      { bind: [ago(2), ago(0, 3_600_000)] },
    );
    await app.db.query(
      `INSERT INTO geocode_cache (address_key, query, found, lat, lng, created_at) VALUES
         ('old', '1 rue A, Paris', true, 48.8, 2.3, $1), ('recent', '2 rue B, Paris', true, 48.8, 2.3, $2)`,
      { bind: [ago(91), ago(89)] },
    );

    const report = await run();

    expect(report!.counts).to.include({
      auth_tokens: 2,
      password_reset_tokens: 2,
      admin_sessions: 1,
      rate_limits: 1,
      geocode_cache: 1,
    });
    expect((await sql<{ id: number }>(`SELECT id FROM auth_tokens`)).map((r) => r.id)).to.deep.equal(
      tokens.map((t) => t.id),
    );
    expect(live.token).to.be.a('string');
    expect(await sql(`SELECT token_hash FROM password_reset_tokens`)).to.deep.equal([
      { token_hash: 'e'.repeat(64) },
    ]);
    expect(await sql(`SELECT sid FROM admin_sessions`)).to.deep.equal([{ sid: 'live' }]);
    expect(await sql(`SELECT key FROM rate_limits`)).to.deep.equal([
      { key: 'customer-login:email:b@example.test' },
    ]);
    expect(await sql(`SELECT address_key FROM geocode_cache`)).to.deep.equal([{ address_key: 'recent' }]);
  });

  it('when copies of e-mails were sent or given up more than RETENTION_OUTBOX_DAYS ago, then they are deleted; younger ones and messages still to send stay', async () => {
    const message = (key: string, status: string, days: number) =>
      app.db.query(
        `INSERT INTO outbox (key, kind, recipient, recipient_name, payload, status, created_at)
         VALUES ($1, 'order.delivered', 'claire@example.test', 'Claire Martin', '{"address": "3 rue des Lilas"}', $2, $3)`,
        { bind: [key, status, ago(days)] },
      );
    await message('old-sent', 'sent', 91);
    await message('old-failed', 'failed', 91);
    await message('old-pending', 'pending', 91);
    await message('recent-sent', 'sent', 89);

    const report = await run();

    expect(report!.counts.outbox).to.equal(2);
    expect(
      (await sql<{ key: string }>(`SELECT key FROM outbox ORDER BY key`)).map((r) => r.key),
    ).to.deep.equal(['old-pending', 'recent-sent']);
  });

  it('when an employee left more than RETENTION_STAFF_DAYS ago, then they are anonymised with their tokens, sessions and messages gone, and the history keeps their role and shop but no name', async () => {
    const shop = await createPizzeria(app.db);
    const gone = await createEmployee(app.db, { role: 'driver', pizzeriaId: shop });
    const recent = await createEmployee(app.db, { role: 'pizzaiolo', pizzeriaId: shop });
    const [{ last_name: goneName }] = await sql<{ last_name: string }>(
      `SELECT last_name FROM employees WHERE id = $1`,
      [gone.id],
    );
    await tokenFor(app.db, { employeeId: gone.id });
    await app.db.query(
      `UPDATE employees SET active = false, phone = '06 99 88 77 66',
              deactivated_at = CASE id WHEN $1 THEN $3::timestamptz ELSE $4::timestamptz END
        WHERE id IN ($1, $2)`,
      { bind: [gone.id, recent.id, ago(366), ago(364)] },
    );
    await app.db.query(
      `INSERT INTO password_reset_tokens (token_hash, subject, employee_id, expires_at) VALUES (repeat('f', 64), 'employee', $1, $2)`,
      { bind: [gone.id, ago(-1)] },
    );
    await app.db.query(`INSERT INTO admin_sessions (sid, sess, expire) VALUES ('theirs', $1, $2)`, {
      bind: [JSON.stringify({ adminUser: { employeeId: String(gone.id) } }), ago(-1)],
    });
    await app.db.query(
      `INSERT INTO outbox (key, kind, recipient, recipient_name, employee_id, message_id)
       VALUES ('staff-msg', 'staff.password_reset', $1, $2, $3, '<m@x>')`,
      { bind: [gone.email, `Prénom ${goneName}`, gone.id] },
    );
    const delivered = await order(shop, 'delivered', 10);
    await app.db.query(
      `INSERT INTO order_status_events (order_id, from_status, to_status, actor_type, actor_employee_id)
       VALUES ($1, 'out_for_delivery', 'delivered', 'employee', $2)`,
      { bind: [delivered, gone.id] },
    );
    await app.db.query(`UPDATE orders SET delivered_by_employee_id = $2 WHERE id = $1`, {
      bind: [delivered, gone.id],
    });

    const report = await run();

    expect(report!.counts.employees).to.equal(1);
    const [row] = await sql<Record<string, unknown>>(
      `SELECT first_name, last_name, email, phone, role, pizzeria_id, active, anonymised_at FROM employees WHERE id = $1`,
      [gone.id],
    );
    expect(row).to.include({
      first_name: 'Ancien',
      last_name: `employé n° ${gone.id}`,
      email: `ancien-${gone.id}@anonyme.invalid`,
      phone: null,
      role: 'driver',
      pizzeria_id: shop,
      active: false,
    });
    expect(row.anonymised_at).to.be.an.instanceOf(Date);
    for (const t of ['auth_tokens', 'password_reset_tokens', 'outbox'])
      expect(await sql(`SELECT 1 FROM ${t} WHERE employee_id = $1`, [gone.id]), t).to.deep.equal([]);
    expect(await sql(`SELECT sid FROM admin_sessions`)).to.deep.equal([]);
    // The old password no longer signs in anywhere.
    const api = client(app.url);
    const login = await api.post('/api/staff/login', {
      body: { email: gone.email, password: gone.password },
    });
    expect(login.status).to.equal(401);
    const [{ first_name: recentName }] = await sql<{ first_name: string }>(
      `SELECT first_name FROM employees WHERE id = $1`,
      [recent.id],
    );
    expect(recentName).to.equal('Prénom');

    // The history: the order's staff view and the back office keep the role and shop, and no name.
    const manager = await createEmployee(app.db, { role: 'manager', pizzeriaId: shop });
    const { token } = await tokenFor(app.db, { employeeId: manager.id });
    const staffView = await api.get(`/api/staff/orders/${delivered}`, { token });
    expect(staffView.status).to.equal(200);
    expect(staffView.body.order.history.map((h: { to: string }) => h.to)).to.include('delivered');
    expect(JSON.stringify(staffView.body)).not.to.include(goneName);
    const admin = await createEmployee(app.db, { role: 'admin' });
    const backOffice = new AdminClient(app);
    expect((await backOffice.login(admin.email, admin.password)).status).to.equal(302);
    const events = await backOffice.list('order_status_events', `filters.orderId=${delivered}`);
    const byEmployee = events.body.records.find(
      (r: { params: Record<string, unknown> }) => String(r.params.actorEmployeeId) === String(gone.id),
    );
    expect(byEmployee, 'the delivery event keeps its actor').to.not.equal(undefined);
    const shown = await backOffice.show('employees', gone.id);
    expect(shown.body.record.params).to.include({ role: 'driver', pizzeriaId: shop, firstName: 'Ancien' });
    expect(JSON.stringify([events.body, shown.body])).not.to.include(goneName);
    expect(JSON.stringify([events.body, shown.body])).not.to.include(gone.email);
  });

  it('when the inactive accounts are read, then only those with no order, sign-in or change for RETENTION_CUSTOMER_INACTIVE_DAYS and no order in progress are candidates', async () => {
    const shop = await createPizzeria(app.db);
    const make = async () => (await createCustomer(app.db)).id;
    const [idle, orderedLately, loggedInLately, changedLately, busy, tokenLately] = [
      await make(),
      await make(),
      await make(),
      await make(),
      await make(),
      await make(),
    ];
    await app.db.query(`UPDATE customers SET created_at = $1, updated_at = $1`, { bind: [ago(1100)] });
    const recentOrder = await insertOrder(app.db, {
      pizzeriaId: shop,
      customerId: orderedLately,
      status: 'delivered',
    });
    await app.db.query(`UPDATE orders SET created_at = $2 WHERE id = $1`, {
      bind: [recentOrder.id, ago(1000)],
    });
    await app.db.query(`UPDATE customers SET last_login_at = $2 WHERE id = $1`, {
      bind: [loggedInLately, ago(30)],
    });
    await app.db.query(`UPDATE customers SET updated_at = $2 WHERE id = $1`, {
      bind: [changedLately, ago(2)],
    });
    const stuck = await insertOrder(app.db, { pizzeriaId: shop, customerId: busy, status: 'received' });
    await app.db.query(`UPDATE orders SET created_at = $2 WHERE id = $1`, { bind: [stuck.id, ago(1200)] });
    await tokenFor(app.db, { customerId: tokenLately });

    const ids = await app.services.customers.inactiveCustomers(ago(1095), 0, 100);

    expect(ids).to.deep.equal([idle]);
    expect(await app.services.customers.inactiveCustomers(ago(1095), idle, 100)).to.deep.equal([]);
  });

  it('when an account is inactive for RETENTION_CUSTOMER_INACTIVE_DAYS, then the run erases it through the privacy service (logged as retention) and leaves the active ones', async () => {
    const shop = await createPizzeria(app.db);
    const idle = await createCustomer(app.db);
    const active = await createCustomer(app.db);
    await app.db.query(`UPDATE customers SET created_at = $1, updated_at = $1`, { bind: [ago(1100)] });
    const oldOrder = await order(shop, 'delivered', 1100, idle.id);
    await app.db.query(`UPDATE orders SET created_at = $2 WHERE id = $1`, { bind: [oldOrder, ago(1100)] });
    await app.db.query(`UPDATE customers SET last_login_at = $2 WHERE id = $1`, {
      bind: [active.id, ago(10)],
    });

    const report = await run();

    expect(report!.counts.customers).to.equal(1);
    expect(report!.customersSkipped).to.equal(0);
    expect((await sql<{ id: number }>(`SELECT id FROM customers`)).map((r) => r.id)).to.deep.equal([
      active.id,
    ]);
    expect(await sql(`SELECT kind::text, origin::text, customer_id FROM privacy_requests`)).to.deep.equal([
      { kind: 'erasure', origin: 'retention', customer_id: idle.id },
    ]);
    const erased = await orderRow(oldOrder);
    expect(erased).to.include({ customer_name: 'Anonyme', customer_phone: null, total_cents: 2580 });
  });

  it('when a customer signs in, then the account keeps the time (inactivity outlives the purged token)', async () => {
    const customer = await createCustomer(app.db);
    clock.set('2026-11-01T10:00:00Z');
    const res = await client(app.url).post('/api/auth/login', {
      body: { email: customer.email, password: customer.password },
    });
    expect(res.status).to.equal(200);
    const [row] = await sql<{ last_login_at: Date }>(`SELECT last_login_at FROM customers WHERE id = $1`, [
      customer.id,
    ]);
    expect(row.last_login_at.toISOString()).to.equal('2026-11-01T10:00:00.000Z');
  });

  it('when the job runs again right after, then it does nothing: counts all zero and every row as it was', async () => {
    const shop = await createPizzeria(app.db);
    await order(shop, 'delivered', 500);
    await order(shop, 'delivered', 10);
    const emp = await createEmployee(app.db, { role: 'counter', pizzeriaId: shop });
    await app.db.query(`UPDATE employees SET active = false, deactivated_at = $2 WHERE id = $1`, {
      bind: [emp.id, ago(400)],
    });
    await app.db.query(
      `INSERT INTO geocode_cache (address_key, query, found, lat, lng, created_at) VALUES ('old', 'q', true, 48.8, 2.3, $1)`,
      { bind: [ago(200)] },
    );
    const first = await run();
    expect(first!.counts).to.include({ orders: 1, employees: 1, geocode_cache: 1 });
    const after = await snapshot();

    const second = await run();

    expect(Object.values(second!.counts)).to.deep.equal(Object.values(second!.counts).map(() => 0));
    expect(second!.failed).to.deep.equal([]);
    expect(await snapshot()).to.deep.equal(after);
  });

  it('when two instances check at once at the run’s hour, then one runs and records the day, the other does nothing, and later checks that day do nothing', async () => {
    const shop = await createPizzeria(app.db);
    for (let i = 0; i < 3; i++) await order(shop, 'delivered', 400 + i);
    const settings = testSettings(SETTINGS);
    const other = createDatabase({
      url: TEST_DATABASE_URL,
      poolMax: 3,
      applicationName: 'ocpizza-tests-2nd',
    });
    try {
      const second = createServices({
        settings,
        logger: createLogger('silent'),
        db: other,
        bus: new LocalEventBus(),
        clock,
      });
      clock.set(new Date('2026-12-05T02:59:00Z')); // 03:59 in Paris: not yet
      expect(await app.services.retention.runIfDue()).to.equal(null);

      clock.set(NOW);
      const reports = await Promise.all([app.services.retention.runIfDue(), second.retention.runIfDue()]);

      const ran = reports.filter((r) => r !== null);
      expect(ran).to.have.length(1);
      expect(ran[0]!.counts.orders).to.equal(3);
      expect(
        await sql(`SELECT day::text AS day, report -> 'counts' ->> 'orders' AS orders FROM retention_runs`),
      ).to.deep.equal([{ day: '2026-12-05', orders: '3' }]);
      clock.set(new Date('2026-12-05T20:00:00Z'));
      expect(await second.retention.runIfDue()).to.equal(null);
      expect(await app.services.retention.runIfDue()).to.equal(null);
      expect(
        await sql(`SELECT count(*)::int AS n FROM orders WHERE personal_data_erased_at IS NOT NULL`),
      ).to.deep.equal([{ n: 3 }]);
    } finally {
      await other.close();
    }
  });

  it('when it runs, then it logs one info line with the counts per category and no e-mail or name', async () => {
    const shop = await createPizzeria(app.db);
    await order(shop, 'delivered', 500);
    const emp = await createEmployee(app.db, { role: 'counter', pizzeriaId: shop });
    await app.db.query(`UPDATE employees SET active = false, deactivated_at = $2 WHERE id = $1`, {
      bind: [emp.id, ago(400)],
    });
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });

    await run(logger);

    const info = lines.filter((l) => l.level === 30);
    expect(info).to.have.length(1);
    expect(info[0].msg).to.equal('retention run');
    expect((info[0].retention as { counts: Record<string, number> }).counts).to.include({
      orders: 1,
      employees: 1,
    });
    const text = JSON.stringify(lines);
    for (const personal of [emp.email, 'Camille Martin', 'Employé', '06 11 22 33 44', '12 rue Oberkampf'])
      expect(text).not.to.include(personal);
  });

  it('when there are more candidates than the per-run limit, then the run stops at the limit in batches and the next run continues', async () => {
    const shop = await createPizzeria(app.db);
    for (let i = 0; i < 7; i++) await order(shop, 'delivered', 400 + i);
    const statements: string[] = [];
    const stop = app.database.observe((s) => statements.push(s));
    let first;
    try {
      first = await run();
    } finally {
      stop();
    }
    expect(first!.counts.orders).to.equal(5);
    // Batches of 2, 2 and 1: three short transactions for the orders.
    expect(statements.filter((s) => s.includes('FROM orders') && s.includes('SKIP LOCKED'))).to.have.length(
      3,
    );
    expect((await run())!.counts.orders).to.equal(2);
    expect((await run())!.counts.orders).to.equal(0);
    expect(
      await sql(`SELECT count(*)::int AS n FROM orders WHERE personal_data_erased_at IS NULL`),
    ).to.deep.equal([{ n: 0 }]);
  });
});
