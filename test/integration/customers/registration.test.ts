import { expect } from 'chai';
import { REGISTER_LIMITS } from '../../../src/modules/auth/login-limits.js';
import { createCustomer } from '../../factories/people.js';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';

const STRONG = 'Margherita-2026';

const newCustomer = (overrides: Record<string, unknown> = {}) => ({
  email: 'camille.martin@example.fr',
  password: STRONG,
  firstName: 'Camille',
  lastName: 'Martin',
  ...overrides,
});

describe('customer registration', () => {
  let app: TestApp;
  let api: ReturnType<typeof client>;
  before(async () => {
    app = await startTestApp();
    api = client(app.url);
  });
  after(() => app.close());

  const count = async (table: string) => {
    const [[row]] = (await app.db.query(`SELECT count(*)::int AS n FROM ${table}`)) as [
      { n: number }[],
      unknown,
    ];
    return row.n;
  };

  it('when a customer registers, then they are logged in at once, see their profile, and logout ends the session', async () => {
    const reg = await api.post('/api/customers', {
      body: newCustomer({ email: '  Camille.Martin@Example.FR ', phone: '+33 6 12 34 56 78' }),
    });
    expect(reg.status).to.equal(201);
    expect(reg.body.customer).to.include({
      email: 'camille.martin@example.fr',
      firstName: 'Camille',
      lastName: 'Martin',
      phone: '06 12 34 56 78',
    });
    expect(new Date(reg.body.expiresAt).getTime()).to.be.above(Date.now());
    const { token } = reg.body;

    const me = await api.get('/api/me', { token });
    expect(me.status).to.equal(200);
    expect(me.body.customer).to.have.all.keys('id', 'email', 'firstName', 'lastName', 'phone', 'createdAt');
    expect(me.body.customer.id).to.equal(reg.body.customer.id);

    expect((await api.post('/api/auth/logout', { token })).status).to.equal(204);
    const after = await api.get('/api/me', { token });
    expect(after.status).to.equal(401);
    expect(after.body.error.code).to.equal('unauthorized');
  });

  it('when the token is issued, then only its hash is stored and the password is stored as bcrypt', async () => {
    const reg = await api.post('/api/customers', { body: newCustomer() });
    const tokens = await app.db.query(`SELECT * FROM auth_tokens`);
    expect(JSON.stringify(tokens)).not.to.include(reg.body.token);
    expect(JSON.stringify(tokens)).not.to.include(reg.body.token.slice(4));
    const [[customer]] = (await app.db.query(`SELECT password_hash FROM customers`)) as [
      { password_hash: string }[],
      unknown,
    ];
    expect(customer.password_hash).to.match(/^\$2[aby]\$10\$/);
  });

  it('when an email is taken in another case, then 409 email_taken and the first account is untouched', async () => {
    await createCustomer(app.db, { email: 'camille.martin@example.fr' });
    const res = await api.post('/api/customers', {
      body: newCustomer({ email: 'CAMILLE.Martin@example.fr' }),
    });
    expect(res.status).to.equal(409);
    expect(res.body.error.code).to.equal('email_taken');
    expect(await count('customers')).to.equal(1);
  });

  it('when the same email registers twice at the same moment, then one gets 201 and the other 409', async () => {
    const [a, b] = await Promise.all([
      api.post('/api/customers', { body: newCustomer({ email: 'duo@example.fr' }) }),
      api.post('/api/customers', { body: newCustomer({ email: 'DUO@example.fr', firstName: 'Autre' }) }),
    ]);
    expect([a.status, b.status].sort()).to.deep.equal([201, 409]);
    expect([a, b].find((r) => r.status === 409)!.body.error.code).to.equal('email_taken');
    expect(await count('customers')).to.equal(1);
    expect(await count('auth_tokens')).to.equal(1);
  });

  const weak: [string, string, string][] = [
    ['is shorter than 10 characters', 'Court-12', 'min_length'],
    ['has no digit', 'Margherita-Regina', 'digit'],
    ['has no letter', '2026-0412-99', 'letter'],
    ['contains the local part of the email', 'Camille.Martin-2026', 'email'],
  ];
  for (const [why, password, rule] of weak) {
    it(`when the password ${why}, then 422 weak_password explains the rule and nothing is written`, async () => {
      const res = await api.post('/api/customers', { body: newCustomer({ password }) });
      expect(res.status).to.equal(422);
      expect(res.body.error.code).to.equal('weak_password');
      expect(res.body.error.message).to.include('10 caractères').and.include('chiffre');
      expect(res.body.error.details.map((d: { rule: string }) => d.rule)).to.deep.equal([rule]);
      expect(await count('customers')).to.equal(0);
    });
  }

  it('when someone tries weak passwords several times, then it does not spend their rate limit', async () => {
    for (let i = 0; i < REGISTER_LIMITS.perEmail + 1; i++) {
      expect(
        (await api.post('/api/customers', { body: newCustomer({ password: `court${i}` }) })).status,
      ).to.equal(422);
    }
    expect((await api.post('/api/customers', { body: newCustomer() })).status).to.equal(201);
  });

  it('when the input is malformed, then 422 lists every field and nothing is written', async () => {
    const res = await api.post('/api/customers', {
      body: { email: 'pas-un-email', password: STRONG, firstName: '   ', phone: '12' },
    });
    expect(res.status).to.equal(422);
    expect(res.body.error.code).to.equal('validation_failed');
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).to.include.members(['email', 'firstName', 'lastName', 'phone']);
    expect(await count('customers')).to.equal(0);
    expect(await count('rate_limits')).to.equal(0);
  });

  it('when the phone is written in a usual French way or left blank, then it is normalised', async () => {
    const cases: [unknown, string | null][] = [
      ['06.12.34.56.78', '06 12 34 56 78'],
      ['0033 (0)1 23 45 67 89', '01 23 45 67 89'],
      ['+44 20 7946 0958', '+442079460958'],
      ['', null],
      [null, null],
    ];
    for (const [i, [phone, stored]] of cases.entries()) {
      const res = await api.post('/api/customers', {
        body: newCustomer({ email: `tel${i}@example.fr`, phone }),
      });
      expect(res.status, String(phone)).to.equal(201);
      expect(res.body.customer.phone, String(phone)).to.equal(stored);
    }
  });

  it('when one IP registers too often, then 429 with Retry-After, nothing is written, and other IPs go on', async () => {
    const proxied = await startTestApp({ TRUST_PROXY: '1' });
    try {
      const api2 = client(proxied.url);
      const from = (ip: string, n: number) =>
        api2.post('/api/customers', {
          body: newCustomer({ email: `voisin${n}@example.fr` }),
          headers: { 'X-Forwarded-For': ip },
        });
      for (let n = 0; n < REGISTER_LIMITS.perIp; n++)
        expect((await from('203.0.113.7', n)).status).to.equal(201);
      const blocked = await from('203.0.113.7', 999);
      expect(blocked.status).to.equal(429);
      expect(Number(blocked.headers.get('retry-after'))).to.be.within(1, REGISTER_LIMITS.windowSeconds);
      expect(await count('customers')).to.equal(REGISTER_LIMITS.perIp);
      expect((await from('198.51.100.2', 1000)).status).to.equal(201);
    } finally {
      await proxied.close();
    }
  });

  it('when one email is registered again and again, then the limit per email answers 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= REGISTER_LIMITS.perEmail; i++) {
      statuses.push((await api.post('/api/customers', { body: newCustomer() })).status);
    }
    expect(statuses).to.deep.equal([201, ...Array(REGISTER_LIMITS.perEmail - 1).fill(409), 429]);
  });
});
