import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import {
  createShopWorld,
  customerWithToken,
  newKey,
  placeThroughApi,
  type ShopWorld,
  staffWithToken,
  stockOf,
} from '../../factories/shop.js';

describe('order lifecycle: kitchen, delivery, modification, cancellation', () => {
  let app: TestApp;
  let api: ReturnType<typeof client>;
  let w: ShopWorld;
  let customer: Awaited<ReturnType<typeof customerWithToken>>;

  before(async () => {
    app = await startTestApp();
    api = client(app.url);
  });
  after(() => app.close());
  beforeEach(async () => {
    w = await createShopWorld(app.db);
    customer = await customerWithToken(app.db);
  });

  const pizzas = (quantity: number, sizeId = w.margherita.sizeM) => [
    { productId: w.margherita.productId, sizeId, quantity },
  ];
  async function placed(quantity = 2, fulfilment: 'delivery' | 'takeaway' = 'delivery') {
    return (
      await placeThroughApi(api, customer.token, {
        pizzeriaId: w.shopId,
        fulfilment,
        items: pizzas(quantity),
      })
    ).order;
  }

  it('when an order goes from the customer to the door with cash, then stock, ledger and history are exact', async () => {
    const pizzaiolo = await staffWithToken(app.db, 'pizzaiolo', w.shopId);
    const driver = await staffWithToken(app.db, 'driver', w.shopId);
    const order = await placed(2); // 2 × M: 240 g mozzarella, 500 g dough, 160 ml sauce; 25,80 € < 30 €: 2,50 € fee
    expect(order.totalCents).to.equal(2580 + 250);

    const queue = await api.get('/api/staff/kitchen', { token: pizzaiolo.token });
    expect(queue.status).to.equal(200);
    expect(queue.body.orders.map((o: any) => o.id)).to.deep.equal([order.id]);
    const memo = queue.body.orders[0].lines[0].memo;
    expect(memo.ingredients).to.deep.include({ name: 'Mozzarella', unit: 'g', quantity: 120 });

    const started = await api.post(`/api/staff/orders/${order.id}/start`, { token: pizzaiolo.token });
    expect(started.status).to.equal(200);
    expect(started.body.order).to.include({ status: 'preparing', canModify: false });
    expect(await stockOf(app.db, w.stockIds.mozza)).to.deep.equal({ onHand: 50_000 - 240, reserved: 0 });
    expect(await stockOf(app.db, w.stockIds.dough)).to.deep.equal({ onHand: 100_000 - 500, reserved: 0 });

    expect(
      (await api.post(`/api/staff/orders/${order.id}/ready`, { token: pizzaiolo.token })).body.order.status,
    ).to.equal('ready');
    const run = await api.get('/api/staff/deliveries', { token: driver.token });
    expect(run.body.deliveries).to.have.length(1);
    expect(run.body.deliveries[0]).to.include({
      id: order.id,
      amountToCollectCents: 2830,
      customerPhone: '06 39 98 00 00',
    });
    expect(run.body.deliveries[0].directionsUrl).to.match(/^https:\/\/www\.google\.com\/maps\/dir\/\?api=1&/);

    expect(
      (await api.post(`/api/staff/orders/${order.id}/pickup`, { token: driver.token })).body.order.status,
    ).to.equal('out_for_delivery');
    const missing = await api.post(`/api/staff/orders/${order.id}/deliver`, {
      token: driver.token,
      body: {},
    });
    expect([missing.status, missing.body.error.code]).to.deep.equal([422, 'payment_required']);
    const delivered = await api.post(`/api/staff/orders/${order.id}/deliver`, {
      token: driver.token,
      body: { payment: { method: 'cash', amountReceivedCents: 5000 } },
    });
    expect(delivered.status).to.equal(200);
    expect(delivered.body.order).to.include({ status: 'delivered', paymentStatus: 'paid' });
    expect(delivered.body.order.history.map((h: any) => [h.from, h.to])).to.deep.equal([
      [null, 'received'],
      ['received', 'preparing'],
      ['preparing', 'ready'],
      ['ready', 'out_for_delivery'],
      ['out_for_delivery', 'delivered'],
    ]);
    const [payment] = await app.db.query<any>(
      `SELECT provider, amount_cents, amount_received_cents, change_cents, collected_by_employee_id FROM payments WHERE order_id = $1`,
      { type: QueryTypes.SELECT, bind: [order.id] },
    );
    expect(payment).to.deep.equal({
      provider: 'cash',
      amount_cents: 2830,
      amount_received_cents: 5000,
      change_cents: 2170,
      collected_by_employee_id: driver.id,
    });
    const kinds = await app.db.query<{ kind: string; total: number }>(
      `SELECT kind, SUM(quantity)::int AS total FROM stock_movements WHERE order_id = $1 AND stock_item_id = $2 GROUP BY kind ORDER BY kind`,
      { type: QueryTypes.SELECT, bind: [order.id, w.stockIds.mozza] },
    );
    expect(kinds).to.deep.equal([
      { kind: 'reservation', total: 240 }, // enum order: reservation before consumption
      { kind: 'consumption', total: -240 },
    ]);
    const actors = await app.db.query<{
      to_status: string;
      actor_type: string;
      actor_employee_id: number | null;
    }>(
      `SELECT to_status, actor_type, actor_employee_id FROM order_status_events WHERE order_id = $1 ORDER BY id`,
      { type: QueryTypes.SELECT, bind: [order.id] },
    );
    expect(actors.map((a) => [a.to_status, a.actor_type, a.actor_employee_id])).to.deep.equal([
      ['received', 'customer', null],
      ['preparing', 'employee', pizzaiolo.id],
      ['ready', 'employee', pizzaiolo.id],
      ['out_for_delivery', 'employee', driver.id],
      ['delivered', 'employee', driver.id],
    ]);
    expect(await app.services.stock.ledgerDiscrepancies()).to.deep.equal([]);
  });

  it('when a takeaway order is ready, then the counter hands it over against payment; illegal jumps get 409', async () => {
    const counter = await staffWithToken(app.db, 'counter', w.shopId);
    const pizzaiolo = await staffWithToken(app.db, 'pizzaiolo', w.shopId);
    const order = await placed(1, 'takeaway');
    const early = await api.post(`/api/staff/orders/${order.id}/collect`, {
      token: counter.token,
      body: { payment: { method: 'card_terminal', amountReceivedCents: 1290 } },
    });
    expect([early.status, early.body.error.code]).to.deep.equal([409, 'invalid_transition']);
    await api.post(`/api/staff/orders/${order.id}/start`, { token: pizzaiolo.token });
    await api.post(`/api/staff/orders/${order.id}/ready`, { token: pizzaiolo.token });
    const pickup = await api.post(`/api/staff/orders/${order.id}/pickup`, {
      token: (await staffWithToken(app.db, 'driver', w.shopId)).token,
    });
    expect([pickup.status, pickup.body.error.code]).to.deep.equal([409, 'invalid_transition']);
    const wrongAmount = await api.post(`/api/staff/orders/${order.id}/collect`, {
      token: counter.token,
      body: { payment: { method: 'card_terminal', amountReceivedCents: 1000 } },
    });
    expect([wrongAmount.status, wrongAmount.body.error.code]).to.deep.equal([422, 'insufficient_payment']);
    const collected = await api.post(`/api/staff/orders/${order.id}/collect`, {
      token: counter.token,
      body: { payment: { method: 'card_terminal', amountReceivedCents: 1290 } },
    });
    expect(collected.body.order).to.include({ status: 'collected', paymentStatus: 'paid' });
  });

  it('when the customer modifies before preparation, then the reservation follows; after it, 409 with a message', async () => {
    const pizzaiolo = await staffWithToken(app.db, 'pizzaiolo', w.shopId);
    const order = await placed(2);
    const more = await api.patch(`/api/orders/${order.id}`, {
      token: customer.token,
      body: {
        items: [
          ...pizzas(1, w.margherita.sizeL),
          { productId: w.cola.productId, sizeId: w.cola.sizeId, quantity: 3 },
        ],
      },
    });
    expect(more.status).to.equal(200);
    expect(more.body.order).to.include({ subtotalCents: 1590 + 750, totalCents: 1590 + 750 + 250 });
    expect(await stockOf(app.db, w.stockIds.mozza)).to.deep.equal({ onHand: 50_000, reserved: 180 });
    expect(await stockOf(app.db, w.stockIds.cola)).to.deep.equal({ onHand: 500, reserved: 3 });

    const tooMuch = await api.patch(`/api/orders/${order.id}`, {
      token: customer.token,
      body: { items: pizzas(50) },
    });
    expect(tooMuch.status).to.equal(200); // 50 × 120 g = 6 kg fits in 50 kg
    await app.db.query(`UPDATE stock_items SET on_hand = 6100 WHERE id = $1`, { bind: [w.stockIds.mozza] });
    await app.db.query(
      `INSERT INTO stock_movements (stock_item_id, kind, quantity) VALUES ($1, 'adjustment', -43900)`,
      {
        bind: [w.stockIds.mozza],
      },
    );
    const short = await api.patch(`/api/orders/${order.id}`, {
      token: customer.token,
      body: { items: pizzas(50, w.margherita.sizeL) },
    });
    expect([short.status, short.body.error.code]).to.deep.equal([409, 'insufficient_stock']);
    expect(await stockOf(app.db, w.stockIds.mozza)).to.deep.equal({ onHand: 6100, reserved: 6000 });

    await api.post(`/api/staff/orders/${order.id}/start`, { token: pizzaiolo.token });
    const late = await api.patch(`/api/orders/${order.id}`, {
      token: customer.token,
      body: { items: pizzas(1) },
    });
    expect([late.status, late.body.error.code]).to.deep.equal([409, 'order_locked']);
    expect(late.body.error.message).to.match(/ne peut plus être modifiée/);
    const lateCancel = await api.post(`/api/orders/${order.id}/cancel`, { token: customer.token, body: {} });
    expect([lateCancel.status, lateCancel.body.error.code]).to.deep.equal([409, 'order_locked']);
    expect(await app.services.stock.ledgerDiscrepancies()).to.deep.equal([]);
  });

  it('when the customer cancels before preparation, then the stock is released and the menu shows it again', async () => {
    const order = await placed(3);
    expect(await stockOf(app.db, w.stockIds.mozza)).to.deep.equal({ onHand: 50_000, reserved: 360 });
    const cancelled = await api.post(`/api/orders/${order.id}/cancel`, {
      token: customer.token,
      body: { reason: 'Erreur' },
    });
    expect(cancelled.status).to.equal(200);
    expect(cancelled.body.order).to.include({ status: 'cancelled', canModify: false });
    expect(await stockOf(app.db, w.stockIds.mozza)).to.deep.equal({ onHand: 50_000, reserved: 0 });
    const again = await api.post(`/api/orders/${order.id}/cancel`, { token: customer.token, body: {} });
    expect([again.status, again.body.error.code]).to.deep.equal([409, 'order_locked']);
    expect(await app.services.stock.ledgerDiscrepancies()).to.deep.equal([]);
  });

  it('when another customer reads, modifies or cancels an order, then 404 as if it did not exist', async () => {
    const order = await placed(1, 'takeaway');
    const intruder = await customerWithToken(app.db);
    for (const res of [
      await api.get(`/api/orders/${order.id}`, { token: intruder.token }),
      await api.patch(`/api/orders/${order.id}`, { token: intruder.token, body: { items: pizzas(1) } }),
      await api.post(`/api/orders/${order.id}/cancel`, { token: intruder.token, body: {} }),
      await api.get(`/api/orders/00000000-0000-4000-8000-000000000000`, { token: customer.token }),
    ]) {
      expect([res.status, res.body.error.code]).to.deep.equal([404, 'order_not_found']);
    }
    const mine = await api.get(`/api/orders/${order.id}`, { token: customer.token });
    expect(mine.body.order.id).to.equal(order.id);
    const list = await api.get('/api/orders', { token: customer.token });
    expect(list.body.orders.map((o: any) => o.id)).to.deep.equal([order.id]);
    expect((await api.get('/api/orders', { token: intruder.token })).body.orders).to.deep.equal([]);
  });

  it('when staff act outside their role or their shop, then 403 or 404; the admin names the shop', async () => {
    const other = await createShopWorld(app.db, { prefix: 'B-' });
    const order = await placed(1, 'takeaway');
    const otherPizzaiolo = await staffWithToken(app.db, 'pizzaiolo', other.shopId);
    const driver = await staffWithToken(app.db, 'driver', w.shopId);
    const counter = await staffWithToken(app.db, 'counter', w.shopId);
    const accountant = await staffWithToken(app.db, 'accountant', null);
    const admin = await staffWithToken(app.db, 'admin', null);

    expect((await api.post(`/api/staff/orders/${order.id}/start`, { token: driver.token })).status).to.equal(
      403,
    );
    expect((await api.get('/api/staff/kitchen', { token: counter.token })).status).to.equal(403);
    expect(
      (await api.post(`/api/staff/orders/${order.id}/start`, { token: accountant.token })).status,
    ).to.equal(403);
    const foreign = await api.post(`/api/staff/orders/${order.id}/start`, { token: otherPizzaiolo.token });
    expect([foreign.status, foreign.body.error.code]).to.deep.equal([404, 'order_not_found']);
    const otherQueue = await api.get(`/api/staff/kitchen?pizzeriaId=${w.shopId}`, {
      token: otherPizzaiolo.token,
    });
    expect([otherQueue.status, otherQueue.body.error.code]).to.deep.equal([403, 'other_pizzeria']);
    expect((await api.get('/api/staff/kitchen', { token: admin.token })).body.error.code).to.equal(
      'pizzeria_required',
    );
    const adminQueue = await api.get(`/api/staff/kitchen?pizzeriaId=${w.shopId}`, { token: admin.token });
    expect(adminQueue.body.orders).to.have.length(1);
    expect((await api.get('/api/staff/kitchen', { token: customer.token })).status).to.equal(401);
    expect(await stockOf(app.db, w.stockIds.mozza)).to.deep.equal({ onHand: 50_000, reserved: 120 });
  });

  it('when the counter takes a phone order, then it follows the same rules and is tagged with the employee', async () => {
    const counter = await staffWithToken(app.db, 'counter', w.shopId);
    const body = {
      channel: 'phone',
      customerName: 'M. Dupont',
      customerPhone: '01 99 00 12 34',
      fulfilment: 'takeaway',
      items: pizzas(2),
      paymentMethod: 'cash',
    };
    const res = await api.post('/api/staff/orders', {
      token: counter.token,
      body,
      headers: { 'Idempotency-Key': newKey() },
    });
    expect(res.status).to.equal(201);
    expect(res.body.order).to.include({ channel: 'phone', customerName: 'M. Dupont', status: 'received' });
    const [row] = await app.db.query<any>(`SELECT placed_by_employee_id FROM orders WHERE id = $1`, {
      type: QueryTypes.SELECT,
      bind: [res.body.order.id],
    });
    expect(row.placed_by_employee_id).to.equal(counter.id);
    const online = await api.post('/api/staff/orders', {
      token: counter.token,
      body: { ...body, paymentMethod: 'card_online' },
      headers: { 'Idempotency-Key': newKey() },
    });
    expect(online.status).to.equal(422);
    const cancel = await api.post(`/api/staff/orders/${res.body.order.id}/cancel`, {
      token: counter.token,
      body: { reason: 'Client injoignable' },
    });
    expect(cancel.body.order.status).to.equal('cancelled');
  });
});
