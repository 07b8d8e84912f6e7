import { expect } from 'chai';
import { LOGIN_LIMITS } from '../../../src/modules/auth/login-limits.js';
import { createEmployee, createCustomer, createLoggedInCustomer } from '../../factories/people.js';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';

describe('customer sign-in', () => {
  let app: TestApp;
  let api: ReturnType<typeof client>;
  before(async () => {
    app = await startTestApp();
    api = client(app.url);
  });
  after(() => app.close());

  it('when a customer logs in with their email in any case, then they get a session and their profile', async () => {
    const camille = await createCustomer(app.db, { email: 'camille@example.fr' });
    const login = await api.post('/api/auth/login', {
      body: { email: ' CAMILLE@example.fr', password: camille.password },
    });
    expect(login.status).to.equal(200);
    expect(login.body.customer).to.include({ id: camille.id, email: 'camille@example.fr' });
    expect(login.body.customer).not.to.have.property('passwordHash');
    const me = await api.get('/api/me', { token: login.body.token });
    expect(me.status).to.equal(200);
    expect(me.body.customer.id).to.equal(camille.id);
    expect(JSON.stringify(me.body)).not.to.include('$2');
  });

  it('when the password is wrong or the email unknown, then both get the same 401 invalid_credentials', async () => {
    const camille = await createCustomer(app.db);
    const wrong = await api.post('/api/auth/login', {
      body: { email: camille.email, password: 'pas-le-bon-mot-de-passe-1' },
    });
    const unknown = await api.post('/api/auth/login', {
      body: { email: 'personne@example.fr', password: 'pas-le-bon-mot-de-passe-1' },
    });
    expect(wrong.status).to.equal(401);
    expect(unknown.status).to.equal(401);
    expect(wrong.body.error.code).to.equal('invalid_credentials');
    expect(wrong.body).to.deep.equal(unknown.body);
  });

  it('when a customer signs in more often than the limit allows failures, then no success is refused', async () => {
    const camille = await createCustomer(app.db);
    const statuses: number[] = [];
    for (let i = 0; i < LOGIN_LIMITS.perEmail + 1; i++) {
      const res = await api.post('/api/auth/login', {
        body: { email: camille.email, password: camille.password },
      });
      statuses.push(res.status);
    }
    expect(statuses).to.deep.equal(Array(LOGIN_LIMITS.perEmail + 1).fill(200));
  });

  it('when one email is tried too often, then 429 with Retry-After, even with the right password', async () => {
    const camille = await createCustomer(app.db);
    const statuses: number[] = [];
    for (let i = 0; i < LOGIN_LIMITS.perEmail; i++) {
      const res = await api.post('/api/auth/login', {
        body: { email: camille.email, password: `essai-${i}` },
      });
      statuses.push(res.status);
    }
    expect(statuses).to.deep.equal(Array(LOGIN_LIMITS.perEmail).fill(401));
    const blocked = await api.post('/api/auth/login', {
      body: { email: camille.email.toUpperCase(), password: camille.password },
    });
    expect(blocked.status).to.equal(429);
    expect(blocked.body.error.code).to.equal('too_many_requests');
    expect(Number(blocked.headers.get('retry-after'))).to.be.within(1, LOGIN_LIMITS.windowSeconds);
    const other = await createCustomer(app.db);
    const fine = await api.post('/api/auth/login', {
      body: { email: other.email, password: other.password },
    });
    expect(fine.status).to.equal(200);
  });

  it('when the token has expired, then the customer is asked to log in again', async () => {
    const camille = await createLoggedInCustomer(app.db);
    expect((await api.get('/api/me', { token: camille.token })).status).to.equal(200);
    await app.db.query(`UPDATE auth_tokens SET expires_at = now() - interval '1 second'`);
    const res = await api.get('/api/me', { token: camille.token });
    expect(res.status).to.equal(401);
    expect((await api.get('/api/me/addresses', { token: camille.token })).status).to.equal(401);
  });

  it('when no token, a forged one or a staff token is sent, then the customer routes answer 401', async () => {
    const admin = await createEmployee(app.db, { role: 'admin' });
    const staff = await api.post('/api/staff/login', {
      body: { email: admin.email, password: admin.password },
    });
    for (const token of [undefined, 'ocp_' + 'A'.repeat(43), staff.body.token]) {
      expect((await api.get('/api/me', { token })).status).to.equal(401);
      expect((await api.post('/api/auth/logout', { token })).status).to.equal(401);
    }
  });

  it('when one session logs out, then the other sessions of the customer keep working', async () => {
    const camille = await createCustomer(app.db);
    const body = { email: camille.email, password: camille.password };
    const phone = (await api.post('/api/auth/login', { body })).body.token;
    const laptop = (await api.post('/api/auth/login', { body })).body.token;
    expect((await api.post('/api/auth/logout', { token: phone })).status).to.equal(204);
    expect((await api.get('/api/me', { token: phone })).status).to.equal(401);
    expect((await api.get('/api/me', { token: laptop })).status).to.equal(200);
  });

  it('when the login body is malformed, then 422 with details and no attempt is counted', async () => {
    const res = await api.post('/api/auth/login', { body: { email: 'pas-un-email' } });
    expect(res.status).to.equal(422);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).to.include.members([
      'email',
      'password',
    ]);
    const [rows] = await app.db.query(`SELECT key FROM rate_limits`);
    expect(rows).to.have.length(0);
  });
});
