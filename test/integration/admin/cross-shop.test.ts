// A manager of shop A trying to reach shop B through the admin API directly: lists filtered whatever the URL
// says, another shop's records refused for show, edit, delete and bulk delete with nothing changed, and the
// writes of a manager kept inside their shop and their rights.
import { expect } from 'chai';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { isRefused, loggedIn, type AdminClient } from './support.js';
import { adminWorld, countOf, rowOf, type AdminWorld } from './world.js';

describe('back office: a manager stays within their own shop', () => {
  let app: TestApp;
  let world: AdminWorld;
  let manager: AdminClient;

  before(async () => {
    app = await startTestApp();
  });
  after(async () => {
    await app.close();
  });
  beforeEach(async () => {
    world = await adminWorld(app.db);
    manager = await loggedIn(app, app.db, 'manager', world.a.world.shopId);
  });

  const idsOf = (res: { body: any }) => res.body.records.map((r: any) => String(r.params.id)).sort();

  it('when a manager lists shop data, even asking for shop B in the URL, then only shop A rows come back', async () => {
    const { a, b } = world;
    const expected: Record<string, (string | number)[]> = {
      orders: [a.orderId],
      order_lines: [a.lineId],
      order_status_events: [a.eventId],
      payments: [a.paymentId],
      refunds: [a.refundId],
      payment_corrections: [a.correctionId],
      customers: [a.customerId],
      pizzerias: [a.world.shopId],
      purchase_orders: [a.purchaseOrderId],
      // The group's suppliers are every shop's: shop A's manager reads them, not shop B's own.
      suppliers: [a.groupSupplierId, b.groupSupplierId, a.shopSupplierId],
      supplier_items: [a.supplierItemId],
    };
    for (const [table, ids] of Object.entries(expected)) {
      expect(idsOf(await manager.list(table)), table).to.deep.equal(ids.map(String).sort());
    }
    for (const query of [
      '',
      `filters.pizzeriaId=${b.world.shopId}`,
      `filters.pizzeriaId.0=${b.world.shopId}`,
    ]) {
      for (const table of ['orders', 'stock_items', 'employees', 'purchase_orders']) {
        const res = await manager.list(table, query);
        expect(res.body.records.length, `${table}?${query}`).to.be.greaterThan(0);
        for (const record of res.body.records)
          expect(record.params.pizzeriaId, table).to.equal(a.world.shopId);
      }
    }
    const movements = await manager.list('stock_movements', `filters.stockItemId=${b.world.stockIds.dough}`);
    expect(movements.body.records).to.have.length(0);
    // The employee picker searches their names (« Prénom Employé 12 »), as staff type them.
    const search = await manager.get(
      `/api/resources/employees/actions/search/${encodeURIComponent('Employé')}`,
    );
    expect(search.body.records.length).to.be.greaterThan(0);
    for (const record of search.body.records) expect(record.params.pizzeriaId).to.equal(a.world.shopId);
  });

  it("when a manager opens shop B's records by URL or API, then every one is refused and shows nothing", async () => {
    const { b } = world;
    const targets: [string, string | number][] = [
      ['orders', b.orderId],
      ['order_lines', b.lineId],
      ['order_status_events', b.eventId],
      ['payments', b.paymentId],
      ['refunds', b.refundId],
      ['payment_corrections', b.correctionId],
      ['stock_items', b.world.stockIds.dough],
      ['stock_movements', b.movementId],
      ['employees', b.pizzaioloId],
      ['customers', b.customerId],
      ['pizzerias', b.world.shopId],
      ['purchase_orders', b.purchaseOrderId],
      ['suppliers', b.shopSupplierId],
      ['supplier_items', b.supplierItemId],
    ];
    for (const [table, id] of targets) {
      expect(isRefused(await manager.show(table, id)), `${table} ${id}`).to.equal(true);
    }
  });

  it("when a manager edits or deletes shop B's stock, staff, order, suppliers or purchase orders, or a group supplier, then it is refused and nothing changes", async () => {
    const { a, b } = world;
    const attempts: [string, string | number, Record<string, string>][] = [
      ['stock_items', b.world.stockIds.dough, { alertThreshold: '1' }],
      ['employees', b.pizzaioloId, { firstName: 'Piraté', active: 'false' }],
      ['orders', b.orderId, { note: 'piraté' }],
      ['suppliers', b.shopSupplierId, { name: 'Piraté', active: 'false' }],
      ['suppliers', a.groupSupplierId, { name: 'Piraté', active: 'false' }],
      ['supplier_items', b.supplierItemId, { packPriceCents: '1' }],
      ['purchase_orders', b.purchaseOrderId, { note: 'piraté', status: 'cancelled' }],
    ];
    for (const [table, id, form] of attempts) {
      const before = await rowOf(app.db, table, id);
      expect(isRefused(await manager.edit(table, id, form)), `edit ${table}`).to.equal(true);
      expect(isRefused(await manager.remove(table, id)), `delete ${table}`).to.equal(true);
      expect(await rowOf(app.db, table, id), table).to.deep.equal(before);
    }
  });

  it("when a manager bulk-deletes a selection that includes shop B's employee, then nothing is deleted", async () => {
    const admin = await loggedIn(app, app.db, 'admin', null);
    const ids = [world.a.pizzaioloId, world.b.pizzaioloId];
    expect(isRefused(await manager.bulkDelete('employees', ids))).to.equal(true);
    for (const id of ids) expect(await rowOf(app.db, 'employees', id)).not.to.equal(null);
    // The group admin may (accounts of former employees).
    const res = await admin.bulkDelete('employees', ids);
    expect(res.body.notice.type).to.equal('success');
    for (const id of ids) expect(await rowOf(app.db, 'employees', id)).to.equal(null);
  });

  it('when a manager creates or edits staff, then they stay in the manager’s shop and below the manager’s role', async () => {
    const { a, b } = world;
    const created = await manager.create('employees', {
      email: 'Recrue@OCPizza.test',
      firstName: 'Rémi',
      lastName: 'Recrue',
      role: 'driver',
      pizzeriaId: String(b.world.shopId),
      newPassword: 'motdepasse-solide-42',
    });
    expect(created.body.notice.type).to.equal('success');
    expect(created.body.record.params).to.include({
      pizzeriaId: a.world.shopId,
      email: 'recrue@ocpizza.test',
    });

    const count = await countOf(app.db, 'employees');
    for (const role of ['admin', 'accountant', 'manager']) {
      const res = await manager.create('employees', {
        email: `${role}.pirate@ocpizza.test`,
        firstName: 'P',
        lastName: 'P',
        role,
        newPassword: 'motdepasse-solide-42',
      });
      expect(res.body.notice.type, role).to.equal('error');
      expect(res.body.record.errors.role.message).to.equal('Vous ne pouvez pas attribuer ce rôle.');
    }
    expect(await countOf(app.db, 'employees')).to.equal(count);

    const moved = await manager.edit('employees', a.pizzaioloId, {
      pizzeriaId: String(b.world.shopId),
      role: 'pizzaiolo',
    });
    expect(moved.body.notice.type).to.equal('success');
    expect(await rowOf(app.db, 'employees', a.pizzaioloId)).to.include({ pizzeria_id: a.world.shopId });
    const promoted = await manager.edit('employees', a.pizzaioloId, { role: 'manager' });
    expect(promoted.body.notice.type).to.equal('error');
    expect(await rowOf(app.db, 'employees', a.pizzaioloId)).to.include({ role: 'pizzaiolo' });
    const before = await rowOf(app.db, 'employees', a.managerId);
    expect(
      isRefused(await manager.edit('employees', a.managerId, { firstName: 'X' })),
      'another manager',
    ).to.equal(true);
    expect(await rowOf(app.db, 'employees', a.managerId)).to.deep.equal(before);
  });

  it('when a manager edits a group product or size, even only its availability, then it is refused and nothing changes (it is every shop’s)', async () => {
    const { margherita } = world.a.world;
    const product = await rowOf(app.db, 'products', margherita.productId);
    const size = await rowOf(app.db, 'product_sizes', margherita.sizeM);
    const refusals = [
      await manager.edit('products', margherita.productId, { name: 'Piratée', active: 'false' }),
      await manager.edit('products', margherita.productId, { active: 'false' }),
      await manager.edit('product_sizes', margherita.sizeM, { priceCents: '1', active: 'false' }),
      await manager.edit('product_sizes', margherita.sizeM, { active: 'false' }),
      await manager.remove('products', margherita.productId),
    ];
    for (const [i, res] of refusals.entries())
      expect(isRefused(res), `${i}: ${JSON.stringify(res.body)}`.slice(0, 1500)).to.equal(true);
    expect(await rowOf(app.db, 'products', margherita.productId)).to.deep.equal(product);
    expect(await rowOf(app.db, 'product_sizes', margherita.sizeM)).to.deep.equal(size);
  });

  it('when anyone posts stock quantities, then they are ignored: only the alert threshold can be edited', async () => {
    const admin = await loggedIn(app, app.db, 'admin', null);
    const id = world.a.world.stockIds.mozza;
    for (const client of [admin, manager]) {
      const res = await client.edit('stock_items', id, { onHand: '1', reserved: '1', alertThreshold: '777' });
      expect(res.body.notice.type).to.equal('success');
    }
    expect(await rowOf(app.db, 'stock_items', id)).to.include({
      on_hand: 50_000,
      reserved: 0,
      alert_threshold: 777,
    });
  });
});
