// Read-check-write paths on money and stock, each hit by two requests at the very same time (several rounds):
// whatever the interleaving, the database ends in one of the states a sequential run could give.
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { startFakeStripe, stripeSettings, type FakeStripeServer } from '../../fakes/stripe-server.js';
import { client, type ApiResponse } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import {
  createShopWorld,
  customerWithToken,
  placeThroughApi,
  type ShopWorld,
  staffWithToken,
  stockOf,
} from '../../factories/shop.js';

const SECRET = 'whsec_test_races';
const ROUNDS = 5;
type Token = { token: string };

describe('races on money and stock: two requests at once', function () {
  this.timeout(60_000);
  let stripe: FakeStripeServer;
  let app: TestApp;
  let api: ReturnType<typeof client>;
  let w: ShopWorld;
  let customer: Token;
  let pizzaiolo: Token;
  let driver: Token;
  let counter: Token;

  before(async () => {
    stripe = await startFakeStripe({ apiKey: 'sk_test_ocpizza' });
    app = await startTestApp({
      ...stripeSettings(stripe, SECRET),
    });
    api = client(app.url);
  });
  after(async () => {
    await app?.close();
    await stripe?.close();
  });
  beforeEach(async () => {
    stripe.reset();
    w = await createShopWorld(app.db);
    customer = await customerWithToken(app.db);
    pizzaiolo = await staffWithToken(app.db, 'pizzaiolo', w.shopId);
    driver = await staffWithToken(app.db, 'driver', w.shopId);
    counter = await staffWithToken(app.db, 'counter', w.shopId);
  });
  afterEach(async () => {
    expect(await app.services.stock.ledgerDiscrepancies(), 'stock ledger after the test').to.deep.equal([]);
  });

  const margheritas = (quantity: number, sizeId = w.margherita.sizeM) => [
    { productId: w.margherita.productId, sizeId, quantity },
  ];
  async function place(fulfilment: 'delivery' | 'takeaway', paymentMethod: string, quantity = 2) {
    const { order } = await placeThroughApi(api, customer.token, {
      pizzeriaId: w.shopId,
      fulfilment,
      items: margheritas(quantity),
      paymentMethod,
    });
    return order;
  }
  async function step(orderId: string, path: string, who: Token, body?: object) {
    const res = await api.post(`/api/staff/orders/${orderId}/${path}`, { token: who.token, body });
    expect(res.status, `${path}: ${JSON.stringify(res.body)}`).to.equal(200);
  }
  const post = (orderId: string, path: string, who: Token, body?: object) =>
    api.post(`/api/staff/orders/${orderId}/${path}`, { token: who.token, body });
  const paymentRows = (orderId: string) =>
    app.db.query<{ provider: string; amount: number; status: string }>(
      `SELECT provider, amount_cents AS amount, status FROM payments WHERE order_id = $1 ORDER BY id`,
      { type: QueryTypes.SELECT, bind: [orderId] },
    );
  const statusEvents = async (orderId: string) =>
    (
      await app.db.query<{ to: string }>(
        `SELECT to_status AS to FROM order_status_events WHERE order_id = $1 ORDER BY id`,
        { type: QueryTypes.SELECT, bind: [orderId] },
      )
    ).map((e) => e.to);
  /** Exactly one request won; the other was refused with a clean 409 (no 5xx, nothing half done). */
  function oneWinner(responses: ApiResponse[], what: string) {
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses, `${what}: ${JSON.stringify(responses.map((r) => r.body))}`).to.deep.equal([200, 409]);
  }

  it('when a takeaway order is handed over twice at once with its payment, then one payment is recorded', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const order = await place('takeaway', 'cash');
      await step(order.id, 'start', pizzaiolo);
      await step(order.id, 'ready', pizzaiolo);
      const payment = { method: 'card_terminal', amountReceivedCents: order.totalCents };
      const responses = await Promise.all([
        post(order.id, 'collect', counter, { payment }),
        post(order.id, 'collect', counter, { payment }),
      ]);
      oneWinner(responses, `round ${round}`);
      expect(await paymentRows(order.id)).to.deep.equal([
        { provider: 'card_terminal', amount: order.totalCents, status: 'succeeded' },
      ]);
      expect((await statusEvents(order.id)).filter((s) => s === 'collected')).to.have.length(1);
    }
  });

  it('when a delivery is marked delivered twice at once with the cash collected, then one payment is recorded', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const order = await place('delivery', 'cash');
      await step(order.id, 'start', pizzaiolo);
      await step(order.id, 'ready', pizzaiolo);
      await step(order.id, 'pickup', driver);
      const payment = { method: 'cash', amountReceivedCents: 5000 };
      const responses = await Promise.all([
        post(order.id, 'deliver', driver, { payment }),
        post(order.id, 'deliver', driver, { payment }),
      ]);
      oneWinner(responses, `round ${round}`);
      expect(await paymentRows(order.id)).to.deep.equal([
        { provider: 'cash', amount: order.totalCents, status: 'succeeded' },
      ]);
      expect((await statusEvents(order.id)).filter((s) => s === 'delivered')).to.have.length(1);
    }
  });

  /** An order paid online and authorised (the card is held for its total, nothing captured yet). */
  async function authorisedOnline(quantity = 2) {
    const order = await place('takeaway', 'card_online', quantity);
    const [{ pi }] = await app.db.query<{ pi: string }>(
      `SELECT provider_reference AS pi FROM payments WHERE order_id = $1 AND provider = 'stripe'`,
      { type: QueryTypes.SELECT, bind: [order.id] },
    );
    const { body, header } = stripe.signedWebhook(stripe.authorize(pi), SECRET);
    const hook = await fetch(`${app.url}/api/payments/stripe/webhook`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Stripe-Signature': header },
      body,
    });
    expect(hook.status).to.equal(200);
    return { ...order, pi };
  }

  /** Mozzarella of `lines` (Margherita M 120 g, L 180 g). */
  const mozzaOf = (lines: { sizeLabel: string; quantity: number }[]) =>
    lines.reduce((sum, l) => sum + l.quantity * (l.sizeLabel.startsWith('Méga') ? 180 : 120), 0);

  it('when a modification and the preparation start arrive at once, then either it was applied before, or refused', async () => {
    for (let round = 0; round < ROUNDS * 2; round++) {
      const before = await stockOf(app.db, w.stockIds.mozza);
      const order = await place('takeaway', 'cash', 2);
      const [modified, started] = await Promise.all([
        api.patch(`/api/orders/${order.id}`, {
          token: customer.token,
          body: { items: margheritas(3, w.margherita.sizeL) },
        }),
        post(order.id, 'start', pizzaiolo),
      ]);
      expect(started.status, JSON.stringify(started.body)).to.equal(200);
      expect([200, 409], JSON.stringify(modified.body)).to.include(modified.status);
      if (modified.status === 409) expect(modified.body.error.code).to.equal('order_locked');
      const final = (await api.get(`/api/orders/${order.id}`, { token: customer.token })).body.order;
      expect(final.status).to.equal('preparing');
      expect(final.subtotalCents).to.equal(modified.status === 200 ? 3 * 1590 : 2 * 1290);
      // What the kitchen consumed is what the final lines need; nothing stays reserved.
      expect(await stockOf(app.db, w.stockIds.mozza), `round ${round}`).to.deep.equal({
        onHand: before.onHand - mozzaOf(final.lines),
        reserved: 0,
      });
    }
  });
  it('when an online order is cancelled as its preparation starts, then it is either cancelled and voided, or preparing and paid', async () => {
    for (let round = 0; round < ROUNDS * 2; round++) {
      const before = await stockOf(app.db, w.stockIds.mozza);
      const order = await authorisedOnline(2);
      const [cancelled, started] = await Promise.all([
        api.post(`/api/orders/${order.id}/cancel`, { token: customer.token, body: {} }),
        post(order.id, 'start', pizzaiolo),
      ]);
      oneWinner([cancelled, started], `round ${round}`);
      const final = (await api.get(`/api/orders/${order.id}`, { token: customer.token })).body.order;
      const intent = stripe.paymentIntent(order.pi)!;
      const [payment] = await paymentRows(order.id);
      if (cancelled.status === 200) {
        expect(final, `round ${round}`).to.include({ status: 'cancelled', paymentStatus: 'voided' });
        expect(intent).to.include({ status: 'canceled', amount_received: 0 });
        expect(payment.status).to.equal('canceled');
        expect(await stockOf(app.db, w.stockIds.mozza)).to.deep.equal(before);
      } else {
        expect(final, `round ${round}`).to.include({ status: 'preparing', paymentStatus: 'paid' });
        expect(intent).to.include({ status: 'succeeded', amount_received: order.totalCents });
        expect(payment).to.include({ status: 'succeeded', amount: order.totalCents });
        expect(await stockOf(app.db, w.stockIds.mozza)).to.deep.equal({
          onHand: before.onHand - 240,
          reserved: before.reserved,
        });
      }
    }
  });

  it('when an online order is lowered as its preparation starts, then the money captured is the final total', async () => {
    for (let round = 0; round < ROUNDS * 2; round++) {
      const before = await stockOf(app.db, w.stockIds.mozza);
      const order = await authorisedOnline(2);
      const [modified, started] = await Promise.all([
        api.patch(`/api/orders/${order.id}`, { token: customer.token, body: { items: margheritas(1) } }),
        post(order.id, 'start', pizzaiolo),
      ]);
      expect(started.status, JSON.stringify(started.body)).to.equal(200);
      expect([200, 409], JSON.stringify(modified.body)).to.include(modified.status);
      if (modified.status === 409) expect(modified.body.error.code).to.equal('order_locked');
      const final = (await api.get(`/api/orders/${order.id}`, { token: customer.token })).body.order;
      expect(final).to.include({ status: 'preparing', paymentStatus: 'paid' });
      expect(final.totalCents).to.equal(modified.status === 200 ? 1290 : 2580);
      const taken = stripe.paymentIntent(order.pi)!.amount_received - stripe.refundedCents(order.pi);
      expect(taken, `round ${round}: money taken`).to.equal(final.totalCents);
      expect(await stockOf(app.db, w.stockIds.mozza), `round ${round}`).to.deep.equal({
        onHand: before.onHand - mozzaOf(final.lines),
        reserved: 0,
      });
    }
  });

  it('when Stripe does not answer the capture, then the claim is kept: no modification until a retried start captures', async () => {
    const order = await authorisedOnline(2);
    stripe.failNext({ status: 500, type: 'api_error', times: 5 });
    const down = await post(order.id, 'start', pizzaiolo);
    expect([down.status, down.body.error.code]).to.deep.equal([503, 'payment_provider_unavailable']);
    const lowered = await api.patch(`/api/orders/${order.id}`, {
      token: customer.token,
      body: { items: margheritas(1) },
    });
    expect([lowered.status, lowered.body.error.code]).to.deep.equal([409, 'order_locked']);
    stripe.recover();
    await step(order.id, 'start', pizzaiolo);
    const final = (await api.get(`/api/orders/${order.id}`, { token: customer.token })).body.order;
    expect(final).to.include({ status: 'preparing', paymentStatus: 'paid', totalCents: 2580 });
    expect(stripe.paymentIntent(order.pi)!.amount_received).to.equal(2580);
  });
});
