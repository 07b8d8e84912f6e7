// Login limits count failures only: a manager signing in to the back office and to /personnel all day is never
// locked out, a success clears the e-mail's failures, and both limits (per e-mail, per IP address) still stop
// password guessing. The back office and the staff API share one counter per e-mail.
import { expect } from 'chai';
import { createPizzeria } from '../../factories/catalog.js';
import { createEmployee } from '../../factories/people.js';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { LOGIN_LIMITS } from '../../../src/modules/auth/index.js';
import { AdminClient } from '../admin/support.js';

describe('staff login limits: failures only', () => {
  let app: TestApp;
  let api: ReturnType<typeof client>;
  before(async () => {
    app = await startTestApp();
    api = client(app.url);
  });
  after(() => app.close());

  const manager = async () =>
    createEmployee(app.db, { role: 'manager', pizzeriaId: await createPizzeria(app.db) });
  const backOffice = (email: string, password: string) => new AdminClient(app).login(email, password);
  const personnel = (email: string, password: string) =>
    api.post('/api/staff/login', { body: { email, password } });

  it('when a manager signs in 11 times in a row to the back office and 11 times to /personnel, then none is refused', async () => {
    const m = await manager();
    const statuses: number[] = [];
    for (let i = 0; i < LOGIN_LIMITS.perEmail + 1; i++) {
      statuses.push((await backOffice(m.email, m.password)).status);
      statuses.push((await personnel(m.email, m.password)).status);
    }
    expect(statuses.filter((s, i) => s !== (i % 2 === 0 ? 302 : 200))).to.deep.equal([]);
  });

  it('when an e-mail fails 9 times then succeeds, then its failures are forgotten: 9 more failures are still answered 401', async () => {
    const m = await manager();
    for (let i = 0; i < LOGIN_LIMITS.perEmail - 1; i++)
      expect((await personnel(m.email, `faux-${i}`)).status).to.equal(401);
    expect((await backOffice(m.email, m.password)).status).to.equal(302);
    const again: number[] = [];
    for (let i = 0; i < LOGIN_LIMITS.perEmail - 1; i++)
      again.push((await personnel(m.email, `faux-${i}`)).status);
    expect(again).to.deep.equal(Array(LOGIN_LIMITS.perEmail - 1).fill(401));
    expect((await personnel(m.email, m.password)).status).to.equal(200);
  });

  it('when an e-mail fails 10 times (both doors together), then even the right password is refused on both', async () => {
    const m = await manager();
    for (let i = 0; i < LOGIN_LIMITS.perEmail / 2; i++) {
      expect((await personnel(m.email, `faux-${i}`)).status).to.equal(401);
      const page = await backOffice(m.email, `faux-${i}`);
      expect(page.body).to.include('"errorMessage":"invalidCredentials"');
    }
    const refused = await personnel(m.email, m.password);
    expect(refused.status).to.equal(429);
    expect(refused.body.error.code).to.equal('too_many_requests');
    expect((await backOffice(m.email, m.password)).body).to.include('"errorMessage":"tooManyRequests"');
  });

  it('when one address fails with many e-mails, then the per-address limit still refuses it, right password included', async () => {
    const m = await manager();
    const statuses: number[] = [];
    for (let i = 0; i < LOGIN_LIMITS.perIp; i++)
      statuses.push((await personnel(`inconnu-${i}@ocpizza.test`, 'faux')).status);
    expect(statuses).to.deep.equal(Array(LOGIN_LIMITS.perIp).fill(401));
    expect((await personnel(m.email, m.password)).status).to.equal(429);
    expect((await backOffice(m.email, m.password)).body).to.include('"errorMessage":"tooManyRequests"');
  });

  it('when one address signs in successfully more often than the per-address limit, then it is not refused', async () => {
    const people = await Promise.all([manager(), manager(), manager(), manager(), manager(), manager()]);
    const statuses: number[] = [];
    for (let i = 0; i < LOGIN_LIMITS.perIp + 5; i++) {
      const p = people[i % people.length];
      statuses.push((await personnel(p.email, p.password)).status);
    }
    expect(statuses.filter((s) => s !== 200)).to.deep.equal([]);
  });
});
