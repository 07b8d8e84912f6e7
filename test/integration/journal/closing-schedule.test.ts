// The closures' schedule over the real app at an injected time: the automatic job closes a business day once the
// shop's last service has ended plus the delay (entries after the cutoff go to the next day), the manager's
// « Clôturer la journée » closes the current business day once, months and fiscal years follow their last day,
// concurrent runs write each closure once, and the routes keep each shop to its own staff.
import { expect } from 'chai';
import type { Logger } from 'pino';
import { createCustomer, createEmployee } from '../../factories/people.js';
import { createShopWorld, placeThroughApi, type ShopWorld } from '../../factories/shop.js';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import type { Role } from '../../../src/modules/staff/index.js';
import { fixedClock } from '../../../src/shared/clock.js';

const SERVICE: [string, string][] = [
  ['11:30', '14:30'],
  ['18:00', '23:00'],
];
const EVERY_DAY = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, SERVICE]),
);
/** Paris time in winter (UTC+1): `paris('2026-12-07', '19:00')`. */
const paris = (date: string, hhmm: string) => `${date}T${hhmm}:00+01:00`;

/** A logger keeping what the job logs (its fields and message). */
function recordingLogger() {
  const infos: Record<string, unknown>[] = [];
  const errors: Record<string, unknown>[] = [];
  const logger = {
    info: (fields: object, msg: string) => infos.push({ ...fields, msg }),
    error: (fields: object, msg: string) => errors.push({ ...fields, msg }),
  } as unknown as Logger;
  return { logger, infos, errors };
}

interface ClosureBody {
  kind: string;
  period: string;
  firstSeq: number | null;
  lastSeq: number | null;
  entries: number;
  closedByEmployeeId: number | null;
  totals: { revenueCents: number };
  grandTotalCents: number;
}

