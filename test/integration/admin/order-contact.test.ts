// The back office reads a customer's phone and address on orders with the staff API's rule (the orders module's
// staff-contact.ts): the group admin and managers do, the kitchen and the accountant never, neither on the order's
// page nor in the list nor through an order line's link to its order.
import { expect } from 'chai';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { loggedIn } from './support.js';
import { adminWorld, type AdminWorld } from './world.js';

describe('back office: a customer’s contact on orders, as far as each job needs', () => {
  let app: TestApp;
  let w: AdminWorld;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app.close());
  beforeEach(async () => {
    w = await adminWorld(app.db);
    await app.db.query(
      `UPDATE orders SET customer_phone = '06 39 98 00 00', delivery_instructions = 'Code 1234B' WHERE id = $1`,
      { bind: [w.a.orderId] },
    );
  });

  const CONTACT = { phone: '06 39 98 00 00', line1: '12 rue Oberkampf', instructions: 'Code 1234B' };
  const contactIn = (params: Record<string, unknown> | undefined) => ({
    phone: params?.customerPhone ?? null,
    line1: params?.deliveryLine1 ?? null,
    instructions: params?.deliveryInstructions ?? null,
  });
  const NONE = { phone: null, line1: null, instructions: null };

  it('when the kitchen or the accountant opens an order, its list or a line of it, then no phone or address comes back', async () => {
    for (const [role, shop] of [
      ['pizzaiolo', w.a.world.shopId],
      ['accountant', null],
    ] as const) {
      const staff = await loggedIn(app, app.db, role, shop);
      const shown = await staff.show('orders', w.a.orderId);
      expect(shown.body.record.params.number, role).to.be.a('string');
      expect(contactIn(shown.body.record.params), `${role}: show`).to.deep.equal(NONE);
      const list = await staff.list('orders');
      const row = list.body.records.find((r: { id: string }) => r.id === w.a.orderId);
      expect(contactIn(row.params), `${role}: list`).to.deep.equal(NONE);
      const line = await staff.show('order_lines', w.a.lineId);
      expect(line.body.record.populated?.orderId?.params?.number, `${role}: line's order`).to.be.a('string');
      expect(contactIn(line.body.record.populated?.orderId?.params), `${role}: line`).to.deep.equal(NONE);
      expect(JSON.stringify([shown.body, list.body, line.body]), role).not.to.include('06 39 98 00 00');
    }
  });

  it('when the group admin or the shop’s manager opens the order, then they read the contact', async () => {
    for (const [role, shop] of [
      ['admin', null],
      ['manager', w.a.world.shopId],
    ] as const) {
      const staff = await loggedIn(app, app.db, role, shop);
      const shown = await staff.show('orders', w.a.orderId);
      expect(contactIn(shown.body.record.params), role).to.deep.equal(CONTACT);
    }
  });
});
