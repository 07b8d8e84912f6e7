import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { startFakeStripe, stripeSettings, type FakeStripeServer } from '../../fakes/stripe-server.js';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import {
  createShopWorld,
  customerWithToken,
  newKey,
  staffWithToken,
  stockOf,
  type ShopWorld,
} from '../../factories/shop.js';

const SECRET = 'whsec_test_online_payment';

// The real stripe SDK against test/fakes/stripe-server; webhooks signed with the SDK's own test helper.
describe('online payment (Stripe): the money taken always equals the final total', function () {
  this.timeout(30_000);
  let stripe: FakeStripeServer;
  let app: TestApp;
  let api: ReturnType<typeof client>;
  let w: ShopWorld;
  let customer: Awaited<ReturnType<typeof customerWithToken>>;
  let pizzaiolo: Awaited<ReturnType<typeof staffWithToken>>;

  before(async () => {
    stripe = await startFakeStripe({ apiKey: 'sk_test_ocpizza' });
    app = await startTestApp({
      ...stripeSettings(stripe, SECRET),
      STRIPE_TIMEOUT_MS: '400',
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
  });

  afterEach(async () => {
    expect(await app.services.stock.ledgerDiscrepancies(), 'stock ledger after the test').to.deep.equal([]);
    const unkeyed = stripe.requestsTo('POST', '/v1/').filter((r) => !r.idempotencyKey);
    expect(
      unkeyed.map((r) => r.path),
      'every mutating Stripe call carries an Idempotency-Key',
    ).to.deep.equal([]);
  });

  const pizzas = (quantity: number, sizeId = w.margherita.sizeM) => [
    { productId: w.margherita.productId, sizeId, quantity },
  ];
  async function placeOnline(quantity = 2, key = newKey()) {
    return api.post('/api/orders', {
      token: customer.token,
      headers: { 'Idempotency-Key': key },
      body: {
        pizzeriaId: w.shopId,
        fulfilment: 'takeaway',
        items: pizzas(quantity),
        paymentMethod: 'card_online',
      },
    });
  }
  const intentOf = async (orderId: string) =>
    (
      await app.db.query<{ ref: string }>(
        `SELECT provider_reference AS ref FROM payments WHERE order_id = $1 AND provider = 'stripe'`,
        {
          type: QueryTypes.SELECT,
          bind: [orderId],
        },
      )
    )[0]?.ref;
  const deliver = (event: object, secret = SECRET) => {
    const { body, header } = stripe.signedWebhook(event, secret);
    return fetch(`${app.url}/api/payments/stripe/webhook`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Stripe-Signature': header },
      body,
    });
  };
  const orderOf = async (id: string) =>
    (await api.get(`/api/orders/${id}`, { token: customer.token })).body.order;
  /** What the customer actually paid: captured minus refunded at Stripe. */
  const moneyTaken = (piId: string) =>
    (stripe.paymentIntent(piId)?.amount_received ?? 0) - stripe.refundedCents(piId);

  async function authorisedOrder(quantity = 2) {
    const placed = await placeOnline(quantity);
    const pi = await intentOf(placed.body.order.id);
    expect((await deliver(stripe.authorize(pi))).status).to.equal(200);
    return { order: placed.body.order, pi };
  }

  it('when /api/config is read, then online payment and the publishable key are announced', async () => {
    const res = await api.get('/api/config');
    expect(res.body).to.deep.equal({
      onlinePayment: { enabled: true, provider: 'stripe', publishableKey: 'pk_test_ocpizza' },
      paymentMethods: ['card_online', 'card_on_delivery', 'cash', 'meal_voucher'],
    });
  });

  it('when a card order is placed, then a manual-capture PaymentIntent for the total is created and the order waits', async () => {
    const res = await placeOnline(2);
    expect(res.status).to.equal(201);
    const order = res.body.order;
    expect(order).to.include({ status: 'pending_payment', paymentStatus: 'pending', totalCents: 2580 });
    expect(res.body.payment.publishableKey).to.equal('pk_test_ocpizza');
    expect(res.body.payment.clientSecret).to.match(/^pi_.+_secret_/);
    const [create] = stripe.requestsTo('POST', '/v1/payment_intents');
    expect(create.body).to.deep.include({ amount: '2580', currency: 'eur', capture_method: 'manual' });
    expect(create.body.metadata).to.deep.equal({ order_id: order.id, order_number: order.number });
    expect(create.idempotencyKey).to.equal(`order-${order.id}-v1-create`);
    expect(create.hasAuthorization).to.equal(true);
    const kitchen = await api.get('/api/staff/kitchen', { token: pizzaiolo.token });
    expect(kitchen.body.orders, 'not in the kitchen before payment').to.deep.equal([]);
  });

  it('when the authorisation webhook arrives 10 times (some at once), then the order is received once', async () => {
    const placed = await placeOnline(1);
    const pi = await intentOf(placed.body.order.id);
    const event = stripe.authorize(pi);
    const first = await Promise.all(Array.from({ length: 5 }, () => deliver(event)));
    const rest = [];
    for (let i = 0; i < 5; i++) rest.push(await deliver(event));
    const outcomes = await Promise.all(
      [...first, ...rest].map(async (r) => [r.status, ((await r.json()) as any).outcome]),
    );
    expect(outcomes.filter(([s]) => s === 200)).to.have.length(10);
    expect(outcomes.filter(([, o]) => o === 'processed')).to.have.length(1);
    const order = await orderOf(placed.body.order.id);
    expect(order).to.include({ status: 'received', paymentStatus: 'authorized' });
    expect(order.history.map((h: any) => h.to)).to.deep.equal(['pending_payment', 'received']);
  });

  it('when processing a webhook fails (Stripe unreachable), then 5xx so that Stripe retries, and the retry works', async () => {
    const placed = await placeOnline(1);
    const event = stripe.authorize(await intentOf(placed.body.order.id));
    stripe.failNext({ status: 500, type: 'api_error', times: 5 });
    const failed = await deliver(event);
    expect(failed.status).to.equal(503);
    expect((await orderOf(placed.body.order.id)).status).to.equal('pending_payment');
    stripe.recover();
    const retried = await deliver(event);
    expect(retried.status).to.equal(200);
    expect(((await retried.json()) as any).outcome).to.equal('processed');
    expect((await orderOf(placed.body.order.id)).status).to.equal('received');
  });

  it('when a webhook is forged, unsigned or signed with another secret, then 400 and nothing changes', async () => {
    const placed = await placeOnline(1);
    const event = stripe.authorize(await intentOf(placed.body.order.id));
    const forged = stripe.signedWebhook(event, SECRET);
    const tampered = await fetch(`${app.url}/api/payments/stripe/webhook`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Stripe-Signature': forged.header },
      body: forged.body.replace('"livemode": false', '"livemode": true'),
    });
    const unsigned = await fetch(`${app.url}/api/payments/stripe/webhook`, {
      method: 'POST',
      body: forged.body,
    });
    const wrongSecret = await deliver(event, 'whsec_someone_else');
    for (const res of [tampered, unsigned, wrongSecret]) {
      expect(res.status).to.equal(400);
      expect(((await res.json()) as any).error.code).to.equal('invalid_signature');
    }
    expect((await orderOf(placed.body.order.id)).status).to.equal('pending_payment');
  });

  it('when a webhook comes with an empty body, no body or no Content-Type, then 400 invalid_signature (no 500)', async () => {
    const placed = await placeOnline(1);
    const event = stripe.authorize(await intentOf(placed.body.order.id));
    const signed = stripe.signedWebhook(event, SECRET);
    const post = (init: RequestInit) =>
      fetch(`${app.url}/api/payments/stripe/webhook`, { method: 'POST', ...init });
    const answers = [
      // Empty body, JSON type, a signature made for another body.
      await post({
        headers: { 'Content-Type': 'application/json', 'Stripe-Signature': signed.header },
        body: '',
      }),
      // No body and no Content-Type at all.
      await post({ headers: { 'Stripe-Signature': signed.header } }),
      // A body without Content-Type (bytes: fetch adds none), signed for something else.
      await post({
        headers: { 'Stripe-Signature': signed.header },
        body: new TextEncoder().encode('{"id":"evt_x"}'),
      }),
    ];
    for (const res of answers) {
      expect(res.status).to.equal(400);
      expect(((await res.json()) as any).error.code).to.equal('invalid_signature');
    }
    // The same signed bytes without a Content-Type are still Stripe's event: accepted.
    const typeless = await post({
      headers: { 'Stripe-Signature': signed.header },
      body: new TextEncoder().encode(signed.body),
    });
    expect(typeless.status).to.equal(200);
    expect((await orderOf(placed.body.order.id)).status).to.equal('received');
  });

  it('when preparation starts, then exactly the total is captured and the order is paid', async () => {
    const { order, pi } = await authorisedOrder(2);
    const started = await api.post(`/api/staff/orders/${order.id}/start`, { token: pizzaiolo.token });
    expect(started.status).to.equal(200);
    expect(started.body.order).to.include({ status: 'preparing', paymentStatus: 'paid' });
    const [capture] = stripe.requestsTo('POST', `/v1/payment_intents/${pi}/capture`);
    expect(capture.body).to.deep.include({ amount_to_capture: '2580' });
    expect(capture.idempotencyKey).to.equal(`order-${order.id}-v1-capture`);
    expect(moneyTaken(pi)).to.equal(2580);
  });

  it('when an authorised order is lowered, then only the new total is captured; raising it is refused', async () => {
    const { order, pi } = await authorisedOrder(2);
    const higher = await api.patch(`/api/orders/${order.id}`, {
      token: customer.token,
      body: { items: pizzas(3) },
    });
    expect([higher.status, higher.body.error.code]).to.deep.equal([409, 'payment_reauthorization_required']);
    const lower = await api.patch(`/api/orders/${order.id}`, {
      token: customer.token,
      body: { items: pizzas(1) },
    });
    expect(lower.status).to.equal(200);
    expect(lower.body.order.totalCents).to.equal(1290);
    await api.post(`/api/staff/orders/${order.id}/start`, { token: pizzaiolo.token });
    expect(moneyTaken(pi)).to.equal(1290);
    expect(stripe.paymentIntent(pi)!.status).to.equal('succeeded');
    expect(await stockOf(app.db, w.stockIds.mozza)).to.deep.equal({ onHand: 50_000 - 120, reserved: 0 });
  });

  it('when the payment is still in progress, then a modification is refused with a message to finish paying', async () => {
    const placed = await placeOnline(2);
    const res = await api.patch(`/api/orders/${placed.body.order.id}`, {
      token: customer.token,
      body: { items: pizzas(1) },
    });
    expect([res.status, res.body.error.code]).to.deep.equal([409, 'payment_in_progress']);
  });

  it('when an authorised order is cancelled, then the authorisation is voided, no money is taken, stock released', async () => {
    const { order, pi } = await authorisedOrder(2);
    const res = await api.post(`/api/orders/${order.id}/cancel`, { token: customer.token, body: {} });
    expect(res.status).to.equal(200);
    expect(res.body.order).to.include({ status: 'cancelled', paymentStatus: 'voided' });
    expect(stripe.paymentIntent(pi)!.status).to.equal('canceled');
    expect(moneyTaken(pi)).to.equal(0);
    expect(await stockOf(app.db, w.stockIds.mozza)).to.deep.equal({ onHand: 50_000, reserved: 0 });
    // Stripe then confirms the cancellation: nothing more happens.
    expect((await deliver(stripe.eventFor('payment_intent.canceled', pi))).status).to.equal(200);
    expect((await orderOf(order.id)).history.map((h: any) => h.to)).to.deep.equal([
      'pending_payment',
      'received',
      'cancelled',
    ]);
  });

  it('when the card is declined, then the order stays pending and the customer sees the reason in French', async () => {
    const placed = await placeOnline(1);
    const pi = await intentOf(placed.body.order.id);
    expect(
      (await deliver(stripe.decline(pi, 'Your card has insufficient funds.', 'insufficient_funds'))).status,
    ).to.equal(200);
    const order = await orderOf(placed.body.order.id);
    expect(order).to.include({ status: 'pending_payment', paymentStatus: 'failed' });
    expect(order.paymentFailureReason)
      .to.match(/provision insuffisante/)
      .and.not.match(/insufficient/);
    // The customer tries another card, which works.
    expect((await deliver(stripe.authorize(pi))).status).to.equal(200);
    expect(await orderOf(placed.body.order.id)).to.include({
      status: 'received',
      paymentStatus: 'authorized',
      paymentFailureReason: null,
    });
  });

  it('when events arrive out of order, then the order converges on the intent’s real state', async () => {
    const { order, pi } = await authorisedOrder(1);
    const authorised = stripe.eventFor('payment_intent.amount_capturable_updated', pi);
    stripe.expireAuthorization(pi); // Stripe cancelled it: the later "canceled" event overtakes an old one
    expect((await deliver(stripe.eventFor('payment_intent.canceled', pi))).status).to.equal(200);
    expect((await deliver(authorised)).status).to.equal(200); // stale: still says requires_capture
    expect(await orderOf(order.id)).to.include({ status: 'cancelled', paymentStatus: 'voided' });
    expect(await stockOf(app.db, w.stockIds.mozza)).to.deep.equal({ onHand: 50_000, reserved: 0 });

    // A captured order receiving a stale "canceled" snapshot stays paid: Stripe says succeeded.
    const other = await authorisedOrder(1);
    await api.post(`/api/staff/orders/${other.order.id}/start`, { token: pizzaiolo.token });
    const stale = stripe.eventFor('payment_intent.canceled', other.pi);
    (stale.data.object as any).status = 'canceled';
    expect((await deliver(stale)).status).to.equal(200);
    expect(await orderOf(other.order.id)).to.include({ status: 'preparing', paymentStatus: 'paid' });
    expect(moneyTaken(other.pi)).to.equal(1290);
  });

  it('when an online order stays unpaid past the delay, then it expires once (even with two runners) and late money is voided', async () => {
    const placed = await placeOnline(2);
    const pi = await intentOf(placed.body.order.id);
    await app.db.query(`UPDATE orders SET created_at = now() - interval '20 minutes' WHERE id = $1`, {
      bind: [placed.body.order.id],
    });
    const { payments } = app.services;
    const [a, b] = await Promise.all([payments.expireUnpaidOrders(15), payments.expireUnpaidOrders(15)]);
    expect(a + b).to.equal(1);
    const order = await orderOf(placed.body.order.id);
    expect(order).to.include({ status: 'cancelled', paymentStatus: 'voided' });
    expect(order.history.map((h: any) => h.to)).to.deep.equal(['pending_payment', 'cancelled']);
    expect(stripe.paymentIntent(pi)!.status).to.equal('canceled');
    expect(await stockOf(app.db, w.stockIds.mozza)).to.deep.equal({ onHand: 50_000, reserved: 0 });
    expect(await app.services.stock.ledgerDiscrepancies()).to.deep.equal([]);
  });

  it('when the customer pays after the order expired, then the late authorisation is voided', async () => {
    const placed = await placeOnline(1);
    const pi = await intentOf(placed.body.order.id);
    await app.db.query(`UPDATE orders SET created_at = now() - interval '20 minutes' WHERE id = $1`, {
      bind: [placed.body.order.id],
    });
    stripe.failNext({ status: 500, type: 'api_error', times: 10 }); // Stripe down during the expiry: void fails
    await app.services.payments.expireUnpaidOrders(15);
    stripe.recover();
    expect(stripe.paymentIntent(pi)!.status, 'the void failed').to.equal('requires_payment_method');
    expect((await deliver(stripe.authorize(pi))).status).to.equal(200);
    expect(stripe.paymentIntent(pi)!.status).to.equal('canceled');
    expect(moneyTaken(pi)).to.equal(0);
  });

  it('when Stripe fails at placement (500 or card declined), then a clear error and no order is left holding stock', async () => {
    stripe.failNext({ status: 500, type: 'api_error', times: 5 });
    const key = newKey();
    const down = await placeOnline(2, key);
    expect([down.status, down.body.error.code]).to.deep.equal([503, 'payment_provider_unavailable']);
    expect(down.body.error.message).to.match(/momentanément indisponible/);
    expect(await stockOf(app.db, w.stockIds.mozza)).to.deep.equal({ onHand: 50_000, reserved: 0 });
    const [{ n }] = await app.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM orders WHERE status <> 'cancelled'`,
      {
        type: QueryTypes.SELECT,
      },
    );
    expect(n).to.equal(0);
    // The same key may be used again once Stripe is back.
    stripe.recover();
    const retry = await placeOnline(2, key);
    expect(retry.status).to.equal(201);
    expect(retry.body.order.status).to.equal('pending_payment');

    stripe.failNext({
      status: 402,
      type: 'card_error',
      code: 'card_declined',
      declineCode: 'generic_decline',
    });
    const declined = await placeOnline(1);
    expect([declined.status, declined.body.error.code]).to.deep.equal([402, 'card_declined']);
    expect(await stockOf(app.db, w.stockIds.mozza)).to.deep.equal({ onHand: 50_000, reserved: 240 });
    expect(await app.services.stock.ledgerDiscrepancies()).to.deep.equal([]);
  });

  it('when Stripe answers too slowly at placement, then 503 within a bounded time and the stock is released', async () => {
    stripe.delayNext(1500, 2); // the first attempt and the SDK's retry both time out
    const started = Date.now();
    const res = await placeOnline(2);
    expect([res.status, res.body.error.code]).to.deep.equal([503, 'payment_provider_unavailable']);
    expect(Date.now() - started).to.be.below(5000);
    expect(await stockOf(app.db, w.stockIds.mozza)).to.deep.equal({ onHand: 50_000, reserved: 0 });
    const [{ n }] = await app.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM orders WHERE status <> 'cancelled'`,
      {
        type: QueryTypes.SELECT,
      },
    );
    expect(n).to.equal(0);
  });

  it('when a cash order delivered is refunded at the shop, then it is recorded without calling Stripe', async () => {
    const manager = await staffWithToken(app.db, 'manager', w.shopId);
    const driver = await staffWithToken(app.db, 'driver', w.shopId);
    const placed = await api.post('/api/orders', {
      token: customer.token,
      headers: { 'Idempotency-Key': newKey() },
      body: {
        pizzeriaId: w.shopId,
        fulfilment: 'delivery',
        address: { line1: '1 rue de Charonne', postcode: '75011', city: 'Paris' },
        items: pizzas(2),
        paymentMethod: 'cash',
      },
    });
    const id = placed.body.order.id;
    for (const [step, token] of [
      ['start', pizzaiolo.token],
      ['ready', pizzaiolo.token],
      ['pickup', driver.token],
    ] as const) {
      expect((await api.post(`/api/staff/orders/${id}/${step}`, { token })).status).to.equal(200);
    }
    await api.post(`/api/staff/orders/${id}/deliver`, {
      token: driver.token,
      body: { payment: { method: 'cash', amountReceivedCents: 3000 } },
    });
    const before = stripe.requests.length;
    const refund = await api.post(`/api/staff/orders/${id}/refunds`, {
      token: manager.token,
      body: { amountCents: 830, reason: 'Livraison en retard' },
    });
    expect(refund.status).to.equal(200);
    expect(refund.body.order.paymentStatus).to.equal('partially_refunded');
    expect(stripe.requests.length, 'no call to Stripe').to.equal(before);
  });

  it('when a manager refunds part then the rest, then Stripe refunds exactly that and the order says so', async () => {
    const manager = await staffWithToken(app.db, 'manager', w.shopId);
    const { order, pi } = await authorisedOrder(2);
    await api.post(`/api/staff/orders/${order.id}/start`, { token: pizzaiolo.token });
    const noReason = await api.post(`/api/staff/orders/${order.id}/refunds`, {
      token: manager.token,
      body: { amountCents: 500 },
    });
    expect(noReason.status).to.equal(422);
    const part = await api.post(`/api/staff/orders/${order.id}/refunds`, {
      token: manager.token,
      body: { amountCents: 500, reason: 'Pizza trop cuite' },
    });
    expect(part.status).to.equal(200);
    expect(part.body.order.paymentStatus).to.equal('partially_refunded');
    expect(stripe.refundedCents(pi)).to.equal(500);
    const tooMuch = await api.post(`/api/staff/orders/${order.id}/refunds`, {
      token: manager.token,
      body: { amountCents: 2081, reason: 'Erreur' },
    });
    expect([tooMuch.status, tooMuch.body.error.code]).to.deep.equal([422, 'refund_exceeds_paid']);
    const rest = await api.post(`/api/staff/orders/${order.id}/refunds`, {
      token: manager.token,
      body: { amountCents: 2080, reason: 'Commande non livrée' },
    });
    expect(rest.body.order.paymentStatus).to.equal('refunded');
    expect(moneyTaken(pi)).to.equal(0);
    const refunds = await app.db.query<{ reason: string; employee_id: number }>(
      `SELECT reason, employee_id FROM refunds WHERE order_id = $1 ORDER BY id`,
      { type: QueryTypes.SELECT, bind: [order.id] },
    );
    expect(refunds.map((r) => [r.reason, r.employee_id])).to.deep.equal([
      ['Pizza trop cuite', manager.id],
      ['Commande non livrée', manager.id],
    ]);
    const pizzaioloTry = await api.post(`/api/staff/orders/${order.id}/refunds`, {
      token: pizzaiolo.token,
      body: { amountCents: 1, reason: 'Test' },
    });
    expect(pizzaioloTry.status).to.equal(403);
  });
});

