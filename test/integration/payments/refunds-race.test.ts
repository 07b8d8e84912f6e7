// Refunds sent at once (a double-clicked « Rembourser », or several managers) never pay back more than was
// paid, whatever the interleaving; the database refuses an over-refund even from code that skips the checks.
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { startFakeStripe, stripeSettings, type FakeStripeServer } from '../../fakes/stripe-server.js';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { waitFor } from '../../helpers/wait.js';
import { createProduct } from '../../factories/catalog.js';
import {
  createShopWorld,
  customerWithToken,
  newKey,
  staffWithToken,
  type ShopWorld,
} from '../../factories/shop.js';

const SECRET = 'whsec_test_refund_races';
type Token = { token: string };

describe('refunds at once: never more than was paid', function () {
  this.timeout(60_000);
  let stripe: FakeStripeServer;
  let app: TestApp;
  let api: ReturnType<typeof client>;
  let w: ShopWorld;
  let customer: Token;
  let pizzaiolo: Token;
  let driver: Token;
  let manager: Token;
  /** A pizza at 17,80 €: delivered with the 2,50 € fee it makes 20,30 €. */
  let calzone: { productId: number; sizeId: number };
  /** A pizza at 20,30 €, to take away (no fee). */
  let grande: { productId: number; sizeId: number };

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
    manager = await staffWithToken(app.db, 'manager', w.shopId);
    const recipe = { [w.ingredients.dough]: 250, [w.ingredients.mozza]: 120 };
    const c = await createProduct(app.db, {
      name: 'Calzone',
      recipe,
      sizes: [{ code: 'M', label: 'Sénior 31 cm', priceCents: 1780, factorPct: 100 }],
    });
    calzone = { productId: c.id, sizeId: c.sizeIds.M };
    const g = await createProduct(app.db, {
      name: 'Grande reine',
      recipe,
      sizes: [{ code: 'M', label: 'Sénior 31 cm', priceCents: 2030, factorPct: 100 }],
    });
    grande = { productId: g.id, sizeId: g.sizeIds.M };
  });

  async function step(orderId: string, path: string, who: Token, body?: object) {
    const res = await api.post(`/api/staff/orders/${orderId}/${path}`, { token: who.token, body });
    expect(res.status, `${path}: ${JSON.stringify(res.body)}`).to.equal(200);
    return res.body.order;
  }

  /** A delivered order of 20,30 € paid in cash at the door. */
  async function deliveredCashOrder(): Promise<string> {
    const placed = await api.post('/api/orders', {
      token: customer.token,
      headers: { 'Idempotency-Key': newKey() },
      body: {
        pizzeriaId: w.shopId,
        fulfilment: 'delivery',
        address: { line1: '3 rue Oberkampf', postcode: '75011', city: 'Paris' },
        items: [{ ...calzone, quantity: 1 }],
        paymentMethod: 'cash',
      },
    });
    expect(placed.status, JSON.stringify(placed.body)).to.equal(201);
    const id = placed.body.order.id;
    expect(placed.body.order.totalCents).to.equal(2030);
    await step(id, 'start', pizzaiolo);
    await step(id, 'ready', pizzaiolo);
    await step(id, 'pickup', driver);
    await step(id, 'deliver', driver, { payment: { method: 'cash', amountReceivedCents: 2050 } });
    return id;
  }

  /** A takeaway order of 20,30 € paid online, captured when preparation started. */
  async function capturedOnlineOrder(): Promise<{ id: string; pi: string }> {
    const placed = await api.post('/api/orders', {
      token: customer.token,
      headers: { 'Idempotency-Key': newKey() },
      body: {
        pizzeriaId: w.shopId,
        fulfilment: 'takeaway',
        items: [{ ...grande, quantity: 1 }],
        paymentMethod: 'card_online',
      },
    });
    expect(placed.status, JSON.stringify(placed.body)).to.equal(201);
    const id = placed.body.order.id;
    const [{ pi }] = await app.db.query<{ pi: string }>(
      `SELECT provider_reference AS pi FROM payments WHERE order_id = $1 AND provider = 'stripe'`,
      { type: QueryTypes.SELECT, bind: [id] },
    );
    const { body, header } = stripe.signedWebhook(stripe.authorize(pi), SECRET);
    const hook = await fetch(`${app.url}/api/payments/stripe/webhook`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Stripe-Signature': header },
      body,
    });
    expect(hook.status).to.equal(200);
    expect(await step(id, 'start', pizzaiolo)).to.include({ paymentStatus: 'paid' });
    expect(stripe.paymentIntent(pi)!.amount_received).to.equal(2030);
    return { id, pi };
  }

  const refundAll = (orderId: string, amounts: number[]) =>
    Promise.all(
      amounts.map((amountCents, i) =>
        api.post(`/api/staff/orders/${orderId}/refunds`, {
          token: manager.token,
          body: { amountCents, reason: `Geste commercial ${i + 1}` },
        }),
      ),
    );

  /** What the database says was refunded of the order: each refund row, and their sum. */
  async function refundedInDb(orderId: string) {
    const rows = await app.db.query<{ amount: number; ref: string | null }>(
      `SELECT amount_cents AS amount, provider_reference AS ref FROM refunds WHERE order_id = $1 ORDER BY id`,
      { type: QueryTypes.SELECT, bind: [orderId] },
    );
    return { rows, total: rows.reduce((s, r) => s + r.amount, 0) };
  }

  /** Every refusal is the clean one: nothing left to refund (422 checked first, 409 from the database rule). */
  function expectOnlyAcceptedOrExceeding(responses: { status: number; body: any }[]) {
    for (const r of responses) {
      if (r.status === 200) continue;
      expect([422, 409], JSON.stringify(r.body)).to.include(r.status);
      expect(r.body.error.code).to.equal('refund_exceeds_paid');
    }
  }

  it('when 8 cash refunds of 12,18 € on 20,30 € are sent at once (3 rounds), then exactly one is accepted', async () => {
    for (let round = 0; round < 3; round++) {
      const id = await deliveredCashOrder();
      const responses = await refundAll(id, Array(8).fill(1218));
      expectOnlyAcceptedOrExceeding(responses);
      expect(
        responses.filter((r) => r.status === 200),
        `round ${round}`,
      ).to.have.length(1);
      expect((await refundedInDb(id)).total, `round ${round}`).to.equal(1218);
      const order = (await api.get(`/api/staff/orders/${id}`, { token: manager.token })).body.order;
      expect(order.paymentStatus).to.equal('partially_refunded');
    }
  });

  it('when 8 cash refunds of 5 € on 20,30 € are sent at once, then exactly 4 are accepted and 0,30 € is left', async () => {
    const id = await deliveredCashOrder();
    const responses = await refundAll(id, Array(8).fill(500));
    expectOnlyAcceptedOrExceeding(responses);
    expect(responses.filter((r) => r.status === 200)).to.have.length(4);
    expect((await refundedInDb(id)).total).to.equal(2000);
    const rest = await refundAll(id, [31, 30]);
    expect(rest.map((r) => r.status)).to.deep.equal([422, 200]);
    expect(rest[1].body.order.paymentStatus).to.equal('refunded');
    expect((await refundedInDb(id)).total).to.equal(2030);
  });

  it('when 8 Stripe refunds of 12,18 € on 20,30 € are sent at once (3 rounds), then Stripe and the records agree on one refund', async () => {
    for (let round = 0; round < 3; round++) {
      const { id, pi } = await capturedOnlineOrder();
      const responses = await refundAll(id, Array(8).fill(1218));
      expectOnlyAcceptedOrExceeding(responses);
      expect(responses.filter((r) => r.status === 200).length, `round ${round}`).to.be.at.least(1);
      const db = await refundedInDb(id);
      expect(stripe.refundedCents(pi), `round ${round}: refunded at Stripe`).to.equal(1218);
      expect(db.total, `round ${round}: recorded`).to.equal(1218);
      expect(db.rows.map((r) => r.ref)).to.deep.equal(
        stripe
          .refunds()
          .filter((r) => r.payment_intent === pi)
          .map((r) => r.id),
      );
    }
  });

  it('when Stripe refunds of different amounts are sent at once, then the records equal Stripe and never exceed 20,30 €', async () => {
    for (let round = 0; round < 2; round++) {
      const { id, pi } = await capturedOnlineOrder();
      const responses = await refundAll(id, [1218, 1218, 900, 700, 500, 500, 300, 50]);
      expectOnlyAcceptedOrExceeding(responses);
      const db = await refundedInDb(id);
      const atStripe = stripe.refunds().filter((r) => r.payment_intent === pi);
      expect(db.total, `round ${round}`).to.equal(stripe.refundedCents(pi));
      expect(db.total, `round ${round}`).to.be.at.most(2030);
      expect([...db.rows.map((r) => r.ref)].sort()).to.deep.equal(atStripe.map((r) => r.id).sort());
    }
  });

  it('when something else refunds while Stripe is answering, then the database is the last guard: 409, never more recorded', async () => {
    const { id, pi } = await capturedOnlineOrder();
    stripe.delayNext(600);
    const pending = refundAll(id, [1218]);
    // The amount was checked and Stripe called: another writer takes 10 € of the payment meanwhile.
    await waitFor('the refund reached Stripe', () => stripe.requestsTo('POST', '/v1/refunds').length === 1);
    await app.db.query(
      `INSERT INTO refunds (payment_id, order_id, amount_cents, reason, status)
       SELECT id, order_id, 1000, 'Remboursé au comptoir', 'succeeded' FROM payments WHERE order_id = $1`,
      { bind: [id] },
    );
    const [res] = await pending;
    expect([res.status, res.body.error?.code]).to.deep.equal([409, 'refund_exceeds_paid']);
    expect(res.body.error.message).to.match(/dépasse ce qui reste payé/);
    expect(stripe.refundedCents(pi)).to.equal(1218);
    expect((await refundedInDb(id)).total).to.equal(1000);
  });

  it('when SQL writes an over-refund directly, then the database refuses it', async () => {
    const id = await deliveredCashOrder();
    const [payment] = await app.db.query<{ id: number }>(`SELECT id FROM payments WHERE order_id = $1`, {
      type: QueryTypes.SELECT,
      bind: [id],
    });
    const insert = (amount: number, ref: string | null = null) =>
      app.db.query(
        `INSERT INTO refunds (payment_id, order_id, amount_cents, reason, provider_reference, status)
         VALUES ($1, $2, $3, 'Direct', $4, 'succeeded')`,
        { bind: [payment.id, id, amount, ref] },
      );
    /** The statement fails on the named constraint of the database (not on any check of the app). */
    const refused = async (
      work: () => Promise<unknown>,
      what: string,
      constraint = 'payments_refunded_within_amount',
    ) => {
      const error = await work().then(
        () => null,
        (e: { original?: { constraint?: string } }) => e,
      );
      expect(error, what).not.to.equal(null);
      expect(error!.original?.constraint, what).to.equal(constraint);
    };

    await refused(() => insert(2031), 'one refund above the payment');
    await insert(2000, 're_direct_1');
    await refused(() => insert(31), 'a second refund past the payment');
    await refused(
      () => insert(30, 're_direct_1'),
      'the same provider refund twice',
      'refunds_provider_reference_key',
    );
    await refused(
      () => app.db.query(`UPDATE refunds SET amount_cents = 2031 WHERE order_id = $1`, { bind: [id] }),
      'a refund raised past the payment',
    );
    await refused(
      () =>
        app.db.query(`UPDATE payments SET refunded_cents = amount_cents + 1 WHERE id = $1`, {
          bind: [payment.id],
        }),
      'the refunded total raised past the payment',
    );
    await refused(
      () => app.db.query(`UPDATE payments SET amount_cents = 1999 WHERE id = $1`, { bind: [payment.id] }),
      'the payment lowered under what was refunded',
    );
    await insert(30);
    const [state] = await app.db.query<{ refunded: number; amount: number }>(
      `SELECT refunded_cents AS refunded, amount_cents AS amount FROM payments WHERE id = $1`,
      { type: QueryTypes.SELECT, bind: [payment.id] },
    );
    expect(state).to.deep.equal({ refunded: 2030, amount: 2030 });
    // A failed refund gives its amount back to the payment.
    await app.db.query(`UPDATE refunds SET status = 'failed' WHERE amount_cents = 30 AND order_id = $1`, {
      bind: [id],
    });
    const [after] = await app.db.query<{ refunded: number }>(
      `SELECT refunded_cents AS refunded FROM payments WHERE id = $1`,
      { type: QueryTypes.SELECT, bind: [payment.id] },
    );
    expect(after.refunded).to.equal(2000);
  });
});
