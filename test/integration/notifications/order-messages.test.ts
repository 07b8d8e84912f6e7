// The customer's e-mails about an order, read as they arrived at a real SMTP server process: the confirmation's
// receipt against the order, the steps with the tracking link, the choice to turn status e-mails off, the
// cancellation. Each message is written in the transaction of the change (outbox) and sent by the worker.
import { expect } from 'chai';
import { withMailingApp } from '../../helpers/mailing-app.js';
import { mailsTo, type ReceivedMail } from '../../helpers/smtp.js';
import {
  createShopWorld,
  customerWithToken,
  placeThroughApi,
  staffWithToken,
  type ShopWorld,
} from '../../factories/shop.js';
import { formatEuros } from '../../../src/shared/money.js';

describe('notifications: the customer’s e-mails about an order (real SMTP server)', () => {
  const mailing = withMailingApp(() => ({ ACCOUNTING_SIREN: '732829320' }));
  let { smtp, app, api, worker } = mailing;
  let w: ShopWorld;
  let customer: Awaited<ReturnType<typeof customerWithToken>>;

  beforeEach(async () => {
    ({ smtp, app, api, worker } = mailing);
    w = await createShopWorld(app.db);
    customer = await customerWithToken(app.db);
  });

  const place = async (fulfilment: 'delivery' | 'takeaway' = 'delivery', quantity = 2) =>
    (
      await placeThroughApi(api, customer.token, {
        pizzeriaId: w.shopId,
        fulfilment,
        items: [{ productId: w.margherita.productId, sizeId: w.margherita.sizeM, quantity }],
      })
    ).order;

  const subjects = (mails: ReceivedMail[]) => mails.map((m) => m.parsed.subject);

  it('when the shop is named under the brand already (« OC Pizza … »), then the e-mail names it once', async () => {
    await app.db.query(`UPDATE pizzerias SET name = 'OC Pizza Bastille' WHERE id = $1`, { bind: [w.shopId] });
    const order = await place('takeaway', 1);
    const [mail] = await smtp.waitForAccepted(1);
    expect(mail.parsed.subject).to.equal(`Commande n° ${order.number} confirmée — OC Pizza Bastille`);
    expect(`${mail.parsed.text}${mail.parsed.html}`).not.to.include('OC Pizza OC Pizza');
  });

  it('when an order is placed, then its customer receives the confirmation with a full receipt, in HTML and text', async () => {
    const order = await place('delivery', 2);
    const [mail] = await smtp.waitForAccepted(1);
    expect(mail.to).to.deep.equal([customer.email]);
    const m = mail.parsed;
    expect(m.subject).to.equal(`Commande n° ${order.number} confirmée — OC Pizza ${order.pizzeria.name}`);
    expect(m.messageId).to.match(/^<[0-9a-f]{40}@ocpizza\.example>$/);
    const text = m.text!;
    const html = m.html as string;
    for (const body of [text, html.replace(/&#39;|’/g, "'")]) {
      expect(body).to.include(`2 × Margherita (${order.lines[0].sizeLabel})`);
      expect(body).to.include(formatEuros(order.lines[0].lineTotalCents));
      expect(body).to.include(formatEuros(order.deliveryFeeCents));
      expect(body).to.include(formatEuros(order.totalCents));
      for (const v of order.vatBreakdown) expect(body).to.include(formatEuros(v.vatCents));
      expect(body).to.include('Espèces à la livraison');
      expect(body).to.include(order.pizzeria.phone);
      expect(body).to.include('OC Pizza SAS');
      expect(body).to.include('FR'); // VAT number
      expect(body).to.include('732829320');
      expect(body).to.include(`https://www.ocpizza.example/#/suivi/${order.id}`);
    }
    // The VAT number worked out from the SIREN (key 44 for 732 829 320, as published for it).
    expect(text).to.include('FR44732829320');
    expect(html).to.include('<meta name="viewport"');
    expect(html).to.include(`href="https://www.ocpizza.example/#/suivi/${order.id}"`);
  });

  it('when the order goes to the door, then each step that matters is sent once, in order, with the ETA and the link', async () => {
    const pizzaiolo = await staffWithToken(app.db, 'pizzaiolo', w.shopId);
    const driver = await staffWithToken(app.db, 'driver', w.shopId);
    const order = await place('delivery');
    await smtp.waitForAccepted(1);
    for (const [who, step] of [
      [pizzaiolo, 'start'],
      [pizzaiolo, 'ready'],
      [driver, 'pickup'],
    ] as const) {
      const res = await api.post(`/api/staff/orders/${order.id}/${step}`, { token: who.token });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
    }
    const delivered = await api.post(`/api/staff/orders/${order.id}/deliver`, {
      token: driver.token,
      body: { payment: { method: 'cash', amountReceivedCents: 5000 } },
    });
    expect(delivered.status).to.equal(200);
    const mails = await smtp.waitForAccepted(4);
    await worker.drain();
    expect(subjects(mailsTo(smtp.accepted, customer.email))).to.deep.equal([
      `Commande n° ${order.number} confirmée — OC Pizza ${order.pizzeria.name}`,
      `Votre commande n° ${order.number} est en préparation`,
      `Votre commande n° ${order.number} est en route`,
      `Votre commande n° ${order.number} a été livrée`,
    ]);
    const route = mails[2].parsed;
    expect(route.text).to.match(/Livraison estimée vers \d{2} h \d{2}\./);
    expect(route.text).to.include(`https://www.ocpizza.example/#/suivi/${order.id}`);
    expect(new Set(mails.map((m) => m.parsed.messageId)).size).to.equal(4);
  });

  it('when the customer turned status e-mails off, then only the confirmation and the cancellation come', async () => {
    await app.db.query(`UPDATE customers SET status_emails = false WHERE id = $1`, { bind: [customer.id] });
    const pizzaiolo = await staffWithToken(app.db, 'pizzaiolo', w.shopId);
    const kept = await place('takeaway');
    await api.post(`/api/staff/orders/${kept.id}/start`, { token: pizzaiolo.token });
    await api.post(`/api/staff/orders/${kept.id}/ready`, { token: pizzaiolo.token });
    const cancelledOrder = await place('takeaway');
    const cancel = await api.post(`/api/orders/${cancelledOrder.id}/cancel`, {
      token: customer.token,
      body: { reason: 'Erreur de ma part' },
    });
    expect(cancel.status, JSON.stringify(cancel.body)).to.equal(200);
    await smtp.waitForAccepted(3);
    await worker.drain();
    expect(subjects(smtp.accepted)).to.have.members([
      `Commande n° ${kept.number} confirmée — OC Pizza ${kept.pizzeria.name}`,
      `Commande n° ${cancelledOrder.number} confirmée — OC Pizza ${kept.pizzeria.name}`,
      `Commande n° ${cancelledOrder.number} annulée`,
    ]);
    const cancellation = smtp.accepted.find((m) => m.parsed.subject?.endsWith('annulée'))!.parsed;
    expect(cancellation.text).to.include(
      `Comme vous l’avez demandé, votre commande n° ${cancelledOrder.number} a été annulée.`,
    );
    expect(cancellation.text).to.include(formatEuros(cancelledOrder.totalCents));
  });
});