describe('without Stripe keys (development)', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app.close());

  it('when online payment is not configured, then /api/config says so and card orders are refused; cash works', async () => {
    const api = client(app.url);
    const config = await api.get('/api/config');
    expect(config.body.onlinePayment).to.deep.equal({
      enabled: false,
      provider: 'stripe',
      publishableKey: null,
    });
    expect(config.body.paymentMethods).to.deep.equal(['card_on_delivery', 'cash', 'meal_voucher']);
    const w = await createShopWorld(app.db);
    const customer = await customerWithToken(app.db);
    const body = {
      pizzeriaId: w.shopId,
      fulfilment: 'takeaway',
      items: [{ productId: w.margherita.productId, sizeId: w.margherita.sizeM, quantity: 1 }],
      paymentMethod: 'card_online',
    };
    const card = await api.post('/api/orders', {
      token: customer.token,
      body,
      headers: { 'Idempotency-Key': newKey() },
    });
    expect([card.status, card.body.error.code]).to.deep.equal([422, 'online_payment_unavailable']);
    const cash = await api.post('/api/orders', {
      token: customer.token,
      body: { ...body, paymentMethod: 'cash' },
      headers: { 'Idempotency-Key': newKey() },
    });
    expect(cash.status).to.equal(201);
    const webhook = await fetch(`${app.url}/api/payments/stripe/webhook`, { method: 'POST', body: '{}' });
    expect(webhook.status).to.equal(404);
  });
});
