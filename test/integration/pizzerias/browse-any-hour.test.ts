// Browsing at any hour: a shop that delivers an address is found even while it is closed, with when it opens
// and today's hours, at the business clock's time (src/shared/clock.ts), so the test does not depend on the hour
// it runs at.
import { expect } from 'chai';
import { fixedClock } from '../../../src/shared/clock.js';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { createShopWorld, customerWithToken, newKey, takeawayMargherita } from '../../factories/shop.js';

const WEEKDAYS: [string, string][] = [
  ['11:30', '14:30'],
  ['18:00', '23:00'],
];
/** Closed on Sundays. */
const HOURS = {
  ...Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((d) => [d, WEEKDAYS])),
  sun: [],
};
// The factory's shop stands at 48.8556, 2.3749 (a 3 km zone); this point is 300 m north.
const NEAR = 'lat=48.8583&lng=2.3749';

describe('browsing at any hour: nearest shops with their hours', () => {
  /** Monday 7 December 2026 15:30 in Paris (UTC+1): between lunch and evening. */
  const clock = fixedClock('2026-12-07T15:30:00+01:00');
  let app: TestApp;
  let api: ReturnType<typeof client>;

  before(async () => {
    app = await startTestApp({}, { clock });
    api = client(app.url);
  });
  after(() => app.close());

  it('when the shop is between two services, then it delivers the address, is closed, and opens at 18:00 today', async () => {
    clock.set('2026-12-07T15:30:00+01:00');
    const w = await createShopWorld(app.db, { shop: { openingHours: HOURS } });
    const res = await api.get(`/api/pizzerias/nearest?${NEAR}`);
    expect(res.status).to.equal(200);
    const shop = res.body.pizzerias.find((p: any) => p.id === w.shopId);
    expect(shop).to.include({ deliversHere: true, isOpenNow: false, opensAt: '2026-12-07T17:00:00.000Z' });
    expect(shop.todayHours).to.deep.equal(WEEKDAYS);
    expect(shop.openingHours.sun).to.deep.equal([]);

    // The list and the menu say the same.
    const list = await api.get('/api/pizzerias');
    expect(list.body.pizzerias[0].opensAt).to.equal('2026-12-07T17:00:00.000Z');
    const menu = await api.get(`/api/pizzerias/${w.shopId}/menu`);
    expect([menu.body.pizzeria.isOpenNow, menu.body.pizzeria.opensAt]).to.deep.equal([
      false,
      '2026-12-07T17:00:00.000Z',
    ]);

    // Browsing is allowed; ordering for now is not.
    const customer = await customerWithToken(app.db);
    const placed = await api.post('/api/orders', {
      token: customer.token,
      headers: { 'Idempotency-Key': newKey() },
      body: takeawayMargherita(w),
    });
    expect([placed.status, placed.body.error.code]).to.deep.equal([409, 'pizzeria_closed']);
  });

  it('when it is Saturday night after closing, then the shop opens on Monday at 11:30 (closed on Sunday)', async () => {
    clock.set('2026-12-12T23:30:00+01:00');
    const w = await createShopWorld(app.db, { shop: { openingHours: HOURS } });
    const res = await api.get(`/api/pizzerias/nearest?${NEAR}`);
    const shop = res.body.pizzerias.find((p: any) => p.id === w.shopId);
    expect(shop).to.include({ deliversHere: true, isOpenNow: false, opensAt: '2026-12-14T10:30:00.000Z' });
  });

  it('when the shop is open, then opensAt is null', async () => {
    clock.set('2026-12-07T12:00:00+01:00');
    const w = await createShopWorld(app.db, { shop: { openingHours: HOURS } });
    const res = await api.get(`/api/pizzerias/nearest?${NEAR}`);
    const shop = res.body.pizzerias.find((p: any) => p.id === w.shopId);
    expect(shop).to.include({ deliversHere: true, isOpenNow: true, opensAt: null });
  });
});
