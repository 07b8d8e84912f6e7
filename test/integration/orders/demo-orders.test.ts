// The demo orders are read by the same API as real ones: every seeded order must answer what the contract
// says, and the kitchen memo must show its extras, as for an order placed through the app.
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { seedDemo } from '../../../seeders/seed.js';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { tokenFor } from '../../factories/people.js';
import { staffWithToken } from '../../factories/shop.js';

describe('demo orders read through the API', function () {
  this.timeout(60_000);
  let app: TestApp;

  before(async () => {
    app = await startTestApp();
  });
  after(() => app.close());

  it('when the demo is seeded, then every order view, staff view and kitchen queue matches the contract, extras in the memo', async () => {
    await seedDemo(app.database);
    // client() checks every /api answer against the OpenAPI document: a body off the schema fails the call.
    const api = client(app.url);
    const admin = await staffWithToken(app.db, 'admin', null);
    const orders = await app.db.query<{ id: string; customerId: number | null; extras: number }>(
      `SELECT o.id, o.customer_id AS "customerId",
              (SELECT COALESCE(SUM(jsonb_array_length(l.extras)), 0)::int FROM order_lines l WHERE l.order_id = o.id)
                AS extras
         FROM orders o ORDER BY o.number`,
      { type: QueryTypes.SELECT },
    );
    expect(orders.length).to.be.at.least(10);
    expect(
      orders.some((o) => o.extras > 0),
      'some demo order has extras',
    ).to.equal(true);
    const tokens = new Map<number, string>();
    for (const o of orders) {
      const staffView = await api.get(`/api/staff/orders/${o.id}`, { token: admin.token });
      expect(staffView.status, `staff view of ${o.id}`).to.equal(200);
      const ids = staffView.body.order.lines.flatMap((l: any) => l.extras.map((e: any) => e.id));
      expect(
        ids.every((id: unknown) => Number.isInteger(id)),
        'extras keep their catalogue id',
      ).to.equal(true);
      if (o.customerId === null) continue;
      if (!tokens.has(o.customerId)) {
        tokens.set(o.customerId, (await tokenFor(app.db, { customerId: o.customerId })).token);
      }
      const own = await api.get(`/api/orders/${o.id}`, { token: tokens.get(o.customerId) });
      expect(own.status, `customer view of ${o.id}`).to.equal(200);
    }

    const shops = await app.db.query<{ id: number }>(`SELECT id FROM pizzerias ORDER BY id`, {
      type: QueryTypes.SELECT,
    });
    let linesWithExtras = 0;
    for (const shop of shops) {
      for (const queue of ['kitchen', 'deliveries', 'takeaway']) {
        const res = await api.get(`/api/staff/${queue}?pizzeriaId=${shop.id}`, { token: admin.token });
        expect(res.status, `${queue} of shop ${shop.id}`).to.equal(200);
        if (queue !== 'kitchen') continue;
        for (const order of res.body.orders) {
          for (const line of order.lines) {
            expect(line.memo.extras, `memo of ${order.number} line ${line.position}`).to.have.length(
              line.extras.length,
            );
            if (line.extras.length > 0) linesWithExtras += 1;
          }
        }
      }
    }
    expect(linesWithExtras, 'the kitchen shows demo lines with extras').to.be.above(0);
  });
});
