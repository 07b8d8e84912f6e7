// A customer's modification before preparation changes what it names and nothing else.
import { expect } from 'chai';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import {
  createShopWorld,
  customerWithToken,
  newKey,
  takeawayMargherita,
  type ShopWorld,
} from '../../factories/shop.js';

describe('order modification: the note', () => {
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

  async function placedWithNote(note: string) {
    const res = await api.post('/api/orders', {
      token: customer.token,
      headers: { 'Idempotency-Key': newKey() },
      body: { ...takeawayMargherita(w), note },
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body.order;
  }
  const twoPizzas = () => [{ productId: w.margherita.productId, sizeId: w.margherita.sizeM, quantity: 2 }];

  it('when an order is modified with only its items, then its note is kept', async () => {
    const order = await placedWithNote('sans basilic, allergie');
    const res = await api.patch(`/api/orders/${order.id}`, {
      token: customer.token,
      body: { items: twoPizzas() },
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.order).to.include({ note: 'sans basilic, allergie', subtotalCents: 2 * 1290 });
    const read = await api.get(`/api/orders/${order.id}`, { token: customer.token });
    expect(read.body.order.note).to.equal('sans basilic, allergie');
  });

  it('when a modification names a note, then it replaces the old one; an explicit null clears it', async () => {
    const order = await placedWithNote('sans basilic, allergie');
    const changed = await api.patch(`/api/orders/${order.id}`, {
      token: customer.token,
      body: { items: twoPizzas(), note: 'bien cuite' },
    });
    expect(changed.status, JSON.stringify(changed.body)).to.equal(200);
    expect(changed.body.order.note).to.equal('bien cuite');
    const cleared = await api.patch(`/api/orders/${order.id}`, {
      token: customer.token,
      body: { items: twoPizzas(), note: null },
    });
    expect(cleared.status, JSON.stringify(cleared.body)).to.equal(200);
    expect(cleared.body.order.note).to.equal(null);
  });
});
