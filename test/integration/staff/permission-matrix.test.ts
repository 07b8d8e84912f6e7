import { expect } from 'chai';
import { can, ROLES, type Permission, type Role } from '../../../src/shared/permissions.js';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import {
  createShopWorld,
  customerWithToken,
  newKey,
  staffWithToken,
  type ShopWorld,
  takeawayMargherita,
} from '../../factories/shop.js';

// Every staff endpoint × every role: refused with 403 exactly when the permission table says no, and a shop
// employee never reaches another shop's orders (404) or stock and queues (403).
describe('staff permission matrix', function () {
  this.timeout(60_000);
  let app: TestApp;
  let w: ShopWorld;
  let other: ShopWorld;
  let orderId: string;
  let toCancelId: string;

  before(async () => {
    app = await startTestApp();
  });
  after(() => app.close());
  beforeEach(async () => {
    w = await createShopWorld(app.db);
    other = await createShopWorld(app.db, { prefix: 'B-' });
    const customer = await customerWithToken(app.db);
    const place = async () =>
      (
        await client(app.url).post('/api/orders', {
          token: customer.token,
          headers: { 'Idempotency-Key': newKey() },
          body: takeawayMargherita(w),
        })
      ).body.order.id as string;
    orderId = await place();
    toCancelId = await place();
  });

  type Call = {
    permission: Permission;
    method: 'get' | 'post';
    path: () => string;
    body?: () => unknown;
    key?: boolean;
  };
  const shop = () => `pizzeriaId=${w.shopId}`;
  const calls: Call[] = [
    { permission: 'kitchen.view', method: 'get', path: () => `/api/staff/kitchen?${shop()}` },
    { permission: 'deliveries.view', method: 'get', path: () => `/api/staff/deliveries?${shop()}` },
    { permission: 'orders.collect', method: 'get', path: () => `/api/staff/takeaway?${shop()}` },
    { permission: 'stock.view', method: 'get', path: () => `/api/staff/stock?${shop()}` },
    { permission: 'orders.view_shop', method: 'get', path: () => `/api/staff/orders/${orderId}` },
    { permission: 'catalog.rupture', method: 'get', path: () => `/api/staff/ruptures?${shop()}` },
    {
      permission: 'catalog.rupture',
      method: 'post',
      path: () => '/api/staff/ruptures',
      body: () => ({ pizzeriaId: w.shopId, sizeId: w.margherita.sizeL, reason: 'Plus de pâte Méga' }),
    },
    {
      permission: 'stock.receive',
      method: 'post',
      path: () => '/api/staff/stock/receipts',
      body: () => ({ pizzeriaId: w.shopId, ingredientId: w.ingredients.mozza, quantity: 1000 }),
    },
    {
      permission: 'stock.count',
      method: 'post',
      path: () => '/api/staff/stock/counts',
      body: () => ({ pizzeriaId: w.shopId, ingredientId: w.ingredients.cola, countedQuantity: 400 }),
    },
    {
      permission: 'orders.create_counter',
      method: 'post',
      path: () => '/api/staff/orders',
      key: true,
      body: () => ({
        channel: 'phone',
        pizzeriaId: w.shopId,
        customerName: 'Mme Test',
        fulfilment: 'takeaway',
        items: [{ productId: w.cola.productId, sizeId: w.cola.sizeId, quantity: 1 }],
        paymentMethod: 'cash',
      }),
    },
    { permission: 'kitchen.prepare', method: 'post', path: () => `/api/staff/orders/${orderId}/start` },
    { permission: 'journal.view', method: 'get', path: () => `/api/staff/journal/closures?${shop()}` },
    {
      permission: 'journal.close',
      method: 'post',
      path: () => '/api/staff/journal/closures',
      body: () => ({ pizzeriaId: w.shopId }),
    },
    {
      permission: 'orders.cancel',
      method: 'post',
      path: () => `/api/staff/orders/${toCancelId}/cancel`,
      body: () => ({ reason: 'Test' }),
    },
  ];

  for (const role of ROLES) {
    it(`when a ${role} calls every staff endpoint, then exactly the ones the permission table grants pass`, async () => {
      const api = client(app.url);
      const employee = await staffWithToken(
        app.db,
        role as Role,
        role === 'admin' || role === 'accountant' ? null : w.shopId,
      );
      for (const call of calls) {
        const res = await api[call.method](call.path(), {
          token: employee.token,
          body: call.body?.(),
          headers: call.key ? { 'Idempotency-Key': newKey() } : {},
        });
        const label = `${role} ${call.method.toUpperCase()} ${call.path()}`;
        if (can(role as Role, call.permission))
          expect(res.status, `${label}: ${JSON.stringify(res.body)}`).to.be.within(200, 299);
        else expect([res.status, res.body.error?.code], label).to.deep.equal([403, 'forbidden']);
      }
    });
  }

  for (const role of ['manager', 'pizzaiolo', 'driver', 'counter'] as Role[]) {
    it(`when a ${role} of another shop reaches for this shop, then 404 for its orders and 403 for its lists`, async () => {
      const api = client(app.url);
      const outsider = await staffWithToken(app.db, role, other.shopId);
      for (const call of calls) {
        const granted = can(role, call.permission);
        const res = await api[call.method](call.path(), {
          token: outsider.token,
          body: call.body?.(),
          headers: call.key ? { 'Idempotency-Key': newKey() } : {},
        });
        const expected = !granted ? 403 : /\/orders\/[0-9a-f-]{36}/.test(call.path()) ? 404 : 403;
        expect(res.status, `${role} ${call.path()}`).to.equal(expected);
      }
      const [{ n }] = (
        await app.db.query(
          `SELECT count(*)::int AS n FROM stock_movements m JOIN stock_items s ON s.id = m.stock_item_id
          WHERE s.pizzeria_id = $1 AND m.kind NOT IN ('receipt', 'reservation')`,
          { bind: [w.shopId], plain: false },
        )
      )[0] as { n: number }[];
      expect(n, 'no stock of the other shop was touched').to.equal(0);
    });
  }
});
