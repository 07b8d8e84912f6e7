// R4: Stripe webhooks through the real app over HTTP, signed with the real stripe SDK's test helper against the
// fake Stripe server: forged ones are refused (400, nothing changes), one event replayed 10 times at once has
// one effect, and events arriving reversed or shuffled leave every order in the state the product defines
// (the order follows the PaymentIntent's current state at Stripe, whatever the order of the events).
import { expect } from 'chai';
import fc from 'fast-check';
import { QueryTypes } from 'sequelize';
import { cardDeclinedMessage } from '../../src/modules/payments/payment-errors.js';
import {
  createShopWorld,
  customerWithToken,
  newKey,
  staffWithToken,
  stockOf,
  takeawayMargherita,
} from '../factories/shop.js';
import type { ShopWorld } from '../factories/shop.js';
import { startFakeStripe, type FakeStripeEvent, type FakeStripeServer } from '../fakes/stripe-server.js';
import { client } from '../helpers/api.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import {
  changedTables,
  cleanDatabase,
  countBy,
  fingerprintTables,
  formatCounts,
  inPool,
} from './input-support.js';

const SECRET = 'whsec_r4_reliability';
const MOZZA_PER_ORDER = 120; // one Margherita M

describe('R4: Stripe webhooks forged, replayed and out of order', function () {
  this.timeout(180_000);
  let stripe: FakeStripeServer;
  let app: TestApp;
  let w: ShopWorld;
  let customer: Awaited<ReturnType<typeof customerWithToken>>;
  let pizzaiolo: Awaited<ReturnType<typeof staffWithToken>>;

  before(async () => {
    await cleanDatabase();
    stripe = await startFakeStripe({ apiKey: 'sk_test_r4' });
    app = await startTestApp({
      STRIPE_API_KEY: 'sk_test_r4',
      STRIPE_PUBLISHABLE_KEY: 'pk_test_r4',
      STRIPE_WEBHOOK_SECRET: SECRET,
      STRIPE_API_BASE: stripe.apiBase,
    });
    w = await createShopWorld(app.db);
    customer = await customerWithToken(app.db);
    pizzaiolo = await staffWithToken(app.db, 'pizzaiolo', w.shopId);
  });
  after(async () => {
    await app?.close();
    await stripe?.close();
  });
  afterEach(async () => {
    expect(await app.services.stock.ledgerDiscrepancies(), 'stock ledger').to.deep.equal([]);
  });

  const api = () => client(app.url);
  const rows = <T extends object>(sql: string, bind: unknown[] = []) =>
    app.db.query<T>(sql, { type: QueryTypes.SELECT, bind });

  async function placeOnline(): Promise<{ orderId: string; pi: string; totalCents: number }> {
    const res = await api().post('/api/orders', {
      token: customer.token,
      headers: { 'Idempotency-Key': newKey() },
      body: takeawayMargherita(w, 'card_online'),
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const [{ ref }] = await rows<{ ref: string }>(
      `SELECT provider_reference AS ref FROM payments WHERE order_id = $1 AND provider = 'stripe'`,
      [res.body.order.id],
    );
    return { orderId: res.body.order.id, pi: ref, totalCents: res.body.order.totalCents };
  }

  interface Delivery {
    body: string;
    header?: string;
  }
  const signed = (event: object, secret = SECRET, timestamp?: number): Delivery =>
    stripe.signedWebhook(event, secret, { timestamp });
  async function deliver(d: Delivery): Promise<{ status: number; body: any }> {
    const res = await fetch(`${app.url}/api/payments/stripe/webhook`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(d.header ? { 'Stripe-Signature': d.header } : {}) },
      body: d.body,
    });
    return { status: res.status, body: await res.json() };
  }

  async function orderState(orderId: string) {
    const [order] = await rows<{ status: string; paymentStatus: string; reason: string | null }>(
      `SELECT status, payment_status AS "paymentStatus", payment_failure_reason AS reason FROM orders WHERE id = $1`,
      [orderId],
    );
    const history = await rows<{ to: string }>(
      `SELECT to_status AS to FROM order_status_events WHERE order_id = $1 ORDER BY id`,
      [orderId],
    );
    const [payment] = await rows<{ status: string; amountCents: number; reason: string | null }>(
      `SELECT status, amount_cents AS "amountCents", failure_reason AS reason FROM payments
        WHERE order_id = $1 AND provider = 'stripe'`,
      [orderId],
    );
    return { ...order, history: history.map((h) => h.to), payment };
  }
  const processedEvents = async () =>
    (await rows<{ n: number }>(`SELECT count(*)::int AS n FROM processed_webhook_events`))[0].n;
  /** What the customer actually paid at Stripe: captured minus refunded. */
  const moneyTaken = (pi: string) =>
    (stripe.paymentIntent(pi)?.amount_received ?? 0) - stripe.refundedCents(pi);
  const eventsOf = (pi: string) =>
    stripe.events.filter((e) => e.data.object.object === 'payment_intent' && e.data.object.id === pi);

  it('when webhooks are forged (bad or foreign signature, stale, tampered, missing), then 400 and no effect', async () => {
    const orders = await Promise.all(Array.from({ length: 6 }, placeOnline));
    const genuine = orders.map((o) => stripe.authorize(o.pi)); // each would make its order `received`
    const now = Math.floor(Date.now() / 1000);
    const forgeries: Record<string, (e: FakeStripeEvent, i: number) => Delivery> = {
      'foreign secret': (e) => signed(e, 'whsec_someone_else'),
      'stale timestamp': (e) => signed(e, SECRET, now - 3600),
      'tampered body': (e) => {
        const d = signed(e);
        return { ...d, body: d.body.replace(/"amount_capturable": \d+/, '"amount_capturable": 1') };
      },
      'signature of another event': (e, i) => ({
        body: signed(e).body,
        header: signed(genuine[(i + 1) % genuine.length]).header,
      }),
      'random signature': (e) => ({
        body: signed(e).body,
        header: `t=${now},v1=${'0123456789abcdef'.repeat(4)}`,
      }),
      'v0 scheme only': (e) => {
        const d = signed(e);
        return { ...d, header: d.header!.replace('v1=', 'v0=') };
      },
      'malformed header': (e) => ({ body: signed(e).body, header: 't=abc,v1=' }),
      'no header': (e) => ({ body: signed(e).body }),
    };
    const before = await fingerprintTables(app.db);
    const attempts = Object.entries(forgeries).flatMap(([kind, forge]) =>
      genuine.map((e, i) => ({ kind, delivery: forge(e, i) })),
    );
    const answers = await Promise.all(attempts.map((a) => deliver(a.delivery)));
    const refused = answers.map((r, i) => `${attempts[i].kind}: ${r.status} ${r.body?.error?.code}`);
    expect(refused).to.deep.equal(attempts.map((a) => `${a.kind}: 400 invalid_signature`));
    expect(
      changedTables(before, await fingerprintTables(app.db)),
      'rows changed by forged webhooks',
    ).to.deep.equal([]);
    for (const o of orders) expect((await orderState(o.orderId)).status).to.equal('pending_payment');

    // The same events, genuinely signed, do take effect: the forgeries were refused for their signature alone.
    const outcomes = await Promise.all(genuine.map((e) => deliver(signed(e))));
    expect(outcomes.map((o) => [o.status, o.body.outcome])).to.deep.equal(
      genuine.map(() => [200, 'processed']),
    );
    for (const o of orders) expect((await orderState(o.orderId)).status).to.equal('received');
    console.log(
      `      R4: ${attempts.length} forged webhooks (${Object.keys(forgeries).length} kinds × ${genuine.length} ` +
        `events) -> ${answers.filter((a) => a.status === 400).length}×400 invalid_signature, 0 rows changed; ` +
        `the same events genuinely signed: ${outcomes.length}/${genuine.length} processed`,
    );
  });

  it('when each event is replayed 10 times at once, then it has exactly one effect (order, payment, event, Stripe)', async () => {
    const COPIES = 10;
    // Orders waiting for payment: the authorisation makes them `received`.
    const waiting = await Promise.all(Array.from({ length: 10 }, placeOnline));
    // Orders that expired while Stripe was down (the void failed), then paid: the late authorisation must be
    // voided at Stripe, once.
    const late = await Promise.all(Array.from({ length: 5 }, placeOnline));
    await app.db.query(`UPDATE orders SET created_at = now() - interval '1 hour' WHERE id = ANY($1)`, {
      bind: [late.map((o) => o.orderId)],
    });
    stripe.failNext({ status: 500, type: 'api_error', times: 1000 });
    expect(await app.services.payments.expireUnpaidOrders(15)).to.equal(late.length);
    stripe.recover();
    const events = [...waiting, ...late].map((o) => ({ order: o, delivery: signed(stripe.authorize(o.pi)) }));
    const processedBefore = await processedEvents();
    const requestsBefore = stripe.requests.length;

    const answers = await Promise.all(
      events.flatMap((e) =>
        Array.from({ length: COPIES }, () => deliver(e.delivery).then((r) => ({ e, r }))),
      ),
    );
    expect(answers.filter((a) => a.r.status !== 200).map((a) => a.r.body)).to.deep.equal([]);
    for (const e of events) {
      const outcomes = answers.filter((a) => a.e === e).map((a) => a.r.body.outcome);
      expect(
        countBy(outcomes, (o) => o),
        e.order.orderId,
      ).to.deep.equal({ processed: 1, duplicate: COPIES - 1 });
    }
    expect((await processedEvents()) - processedBefore, 'event ids recorded').to.equal(events.length);
    for (const o of waiting) {
      const state = await orderState(o.orderId);
      expect(state).to.deep.include({ status: 'received', paymentStatus: 'authorized', reason: null });
      expect(state.history).to.deep.equal(['pending_payment', 'received']);
      expect(state.payment).to.deep.equal({
        status: 'requires_capture',
        amountCents: o.totalCents,
        reason: null,
      });
    }
    const voids = stripe.requests.slice(requestsBefore).filter((r) => r.path.endsWith('/cancel'));
    for (const o of late) {
      const state = await orderState(o.orderId);
      expect(state).to.deep.include({ status: 'cancelled', paymentStatus: 'voided' });
      expect(state.history).to.deep.equal(['pending_payment', 'cancelled']);
      expect(stripe.paymentIntent(o.pi)!.status).to.equal('canceled');
      expect(voids.filter((r) => r.path.includes(o.pi)).length, `voids of ${o.pi}`).to.equal(1);
      expect(moneyTaken(o.pi)).to.equal(0);
    }
    console.log(
      `      R4: ${events.length} events × ${COPIES} concurrent copies -> ${answers.length}×200, ` +
        `${events.length} processed, ${answers.length - events.length} duplicates; each order changed once, ` +
        `${late.length} late authorisations voided once each at Stripe`,
    );
  });

  it('when events arrive reversed or shuffled (and twice), then every order ends in the state its intent defines', async () => {
    const PER_GROUP = 3;
    type Scenario =
      'declined then paid' | 'authorised then expired' | 'declined' | 'captured' | 'cancelled by customer';
    // What the product defines for each final PaymentIntent state (README « Payment flow »).
    const expected: Record<
      Scenario,
      { status: string; paymentStatus: string; history: string[]; stripe: string }
    > = {
      'declined then paid': {
        status: 'received',
        paymentStatus: 'authorized',
        history: ['pending_payment', 'received'],
        stripe: 'requires_capture',
      },
      'authorised then expired': {
        status: 'cancelled',
        paymentStatus: 'voided',
        history: ['pending_payment', 'cancelled'],
        stripe: 'canceled',
      },
      declined: {
        status: 'pending_payment',
        paymentStatus: 'failed',
        history: ['pending_payment'],
        stripe: 'failed',
      },
      captured: {
        status: 'preparing',
        paymentStatus: 'paid',
        history: ['pending_payment', 'received', 'preparing'],
        stripe: 'succeeded',
      },
      'cancelled by customer': {
        status: 'cancelled',
        paymentStatus: 'voided',
        history: ['pending_payment', 'cancelled'],
        stripe: 'canceled',
      },
    };
    const setUp: Record<Scenario, (o: { orderId: string; pi: string }) => Promise<void>> = {
      'declined then paid': async (o) => {
        stripe.decline(o.pi);
        stripe.authorize(o.pi);
      },
      'authorised then expired': async (o) => {
        stripe.authorize(o.pi);
        stripe.expireAuthorization(o.pi);
      },
      declined: async (o) => {
        stripe.decline(o.pi, 'Your card has insufficient funds.', 'insufficient_funds');
      },
      captured: async (o) => {
        expect((await deliver(signed(stripe.authorize(o.pi)))).status).to.equal(200);
        const res = await api().post(`/api/staff/orders/${o.orderId}/start`, { token: pizzaiolo.token });
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
      },
      'cancelled by customer': async (o) => {
        stripe.authorize(o.pi);
        const res = await api().post(`/api/orders/${o.orderId}/cancel`, { token: customer.token, body: {} });
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
      },
    };
    const stockBefore = await stockOf(app.db, w.stockIds.mozza);
    const cases: {
      scenario: Scenario;
      group: 'reversed' | 'shuffled';
      orderId: string;
      pi: string;
      totalCents: number;
    }[] = [];
    for (const scenario of Object.keys(expected) as Scenario[]) {
      for (const group of ['reversed', 'shuffled'] as const) {
        for (let i = 0; i < PER_GROUP; i++) {
          const o = await placeOnline();
          await setUp[scenario](o);
          cases.push({ scenario, group, ...o });
        }
      }
    }
    const seed = Number(process.env.R4_SEED ?? Date.now() % 2 ** 31);
    const shuffle = <T>(items: T[]): T[] =>
      fc.sample(fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length }), {
        numRuns: 1,
        seed,
      })[0];
    const all = cases.flatMap((c) => eventsOf(c.pi).map((event) => ({ c, event })));
    // Reversed: each order's events newest first, one after the other (orders side by side).
    const reversed = await Promise.all(
      cases
        .filter((c) => c.group === 'reversed')
        .map(async (c) => {
          const answers = [];
          for (const event of eventsOf(c.pi).reverse()) answers.push(await deliver(signed(event)));
          return answers;
        }),
    );
    // Shuffled: every event of those orders twice, in one random order, 12 at a time.
    const twice = all.filter((x) => x.c.group === 'shuffled').flatMap((x) => [x, x]);
    const shuffled = await inPool(shuffle(twice), 12, (x) => deliver(signed(x.event)));
    const answers = [...reversed.flat(), ...shuffled];
    expect(answers.filter((a) => a.status !== 200).map((a) => a.body)).to.deep.equal([]);

    const divergent: string[] = [];
    for (const c of cases) {
      const want = expected[c.scenario];
      const state = await orderState(c.orderId);
      const got = {
        status: state.status,
        paymentStatus: state.paymentStatus,
        history: state.history,
        stripe: state.payment.status,
      };
      if (JSON.stringify(got) !== JSON.stringify(want))
        divergent.push(`${c.scenario} (${c.group}): ${JSON.stringify(got)}`);
      const money = c.scenario === 'captured' ? c.totalCents : 0;
      expect(moneyTaken(c.pi), `${c.scenario}: money taken`).to.equal(money);
      if (c.scenario === 'declined') {
        expect([state.reason, state.payment.reason]).to.deep.equal(
          Array(2).fill(cardDeclinedMessage('insufficient_funds')),
        );
      } else expect([state.reason, state.payment.reason], c.scenario).to.deep.equal([null, null]);
    }
    expect(divergent).to.deep.equal([]);
    const holding = cases.filter((c) =>
      ['pending_payment', 'received'].includes(expected[c.scenario].status),
    );
    const prepared = cases.filter((c) => c.scenario === 'captured');
    const stockAfter = await stockOf(app.db, w.stockIds.mozza);
    expect(
      stockAfter,
      'mozzarella: reserved by the orders still holding, consumed by the prepared',
    ).to.deep.equal({
      onHand: stockBefore.onHand - MOZZA_PER_ORDER * prepared.length,
      reserved: stockBefore.reserved + MOZZA_PER_ORDER * holding.length,
    });
    const [{ n: recorded }] = await rows<{ n: number }>(
      `SELECT count(*)::int AS n FROM processed_webhook_events WHERE event_id = ANY($1)`,
      [all.map((x) => x.event.id)],
    );
    expect(recorded, 'each distinct event recorded once').to.equal(new Set(all.map((x) => x.event.id)).size);

    // Everything again, shuffled: nothing changes any more.
    const before = await fingerprintTables(app.db);
    const replays = await inPool(shuffle(all), 12, (x) => deliver(signed(x.event)));
    expect(countBy(replays, (r) => `${r.status} ${r.body.outcome}`)).to.deep.equal({
      '200 duplicate': all.length,
    });
    expect(changedTables(before, await fingerprintTables(app.db))).to.deep.equal([]);
    const finals = countBy(
      cases,
      (c) => `${expected[c.scenario].status}/${expected[c.scenario].paymentStatus}`,
    );
    console.log(
      `      R4: ${cases.length} orders in ${Object.keys(expected).length} payment stories, ${answers.length} deliveries ` +
        `(reversed, or shuffled and twice; seed ${seed}) -> ${divergent.length} divergent final states ` +
        `(${formatCounts(finals)}; ${prepared.length} captured once); replaying all ${all.length} again changed nothing`,
    );
  });
});
