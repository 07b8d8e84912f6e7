// Back-office sign-in at the secret path: nothing at /admin, the login form, refusals, the session stored in
// PostgreSQL with its cookie, logout, and the session following the employee's record.
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { createPizzeria } from '../../factories/catalog.js';
import { createEmployee } from '../../factories/people.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { sessionOptions } from '../../../admin/auth.js';
import { createLogger } from '../../../src/shared/logger.js';
import { AdminClient, loggedIn } from './support.js';

interface SessionRow {
  sess: { adminUser?: { employeeId: number; role: string; pizzeriaId: number | null } };
  expire: Date;
}

describe('back office: sign-in, sessions and the secret path', () => {
  let app: TestApp;
  const sessions = () =>
    app.db.query<SessionRow>('SELECT sess, expire FROM admin_sessions', { type: QueryTypes.SELECT });

  before(async () => {
    app = await startTestApp();
  });
  after(async () => {
    await app.close();
  });

  it('when /admin or its login page is asked, then 404: the back office answers at the secret path only', async () => {
    for (const path of ['/admin', '/admin/login', '/admin/api/resources/orders/actions/list']) {
      const res = await fetch(app.url + path, { redirect: 'manual' });
      expect(res.status, path).to.equal(404);
      expect(await res.text(), path).not.to.include('AdminJS');
    }
    const post = await fetch(app.url + '/admin/login', { method: 'POST', redirect: 'manual' });
    expect(post.status).to.equal(404);
  });

  it('when the secret path is opened without a session, then it redirects to its own French login page', async () => {
    const client = new AdminClient(app);
    const home = await client.get('');
    expect(home.status).to.equal(302);
    expect(home.headers.get('location')).to.equal(`${app.settings.adminPath}/login`);
    const api = await client.list('orders');
    expect(api.status).to.equal(302);
    const login = await client.get('/login');
    expect(login.status).to.equal(200);
    expect(login.body).to.include('lang=fr').and.include('OC Pizza — Gestion').and.include('Se connecter');
    expect(login.headers.get('set-cookie'), 'no session before login').to.equal(null);
  });

  it('when a wrong password, an unknown e-mail or an inactive account is posted, then login is refused and no session is stored', async () => {
    const shop = await createPizzeria(app.db);
    const manager = await createEmployee(app.db, { role: 'manager', pizzeriaId: shop });
    const gone = await createEmployee(app.db, { role: 'manager', pizzeriaId: shop, active: false });
    for (const [email, password] of [
      [manager.email, 'pas-le-bon-mot-de-passe-1'],
      ['personne@ocpizza.test', manager.password],
      [gone.email, gone.password],
    ]) {
      const client = new AdminClient(app);
      const res = await client.login(email, password);
      expect(res.status, email).to.equal(400);
      expect(res.body, email).to.include('invalidCredentials');
      expect(client.cookie, email).to.equal(null);
    }
    expect(await sessions()).to.have.length(0);
  });

  it('when a driver or counter employee logs in with the right password, then they are refused with a French message', async () => {
    const shop = await createPizzeria(app.db);
    for (const role of ['driver', 'counter'] as const) {
      const employee = await createEmployee(app.db, { role, pizzeriaId: shop });
      const client = new AdminClient(app);
      const res = await client.login(employee.email, employee.password);
      expect(res.status).to.equal(400);
      expect(res.body).to.include('"errorMessage":"roleNotAllowed"');
      expect(res.body).to.include('Votre rôle ne donne pas accès à la gestion.');
      expect(client.cookie).to.equal(null);
    }
    expect(await sessions()).to.have.length(0);
  });

  it('when a manager logs in, then a session holding id, role and shop is stored and the cookie is HttpOnly, SameSite, 8 hours', async () => {
    const shop = await createPizzeria(app.db);
    const manager = await createEmployee(app.db, { role: 'manager', pizzeriaId: shop });
    const client = new AdminClient(app);
    const res = await client.login(manager.email.toUpperCase(), manager.password);
    expect(res.status).to.equal(302);
    expect(res.headers.get('location')).to.equal(app.settings.adminPath);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).to.match(/^ocpizza\.gestion=/);
    expect(cookie)
      .to.include('HttpOnly')
      .and.include('SameSite=Lax')
      .and.include(`Path=${app.settings.adminPath}`);
    expect(cookie, 'not Secure outside production').not.to.include('Secure');
    const expires = Date.parse(/Expires=([^;]+)/.exec(cookie)![1]);
    expect(expires - Date.now()).to.be.within(8 * 3600_000 - 60_000, 8 * 3600_000 + 60_000);

    const [row] = await sessions();
    expect(row.sess.adminUser).to.include({ employeeId: manager.id, role: 'manager', pizzeriaId: shop });
    expect(row.expire.getTime() - Date.now()).to.be.within(8 * 3600_000 - 60_000, 8 * 3600_000 + 60_000);
    expect(JSON.stringify(row.sess)).not.to.include('$2b$');
    expect((await client.list('orders')).body.meta).to.include({ perPage: 20 });
  });

  it('when a signed-in employee keeps working, then the session end moves 8 hours ahead (rolling)', async () => {
    const client = await loggedIn(app, app.db, 'admin', null);
    await app.db.query(`UPDATE admin_sessions SET expire = now() + interval '1 hour'`);
    const res = await client.list('products');
    expect(res.status).to.equal(200);
    const [row] = await sessions();
    expect(row.expire.getTime() - Date.now()).to.be.greaterThan(7 * 3600_000);
  });

  it('when in production, then the session cookie is Secure', () => {
    const options = sessionOptions(app.db, { ...app.settings, isProduction: true }, createLogger('silent'));
    expect(options.cookie).to.include({ secure: true, httpOnly: true, sameSite: 'lax' });
    expect(options.secret).to.equal(app.settings.secretKey);
  });

  it('when the employee logs out, then the stored session is deleted and the API sends back to the login page', async () => {
    const client = await loggedIn(app, app.db, 'admin', null);
    expect(await sessions()).to.have.length(1);
    const res = await client.logout();
    expect(res.status).to.equal(302);
    expect(res.headers.get('location')).to.equal(`${app.settings.adminPath}/login`);
    expect(await sessions()).to.have.length(0);
    expect((await client.list('products')).status).to.equal(302);
  });

  it('when an employee is deactivated or loses back-office access, then their open session ends at the next request', async () => {
    const shop = await createPizzeria(app.db);
    const deactivated = await loggedIn(app, app.db, 'manager', shop);
    const demoted = await loggedIn(app, app.db, 'manager', shop);
    await app.db.query('UPDATE employees SET active = false WHERE id = $1', {
      bind: [deactivated.employee.id],
    });
    await app.db.query(`UPDATE employees SET role = 'driver' WHERE id = $1`, { bind: [demoted.employee.id] });
    for (const client of [deactivated, demoted]) {
      const res = await client.list('orders');
      expect(res.status).to.equal(302);
      expect(res.headers.get('location')).to.equal(`${app.settings.adminPath}/login`);
    }
    expect(await sessions()).to.have.length(0);
  });

  it('when someone logs in over an existing session, then a new session id is issued (no fixation)', async () => {
    const client = await loggedIn(app, app.db, 'admin', null);
    const first = client.cookie;
    const other = await createEmployee(app.db, { role: 'accountant' });
    expect((await client.login(other.email, other.password)).status).to.equal(302);
    expect(client.cookie).not.to.equal(first);
    const [row] = (await sessions()).filter((s) => s.sess.adminUser?.employeeId === other.id);
    expect(row.sess.adminUser?.role).to.equal('accountant');
  });

  it('when a file or an oversized form is posted, even to the login page, then 413 and nothing is stored', async () => {
    const upload = new FormData();
    upload.append('email', 'x@ocpizza.test');
    upload.append('file', new Blob(['x'.repeat(10_000)]), 'big.bin');
    const withFile = await fetch(`${app.url}${app.settings.adminPath}/login`, {
      method: 'POST',
      body: upload,
    });
    expect(withFile.status).to.equal(413);
    expect(((await withFile.json()) as any).error.code).to.equal('payload_too_large');
    const huge = new URLSearchParams({ email: 'x@ocpizza.test', password: 'y'.repeat(1_100_000) });
    const big = await fetch(`${app.url}${app.settings.adminPath}/login`, { method: 'POST', body: huge });
    expect(big.status).to.equal(413);
    expect(await sessions()).to.have.length(0);
  });

  it('when the same e-mail fails too often, then login is refused for a while with a French message', async () => {
    const shop = await createPizzeria(app.db);
    const manager = await createEmployee(app.db, { role: 'manager', pizzeriaId: shop });
    let last = '';
    for (let i = 0; i < 11; i += 1)
      last = (await new AdminClient(app).login(manager.email, 'faux-mot-de-passe-9')).body;
    expect(last).to.include('"errorMessage":"tooManyRequests"');
    const refused = await new AdminClient(app).login(manager.email, manager.password);
    expect(refused.status).to.equal(400);
  });
});
