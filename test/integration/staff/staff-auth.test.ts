import { expect } from 'chai';
import { createPizzeria } from '../../factories/catalog.js';
import { createEmployee } from '../../factories/people.js';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';

describe('staff sign-in', () => {
  let app: TestApp;
  let api: ReturnType<typeof client>;
  before(async () => {
    app = await startTestApp();
    api = client(app.url);
  });
  after(() => app.close());

  it('when an employee logs in, then the token carries role and shop, and logout revokes it', async () => {
    const shop = await createPizzeria(app.db);
    const pizzaiolo = await createEmployee(app.db, { role: 'pizzaiolo', pizzeriaId: shop });
    const login = await api.post('/api/staff/login', {
      body: { email: pizzaiolo.email.toUpperCase(), password: pizzaiolo.password },
    });
    expect(login.status).to.equal(200);
    expect(login.body.employee).to.include({ role: 'pizzaiolo', pizzeriaId: shop });
    expect(login.body.employee).not.to.have.property('passwordHash');
    const token = login.body.token;
    const me = await api.get('/api/staff/me', { token });
    expect(me.status).to.equal(200);
    expect(me.body.permissions).to.include('kitchen.prepare').and.not.include('stock.receive');
    const [stored] = await app.db.query(`SELECT token_hash FROM auth_tokens`);
    expect(JSON.stringify(stored)).not.to.include(token);

    expect((await api.post('/api/staff/logout', { token })).status).to.equal(204);
    expect((await api.get('/api/staff/me', { token })).status).to.equal(401);
  });

  it('when the password is wrong or the email unknown, then both get the same 401', async () => {
    const manager = await createEmployee(app.db, { role: 'admin' });
    const wrong = await api.post('/api/staff/login', {
      body: { email: manager.email, password: 'faux-mot-de-passe' },
    });
    const unknown = await api.post('/api/staff/login', {
      body: { email: 'nobody@ocpizza.test', password: 'x' },
    });
    expect(wrong.status).to.equal(401);
    expect(unknown.status).to.equal(401);
    expect(wrong.body).to.deep.equal(unknown.body);
  });

  it('when an employee is deactivated, then their token stops working and they cannot log in', async () => {
    const driver = await createEmployee(app.db, { role: 'admin' });
    const { body } = await api.post('/api/staff/login', {
      body: { email: driver.email, password: driver.password },
    });
    await app.db.query(`UPDATE employees SET active = false WHERE id = $1`, { bind: [driver.id] });
    expect((await api.get('/api/staff/me', { token: body.token })).status).to.equal(401);
    const again = await api.post('/api/staff/login', {
      body: { email: driver.email, password: driver.password },
    });
    expect(again.status).to.equal(401);
  });

  it('when one email is tried too often, then 429 with Retry-After', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 12; i++) {
      const res = await api.post('/api/staff/login', {
        body: { email: 'cible@ocpizza.test', password: `essai-${i}` },
      });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
    }
    expect(statuses.slice(0, 10)).to.deep.equal(Array(10).fill(401));
    expect(statuses.slice(10)).to.deep.equal([429, 429]);
    expect(Number(retryAfter)).to.be.within(1, 15 * 60);
  });
});
