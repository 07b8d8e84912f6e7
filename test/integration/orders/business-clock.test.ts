// The clock of the business rules is injected (src/shared/clock.ts): a test places an order at a given hour
// without editing the shop's opening hours, and every business timestamp the orders, payments and stock services
// write (order, status events, ledger movements, collected payment) is that clock's, not PostgreSQL's now().
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { issueToken } from '../../../src/modules/auth/index.js';
import type { Role } from '../../../src/modules/staff/index.js';
import { fixedClock } from '../../../src/shared/clock.js';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { createEmployee } from '../../factories/people.js';
import {
  createShopWorld,
  customerWithToken,
  newKey,
  takeawayMargherita,
  type ShopWorld,
} from '../../factories/shop.js';

const SERVICE: [string, string][] = [
  ['11:30', '14:30'],
  ['18:00', '23:00'],
];
const LUNCH_AND_EVENING = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, SERVICE]),
);
/** Monday 7 December 2026, Paris time (UTC+1). */
const at = (hhmm: string) => `2026-12-07T${hhmm}:00+01:00`;

describe('the business clock (opening hours and timestamps at an injected time)', () => {
  const clock = fixedClock(at('15:30'));
  let app: TestApp;
  let api: ReturnType<typeof client>;
  let w: ShopWorld;

  before(async () => {
    app = await startTestApp({}, { clock });
    api = client(app.url);
  });
  after(() => app.close());
  beforeEach(async () => {
    w = await createShopWorld(app.db, { shop: { openingHours: LUNCH_AND_EVENING } });
  });

  const rows = <T extends object>(sql: string, bind: unknown[]) =>
    app.db.query<T>(sql, { type: QueryTypes.SELECT, bind });
  /** Staff tokens last 12 hours of the clock: issued at its time. */
  const staffToken = async (role: Role) => {
    const employee = await createEmployee(app.db, { role, pizzeriaId: w.shopId });
    const issued = await app.database.transaction((tx) =>
      issueToken(tx, { employeeId: employee.id }, clock.now()),
    );
    return issued.token;
  };

  it('when the clock says the shop is closed, then placement answers 409 pizzeria_closed; at an open time, 201', async () => {
    const customer = await customerWithToken(app.db);
    const place = () =>
      api.post('/api/orders', {
        token: customer.token,
        body: takeawayMargherita(w),
        headers: { 'Idempotency-Key': newKey() },
      });

    clock.set(at('15:30')); // between lunch and dinner
    const closed = await place();
    expect([closed.status, closed.body.error.code]).to.deep.equal([409, 'pizzeria_closed']);

    clock.set(at('12:15'));
    const open = await place();
    expect(open.status).to.equal(201);
    expect(new Date(open.body.order.estimatedReadyAt).getTime()).to.be.above(new Date(at('12:15')).getTime());

    clock.set(at('23:00')); // closing time: the range ends before it
    const late = await place();
    expect([late.status, late.body.error.code]).to.deep.equal([409, 'pizzeria_closed']);
  });

  it('when an order is placed and handed over at given times, then its rows are dated by the clock, not by the database', async () => {
    const customer = await customerWithToken(app.db);
    clock.set(at('19:00'));
    const pizzaiolo = await staffToken('pizzaiolo');
    const counter = await staffToken('counter');
    const step = (token: string, path: string, body?: unknown) =>
      api.post(`/api/staff/orders/${orderId}/${path}`, { token, body });

    const placed = await api.post('/api/orders', {
      token: customer.token,
      body: takeawayMargherita(w),
      headers: { 'Idempotency-Key': newKey() },
    });
    expect(placed.status).to.equal(201);
    const orderId: string = placed.body.order.id;
    clock.set(at('19:04'));
    expect((await step(pizzaiolo, 'start')).status).to.equal(200);
    clock.set(at('19:15'));
    expect((await step(pizzaiolo, 'ready')).status).to.equal(200);
    clock.set(at('19:31'));
    const total: number = placed.body.order.totalCents;
    const collected = await step(counter, 'collect', {
      payment: { method: 'cash', amountReceivedCents: total },
    });
    expect(collected.status).to.equal(200);

    const iso = (d: Date) => d.toISOString();
    const [order] = await rows<{ created_at: Date; updated_at: Date }>(
      `SELECT created_at, updated_at FROM orders WHERE id = $1`,
      [orderId],
    );
    expect([iso(order.created_at), iso(order.updated_at)]).to.deep.equal([
      iso(new Date(at('19:00'))),
      iso(new Date(at('19:31'))),
    ]);
    const events = await rows<{ to_status: string; created_at: Date }>(
      `SELECT to_status, created_at FROM order_status_events WHERE order_id = $1 ORDER BY id`,
      [orderId],
    );
    expect(events.map((e) => [e.to_status, iso(e.created_at)])).to.deep.equal([
      ['received', iso(new Date(at('19:00')))],
      ['preparing', iso(new Date(at('19:04')))],
      ['ready', iso(new Date(at('19:15')))],
      ['collected', iso(new Date(at('19:31')))],
    ]);
    const moves = await rows<{ kind: string; at: Date }>(
      `SELECT DISTINCT kind::text, created_at AS at FROM stock_movements WHERE order_id = $1 ORDER BY 2`,
      [orderId],
    );
    expect(moves.map((m) => [m.kind, iso(m.at)])).to.deep.equal([
      ['reservation', iso(new Date(at('19:00')))],
      ['consumption', iso(new Date(at('19:04')))],
    ]);
    const payments = await rows<{ provider: string; created_at: Date; updated_at: Date }>(
      `SELECT provider::text, created_at, updated_at FROM payments WHERE order_id = $1`,
      [orderId],
    );
    expect(payments.map((p) => [p.provider, iso(p.created_at), iso(p.updated_at)])).to.deep.equal([
      ['cash', iso(new Date(at('19:31'))), iso(new Date(at('19:31')))],
    ]);
  });
});
