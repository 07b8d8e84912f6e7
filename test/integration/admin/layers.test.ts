// The two layers of the shop scoping, each on its own: the action rules of admin/access.ts refuse another
// shop's record even if the data layer let it through, and the data layer (admin/scoped-resource.ts) hides
// and protects another shop's rows even if an action forgot its rule (e.g. a custom action added later).
import { expect } from 'chai';
import { BaseRecord, Filter, type ActionContext } from 'adminjs';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { actionsFor, type StaffAdmin } from '../../../admin/access.js';
import { employeesAccess } from '../../../admin/resources/employees.resource.js';
import { ordersResource } from '../../../admin/resources/orders.resource.js';
import { adminDeps } from '../../../admin/deps.js';
import type { ScopedResource } from '../../../admin/scoped-resource.js';
import { adminWorld, rowOf, type AdminWorld } from './world.js';

const staff = (role: StaffAdmin['role'], pizzeriaId: number | null, employeeId = 1): StaffAdmin => ({
  id: String(employeeId),
  employeeId,
  email: `${role}@ocpizza.test`,
  role,
  pizzeriaId,
});

describe('back office: each layer of the shop scoping holds on its own', () => {
  let app: TestApp;
  let world: AdminWorld;

  before(async () => {
    app = await startTestApp();
  });
  after(async () => {
    await app.close();
  });
  beforeEach(async () => {
    world = await adminWorld(app.db);
  });

  it("when the action rules see another shop's record, then show, edit, delete and bulk delete are refused", () => {
    const actions = actionsFor(employeesAccess);
    const a = world.a.world.shopId;
    const b = world.b.world.shopId;
    const record = (shop: number, role = 'pizzaiolo') =>
      ({ params: { _shopId: shop, pizzeriaId: shop, role } }) as unknown as BaseRecord;
    const allowed = (name: string, admin: StaffAdmin, rec?: BaseRecord) =>
      (actions[name as keyof typeof actions]!.isAccessible as (c: ActionContext) => boolean)({
        currentAdmin: admin,
        record: rec,
      } as unknown as ActionContext);
    const manager = staff('manager', a);
    for (const name of ['show', 'edit', 'delete', 'bulkDelete']) {
      expect(allowed(name, manager, record(b)), `${name} of shop B`).to.equal(false);
      expect(allowed(name, staff('admin', null), record(b)), `admin ${name}`).to.equal(true);
    }
    expect(allowed('show', manager, record(a))).to.equal(true);
    expect(allowed('edit', manager, record(a))).to.equal(true);
    expect(allowed('edit', manager, record(a, 'manager')), 'another manager').to.equal(false);
    expect(allowed('delete', manager, record(a)), 'only the group admin deletes').to.equal(false);
    expect(allowed('list', staff('pizzaiolo', a))).to.equal(false);
    expect(allowed('list', staff('driver', a)), 'no back office').to.equal(false);
  });

  it("when the data layer is asked for another shop's rows, then it finds none and refuses to change them", async () => {
    const resource = ordersResource(adminDeps(app.context)).resource as ScopedResource;
    const context = (admin: StaffAdmin) => ({ currentAdmin: admin }) as unknown as ActionContext;
    const managerA = context(staff('manager', world.a.world.shopId));
    const everyone = await resource.find(new Filter({}, resource), {}, context(staff('accountant', null)));
    expect(everyone.map((r) => r.id())).to.have.members([world.a.orderId, world.b.orderId]);
    const mine = await resource.find(new Filter({}, resource), {}, managerA);
    expect(mine.map((r) => r.id())).to.deep.equal([world.a.orderId]);
    expect(await resource.count(new Filter({}, resource), managerA)).to.equal(1);
    expect(await resource.findOne(world.b.orderId, managerA)).to.equal(null);
    expect(await resource.findMany([world.a.orderId, world.b.orderId], managerA)).to.have.length(1);
    const before = await rowOf(app.db, 'orders', world.b.orderId);
    await resource.update(world.b.orderId, { note: 'x' }, managerA).then(
      () => expect.fail('updated'),
      (error: Error) => expect(error.name).to.equal('ForbiddenError'),
    );
    await resource.delete(world.b.orderId, managerA).then(
      () => expect.fail('deleted'),
      (error: Error) => expect(error.name).to.equal('ForbiddenError'),
    );
    expect(await rowOf(app.db, 'orders', world.b.orderId)).to.deep.equal(before);
    // No signed-in staff (a call without context), a role without back office, a shop role without a shop.
    for (const ctx of [
      undefined,
      context(staff('driver', world.a.world.shopId)),
      context(staff('manager', null)),
    ]) {
      expect(await resource.find(new Filter({}, resource), {}, ctx)).to.have.length(0);
    }
    expect(await resource.findMany(['not-a-uuid'], context(staff('admin', null)))).to.have.length(0);
  });
});
