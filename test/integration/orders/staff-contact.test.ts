// What staff read of a customer's contact (issue 21): a driver sees the phone and the address of the deliveries
// waiting at the shop and of their own out for delivery, never another driver's, and no longer once delivered;
// the kitchen works without them; the counter and the manager read the shop's orders whole (phone orders,
// customers who call). Through the staff API: the run, the order's page and the answers of the steps.
import { expect } from 'chai';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import {
  createShopWorld,
  customerWithToken,
  placeThroughApi,
  staffWithToken,
  TEST_DELIVERY_ADDRESS,
  type ShopWorld,
} from '../../factories/shop.js';

const PHONE = '06 39 98 00 00';

describe('staff: a customer’s phone and address, as far as each job needs', () => {
  let app: TestApp;
  let api: ReturnType<typeof client>;
  let w: ShopWorld;
  before(async () => {
    app = await startTestApp();
    api = client(app.url);
  });
  after(() => app.close());
  beforeEach(async () => {
    w = await createShopWorld(app.db);
  });

  /** A delivery order of a new customer (phone on the account), ready at the shop. */
  async function readyDelivery() {
    const customer = await customerWithToken(app.db);
    const { order } = await placeThroughApi(api, customer.token, {
      pizzeriaId: w.shopId,
      fulfilment: 'delivery',
      items: [{ productId: w.margherita.productId, sizeId: w.margherita.sizeM, quantity: 2 }],
    });
    const kitchen = await staffWithToken(app.db, 'pizzaiolo', w.shopId);
    for (const step of ['start', 'ready'])
      expect(
        (await api.post(`/api/staff/orders/${order.id}/${step}`, { token: kitchen.token })).status,
      ).to.equal(200);
    return order.id as string;
  }
  const orderAs = async (token: string, id: string) => {
    const res = await api.get(`/api/staff/orders/${id}`, { token });
    expect(res.status).to.equal(200);
    return res.body.order as { customerPhone: string | null; deliveryAddress: { line1: string } | null };
  };
  const contactOf = (o: { customerPhone: string | null; deliveryAddress: { line1: string } | null }) => ({
    phone: o.customerPhone,
    line1: o.deliveryAddress?.line1 ?? null,
  });
  const SHOWN = { phone: PHONE, line1: TEST_DELIVERY_ADDRESS.line1 };
  const HIDDEN = { phone: null, line1: null };

  it('when two drivers each take a delivery, then each reads the phone and address of their own only, on the run and on the order', async () => {
    const [mine, theirs] = [await readyDelivery(), await readyDelivery()];
    const me = await staffWithToken(app.db, 'driver', w.shopId);
    const other = await staffWithToken(app.db, 'driver', w.shopId);
    // Waiting at the shop: every driver of the shop may take them.
    expect(contactOf(await orderAs(me.token, theirs))).to.deep.equal(SHOWN);

    const picked = await api.post(`/api/staff/orders/${mine}/pickup`, { token: me.token });
    expect(contactOf(picked.body.order)).to.deep.equal(SHOWN);
    expect((await api.post(`/api/staff/orders/${theirs}/pickup`, { token: other.token })).status).to.equal(
      200,
    );

    const run = await api.get('/api/staff/deliveries', { token: me.token });
    expect(run.body.deliveries.map((d: { id: string }) => d.id)).to.deep.equal([mine]);
    expect(run.body.deliveries[0]).to.deep.include({ customerPhone: PHONE });
    expect(JSON.stringify(run.body)).not.to.include(theirs);
    expect(contactOf(await orderAs(me.token, mine))).to.deep.equal(SHOWN);
    expect(contactOf(await orderAs(me.token, theirs)), 'another driver’s delivery').to.deep.equal(HIDDEN);
    // Nor can they act on it.
    expect(
      (await api.post(`/api/staff/orders/${theirs}/deliver`, { token: me.token, body: {} })).status,
    ).to.equal(404);
  });

  it('when the driver has delivered, then the phone and address are no longer shown to them', async () => {
    const id = await readyDelivery();
    const driver = await staffWithToken(app.db, 'driver', w.shopId);
    await api.post(`/api/staff/orders/${id}/pickup`, { token: driver.token });
    const delivered = await api.post(`/api/staff/orders/${id}/deliver`, {
      token: driver.token,
      body: { payment: { method: 'cash', amountReceivedCents: 5000 } },
    });
    expect(delivered.status, JSON.stringify(delivered.body)).to.equal(200);
    expect(delivered.body.order.status).to.equal('delivered');
    expect(contactOf(delivered.body.order)).to.deep.equal(HIDDEN);
    expect(contactOf(await orderAs(driver.token, id))).to.deep.equal(HIDDEN);
    const run = await api.get('/api/staff/deliveries', { token: driver.token });
    expect(run.body.deliveries).to.deep.equal([]);
  });

  it('when the kitchen reads its queue or an order, then it gets the lines and the name, never the phone or the address', async () => {
    const customer = await customerWithToken(app.db);
    const { order } = await placeThroughApi(api, customer.token, {
      pizzeriaId: w.shopId,
      fulfilment: 'delivery',
      items: [{ productId: w.margherita.productId, sizeId: w.margherita.sizeM, quantity: 2 }],
    });
    const pizzaiolo = await staffWithToken(app.db, 'pizzaiolo', w.shopId);
    const queue = await api.get('/api/staff/kitchen', { token: pizzaiolo.token });
    const text = JSON.stringify(queue.body);
    expect(queue.body.orders[0]).to.include({ id: order.id, customerName: order.customerName });
    expect(text).not.to.include(PHONE).and.not.include(TEST_DELIVERY_ADDRESS.line1);
    expect(contactOf(await orderAs(pizzaiolo.token, order.id))).to.deep.equal(HIDDEN);
    const started = await api.post(`/api/staff/orders/${order.id}/start`, { token: pizzaiolo.token });
    expect(contactOf(started.body.order)).to.deep.equal(HIDDEN);
  });

  it('when the counter or the manager opens one of the shop’s orders, then they read the contact (phone orders, customers who call)', async () => {
    const id = await readyDelivery();
    for (const role of ['counter', 'manager'] as const) {
      const staff = await staffWithToken(app.db, role, w.shopId);
      expect(contactOf(await orderAs(staff.token, id)), role).to.deep.equal(SHOWN);
    }
  });
});
