// « Fournisseurs » and « Articles fournisseurs » in the back office: a manager reads the group's suppliers and
// their shop's own, and changes only their shop's (by the screens, by URL, by the AdminJS API, and at the data
// layer under them); the group admin manages every supplier; delivery days are French weekdays; a supplier with
// purchase orders is deactivated, not deleted.
import { expect } from 'chai';
import type { ActionContext } from 'adminjs';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { createSupplier, supplierItem } from '../../factories/purchasing.js';
import { suppliersResource } from '../../../admin/resources/suppliers.resource.js';
import { supplierItemsResource } from '../../../admin/resources/supplier-items.resource.js';
import { isRefused, loggedIn } from './support.js';
import { adminWorld, countOf, rowOf, type AdminWorld } from './world.js';

describe('back office: suppliers and their items, group and shop', function () {
  this.timeout(30_000);
  let app: TestApp;
  let world: AdminWorld;
  let manager: Awaited<ReturnType<typeof loggedIn>>;

  before(async () => {
    app = await startTestApp();
  });
  after(() => app.close());
  beforeEach(async () => {
    world = await adminWorld(app.db);
    manager = await loggedIn(app, app.db, 'manager', world.a.world.shopId);
  });

  const ids = (res: { body: any }) => res.body.records.map((r: any) => Number(r.params.id)).sort();

  it("when a manager lists suppliers and items, then they see the group's and their shop's, never another shop's", async () => {
    const { a, b } = world;
    const suppliers = ids(await manager.list('suppliers', `filters.pizzeriaId=${b.world.shopId}`));
    expect(suppliers).not.to.include(b.shopSupplierId);
    const all = ids(await manager.list('suppliers', 'perPage=500'));
    expect(all).to.include.members([a.groupSupplierId, b.groupSupplierId, a.shopSupplierId]);
    expect(all).not.to.include(b.shopSupplierId);
    expect(isRefused(await manager.show('suppliers', b.shopSupplierId))).to.equal(true);
    const groupItem = await supplierItem(app.db, a.groupSupplierId, a.world.ingredients.sauce);
    const items = ids(await manager.list('supplier_items', 'perPage=500'));
    expect(items).to.include.members([a.supplierItemId, groupItem]);
    expect(items).not.to.include(b.supplierItemId);
    expect(isRefused(await manager.show('supplier_items', b.supplierItemId))).to.equal(true);
    // The group's: readable, not changeable (no edit or delete offered on its page).
    const group = await manager.show('suppliers', a.groupSupplierId);
    expect(group.body.record.params.id).to.equal(a.groupSupplierId);
    expect(group.body.record.recordActions.map((x: any) => x.name)).not.to.include.members(['edit']);
    expect(group.body.record.recordActions.map((x: any) => x.name)).not.to.include('delete');
  });

  it("when a manager edits or deletes a group supplier, another shop's, or their items, even by the API, then it is refused and nothing changes", async () => {
    const { a, b } = world;
    const groupItem = await supplierItem(app.db, a.groupSupplierId, a.world.ingredients.sauce);
    const attempts: [string, number, Record<string, string>][] = [
      ['suppliers', a.groupSupplierId, { name: 'Piraté', active: 'false' }],
      ['suppliers', a.groupSupplierId, { pizzeriaId: String(a.world.shopId) }],
      ['suppliers', b.shopSupplierId, { name: 'Piraté' }],
      ['supplier_items', groupItem, { packPriceCents: '1' }],
      ['supplier_items', b.supplierItemId, { packPriceCents: '1' }],
    ];
    for (const [table, id, form] of attempts) {
      const before = await rowOf(app.db, table, id);
      expect(isRefused(await manager.edit(table, id, form)), `edit ${table} ${id}`).to.equal(true);
      expect(isRefused(await manager.remove(table, id)), `delete ${table} ${id}`).to.equal(true);
      expect(isRefused(await manager.bulkDelete(table, [id])), `bulk ${table} ${id}`).to.equal(true);
      expect(await rowOf(app.db, table, id), `${table} ${id}`).to.deep.equal(before);
    }
  });

  it('when a manager creates or edits a supplier, then it is their shop’s whatever the form says', async () => {
    const { a, b } = world;
    const created = await manager.create('suppliers', {
      name: 'Boulangerie Lenoir',
      email: 'pro@lenoir.example.fr',
      pizzeriaId: String(b.world.shopId),
      'deliveryDays.0': 'sat',
      'deliveryDays.1': 'mon',
      leadTimeDays: '1',
      minimumOrderCentsText: '45,50',
    });
    expect(created.body.notice.type, JSON.stringify(created.body.record?.errors)).to.equal('success');
    const id = created.body.record.params.id;
    expect(await rowOf(app.db, 'suppliers', id)).to.include({
      pizzeria_id: a.world.shopId,
      minimum_order_cents: 4550,
    });
    expect((await rowOf(app.db, 'suppliers', id)) as any).to.have.deep.property('delivery_days', [
      'mon',
      'sat',
    ]);
    const group = await manager.create('suppliers', {
      name: 'Se dit du groupe',
      email: 'g@example.fr',
      pizzeriaId: '',
      'deliveryDays.0': 'mon',
      leadTimeDays: '1',
    });
    expect(await rowOf(app.db, 'suppliers', group.body.record.params.id)).to.include({
      pizzeria_id: a.world.shopId,
    });
    const moved = await manager.edit('suppliers', a.shopSupplierId, { pizzeriaId: '', name: 'Fromagerie' });
    expect(moved.body.notice.type).to.equal('success');
    expect(await rowOf(app.db, 'suppliers', a.shopSupplierId)).to.include({
      pizzeria_id: a.world.shopId,
      name: 'Fromagerie',
    });
  });

  it("when a manager adds an item to a group supplier or another shop's, or moves theirs there, then it is refused in French", async () => {
    const { a, b } = world;
    const count = await countOf(app.db, 'supplier_items');
    for (const supplierId of [a.groupSupplierId, b.shopSupplierId, 999_999]) {
      const res = await manager.create('supplier_items', {
        supplierId: String(supplierId),
        ingredientId: String(a.world.ingredients.sauce),
        packLabel: 'Seau 5 kg',
        packQuantity: '5000',
        packPriceCentsText: '18,90',
      });
      expect(res.body.notice.type, String(supplierId)).to.equal('error');
      expect(res.body.record.errors.supplierId.message).to.match(/fournisseur de votre pizzeria/);
    }
    expect(await countOf(app.db, 'supplier_items')).to.equal(count);
    const before = await rowOf(app.db, 'supplier_items', a.supplierItemId);
    const moved = await manager.edit('supplier_items', a.supplierItemId, {
      supplierId: String(a.groupSupplierId),
    });
    expect(moved.body.notice.type).to.equal('error');
    expect(await rowOf(app.db, 'supplier_items', a.supplierItemId)).to.deep.equal(before);
    const ok = await manager.edit('supplier_items', a.supplierItemId, {
      packPriceCentsText: '12,75',
      packQuantity: '2000',
    });
    expect(ok.body.notice.type).to.equal('success');
    expect(await rowOf(app.db, 'supplier_items', a.supplierItemId)).to.include({
      pack_price_cents: 1275,
      pack_quantity: 2000,
    });
  });

  it("when a write reaches the data layer for a group supplier or another shop's, then it is refused even without the action's checks", async () => {
    const { a, b } = world;
    const context = {
      currentAdmin: {
        id: '1',
        email: 'm@example.test',
        employeeId: manager.employee.id,
        role: 'manager',
        pizzeriaId: a.world.shopId,
      },
    } as unknown as ActionContext;
    const suppliers = suppliersResource().resource as any;
    const items = supplierItemsResource().resource as any;
    for (const id of [a.groupSupplierId, b.shopSupplierId]) {
      const before = await rowOf(app.db, 'suppliers', id);
      await suppliers.update(String(id), { name: 'Piraté' }, context).then(
        () => expect.fail(`update of ${id} passed`),
        (e: Error) => expect(e.name).to.equal('ForbiddenError'),
      );
      await suppliers.delete(String(id), context).then(
        () => expect.fail(`delete of ${id} passed`),
        (e: Error) => expect(e.name).to.equal('ForbiddenError'),
      );
      expect(await rowOf(app.db, 'suppliers', id)).to.deep.equal(before);
    }
    const groupItem = await supplierItem(app.db, a.groupSupplierId, a.world.ingredients.sauce);
    await items.update(String(groupItem), { packPriceCents: 1 }, context).then(
      () => expect.fail('update of a group item passed'),
      (e: Error) => expect(e.name).to.equal('ForbiddenError'),
    );
    // Their own shop's: the same layer lets it through.
    await suppliers.update(String(a.shopSupplierId), { name: 'Fromagerie Dupont' }, context);
    expect(await rowOf(app.db, 'suppliers', a.shopSupplierId)).to.include({ name: 'Fromagerie Dupont' });
  });

  it('when the group admin creates a supplier without a shop and edits any, then it is a group supplier and every change is saved', async () => {
    const { b } = world;
    const admin = await loggedIn(app, app.db, 'admin', null);
    const created = await admin.create('suppliers', {
      name: 'Metro Pro',
      email: 'pro@metro.example.fr',
      'deliveryDays.0': 'wed',
      leadTimeDays: '3',
    });
    expect(created.body.notice.type).to.equal('success');
    expect(await rowOf(app.db, 'suppliers', created.body.record.params.id)).to.include({ pizzeria_id: null });
    const edited = await admin.edit('suppliers', b.shopSupplierId, { name: 'Fromagerie B', active: 'false' });
    expect(edited.body.notice.type).to.equal('success');
    expect(await rowOf(app.db, 'suppliers', b.shopSupplierId)).to.include({
      name: 'Fromagerie B',
      active: false,
    });
  });

  it('when delivery days are shown or left empty, then they read « mardi, vendredi » and an empty choice is refused in French', async () => {
    const { a } = world;
    const id = await createSupplier(app.db, { pizzeriaId: a.world.shopId, deliveryDays: ['fri', 'tue'] });
    const shown = await manager.show('suppliers', id);
    expect(shown.body.record.params.deliveryDaysText).to.equal('mardi, vendredi');
    const count = await countOf(app.db, 'suppliers');
    const none = await manager.create('suppliers', { name: 'X', email: 'x@example.fr', leadTimeDays: '1' });
    expect(none.body.notice.type).to.equal('error');
    expect(none.body.record.errors.deliveryDays.message).to.equal('Cochez au moins un jour de livraison.');
    const unknown = await manager.create('suppliers', {
      name: 'X',
      email: 'x@example.fr',
      leadTimeDays: '1',
      'deliveryDays.0': 'monday',
    });
    expect(unknown.body.record.errors.deliveryDays.message).to.match(/^Jour inconnu/);
    expect(await countOf(app.db, 'suppliers')).to.equal(count);
    const emptied = await manager.edit('suppliers', id, { deliveryDays: '__FORM_VALUE_EMPTY_ARRAY__' });
    expect(emptied.body.notice.type).to.equal('error');
    expect((await rowOf(app.db, 'suppliers', id)) as any).to.have.deep.property('delivery_days', [
      'fri',
      'tue',
    ]);
  });

  it('when a supplier with purchase orders is deleted, then it is refused in French and it stays (deactivate it instead)', async () => {
    const { a } = world;
    const admin = await loggedIn(app, app.db, 'admin', null);
    for (const client of [admin, manager]) {
      const res = await client.remove('suppliers', a.shopSupplierId);
      expect(res.body.notice.type).to.equal('error');
      expect(res.body.notice.message).to.match(/Désactivez-le plutôt/);
    }
    expect(await rowOf(app.db, 'suppliers', a.shopSupplierId)).not.to.equal(null);
    const off = await manager.edit('suppliers', a.shopSupplierId, { active: 'false' });
    expect(off.body.notice.type).to.equal('success');
    expect(await rowOf(app.db, 'suppliers', a.shopSupplierId)).to.include({ active: false });
  });
});
