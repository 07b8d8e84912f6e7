// « Effacer les données (RGPD) » in the back office: the group admin erases a customer on their request, with a
// reason, through the privacy service; the form says in French what goes and what stays; the log's row
// (« Demandes RGPD ») is where the back office lands, in French. Refusals (no reason, an order in progress,
// another role) change nothing.
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { createPizzeria } from '../../factories/catalog.js';
import { createCustomer } from '../../factories/people.js';
import { insertOrder } from '../../factories/orders.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { ERASE_INTRO } from '../../../admin/actions/customer.actions.js';
import { isRefused, loggedIn } from './support.js';

describe('back office: a customer’s data erased on request (« Effacer les données (RGPD) »)', () => {
  let app: TestApp;
  let shop: number;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app.close());
  beforeEach(async () => {
    shop = await createPizzeria(app.db);
  });

  const erasePath = (id: number) => `/api/resources/customers/records/${id}/erase`;
  const customerRow = async (id: number) =>
    (
      await app.db.query('SELECT id FROM customers WHERE id = $1', { type: QueryTypes.SELECT, bind: [id] })
    )[0] ?? null;
  const requestsOf = (id: number) =>
    app.db.query<{ id: number; kind: string; origin: string; employee_id: number; reason: string }>(
      'SELECT id, kind, origin, employee_id, reason FROM privacy_requests WHERE customer_id = $1',
      { type: QueryTypes.SELECT, bind: [id] },
    );

  it('when the group admin erases a customer with a reason, then the account is gone, the log names them and the reason, and the back office shows that row in French', async () => {
    const admin = await loggedIn(app, app.db, 'admin', null);
    const customer = await createCustomer(app.db);
    await insertOrder(app.db, { pizzeriaId: shop, customerId: customer.id, status: 'delivered' });

    const form = await admin.get(erasePath(customer.id));
    expect(form.body.record.params.id).to.equal(customer.id);
    const action = form.body.record.recordActions.find((a: { name: string }) => a.name === 'erase');
    expect(action.custom.intro).to.equal(ERASE_INTRO);
    expect(ERASE_INTRO)
      .to.match(/^Efface les données personnelles/)
      .and.include('Conservé : les commandes');

    const res = await admin.post(erasePath(customer.id), { reason: 'Demande par e-mail du 4 décembre' });
    expect(res.body.notice, JSON.stringify(res.body)).to.deep.include({ type: 'success' });
    const [request] = await requestsOf(customer.id);
    expect(res.body.notice.message).to.equal(
      `Données du client n° ${customer.id} effacées (demande RGPD n° ${request!.id}).`,
    );
    expect(res.body.redirectUrl).to.equal(
      `${app.settings.adminPath}/resources/privacy_requests/records/${request!.id}/show`,
    );
    expect(await customerRow(customer.id)).to.equal(null);
    expect(request).to.deep.include({
      kind: 'erasure',
      origin: 'admin',
      employee_id: admin.employee.id,
      reason: 'Demande par e-mail du 4 décembre',
    });

    const shown = await admin.show('privacy_requests', request!.id);
    expect(shown.body.record.params).to.include({
      kind: 'erasure',
      origin: 'admin',
      customerId: customer.id,
    });
    expect(shown.body.record.params.summaryText)
      .to.match(/Clients : 1/)
      .and.match(/Commandes : 1/);
    const list = await admin.list('privacy_requests');
    expect(list.body.records.map((r: { id: string }) => Number(r.id))).to.include(request!.id);
  });

  it('when no reason is given, then it is refused in French and nothing is erased', async () => {
    const admin = await loggedIn(app, app.db, 'admin', null);
    const customer = await createCustomer(app.db);
    const res = await admin.post(erasePath(customer.id), { reason: '  ' });
    expect(res.status).to.equal(422);
    expect(res.body.error.message).to.equal('Motif (demande du client) : champ obligatoire.');
    expect(await customerRow(customer.id)).not.to.equal(null);
    expect(await requestsOf(customer.id)).to.deep.equal([]);
  });

  it('when the customer has an order in progress, then the French 409 of the privacy service is shown and nothing is erased', async () => {
    const admin = await loggedIn(app, app.db, 'admin', null);
    const customer = await createCustomer(app.db);
    await insertOrder(app.db, { pizzeriaId: shop, customerId: customer.id, status: 'preparing' });
    const res = await admin.post(erasePath(customer.id), { reason: 'Demande du client' });
    expect(res.status).to.equal(409);
    expect(res.body.error).to.include({
      code: 'order_in_progress',
      message:
        'Une commande est en cours : le compte pourra être supprimé une fois la commande livrée, retirée ou ' +
        'annulée.',
    });
    expect(await customerRow(customer.id)).not.to.equal(null);
    expect(await requestsOf(customer.id)).to.deep.equal([]);
  });

  it('when a manager of the customer’s shop tries, then the action is neither offered nor accepted', async () => {
    const manager = await loggedIn(app, app.db, 'manager', shop);
    const customer = await createCustomer(app.db);
    await insertOrder(app.db, { pizzeriaId: shop, customerId: customer.id, status: 'delivered' });
    const shown = await manager.show('customers', customer.id);
    expect(shown.body.record.recordActions.map((a: { name: string }) => a.name)).not.to.include('erase');
    expect(isRefused(await manager.post(erasePath(customer.id), { reason: 'x' }))).to.equal(true);
    expect(await customerRow(customer.id)).not.to.equal(null);
    expect(isRefused(await manager.list('privacy_requests'))).to.equal(true);
  });
});
