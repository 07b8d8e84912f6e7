import { expect } from 'chai';
import { customerWithToken } from '../../factories/shop.js';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';

// The checkout asks for a phone when the account has none and saves it on the account (PATCH /api/me).
describe('a customer’s phone, changed after sign-up', () => {
  let app: TestApp;
  let api: ReturnType<typeof client>;
  before(async () => {
    app = await startTestApp();
    api = client(app.url);
  });
  after(() => app.close());

  it('when a customer gives a phone, then it is saved normalised and /me returns it', async () => {
    const customer = await customerWithToken(app.db);
    const res = await api.patch('/api/me', { token: customer.token, body: { phone: '06.12.34.56.78' } });
    expect(res.status).to.equal(200);
    expect(res.body.customer.id).to.equal(customer.id);
    const me = await api.get('/api/me', { token: customer.token });
    expect([res.body.customer.phone, me.body.customer.phone]).to.deep.equal([
      '06 12 34 56 78',
      '06 12 34 56 78',
    ]);
  });

  it('when the phone is malformed, then 422 names the field in French and nothing changes', async () => {
    const customer = await customerWithToken(app.db);
    const before = (await api.get('/api/me', { token: customer.token })).body.customer.phone;
    const res = await api.patch('/api/me', { token: customer.token, body: { phone: 'appelez-moi' } });
    expect(res.status).to.equal(422);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).to.deep.equal(['phone']);
    expect(res.body.error.details[0].message).to.equal('numéro de téléphone invalide');
    expect((await api.get('/api/me', { token: customer.token })).body.customer.phone).to.equal(before);
  });

  it('when nobody is signed in, then 401', async () => {
    const res = await api.patch('/api/me', { body: { phone: '0612345678' } });
    expect(res.status).to.equal(401);
  });
});
