// Orders for later (« Pour plus tard »): the slots a shop offers, placement in a slot while the shop is closed,
// the slot's capacity, and the kitchen queue that shows such an order only from its start time. The clock of the
// business rules is moved; the shop serves lunch and dinner every day (Paris time).
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
  stockOf,
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
/** Monday 7 December 2026 (day 7) or the next days, Paris time (UTC+1). */
const at = (hhmm: string, day = 7) => new Date(`2026-12-${String(day).padStart(2, '0')}T${hhmm}:00+01:00`);
const iso = (hhmm: string, day = 7) => at(hhmm, day).toISOString();
const address = { line1: '10 rue de la Roquette', postcode: '75011', city: 'Paris' };

describe('orders for later (slots, placement, capacity, kitchen start time)', () => {
  const clock = fixedClock(at('15:30'));
  let app: TestApp;
  let api: ReturnType<typeof client>;
  let w: ShopWorld;
  let customer: Awaited<ReturnType<typeof customerWithToken>>;

  before(async () => {
    app = await startTestApp({}, { clock });
    api = client(app.url);
  });
  after(() => app.close());
  beforeEach(async () => {
    clock.set(at('15:30')); // between lunch and dinner: closed
    w = await createShopWorld(app.db, { shop: { openingHours: LUNCH_AND_EVENING } });
    customer = await customerWithToken(app.db);
  });

  const setCapacity = (n: number) =>
    app.db.query(`UPDATE pizzerias SET slot_capacity = $1 WHERE id = $2`, { bind: [n, w.shopId] });
  const slots = (fulfilment: string, date?: string) =>
    api.get(`/api/pizzerias/${w.shopId}/slots?fulfilment=${fulfilment}${date ? `&date=${date}` : ''}`);
  const place = (body: Record<string, unknown>, token = customer.token) =>
    api.post('/api/orders', { token, body, headers: { 'Idempotency-Key': newKey() } });
  const forLater = (when: string, fulfilment = 'takeaway') =>
    place(
      fulfilment === 'takeaway'
        ? { ...takeawayMargherita(w), scheduledFor: when }
        : {
            ...takeawayMargherita(w),
            fulfilment,
            address,
            // Two pizzas: above the 15 € minimum of a delivery.
            items: [{ productId: w.margherita.productId, sizeId: w.margherita.sizeM, quantity: 2 }],
            scheduledFor: when,
          },
    );
  const staffToken = async (role: Role) => {
    const employee = await createEmployee(app.db, { role, pizzeriaId: w.shopId });
    return (await app.database.transaction((tx) => issueToken(tx, { employeeId: employee.id }, clock.now())))
      .token;
  };
  const kitchenIds = async (token: string) => {
    const res = await api.get(`/api/staff/kitchen`, { token });
    expect(res.status).to.equal(200);
    return res.body.orders.map((o: { id: string }) => o.id);
  };

  it('when slots are asked at 15:30, then today lists every quarter-hour the kitchen can meet within the hours, tomorrow both services, later days 400', async () => {
    await setCapacity(4);
    const takeaway = await slots('takeaway');
    expect(takeaway.status).to.equal(200);
    const times = takeaway.body.slots.map((s: { at: string }) => s.at);
    // Preparation 10 min: the first start at 18:00 gives 18:15 (18:00 itself would start at 17:50, closed);
    // ready at 22:45 is the last before closing.
    expect([times[0], times.at(-1), times.length]).to.deep.equal([iso('18:15'), iso('22:45'), 19]);
    expect(takeaway.body).to.include({ date: '2026-12-07', capacity: 4, fulfilment: 'takeaway' });
    expect(takeaway.body.slots.every((s: { left: number }) => s.left === 4)).to.equal(true);

    // Delivery adds the drive to the edge of the 3 km zone: 3000 m × 1.3 at 18 km/h = 13 min.
    const delivery = (await slots('delivery')).body.slots.map((s: { at: string }) => s.at);
    expect([delivery[0], delivery.at(-1), delivery.length]).to.deep.equal([iso('18:30'), iso('23:00'), 19]);

    const tomorrow = (await slots('takeaway', '2026-12-08')).body.slots.map((s: { at: string }) => s.at);
    expect([tomorrow[0], tomorrow[10], tomorrow[11], tomorrow.length]).to.deep.equal([
      iso('11:45', 8),
      iso('14:15', 8),
      iso('18:15', 8),
      30,
    ]);
    const later = await slots('takeaway', '2026-12-09');
    expect([later.status, later.body.error.code]).to.deep.equal([400, 'slot_date_out_of_range']);

    clock.set(at('20:01'));
    const evening = (await slots('takeaway')).body.slots.map((s: { at: string }) => s.at);
    expect(evening[0]).to.equal(iso('20:15'));
  });

  it('when the shop is closed, then an order for later is placed (stock reserved, planned times set) while an immediate one is refused', async () => {
    const now = await place(takeawayMargherita(w));
    expect([now.status, now.body.error.code]).to.deep.equal([409, 'pizzeria_closed']);

    const takeaway = await forLater(iso('19:30'));
    expect(takeaway.status).to.equal(201);
    expect(takeaway.body.order).to.include({
      scheduledFor: iso('19:30'),
      estimatedReadyAt: iso('19:30'),
      status: 'received',
    });
    expect((await stockOf(app.db, w.stockIds.mozza)).reserved).to.equal(120);

    const delivery = await forLater(iso('20:00'), 'delivery');
    expect(delivery.status).to.equal(201);
    const { order } = delivery.body;
    const travelMs = order.deliveryEstimate.travelSeconds * 1000;
    expect([order.scheduledFor, order.estimatedDeliveryAt, order.estimatedReadyAt]).to.deep.equal([
      iso('20:00'),
      iso('20:00'),
      new Date(at('20:00').getTime() - travelMs).toISOString(),
    ]);
    const mine = await api.get(`/api/orders/${order.id}`, { token: customer.token });
    expect(mine.body.order.scheduledFor).to.equal(iso('20:00'));
  });

  it('when the time is not an offered slot, then 422 slot_invalid and nothing is written', async () => {
    for (const when of [
      iso('19:20'), // not a quarter-hour boundary
      '2026-12-07T19:30:30+01:00', // seconds
      iso('16:00'), // closed
      iso('18:00'), // preparation would start before opening
      iso('12:00'), // this morning, past
      iso('12:00', 6), // yesterday
      iso('19:00', 9), // after tomorrow
    ]) {
      const res = await forLater(when);
      expect([res.status, res.body.error.code], when).to.deep.equal([422, 'slot_invalid']);
      expect(res.body.error.message, when).to.match(/créneau|demain/);
    }
    // Slots are a shop's: a delivery for later without a named shop is refused.
    const { pizzeriaId: _shop, ...unnamed } = takeawayMargherita(w);
    const anyShop = await place({ ...unnamed, fulfilment: 'delivery', address, scheduledFor: iso('20:00') });
    expect([anyShop.status, anyShop.body.error.code]).to.deep.equal([422, 'pizzeria_required']);
    const [{ n }] = await app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM orders`, {
      type: QueryTypes.SELECT,
    });
    expect(n).to.equal(0);
    expect((await stockOf(app.db, w.stockIds.mozza)).reserved).to.equal(0);
  });

  it('when a slot is full, then it is listed with left 0, the quote and placement answer 409 slot_full, and a cancellation frees it', async () => {
    await setCapacity(2);
    const first = await forLater(iso('19:00'));
    expect(first.status).to.equal(201);
    expect((await forLater(iso('19:00'), 'delivery')).status).to.equal(201); // one kitchen for both
    const listed = (await slots('takeaway')).body.slots;
    expect(listed.find((s: { at: string }) => s.at === iso('19:00')).left).to.equal(0);
    expect(listed.find((s: { at: string }) => s.at === iso('19:15')).left).to.equal(2);

    const full = await forLater(iso('19:00'));
    expect([full.status, full.body.error.code]).to.deep.equal([409, 'slot_full']);
    expect(full.body.error.message).to.match(/complet/);
    const quote = await api.post('/api/orders/quote', {
      body: { ...takeawayMargherita(w), scheduledFor: iso('19:00') },
    });
    expect([quote.status, quote.body.error.code]).to.deep.equal([409, 'slot_full']);
    const other = await api.post('/api/orders/quote', {
      body: { ...takeawayMargherita(w), scheduledFor: iso('19:15') },
    });
    expect([other.status, other.body.scheduledFor]).to.deep.equal([200, iso('19:15')]);

    const cancelled = await api.post(`/api/orders/${first.body.order.id}/cancel`, {
      token: customer.token,
      body: {},
    });
    expect(cancelled.status).to.equal(200);
    expect((await forLater(iso('19:00'))).status).to.equal(201);
  });

  it('when the clock reaches an order for later’s start time, then the kitchen sees it, not before; it stays modifiable until started', async () => {
    const pizzaiolo = await staffToken('pizzaiolo');
    const placed = await forLater(iso('20:00'), 'delivery');
    expect(placed.status).to.equal(201);
    const { id, deliveryEstimate } = placed.body.order;
    // Start = planned time − drive − 10 min of preparation.
    const start = new Date(at('20:00').getTime() - deliveryEstimate.travelSeconds * 1000 - 10 * 60_000);

    expect(await kitchenIds(pizzaiolo)).to.deep.equal([]);
    clock.set(new Date(start.getTime() - 60_000));
    expect(await kitchenIds(pizzaiolo)).to.deep.equal([]);
    const modified = await api.patch(`/api/orders/${id}`, {
      token: customer.token,
      body: { items: [{ productId: w.margherita.productId, sizeId: w.margherita.sizeL, quantity: 1 }] },
    });
    expect([modified.status, modified.body.order.scheduledFor]).to.deep.equal([200, iso('20:00')]);

    clock.set(start);
    const queue = await api.get(`/api/staff/kitchen`, { token: pizzaiolo });
    expect(
      queue.body.orders.map((o: { id: string; scheduledFor: string }) => [o.id, o.scheduledFor]),
    ).to.deep.equal([[id, iso('20:00')]]);
    expect((await api.post(`/api/staff/orders/${id}/start`, { token: pizzaiolo })).status).to.equal(200);
    const late = await api.post(`/api/orders/${id}/cancel`, { token: customer.token, body: {} });
    expect(late.status).to.equal(409);
  });

  it('when an order for tomorrow waits, then it neither shows in the kitchen nor delays an immediate order’s estimate', async () => {
    const tomorrow = await forLater(iso('12:30', 8));
    expect(tomorrow.status).to.equal(201);
    clock.set(at('19:00'));
    const pizzaiolo = await staffToken('pizzaiolo');
    const now = await place(takeawayMargherita(w));
    expect(now.status).to.equal(201);
    expect(now.body.order.estimatedReadyAt).to.equal(iso('19:10')); // one order ahead of it: itself
    expect(await kitchenIds(pizzaiolo)).to.deep.equal([now.body.order.id]);
  });

  it('when the counter takes a phone order for later, then it is placed in its slot and the staff views show the planned time', async () => {
    await setCapacity(1);
    const counter = await staffToken('counter');
    const body = {
      channel: 'phone',
      customerName: 'Mme Durand',
      customerPhone: '0612345678',
      fulfilment: 'takeaway',
      items: takeawayMargherita(w).items,
      paymentMethod: 'cash',
      scheduledFor: iso('21:00'),
    };
    const post = () =>
      api.post('/api/staff/orders', { token: counter, body, headers: { 'Idempotency-Key': newKey() } });
    const placed = await post();
    expect([placed.status, placed.body.order.scheduledFor]).to.deep.equal([201, iso('21:00')]);
    const again = await post();
    expect([again.status, again.body.error.code]).to.deep.equal([409, 'slot_full']);
    const queue = await api.get(`/api/staff/takeaway`, { token: counter });
    expect(queue.body.orders.map((o: { scheduledFor: string }) => o.scheduledFor)).to.deep.equal([
      iso('21:00'),
    ]);
    const shown = await api.get(`/api/staff/orders/${placed.body.order.id}`, { token: counter });
    expect(shown.body.order.scheduledFor).to.equal(iso('21:00'));
  });
});
