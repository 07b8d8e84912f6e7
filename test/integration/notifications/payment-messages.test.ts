// The customer's e-mails around online payment, through the real Stripe SDK (test/fakes/stripe-server) and a real
// SMTP server process: no confirmation before the payment is authorised, a message for each declined attempt,
// refunds with their amounts, a cancellation that says no money will be taken.
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { startFakeStripe, stripeSettings, type FakeStripeServer } from '../../fakes/stripe-server.js';
import { withMailingApp } from '../../helpers/mailing-app.js';
import {
  createShopWorld,
  customerWithToken,
  placeThroughApi,
  staffWithToken,
  type ShopWorld,
} from '../../factories/shop.js';
import { formatEuros } from '../../../src/shared/money.js';

const SECRET = 'whsec_test_payment_messages';

describe('notifications: the customer’s e-mails around online payment (Stripe SDK, real SMTP server)', function () {
  this.timeout(30_000);
  let stripe: FakeStripeServer;
  before(async () => {
    stripe = await startFakeStripe({ apiKey: 'sk_test_ocpizza' });
  });
  after(() => stripe?.close());
  const mailing = withMailingApp(() => stripeSettings(stripe, SECRET));
  let { smtp, app, api, worker } = mailing;
  let w: ShopWorld;
  let customer: Awaited<ReturnType<typeof customerWithToken>>;

  beforeEach(async () => {
    ({ smtp, app, api, worker } = mailing);
    stripe.reset();
    w = await createShopWorld(app.db);
    customer = await customerWithToken(app.db);
  });

  async function placeOnline(quantity = 2) {
    const { order } = await placeThroughApi(api, customer.token, {
      pizzeriaId: w.shopId,
      fulfilment: 'takeaway',
      items: [{ productId: w.margherita.productId, sizeId: w.margherita.sizeM, quantity }],
      paymentMethod: 'card_online',
    });
    const [{ ref }] = await app.db.query<{ ref: string }>(
      `SELECT provider_reference AS ref FROM payments WHERE order_id = $1 AND provider = 'stripe'`,
      { type: QueryTypes.SELECT, bind: [order.id] },
    );
    return { order, pi: ref };
  }
  const deliver = async (event: object) => {
    const { body, header } = stripe.signedWebhook(event, SECRET);
    const res = await fetch(`${app.url}/api/payments/stripe/webhook`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Stripe-Signature': header },
      body,
    });
    expect(res.status).to.equal(200);
  };
  const outboxKinds = async (orderId: string) =>
    (
      await app.db.query<{ kind: string }>(`SELECT kind FROM outbox WHERE order_id = $1 ORDER BY id`, {
        type: QueryTypes.SELECT,
        bind: [orderId],
      })
    ).map((r) => r.kind);

  it('when a card is declined then another one is authorised, then the customer gets the failure, then the confirmation', async () => {
    const { order, pi } = await placeOnline(1);
    await worker.drain();
    expect(await outboxKinds(order.id), 'nothing before the payment').to.deep.equal([]);
    await deliver(stripe.decline(pi, 'Your card has insufficient funds.', 'insufficient_funds'));
    const [failure] = await smtp.waitForAccepted(1);
    expect(failure.to).to.deep.equal([customer.email]);
    expect(failure.parsed.subject).to.equal(`Paiement refusé — commande n° ${order.number}`);
    expect(failure.parsed.text).to.match(/Motif : .*provision insuffisante/);
    expect(failure.parsed.text).not.to.match(/insufficient/i);
    expect(failure.parsed.text).to.include(`https://www.ocpizza.example/#/suivi/${order.id}`);
    await deliver(stripe.authorize(pi));
    const mails = await smtp.waitForAccepted(2);
    expect(mails[1].parsed.subject).to.equal(
      `Commande n° ${order.number} confirmée — OC Pizza ${order.pizzeria.name}`,
    );
    expect(mails[1].parsed.text).to.include('Carte bancaire en ligne');
    expect(await outboxKinds(order.id)).to.deep.equal(['order.payment_failed', 'order.confirmation']);
  });

  it('when a manager refunds part then the rest, then the customer gets one message per refund with its amounts', async () => {
    const manager = await staffWithToken(app.db, 'manager', w.shopId);
    const pizzaiolo = await staffWithToken(app.db, 'pizzaiolo', w.shopId);
    const { order, pi } = await placeOnline(2);
    await deliver(stripe.authorize(pi));
    await api.post(`/api/staff/orders/${order.id}/start`, { token: pizzaiolo.token });
    for (const [amountCents, reason] of [
      [500, 'Pizza trop cuite'],
      [order.totalCents - 500, 'Commande non retirée'],
    ] as const) {
      const res = await api.post(`/api/staff/orders/${order.id}/refunds`, {
        token: manager.token,
        body: { amountCents, reason },
      });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
    }
    await smtp.waitForAccepted(4);
    await worker.drain();
    const refunds = smtp.accepted.filter((m) => m.parsed.subject!.startsWith('Remboursement'));
    expect(refunds.map((m) => m.parsed.subject)).to.deep.equal([
      `Remboursement de ${formatEuros(500)} — commande n° ${order.number}`,
      `Remboursement de ${formatEuros(order.totalCents - 500)} — commande n° ${order.number}`,
    ]);
    expect(refunds[0].parsed.text).to.include('Motif : Pizza trop cuite');
    expect(refunds[1].parsed.text).to.include(
      `Total remboursé sur cette commande : ${formatEuros(order.totalCents)}`,
    );
    expect(refunds[1].parsed.text).to.include(`Montant payé : ${formatEuros(order.totalCents)}`);
  });

  it('when the customer cancels an authorised order, then the message says that no money will be taken', async () => {
    const { order, pi } = await placeOnline(1);
    await deliver(stripe.authorize(pi));
    const cancel = await api.post(`/api/orders/${order.id}/cancel`, { token: customer.token, body: {} });
    expect(cancel.status, JSON.stringify(cancel.body)).to.equal(200);
    await smtp.waitForAccepted(2);
    await worker.drain();
    const cancellation = smtp.accepted.find(
      (m) => m.parsed.subject === `Commande n° ${order.number} annulée`,
    );
    expect(cancellation, 'cancellation message').to.not.equal(undefined);
    expect(cancellation!.parsed.text).to.include('aucun montant ne sera prélevé');
  });
});
