// « Départ de l'employé » in the back office, through the staff service: the account is deactivated with its
// date, and every way in ends in the same step (API tokens revoked, reset links dead, back-office sessions
// deleted), so that even a later reactivation does not bring an old token or session back. The form cannot
// deactivate around it; rights are the staff.manage ones (a manager: the team below them, in their shop).
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { createPizzeria } from '../../factories/catalog.js';
import { createEmployee } from '../../factories/people.js';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { AdminClient, isRefused, loggedIn } from './support.js';

describe('back office: an employee leaves (« Départ de l’employé »)', () => {
  let app: TestApp;
  let shop: number;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app.close());
  beforeEach(async () => {
    shop = await createPizzeria(app.db);
  });

  const path = (id: number, action: string) => `/api/resources/employees/records/${id}/${action}`;
  const one = async <T extends object>(sql: string, bind: unknown[]): Promise<T> =>
    (await app.db.query<T>(sql, { type: QueryTypes.SELECT, bind }))[0]!;
  const stateOf = (id: number) =>
    one<{ active: boolean; deactivatedAt: Date | null }>(
      `SELECT active, deactivated_at AS "deactivatedAt" FROM employees WHERE id = $1`,
      [id],
    );
  const sessionsOf = async (id: number) =>
    (
      await one<{ n: number }>(
        `SELECT count(*)::int AS n FROM admin_sessions WHERE sess -> 'adminUser' ->> 'employeeId' = $1`,
        [String(id)],
      )
    ).n;
  const openLinksOf = async (id: number) =>
    (
      await one<{ n: number }>(
        `SELECT count(*)::int AS n FROM password_reset_tokens WHERE employee_id = $1 AND used_at IS NULL`,
        [id],
      )
    ).n;
  const liveTokensOf = async (id: number) =>
    (
      await one<{ n: number }>(
        `SELECT count(*)::int AS n FROM auth_tokens WHERE employee_id = $1 AND revoked_at IS NULL`,
        [id],
      )
    ).n;

  /** A pizzaiolo signed in twice: on the staff screens (API token) and in the back office (session). */
  async function signedInPizzaiolo() {
    const back = await loggedIn(app, app.db, 'pizzaiolo', shop);
    const login = await client(app.url).post('/api/staff/login', {
      body: { email: back.employee.email, password: back.employee.password },
    });
    expect(login.status).to.equal(200);
    await client(app.url).post('/api/staff/password-reset', { body: { email: back.employee.email } });
    return { back, token: login.body.token as string, id: back.employee.id };
  }

  it('when a manager records the departure of their pizzaiolo, then the account is inactive with its date and every token, reset link and back-office session ends at once', async () => {
    const manager = await loggedIn(app, app.db, 'manager', shop);
    const pizzaiolo = await signedInPizzaiolo();
    expect(await sessionsOf(pizzaiolo.id)).to.equal(1);
    expect(await liveTokensOf(pizzaiolo.id)).to.equal(1);
    expect(await openLinksOf(pizzaiolo.id)).to.equal(1);

    const form = await manager.get(path(pizzaiolo.id, 'departure'));
    expect(form.body.record.params.id).to.equal(pizzaiolo.id);
    const res = await manager.post(path(pizzaiolo.id, 'departure'));
    expect(res.body.notice, JSON.stringify(res.body)).to.deep.include({ type: 'success' });
    expect(res.body.notice.message).to.match(
      /^Départ enregistré : le compte de Prénom Employé \d+ est désactivé\.$/,
    );

    const state = await stateOf(pizzaiolo.id);
    expect(state.active).to.equal(false);
    expect(state.deactivatedAt).to.be.instanceOf(Date);
    // Ended by the departure itself, not at the employee's next request.
    expect(await sessionsOf(pizzaiolo.id)).to.equal(0);
    expect(await liveTokensOf(pizzaiolo.id)).to.equal(0);
    expect(await openLinksOf(pizzaiolo.id)).to.equal(0);
    expect((await client(app.url).get('/api/staff/me', { token: pizzaiolo.token })).status).to.equal(401);
    expect((await pizzaiolo.back.list('orders')).status).to.equal(302);
    const again = await new AdminClient(app).login(
      pizzaiolo.back.employee.email,
      pizzaiolo.back.employee.password,
    );
    expect(again.status).to.equal(400);
    // The record's page offers « Réactiver » now, no longer « Départ ».
    const shown = await manager.show('employees', pizzaiolo.id);
    expect(shown.body.record.recordActions.map((a: { name: string }) => a.name))
      .to.include('reactivate')
      .and.not.include('departure');
  });

  it('when the employee is reactivated, then they may sign in again with no departure date, and the tokens and sessions of before stay dead', async () => {
    const admin = await loggedIn(app, app.db, 'admin', null);
    const pizzaiolo = await signedInPizzaiolo();
    expect((await admin.post(path(pizzaiolo.id, 'departure'))).body.notice.type).to.equal('success');
    const first = (await stateOf(pizzaiolo.id)).deactivatedAt;
    // Done twice (two tabs), the departure keeps its first date.
    await app.db.query(`UPDATE employees SET active = true WHERE id = $1`, { bind: [pizzaiolo.id] });
    expect((await admin.post(path(pizzaiolo.id, 'departure'))).body.notice.type).to.equal('success');
    expect((await stateOf(pizzaiolo.id)).deactivatedAt).to.deep.equal(first);

    const res = await admin.post(path(pizzaiolo.id, 'reactivate'));
    expect(res.body.notice, JSON.stringify(res.body)).to.deep.include({ type: 'success' });
    expect(await stateOf(pizzaiolo.id)).to.deep.equal({ active: true, deactivatedAt: null });
    expect((await client(app.url).get('/api/staff/me', { token: pizzaiolo.token })).status).to.equal(401);
    expect((await pizzaiolo.back.list('orders')).status).to.equal(302);
    const login = await new AdminClient(app).login(
      pizzaiolo.back.employee.email,
      pizzaiolo.back.employee.password,
    );
    expect(login.status).to.equal(302);
  });

  it('when the edit form posts active = false, then it is ignored: only the departure deactivates', async () => {
    const admin = await loggedIn(app, app.db, 'admin', null);
    const pizzaiolo = await signedInPizzaiolo();
    const res = await admin.edit('employees', pizzaiolo.id, { firstName: 'Paola', active: 'false' });
    expect(res.body.notice.type).to.equal('success');
    expect(await stateOf(pizzaiolo.id)).to.deep.equal({ active: true, deactivatedAt: null });
    expect(await sessionsOf(pizzaiolo.id)).to.equal(1);
    // Nor does the form offer the field (AdminJS's page state lists each resource's form fields).
    const page = await admin.get('');
    const state = JSON.parse(/window\.REDUX_STATE = (.*);\n/.exec(page.body)![1]);
    const employees = state.resources.find((r: { id: string }) => r.id === 'employees');
    const fields = employees.editProperties.map((p: { propertyPath: string }) => p.propertyPath);
    expect(fields).to.include('firstName').and.not.include('active');
  });

  it('when a manager tries the departure of another shop’s employee, of another manager or of a group admin, then it is refused and nothing changes', async () => {
    const manager = await loggedIn(app, app.db, 'manager', shop);
    const otherShop = await createPizzeria(app.db);
    const targets = [
      await createEmployee(app.db, { role: 'pizzaiolo', pizzeriaId: otherShop }),
      await createEmployee(app.db, { role: 'manager', pizzeriaId: shop }),
      await createEmployee(app.db, { role: 'admin' }),
    ];
    for (const target of targets) {
      expect(isRefused(await manager.post(path(target.id, 'departure'))), String(target.id)).to.equal(true);
      expect(await stateOf(target.id)).to.deep.equal({ active: true, deactivatedAt: null });
    }
    // Neither a pizzaiolo nor an accountant manages staff.
    const target = await createEmployee(app.db, { role: 'driver', pizzeriaId: shop });
    for (const role of ['pizzaiolo', 'accountant'] as const) {
      const other = await loggedIn(app, app.db, role, role === 'pizzaiolo' ? shop : null);
      expect(isRefused(await other.post(path(target.id, 'departure'))), role).to.equal(true);
    }
    expect(await stateOf(target.id)).to.deep.equal({ active: true, deactivatedAt: null });
  });

  it('when the group admin records their own departure, then it is refused in French (another admin must)', async () => {
    const admin = await loggedIn(app, app.db, 'admin', null);
    const res = await admin.post(path(admin.employee.id, 'departure'));
    expect(res.status).to.equal(409);
    expect(res.body.error).to.deep.equal({
      code: 'own_departure',
      message: 'Vous ne pouvez pas enregistrer votre propre départ : demandez-le à un responsable.',
    });
    expect(await stateOf(admin.employee.id)).to.deep.equal({ active: true, deactivatedAt: null });
  });

  it('when an anonymised former employee is reactivated, then it is refused in French', async () => {
    const admin = await loggedIn(app, app.db, 'admin', null);
    const gone = await createEmployee(app.db, { role: 'driver', pizzeriaId: shop, active: false });
    await app.db.query(
      `UPDATE employees SET deactivated_at = now() - interval '3 years', anonymised_at = now() WHERE id = $1`,
      { bind: [gone.id] },
    );
    const res = await admin.post(path(gone.id, 'reactivate'));
    expect(res.status).to.equal(409);
    expect(res.body.error.code).to.equal('employee_anonymised');
    expect(res.body.error.message).to.match(/^Ce compte a été anonymisé/);
    expect((await stateOf(gone.id)).active).to.equal(false);
  });
});