describe('sales journal: closing schedule, job and routes', () => {
  const clock = fixedClock(paris('2026-12-07', '12:00'));
  let app: TestApp;
  let api: ReturnType<typeof client>;
  let w: ShopWorld;
  let customerId: number;
  let managerId: number;

  before(async () => {
    app = await startTestApp({}, { clock });
    api = client(app.url);
  });
  after(() => app.close());
  beforeEach(async () => {
    w = await createShopWorld(app.db, { shop: { openingHours: EVERY_DAY } });
    customerId = (await createCustomer(app.db)).id;
    managerId = (await createEmployee(app.db, { role: 'manager', pizzeriaId: w.shopId })).id;
  });

  /** Tokens last a while of the business clock: issued at its current time. */
  const tokenOf = async (subject: { employeeId: number } | { customerId: number }) =>
    (await app.database.transaction((tx) => app.services.auth.issueToken(tx, subject))).token;
  const staffToken = async (role: Role, pizzeriaId: number | null) =>
    tokenOf({ employeeId: (await createEmployee(app.db, { role, pizzeriaId })).id });
  const managerToken = () => tokenOf({ employeeId: managerId });

  /** A takeaway order placed at `placedAt` and collected (paid cash) at `collectedAt`: its total. */
  async function sale(date: string, placedAt: string, collectedAt = placedAt, d2 = date): Promise<number> {
    clock.set(paris(date, placedAt));
    const { order } = await placeThroughApi(api, await tokenOf({ customerId }), {
      pizzeriaId: w.shopId,
      fulfilment: 'takeaway',
      items: [{ productId: w.margherita.productId, sizeId: w.margherita.sizeM, quantity: 1 }],
    });
    const staff = await managerToken();
    for (const step of ['start', 'ready']) {
      const res = await api.post(`/api/staff/orders/${order.id}/${step}`, { token: staff });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
    }
    clock.set(paris(d2, collectedAt));
    const collected = await api.post(`/api/staff/orders/${order.id}/collect`, {
      token: await managerToken(),
      body: { payment: { method: 'cash', amountReceivedCents: order.totalCents } },
    });
    expect(collected.status, JSON.stringify(collected.body)).to.equal(200);
    return order.totalCents;
  }

  /** Runs the job at that time; what it wrote for the test's shop. */
  async function runAt(date: string, hhmm: string) {
    clock.set(paris(date, hhmm));
    const written = await app.services.journal.runClosingJob();
    return written.filter((c) => c.pizzeriaId === w.shopId).map((c) => `${c.kind} ${c.period}`);
  }

  async function closures(token?: string): Promise<ClosureBody[]> {
    const res = await api.get(`/api/staff/journal/closures?pizzeriaId=${w.shopId}`, {
      token: token ?? (await staffToken('accountant', null)),
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    return res.body.closures;
  }

  it('when the last service has ended plus the delay, then the job closes the day with the entries before the cutoff, not before; later ones go to the next day', async () => {
    const a = await sale('2026-12-07', '19:00');
    const late = await sale('2026-12-07', '22:50', '23:40'); // a late delivery, before the cutoff (00:00)
    await sale('2026-12-07', '22:55', '00:10', '2026-12-08'); // after the cutoff: the next day's
    expect(await runAt('2026-12-07', '23:59')).to.deep.equal([]);
    expect(await runAt('2026-12-08', '00:15')).to.deep.equal(['day 2026-12-07']);
    expect(await runAt('2026-12-08', '00:16')).to.deep.equal([]);
    const [day] = await closures();
    expect(day).to.include({ kind: 'day', period: '2026-12-07', firstSeq: 1, lastSeq: 2, entries: 2 });
    expect(day.closedByEmployeeId).to.equal(null);
    expect(day.totals.revenueCents).to.equal(a + late);

    expect(await runAt('2026-12-08', '23:30')).to.deep.equal([]);
    expect(await runAt('2026-12-09', '00:01')).to.deep.equal(['day 2026-12-08']);
    const next = (await closures())[1];
    expect(next).to.include({ period: '2026-12-08', firstSeq: 3, lastSeq: 3, entries: 1 });
  });

  it('when the shop is exceptionally closed that day, then the day closes the next morning at the day start hour', async () => {
    await app.db.query(`UPDATE pizzerias SET closures = $1 WHERE id = $2`, {
      bind: [JSON.stringify([{ from: '2026-12-08', to: '2026-12-08', reason: 'Inventaire' }]), w.shopId],
    });
    // Placed the evening before, collected on the closed day: an entry of the 8th with no service.
    await sale('2026-12-07', '22:55', '15:00', '2026-12-08');
    expect(await runAt('2026-12-09', '00:30')).to.deep.equal([]);
    expect(await runAt('2026-12-09', '04:59')).to.deep.equal([]);
    expect(await runAt('2026-12-09', '05:00')).to.deep.equal(['day 2026-12-08']);
  });

  it('when the manager closes the day early then a late delivery is collected, then a second closure that day answers 409 and the late entry goes to the next day', async () => {
    const a = await sale('2026-12-07', '19:00');
    clock.set(paris('2026-12-07', '21:00'));
    const token = await managerToken();
    const closed = await api.post('/api/staff/journal/closures', { token, body: {} });
    expect(closed.status, JSON.stringify(closed.body)).to.equal(201);
    expect(closed.body).to.include({ kind: 'day', period: '2026-12-07', firstSeq: 1, lastSeq: 1 });
    expect(closed.body.closedByEmployeeId).to.equal(managerId);
    expect(closed.body.totals.revenueCents).to.equal(a);

    const late = await sale('2026-12-07', '22:30', '23:30');
    clock.set(paris('2026-12-07', '23:45'));
    const again = await api.post('/api/staff/journal/closures', {
      token: await managerToken(),
      body: { pizzeriaId: w.shopId },
    });
    expect(again.status).to.equal(409);
    expect(again.body.error).to.include({
      code: 'closure_exists',
      message: 'La journée du 07/12/2026 est déjà clôturée.',
    });
    // Past midnight, before the day start hour: still the 7th's business day.
    clock.set(paris('2026-12-08', '01:00'));
    const night = await api.post('/api/staff/journal/closures', { token: await managerToken(), body: {} });
    expect(night.status).to.equal(409);

    expect(await runAt('2026-12-08', '00:30')).to.deep.equal([]);
    expect(await runAt('2026-12-09', '00:30')).to.deep.equal(['day 2026-12-08']);
    const [, next] = await closures();
    expect(next).to.include({ period: '2026-12-08', firstSeq: 2, lastSeq: 2, entries: 1 });
    expect(next.totals.revenueCents).to.equal(late);
  });

  it('when the month and the year end, then their closures follow the last day closure and cover the day closures', async () => {
    const a = await sale('2026-12-30', '19:00');
    const b = await sale('2026-12-31', '12:00');
    const c = await sale('2026-12-31', '20:00');
    expect(await runAt('2026-12-31', '23:30')).to.deep.equal(['day 2026-12-30']);
    expect(await runAt('2027-01-01', '00:05')).to.deep.equal([
      'day 2026-12-31',
      'month 2026-12',
      'year 2026',
    ]);
    const [, , month, year] = await closures();
    expect(month).to.include({ kind: 'month', period: '2026-12', firstSeq: 1, lastSeq: 3, entries: 3 });
    expect(month.totals.revenueCents).to.equal(a + b + c);
    expect(month.grandTotalCents).to.equal(a + b + c);
    expect(year).to.include({ kind: 'year', period: '2026', firstSeq: 1, lastSeq: 3, entries: 3 });
    expect(await runAt('2027-01-02', '00:05')).to.deep.equal([]);
  });

  it('when two job runs start at once, then each closure is written once', async () => {
    await sale('2026-11-28', '19:00');
    await sale('2026-11-29', '19:00');
    await sale('2026-11-30', '13:00');
    clock.set(paris('2026-12-01', '00:30'));
    const log = recordingLogger();
    const runs = await Promise.all([
      app.services.journal.runClosingJob(log.logger),
      app.services.journal.runClosingJob(log.logger),
    ]);
    expect(log.errors).to.deep.equal([]);
    const written = runs.flat().map((c) => `${c.kind} ${c.period}`);
    expect([...written].sort()).to.deep.equal([
      'day 2026-11-28',
      'day 2026-11-29',
      'day 2026-11-30',
      'month 2026-11',
    ]);
    const chain = await closures();
    expect(chain.map((c) => `${c.kind} ${c.period} ${c.firstSeq}-${c.lastSeq}`)).to.deep.equal([
      'day 2026-11-28 1-1',
      'day 2026-11-29 2-2',
      'day 2026-11-30 3-3',
      'month 2026-11 1-3',
    ]);
  });

  it('when the job is started, then it checks soon after and logs the closures it wrote, without personal data', async () => {
    await sale('2026-12-07', '19:00');
    clock.set(paris('2026-12-08', '00:30'));
    const log = recordingLogger();
    const stop = app.services.journal.startClosingJob(log.logger, 50);
    try {
      const deadline = Date.now() + 5000;
      while (log.infos.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    } finally {
      stop();
    }
    expect(log.infos).to.deep.include({
      pizzeriaId: w.shopId,
      kind: 'day',
      period: '2026-12-07',
      msg: 'sales journal: closure written',
    });
    expect(log.errors).to.deep.equal([]);
  });

  it('when the manager of another shop asks, then 403; a group admin naming no shop gets 422, an unknown shop 404', async () => {
    const other = await createShopWorld(app.db, { prefix: 'Autre ' });
    clock.set(paris('2026-12-07', '21:00'));
    const stranger = await staffToken('manager', other.shopId);
    const close = await api.post('/api/staff/journal/closures', {
      token: stranger,
      body: { pizzeriaId: w.shopId },
    });
    expect([close.status, close.body.error.code]).to.deep.equal([403, 'other_pizzeria']);
    const list = await api.get(`/api/staff/journal/closures?pizzeriaId=${w.shopId}`, { token: stranger });
    expect(list.status).to.equal(403);
    const admin = await staffToken('admin', null);
    const unnamed = await api.post('/api/staff/journal/closures', { token: admin, body: {} });
    expect([unnamed.status, unnamed.body.error.code]).to.deep.equal([422, 'pizzeria_required']);
    const unknown = await api.post('/api/staff/journal/closures', {
      token: admin,
      body: { pizzeriaId: 999_999 },
    });
    expect([unknown.status, unknown.body.error.code]).to.deep.equal([404, 'pizzeria_not_found']);
    const byAdmin = await api.post('/api/staff/journal/closures', {
      token: admin,
      body: { pizzeriaId: w.shopId },
    });
    expect(byAdmin.status).to.equal(201);
    const cook = await api.get(`/api/staff/journal/closures`, {
      token: await staffToken('pizzaiolo', w.shopId),
    });
    expect(cook.status).to.equal(403);
  });

  it('when the accountant asks, then the closures and the public keys are listed, filtered by kind and dates, but closing is refused', async () => {
    await sale('2026-12-07', '19:00');
    await runAt('2026-12-08', '00:30');
    clock.set(paris('2026-12-08', '10:00'));
    const accountant = await staffToken('accountant', null);
    const refused = await api.post('/api/staff/journal/closures', {
      token: accountant,
      body: { pizzeriaId: w.shopId },
    });
    expect([refused.status, refused.body.error.code]).to.deep.equal([403, 'forbidden']);
    const days = await api.get(
      `/api/staff/journal/closures?pizzeriaId=${w.shopId}&kind=day&from=2026-12-01&to=2026-12-31`,
      { token: accountant },
    );
    expect(days.status).to.equal(200);
    expect(days.body.closures.map((c: ClosureBody) => c.period)).to.deep.equal(['2026-12-07']);
    const none = await api.get(`/api/staff/journal/closures?pizzeriaId=${w.shopId}&from=2026-12-08`, {
      token: accountant,
    });
    expect(none.body.closures).to.deep.equal([]);
    const bad = await api.get(
      `/api/staff/journal/closures?pizzeriaId=${w.shopId}&kind=week&from=2026-13-01`,
      {
        token: accountant,
      },
    );
    expect(bad.status).to.equal(422);
    const keys = await api.get('/api/staff/journal/keys', { token: accountant });
    expect(keys.status).to.equal(200);
    expect(keys.body.keys.map((k: { keyId: string }) => k.keyId)).to.include(keys.body.currentKeyId);
    expect(keys.body.keys[0].publicKey).to.match(/^-----BEGIN PUBLIC KEY-----/);
  });
});
