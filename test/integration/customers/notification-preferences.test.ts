// The customer's choice of e-mails over the API (GET and PATCH /api/me/notifications), and what it changes at a
// real SMTP server process: with status e-mails off, an order's steps send nothing but what is always sent.
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { withMailingApp } from '../../helpers/mailing-app.js';
import {
  createShopWorld,
  customerWithToken,
  newKey,
  staffWithToken,
  type ShopWorld,
} from '../../factories/shop.js';

describe('customers: the choice of order status e-mails (real SMTP server)', () => {
  const mailing = withMailingApp();
  let { smtp, app, api, worker } = mailing;
  let w: ShopWorld;
  let customer: Awaited<ReturnType<typeof customerWithToken>>;

  beforeEach(async () => {
    ({ smtp, app, api, worker } = mailing);
    w = await createShopWorld(app.db);
    customer = await customerWithToken(app.db);
  });

  const stored = async () => {
    const [row] = await app.db.query<{ statusEmails: boolean }>(
      'SELECT status_emails AS "statusEmails" FROM customers WHERE id = $1',
      { type: QueryTypes.SELECT, bind: [customer.id] },
    );
    return row.statusEmails;
  };

  async function takeawayPrepared() {
    const placed = await api.post('/api/orders', {
      token: customer.token,
      headers: { 'Idempotency-Key': newKey() },
      body: {
        pizzeriaId: w.shopId,
        fulfilment: 'takeaway',
        items: [{ productId: w.margherita.productId, sizeId: w.margherita.sizeM, quantity: 1 }],
        paymentMethod: 'cash',
      },
    });
    expect(placed.status, JSON.stringify(placed.body)).to.equal(201);
    const order = placed.body.order as { id: string; number: string };
    const pizzaiolo = await staffWithToken(app.db, 'pizzaiolo', w.shopId);
    for (const step of ['start', 'ready']) {
      const res = await api.post(`/api/staff/orders/${order.id}/${step}`, { token: pizzaiolo.token });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
    }
    await worker.drain();
    return order;
  }

  const subjects = () => smtp.accepted.map((m) => m.parsed.subject);

  it('when a customer reads their choice, then status e-mails are on by default and the always-sent ones are listed', async () => {
    const res = await api.get('/api/me/notifications', { token: customer.token });
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({
      statusEmails: true,
      alwaysSent: [
        'Confirmation de commande (avec le reçu)',
        'Annulation de commande',
        'Remboursement',
        'Paiement en ligne refusé',
        'Réinitialisation du mot de passe',
      ],
    });
  });

  it('when the customer turns status e-mails off, then their next order sends only the confirmation, and turning them on again brings the steps back', async () => {
    const off = await api.patch('/api/me/notifications', {
      token: customer.token,
      body: { statusEmails: false },
    });
    expect(off.status, JSON.stringify(off.body)).to.equal(200);
    expect(off.body.statusEmails).to.equal(false);
    expect(await stored()).to.equal(false);
    expect((await api.get('/api/me/notifications', { token: customer.token })).body.statusEmails).to.equal(
      false,
    );

    const quiet = await takeawayPrepared();
    await smtp.waitForAccepted(1);
    expect(subjects()[0]).to.match(new RegExp(`^Commande n° ${quiet.number} confirmée`));
    expect(smtp.accepted).to.have.length(1);

    const on = await api.patch('/api/me/notifications', {
      token: customer.token,
      body: { statusEmails: true },
    });
    expect(on.body.statusEmails).to.equal(true);
    smtp.accepted.length = 0;
    const told = await takeawayPrepared();
    await smtp.waitForAccepted(3);
    expect(subjects()).to.have.length(3);
    expect(subjects()[0]).to.match(new RegExp(`^Commande n° ${told.number} confirmée`));
    expect(subjects().slice(1)).to.deep.equal([
      `Votre commande n° ${told.number} est en préparation`,
      `Votre commande n° ${told.number} est prête`,
    ]);
  });

  it('when the choice is not a boolean, carries other keys or comes without a token, then it is refused and nothing changes', async () => {
    for (const body of [{ statusEmails: 'non' }, { statusEmails: false, email: 'x@example.test' }, {}]) {
      const res = await api.patch('/api/me/notifications', { token: customer.token, body });
      expect(res.status, JSON.stringify(body)).to.equal(422);
      expect(res.body.error.code).to.equal('validation_failed');
      expect(res.body.error.message).to.equal('Certaines données sont invalides.');
    }
    const anonymous = await api.patch('/api/me/notifications', { body: { statusEmails: false } });
    expect(anonymous.status).to.equal(401);
    const staff = await staffWithToken(app.db, 'manager', w.shopId);
    expect((await api.get('/api/me/notifications', { token: staff.token })).status).to.be.oneOf([401, 403]);
    expect(await stored()).to.equal(true);
  });
});
