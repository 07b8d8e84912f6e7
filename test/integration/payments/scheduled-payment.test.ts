// An order for later paid online: authorised at placement (while the shop is closed), nothing captured until the
// pizzaiolo starts it at its start time, then the final total captured, as for any order.
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { issueToken } from '../../../src/modules/auth/index.js';
import { fixedClock } from '../../../src/shared/clock.js';
import { startFakeStripe, stripeSettings, type FakeStripeServer } from '../../fakes/stripe-server.js';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { createEmployee } from '../../factories/people.js';
import { createShopWorld, customerWithToken, newKey, type ShopWorld } from '../../factories/shop.js';

const SECRET = 'whsec_test_scheduled_payment';
const SERVICE: [string, string][] = [['18:00', '23:00']];
const EVENINGS = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, SERVICE]),
);
const at = (hhmm: string) => new Date(`2026-12-07T${hhmm}:00+01:00`);

describe('an order for later paid online', function () {
  this.timeout(30_000);
  const clock = fixedClock(at('15:30'));
  let stripe: FakeStripeServer;
  let app: TestApp;
  let api: ReturnType<typeof client>;
  let w: ShopWorld;

  before(async () => {
    stripe = await startFakeStripe({ apiKey: 'sk_test_ocpizza' });
    app = await startTestApp({ ...stripeSettings(stripe, SECRET) }, { clock });
    api = client(app.url);
  });
  after(async () => {
    await app?.close();
    await stripe?.close();
  });
  beforeEach(async () => {
    stripe.reset();
    clock.set(at('15:30'));
    w = await createShopWorld(app.db, { shop: { openingHours: EVENINGS } });
  });

  const deliver = (event: object) => {
    const { body, header } = stripe.signedWebhook(event, SECRET);
    return fetch(`${app.url}/api/payments/stripe/webhook`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Stripe-Signature': header },
      body,
    });
  };

  it('when it is placed while the shop is closed and authorised, then nothing is captured until its preparation starts', async () => {
    const customer = await customerWithToken(app.db);
    const placed = await api.post('/api/orders', {
      token: customer.token,
      headers: { 'Idempotency-Key': newKey() },
      body: {
        pizzeriaId: w.shopId,
        fulfilment: 'takeaway',
        items: [{ productId: w.margherita.productId, sizeId: w.margherita.sizeM, quantity: 2 }],
        paymentMethod: 'card_online',
        scheduledFor: at('19:30').toISOString(),
      },
    });
    expect(placed.status).to.equal(201);
    expect(placed.body.payment.clientSecret).to.be.a('string');
    const { id, totalCents } = placed.body.order;
    const [{ ref }] = await app.db.query<{ ref: string }>(
      `SELECT provider_reference AS ref FROM payments WHERE order_id = $1`,
      { type: QueryTypes.SELECT, bind: [id] },
    );
    expect((await deliver(stripe.authorize(ref))).status).to.equal(200);
    const authorised = (await api.get(`/api/orders/${id}`, { token: customer.token })).body.order;
    expect([authorised.status, authorised.paymentStatus, authorised.scheduledFor]).to.deep.equal([
      'received',
      'authorized',
      at('19:30').toISOString(),
    ]);
    expect(stripe.paymentIntent(ref)?.amount_received ?? 0).to.equal(0);

    clock.set(at('19:20')); // 19:30 − 10 min of preparation
    const pizzaiolo = await createEmployee(app.db, { role: 'pizzaiolo', pizzeriaId: w.shopId });
    const { token } = await app.database.transaction((tx) =>
      issueToken(tx, { employeeId: pizzaiolo.id }, clock.now()),
    );
    const queue = await api.get('/api/staff/kitchen', { token });
    expect(queue.body.orders.map((o: { id: string }) => o.id)).to.deep.equal([id]);
    const started = await api.post(`/api/staff/orders/${id}/start`, { token });
    expect([started.status, started.body.order.paymentStatus]).to.deep.equal([200, 'paid']);
    expect(stripe.paymentIntent(ref)?.amount_received).to.equal(totalCents);
  });
});
