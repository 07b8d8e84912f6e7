// The capacity of a slot is checked under a lock in the placement's transaction: many placements for the same
// slot sent at once, several rounds; exactly `capacity` succeed, the others get 409 slot_full, and a refused
// placement leaves nothing behind (no order, line, event, reservation).
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { fixedClock } from '../../../src/shared/clock.js';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import {
  createShopWorld,
  customerWithToken,
  newKey,
  stockOf,
  takeawayMargherita,
  type ShopWorld,
} from '../../factories/shop.js';

const CAPACITY = 3;
const AT_ONCE = 10;
const ROUNDS = 3;
/** Monday 7 December 2026, Paris: the shop is open around the clock (factory default). */
const at = (hhmm: string) => new Date(`2026-12-07T${hhmm}:00+01:00`);

describe('a slot’s capacity under concurrent placements', function () {
  this.timeout(60_000);
  const clock = fixedClock(at('15:30'));
  let app: TestApp;
  let api: ReturnType<typeof client>;
  let w: ShopWorld;

  before(async () => {
    app = await startTestApp({}, { clock });
    api = client(app.url);
  });
  after(() => app.close());
  beforeEach(async () => {
    w = await createShopWorld(app.db);
    await app.db.query(`UPDATE pizzerias SET slot_capacity = $1 WHERE id = $2`, {
      bind: [CAPACITY, w.shopId],
    });
  });

  const count = async (sql: string, bind: unknown[]) =>
    (await app.db.query<{ n: number }>(sql, { type: QueryTypes.SELECT, bind }))[0].n;

  it(`when ${AT_ONCE} placements for a slot of ${CAPACITY} arrive at once, then exactly ${CAPACITY} succeed and the others leave nothing written`, async () => {
    const customers = await Promise.all(Array.from({ length: AT_ONCE }, () => customerWithToken(app.db)));
    for (let round = 0; round < ROUNDS; round++) {
      const slot = at(`${19 + round}:00`).toISOString();
      const answers = await Promise.all(
        customers.map((c) =>
          api.post('/api/orders', {
            token: c.token,
            body: { ...takeawayMargherita(w), scheduledFor: slot },
            headers: { 'Idempotency-Key': newKey() },
          }),
        ),
      );
      const statuses = answers.map((a) => (a.status === 201 ? 201 : `${a.status} ${a.body.error.code}`));
      expect(
        statuses.filter((s) => s === 201),
        slot,
      ).to.have.length(CAPACITY);
      expect(
        statuses.filter((s) => s === '409 slot_full'),
        slot,
      ).to.have.length(AT_ONCE - CAPACITY);
      expect(
        await count(`SELECT count(*)::int AS n FROM orders WHERE pizzeria_id = $1 AND scheduled_for = $2`, [
          w.shopId,
          slot,
        ]),
      ).to.equal(CAPACITY);
    }
    const placed = CAPACITY * ROUNDS;
    expect(await count(`SELECT count(*)::int AS n FROM orders`, [])).to.equal(placed);
    expect(await count(`SELECT count(*)::int AS n FROM order_lines`, [])).to.equal(placed);
    expect(await count(`SELECT count(*)::int AS n FROM order_status_events`, [])).to.equal(placed);
    expect(
      await count(`SELECT count(*)::int AS n FROM stock_movements WHERE kind = 'reservation'`, []),
    ).to.equal(placed * 3);
    expect((await stockOf(app.db, w.stockIds.mozza)).reserved).to.equal(placed * 120);
    const slots = await api.get(`/api/pizzerias/${w.shopId}/slots?fulfilment=takeaway`);
    const left = (iso: string) => slots.body.slots.find((s: { at: string }) => s.at === iso).left;
    expect([left(at('19:00').toISOString()), left(at('22:00').toISOString())]).to.deep.equal([0, CAPACITY]);
  });
});
