// R6: the permission matrices and the cross-customer / cross-shop reads of the ordering and back-office issues
// run here too: the integration tier's own tests are imported (not copied) and registered inside this suite,
// each on an empty database as in their tier; then a compact matrix of our own over HTTP counts every check:
// every role × every documented staff endpoint (refused with 403 exactly where the README's roles table says
// so, and the code's permission table must say the same),
// the staff of another shop, customers A and B on each other's orders, addresses and tracking, and callers of
// the wrong kind. Any answer that lets something through, or shows another's data, is a leak.
import { expect } from 'chai';
import { documentedRoutes } from '../../src/shared/openapi.js';
import { can, isGroupWide, ROLES, type Permission, type Role } from '../../src/shared/permissions.js';
import { createSupplier, supplierItem } from '../factories/purchasing.js';
import { createShopWorld, customerWithToken, newKey, staffWithToken } from '../factories/shop.js';
import { client } from '../helpers/api.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { resetData, testDb } from '../helpers/db.js';

/** The integration tests that check rights and isolation: whole files, or the named tests of a file. */
const LEAK_TESTS: Record<string, 'all' | string[]> = {
  '../integration/staff/permission-matrix.test.js': 'all',
  '../integration/admin/permission-matrix.test.js': 'all',
  '../integration/admin/cross-shop.test.js': 'all',
  '../integration/admin/crud-export.test.js': 'all',
  '../integration/admin/layers.test.js': [
    "when the action rules see another shop's record, then show, edit, delete and bulk delete are refused",
    "when the data layer is asked for another shop's rows, then it finds none and refuses to change them",
  ],
  '../integration/admin/actions.test.js': [
    'when a pizzaiolo tries a receipt, or a manager acts on another shop, then it is refused and nothing is written',
    "when a manager acts on another shop's order, then it is refused and the order is untouched",
  ],
  '../integration/admin/pages.test.js': [
    "when a manager opens it, then the figures are their shop's, whatever shop the request names",
  ],
  '../integration/stock/stock-access.test.js': [
    'when a pizzaiolo acts, then they may see stock and record waste, but not a receipt or a count (403)',
    'when a driver asks for the stock, then 403 on every stock endpoint',
    'when a counter asks for the stock, then 403 on every stock endpoint',
    'when an accountant asks for the stock, then 403 (the group role has no stock right)',
    'when a manager of shop A names shop B, then 403 other_pizzeria and B is never touched',
    'when no token or an unknown token is sent, then 401 on every stock endpoint',
  ],
  '../integration/orders/lifecycle.test.js': [
    'when another customer reads, modifies or cancels an order, then 404 as if it did not exist',
    'when staff act outside their role or their shop, then 403 or 404; the admin names the shop',
  ],
  '../integration/orders/placement.test.js': [
    'when a saved address is chosen, then the order snapshots it; another customer’s address is 404',
  ],
  '../integration/orders/takeaway-queue.test.js': [
    'when a pizzaiolo or a driver asks, then it is refused (403)',
    'when a manager names another shop, then it is refused; the group admin must name one',
  ],
  '../integration/customers/addresses.test.js': [
    'when a customer uses the id of another customer’s address, then 404 and the address is untouched',
    'when no customer is logged in, then the address routes answer 401',
  ],
  '../integration/customers/customer-auth.test.js': [
    'when no token, a forged one or a staff token is sent, then the customer routes answer 401',
  ],
  '../integration/realtime/tracking.test.js': [
    'when the owner follows the order, then the current state comes first, then each change',
    'when another order changes, then the stream stays silent about it',
    'when another customer asks, then 404 order_not_found; a staff member or an anonymous caller: 401',
    'when a pizzaiolo follows their kitchen, then they get their shop’s events and not another shop’s',
    'when a pizzaiolo asks for another shop, or a driver for their own, then 403; anonymous, then 401',
  ],
  '../integration/realtime/staff-streams.test.js': 'all',
  '../integration/accounting/exports.test.js': [
    'when roles other than accountant and admin ask, then 403; without a staff token, 401',
  ],
};

/**
 * Who may call each staff endpoint, written out from the README's « Staff roles » table: the specification
 * that both the code's permission table and the HTTP answers must meet (a right added to the table by mistake
 * is a leak too).
 */
const ALL: Role[] = ['admin', 'manager', 'pizzaiolo', 'driver', 'counter', 'accountant'];
const KITCHEN: Role[] = ['admin', 'manager', 'pizzaiolo'];
const DELIVERY: Role[] = ['admin', 'manager', 'driver'];
const COUNTER: Role[] = ['admin', 'manager', 'counter'];
const MANAGERS: Role[] = ['admin', 'manager'];
/** « Ruptures »: the kitchen and the counter take an item off their shop's menu, the manager too. */
const RUPTURES: Role[] = ['admin', 'manager', 'pizzaiolo', 'counter'];
const SPEC: Record<string, Role[]> = {
  'GET /staff/ruptures': RUPTURES,
  'POST /staff/ruptures': RUPTURES,
  'POST /staff/ruptures/:ruptureId/end': RUPTURES,
  'GET /staff/me': ALL,
  'POST /staff/logout': ALL,
  'GET /staff/recipes': KITCHEN,
  'GET /staff/kitchen': KITCHEN,
  'GET /staff/kitchen/events': KITCHEN,
  'GET /staff/deliveries': DELIVERY,
  'GET /staff/deliveries/events': DELIVERY,
  'GET /staff/takeaway': COUNTER,
  'GET /staff/takeaway/events': COUNTER,
  'GET /staff/stock': KITCHEN,
  'GET /staff/stock/low': KITCHEN,
  'GET /staff/stock/forecast': KITCHEN,
  'POST /staff/stock/receipts': MANAGERS,
  'POST /staff/stock/waste': KITCHEN,
  'POST /staff/stock/counts': MANAGERS,
  'POST /staff/orders': COUNTER,
  'GET /staff/orders/:orderId': ALL,
  'POST /staff/orders/:orderId/start': KITCHEN,
  'POST /staff/orders/:orderId/ready': KITCHEN,
  'POST /staff/orders/:orderId/pickup': DELIVERY,
  'POST /staff/orders/:orderId/deliver': DELIVERY,
  'POST /staff/orders/:orderId/collect': COUNTER,
  'POST /staff/orders/:orderId/cancel': COUNTER,
  'POST /staff/orders/:orderId/refunds': MANAGERS,
  'POST /staff/orders/:orderId/payment-correction': MANAGERS,
  'GET /staff/exports/orders.csv': ['admin', 'accountant'],
  'GET /staff/exports/fec': ['admin', 'accountant'],
  'GET /staff/journal/verification': ['admin', 'manager', 'accountant'],
  'GET /staff/journal/archive': ['admin', 'accountant'],
  'POST /staff/journal/closures': ['admin', 'manager'],
  'GET /staff/journal/closures': ['admin', 'manager', 'accountant'],
  'GET /staff/journal/keys': ['admin', 'manager', 'accountant'],
  // Purchasing: the shop's manager and the group admin order and receive; the accountant reads
  'GET /staff/suppliers': ['admin', 'manager', 'accountant'],
  'GET /staff/purchasing/suggestions': MANAGERS,
  'GET /staff/purchasing/food-cost': ['admin', 'manager', 'accountant'],
  'GET /staff/purchase-orders': ['admin', 'manager', 'accountant'],
  'POST /staff/purchase-orders': MANAGERS,
  'GET /staff/purchase-orders/:id': ['admin', 'manager', 'accountant'],
  'PATCH /staff/purchase-orders/:id': MANAGERS,
  'POST /staff/purchase-orders/:id/send': MANAGERS,
  'POST /staff/purchase-orders/:id/receptions': MANAGERS,
  'POST /staff/purchase-orders/:id/cancel': MANAGERS,
  'GET /staff/purchase-orders/:id/document': ['admin', 'manager', 'accountant'],
};

type Suite = Mocha.Suite;
const allTests = (s: Suite): Mocha.Test[] => [...s.tests, ...s.suites.flatMap(allTests)];

/** Keeps the named tests only (in nested suites too); returns the titles kept. */
function keepOnly(suite: Suite, titles: string[]): string[] {
  suite.tests = suite.tests.filter((t) => titles.includes(t.title));
  suite.suites.forEach((s) => keepOnly(s, titles));
  return allTests(suite).map((t) => t.title);
}

/** Outcomes of the imported tests, for the figure. */
const results = { passed: 0, failed: 0 };

const r6 = describe('R6: permission matrix and cross-customer reads', function () {
  this.timeout(120_000);
  // The integration tier empties the database before each of its tests (root hooks, by file path): these run
  // from this file, so this suite does the same for them and for its own tests.
  beforeEach(async () => resetData(await testDb()));
  afterEach(function () {
    const test = this.currentTest!;
    if (!imported.includes(test)) return;
    if (test.state === 'passed') results.passed += 1;
    else if (test.state === 'failed') results.failed += 1;
  });
});

// Each file's describe() calls land in the root suite while it loads; they are moved inside R6.
const root = r6.parent!;
const selection: { file: string; missing: string[]; tests: number }[] = [];
for (const [file, wanted] of Object.entries(LEAK_TESTS)) {
  const known = new Set(root.suites);
  await import(file);
  const added = root.suites.filter((s) => !known.has(s));
  root.suites = root.suites.filter((s) => known.has(s));
  const kept = added.flatMap((s) =>
    wanted === 'all' ? allTests(s).map((t) => t.title) : keepOnly(s, wanted),
  );
  for (const s of added) {
    s.parent = r6;
    r6.suites.push(s);
  }
  selection.push({
    file,
    missing: wanted === 'all' ? [] : wanted.filter((title) => !kept.includes(title)),
    tests: kept.length,
  });
}
const imported = r6.suites.flatMap(allTests);

interface Answer {
  status: number;
  code?: string;
  text: string;
}

/** One call; an event stream that opens is answered by its status (and closed). */
async function call(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; key?: boolean } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.key) headers['Idempotency-Key'] = newKey();
  const res = await fetch(baseUrl + path, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  if ((res.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    await res.body?.cancel();
    return { status: res.status, text: '' };
  }
  const text = await res.text();
  let code: string | undefined;
  try {
    code = JSON.parse(text)?.error?.code;
  } catch {
    code = undefined;
  }
  return { status: res.status, code, text };
}

interface StaffCall {
  route: string;
  /** null: any employee. */
  permission: Permission | null;
  path: string;
  body?: unknown;
  key?: boolean;
  /** Aims at an order of shop A (another shop's staff get 404), else names shop A (they get 403). */
  target: 'order' | 'shop' | 'none';
}

const compact = describe('R6: compact matrix over HTTP', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app?.close());

  it('when every role, another shop’s staff and customers A and B cross every line, then nothing leaks', async () => {
    expect(selection.filter((s) => s.missing.length > 0)).to.deep.equal([]);
    expect(
      selection.filter((s) => s.tests === 0).map((s) => s.file),
      'files with no test',
    ).to.deep.equal([]);
    const db = app.db;
    const api = client(app.url);
    const a = await createShopWorld(db);
    const b = await createShopWorld(db, { prefix: 'B-' });
    const custA = await customerWithToken(db);
    const custB = await customerWithToken(db);
    const addressOf = async (token: string, mark: string) =>
      (
        await api.post('/api/me/addresses', {
          token,
          body: { label: `Maison ${mark}`, line1: `7 rue Secrète-${mark}`, postcode: '75011', city: 'Paris' },
        })
      ).body.address.id as number;
    const addrA = await addressOf(custA.token, 'A');
    const addrB = await addressOf(custB.token, 'B');
    const place = async (token: string, shopId: number, productId: number, sizeId: number) => {
      const res = await api.post('/api/orders', {
        token,
        headers: { 'Idempotency-Key': newKey() },
        body: {
          pizzeriaId: shopId,
          fulfilment: 'takeaway',
          items: [{ productId, sizeId, quantity: 1 }],
          paymentMethod: 'cash',
        },
      });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      return res.body.order as { id: string; number: string };
    };
    const orderA = await place(custA.token, a.shopId, a.margherita.productId, a.margherita.sizeM);
    const orderB = await place(custB.token, a.shopId, a.margherita.productId, a.margherita.sizeM);
    const target = await place(custA.token, a.shopId, a.margherita.productId, a.margherita.sizeM);
    const staffA = {} as Record<Role, string>;
    for (const role of ROLES)
      staffA[role] = (await staffWithToken(db, role, isGroupWide(role) ? null : a.shopId)).token;
    const shopRoles = ROLES.filter((r) => !isGroupWide(r));
    const staffB = {} as Record<Role, string>;
    for (const role of shopRoles) staffB[role] = (await staffWithToken(db, role, b.shopId)).token;
    // A group supplier of shop A's mozzarella and a draft purchase order of shop A (its id is in no answer to
    // shop B: every purchase order route of another shop's order is 404).
    const supplier = await createSupplier(db);
    await supplierItem(db, supplier, a.ingredients.mozza);
    const draft = await api.post('/api/staff/purchase-orders', {
      token: staffA.admin,
      body: {
        pizzeriaId: a.shopId,
        supplierId: supplier,
        lines: [{ ingredientId: a.ingredients.mozza, packs: 2 }],
      },
    });
    expect(draft.status, JSON.stringify(draft.body)).to.equal(201);
    const po = `/api/staff/purchase-orders/${draft.body.id}`;
    const poLine = draft.body.lines[0].id as number;

    const checks: { who: string; what: string; ok: boolean; got: string }[] = [];
    const check = (who: string, what: string, answer: Answer, ok: boolean) =>
      checks.push({
        who,
        what,
        ok,
        got: answer.status ? `${answer.status} ${answer.code ?? ''}` : answer.text,
      });
    /** Nothing of customer A or of shop A's orders in an answer meant for someone else. */
    const secretsOfA = [orderA.id, orderA.number, target.id, target.number, custA.email, 'Secrète-A'];
    const showsA = (answer: Answer) => secretsOfA.some((s) => answer.text.includes(s));
    const secretsOfB = [orderB.id, orderB.number, custB.email, 'Secrète-B'];
    const showsB = (answer: Answer) => secretsOfB.some((s) => answer.text.includes(s));

    // ---- customers A and B on each other's orders, addresses and tracking; others on customer routes
    const item = [{ productId: a.margherita.productId, sizeId: a.margherita.sizeM, quantity: 2 }];
    for (const [me, other, otherOrder, otherAddress, leaksOther] of [
      [custB, custA, orderA, addrA, showsA],
      [custA, custB, orderB, addrB, showsB],
    ] as const) {
      const who = me === custA ? 'customer A' : 'customer B';
      for (const [method, path, body] of [
        ['GET', `/api/orders/${otherOrder.id}`],
        ['PATCH', `/api/orders/${otherOrder.id}`, { items: item }],
        ['POST', `/api/orders/${otherOrder.id}/cancel`, {}],
        ['GET', `/api/orders/${otherOrder.id}/events`],
        ['GET', `/api/orders/${otherOrder.id}/events?access_token=${me.token}`],
        ['PATCH', `/api/me/addresses/${otherAddress}`, { label: 'Piratée' }],
        ['DELETE', `/api/me/addresses/${otherAddress}`],
        [
          'POST',
          '/api/orders',
          { fulfilment: 'delivery', addressId: otherAddress, items: item, paymentMethod: 'cash' },
        ],
      ] as const) {
        const token = path.includes('access_token') ? undefined : me.token;
        const res = await call(app.url, method, path, { token, body, key: path === '/api/orders' });
        check(
          who,
          `${method} ${path.replace(other.token, '…')}`,
          res,
          res.status === 404 && !leaksOther(res),
        );
      }
      for (const path of ['/api/orders', '/api/me', '/api/me/addresses']) {
        const res = await call(app.url, 'GET', path, { token: me.token });
        check(who, `GET ${path}`, res, res.status === 200 && !leaksOther(res));
      }
    }
    const customerRoutes = ['/api/me', '/api/orders', `/api/orders/${orderA.id}`, '/api/me/addresses'];
    for (const [who, token] of [...ROLES.map((r) => [r, staffA[r]]), ['anonymous', undefined]] as const) {
      for (const path of customerRoutes) {
        const res = await call(app.url, 'GET', path, { token });
        check(who, `GET ${path}`, res, res.status === 401 && !showsA(res));
      }
    }
    for (const [me, order, mark] of [
      [custA, orderA, 'A'],
      [custB, orderB, 'B'],
    ] as const) {
      const own = await call(app.url, 'GET', `/api/orders/${order.id}`, { token: me.token });
      const state = JSON.parse(own.text).order;
      check(
        `customer ${mark}`,
        'own order untouched',
        own,
        state.status === 'received' && state.totalCents === 1290,
      );
      const book = await call(app.url, 'GET', '/api/me/addresses', { token: me.token });
      const labels = JSON.parse(book.text).addresses.map((x: { label: string }) => x.label);
      check(`customer ${mark}`, 'own addresses untouched', book, labels.join() === `Maison ${mark}`);
    }

    // ---- every role × every staff endpoint (shop A), then shop B's staff on shop A, then non-staff
    const today = new Date().toISOString().slice(0, 10);
    const shop = `pizzeriaId=${a.shopId}`;
    const o = `/api/staff/orders/${target.id}`;
    const calls: StaffCall[] = [
      { route: 'GET /staff/me', permission: null, path: '/api/staff/me', target: 'none' },
      { route: 'GET /staff/recipes', permission: 'recipes.view', path: '/api/staff/recipes', target: 'none' },
      {
        route: 'GET /staff/ruptures',
        permission: 'catalog.rupture',
        path: `/api/staff/ruptures?${shop}`,
        target: 'shop',
      },
      {
        // The first granted caller takes it off (201), the next ones get 409 rupture_in_progress: never 401/403.
        route: 'POST /staff/ruptures',
        permission: 'catalog.rupture',
        path: '/api/staff/ruptures',
        body: { pizzeriaId: a.shopId, extraId: a.extraMozza, reason: 'R6' },
        target: 'shop',
      },
      {
        route: 'POST /staff/ruptures/:ruptureId/end',
        permission: 'catalog.rupture',
        path: `/api/staff/ruptures/999999/end?${shop}`,
        target: 'shop',
      },
      {
        route: 'GET /staff/kitchen',
        permission: 'kitchen.view',
        path: `/api/staff/kitchen?${shop}`,
        target: 'shop',
      },
      {
        route: 'GET /staff/kitchen/events',
        permission: 'kitchen.view',
        path: `/api/staff/kitchen/events?${shop}`,
        target: 'shop',
      },
      {
        route: 'GET /staff/deliveries',
        permission: 'deliveries.view',
        path: `/api/staff/deliveries?${shop}`,
        target: 'shop',
      },
      {
        route: 'GET /staff/deliveries/events',
        permission: 'deliveries.view',
        path: `/api/staff/deliveries/events?${shop}`,
        target: 'shop',
      },
      {
        route: 'GET /staff/takeaway',
        permission: 'orders.collect',
        path: `/api/staff/takeaway?${shop}`,
        target: 'shop',
      },
      {
        route: 'GET /staff/takeaway/events',
        permission: 'orders.collect',
        path: `/api/staff/takeaway/events?${shop}`,
        target: 'shop',
      },
      {
        route: 'GET /staff/stock',
        permission: 'stock.view',
        path: `/api/staff/stock?${shop}`,
        target: 'shop',
      },
      {
        route: 'GET /staff/stock/low',
        permission: 'stock.view',
        path: `/api/staff/stock/low?${shop}`,
        target: 'shop',
      },
      {
        route: 'GET /staff/stock/forecast',
        permission: 'stock.forecast',
        path: `/api/staff/stock/forecast?${shop}`,
        target: 'shop',
      },
      {
        route: 'POST /staff/stock/receipts',
        permission: 'stock.receive',
        path: '/api/staff/stock/receipts',
        body: { pizzeriaId: a.shopId, ingredientId: a.ingredients.mozza, quantity: 10 },
        target: 'shop',
      },
      {
        route: 'POST /staff/stock/waste',
        permission: 'stock.waste',
        path: '/api/staff/stock/waste',
        body: { pizzeriaId: a.shopId, ingredientId: a.ingredients.mozza, quantity: 1, note: 'R6' },
        target: 'shop',
      },
      {
        route: 'POST /staff/stock/counts',
        permission: 'stock.count',
        path: '/api/staff/stock/counts',
        body: { pizzeriaId: a.shopId, ingredientId: a.ingredients.cola, countedQuantity: 500 },
        target: 'shop',
      },
      {
        route: 'POST /staff/orders',
        permission: 'orders.create_counter',
        path: '/api/staff/orders',
        key: true,
        body: {
          channel: 'phone',
          pizzeriaId: a.shopId,
          customerName: 'Client R6',
          fulfilment: 'takeaway',
          items: [{ productId: a.cola.productId, sizeId: a.cola.sizeId, quantity: 1 }],
          paymentMethod: 'cash',
        },
        target: 'shop',
      },
      { route: 'GET /staff/orders/:orderId', permission: 'orders.view_shop', path: o, target: 'order' },
      {
        route: 'POST /staff/orders/:orderId/start',
        permission: 'kitchen.prepare',
        path: `${o}/start`,
        target: 'order',
      },
      {
        route: 'POST /staff/orders/:orderId/ready',
        permission: 'kitchen.prepare',
        path: `${o}/ready`,
        target: 'order',
      },
      {
        route: 'POST /staff/orders/:orderId/pickup',
        permission: 'deliveries.deliver',
        path: `${o}/pickup`,
        target: 'order',
      },
      {
        route: 'POST /staff/orders/:orderId/deliver',
        permission: 'deliveries.deliver',
        path: `${o}/deliver`,
        body: { payment: { method: 'cash', amountReceivedCents: 2000 } },
        target: 'order',
      },
      {
        route: 'POST /staff/orders/:orderId/collect',
        permission: 'orders.collect',
        path: `${o}/collect`,
        body: { payment: { method: 'cash', amountReceivedCents: 2000 } },
        target: 'order',
      },
      {
        route: 'POST /staff/orders/:orderId/cancel',
        permission: 'orders.cancel',
        path: `${o}/cancel`,
        body: { reason: 'R6' },
        target: 'order',
      },
      {
        route: 'POST /staff/orders/:orderId/refunds',
        permission: 'payments.refund',
        path: `${o}/refunds`,
        body: { amountCents: 1, reason: 'Test R6' },
        target: 'order',
      },
      {
        route: 'POST /staff/orders/:orderId/payment-correction',
        permission: 'payments.correct',
        path: `${o}/payment-correction`,
        body: { method: 'card_terminal', reason: 'Test R6' },
        target: 'order',
      },
      {
        route: 'GET /staff/exports/orders.csv',
        permission: 'accounting.export',
        path: `/api/staff/exports/orders.csv?from=${today}&to=${today}&${shop}`,
        target: 'shop',
      },
      {
        route: 'GET /staff/exports/fec',
        permission: 'accounting.export',
        path: `/api/staff/exports/fec?from=${today}&to=${today}`,
        target: 'none',
      },
      {
        route: 'GET /staff/journal/verification',
        permission: 'journal.view',
        path: `/api/staff/journal/verification?${shop}`,
        target: 'shop',
      },
      {
        route: 'GET /staff/journal/archive',
        permission: 'accounting.export',
        path: `/api/staff/journal/archive?${shop}&period=2026-12`,
        target: 'shop',
      },
      {
        // The first granted caller closes shop A's day (201), the next ones get 409 closure_exists: never 401/403.
        route: 'POST /staff/journal/closures',
        permission: 'journal.close',
        path: '/api/staff/journal/closures',
        body: { pizzeriaId: a.shopId },
        target: 'shop',
      },
      {
        route: 'GET /staff/journal/closures',
        permission: 'journal.view',
        path: `/api/staff/journal/closures?${shop}`,
        target: 'shop',
      },
      {
        route: 'GET /staff/journal/keys',
        permission: 'journal.view',
        path: '/api/staff/journal/keys',
        target: 'none',
      },
      {
        route: 'GET /staff/purchasing/suggestions',
        permission: 'purchasing.manage',
        path: `/api/staff/purchasing/suggestions?${shop}`,
        target: 'shop',
      },
      {
        route: 'GET /staff/purchasing/food-cost',
        permission: 'purchasing.view',
        path: `/api/staff/purchasing/food-cost?${shop}`,
        target: 'shop',
      },
      {
        route: 'GET /staff/suppliers',
        permission: 'purchasing.view',
        path: `/api/staff/suppliers?${shop}`,
        target: 'shop',
      },
      {
        route: 'GET /staff/purchase-orders',
        permission: 'purchasing.view',
        path: `/api/staff/purchase-orders?${shop}`,
        target: 'shop',
      },
      {
        route: 'POST /staff/purchase-orders',
        permission: 'purchasing.manage',
        path: '/api/staff/purchase-orders',
        body: {
          pizzeriaId: a.shopId,
          supplierId: supplier,
          lines: [{ ingredientId: a.ingredients.mozza, packs: 1 }],
        },
        target: 'shop',
      },
      { route: 'GET /staff/purchase-orders/:id', permission: 'purchasing.view', path: po, target: 'order' },
      {
        route: 'GET /staff/purchase-orders/:id/document',
        permission: 'purchasing.view',
        path: `${po}/document?format=csv`,
        target: 'order',
      },
      {
        route: 'PATCH /staff/purchase-orders/:id',
        permission: 'purchasing.manage',
        path: po,
        body: { lines: [{ ingredientId: a.ingredients.mozza, packs: 3 }] },
        target: 'order',
      },
      {
        // The first granted caller sends it (200), the next ones get 409 not_draft: never 401/403.
        route: 'POST /staff/purchase-orders/:id/send',
        permission: 'purchasing.manage',
        path: `${po}/send`,
        target: 'order',
      },
      {
        route: 'POST /staff/purchase-orders/:id/receptions',
        permission: 'purchasing.manage',
        path: `${po}/receptions`,
        body: { lines: [{ purchaseOrderLineId: poLine, receivedQuantity: 10 }] },
        target: 'order',
      },
      {
        route: 'POST /staff/purchase-orders/:id/cancel',
        permission: 'purchasing.manage',
        path: `${po}/cancel`,
        target: 'order',
      },
      { route: 'POST /staff/logout', permission: null, path: '/api/staff/logout', target: 'none' },
    ];
    // route() checks the permission it declares: the matrix's permission must be the declared one.
    const documented = documentedRoutes()
      .filter((r) => r.auth === 'employee' || (typeof r.auth === 'object' && 'staff' in r.auth))
      .map((r) => {
        const permission = typeof r.auth === 'object' && 'staff' in r.auth ? r.auth.staff : null;
        return `${r.method.toUpperCase()} ${r.path} ${permission}`;
      });
    expect(
      calls.map((c) => `${c.route} ${c.permission}`).sort(),
      'every documented staff endpoint is in the matrix, with the permission route() checks',
    ).to.deep.equal(documented.sort());
    const granted = (role: Role, c: StaffCall) => SPEC[c.route].includes(role);
    for (const c of calls) {
      for (const role of ROLES) {
        const inTable = c.permission === null || can(role, c.permission);
        const answer = { status: 0, text: `table says ${inTable ? 'yes' : 'no'}` };
        check(role, `${c.route}: permission table as specified`, answer, inTable === granted(role, c));
      }
    }
    const send = (c: StaffCall, token?: string) =>
      call(app.url, c.route.split(' ')[0], c.path, { token, body: c.body, key: c.key });
    for (const role of ROLES) {
      for (const c of calls) {
        const res = await send(c, staffA[role]);
        const ok = granted(role, c)
          ? res.status !== 401 && res.status !== 403
          : res.status === 403 && res.code === 'forbidden';
        check(`${role} of shop A`, c.route, res, ok);
      }
    }
    for (const role of shopRoles) {
      // Their own shop, unnamed: only their shop's rows.
      for (const c of calls.filter((x) => x.target === 'shop' && x.route.startsWith('GET'))) {
        const res = await call(app.url, 'GET', c.path.replace(/[?&]pizzeriaId=\d+/, '').replace(/\?$/, ''), {
          token: staffB[role],
        });
        check(`${role} of shop B`, `${c.route} (own shop)`, res, !showsA(res) && !showsB(res));
      }
      for (const c of calls) {
        const res = await send(c, staffB[role]);
        const expected = !granted(role, c)
          ? 403
          : c.target === 'order'
            ? 404
            : c.target === 'shop'
              ? 403
              : null;
        const ok = (expected === null ? res.status < 400 : res.status === expected) && !showsA(res);
        check(`${role} of shop B`, c.route, res, ok);
      }
    }
    for (const [who, token] of [
      ['customer A', custA.token],
      ['anonymous', undefined],
    ] as const) {
      for (const c of calls) {
        const res = await send(c, token);
        check(who, c.route, res, res.status === 401);
      }
    }

    const leaks = checks.filter((c) => !c.ok);
    console.log(
      `      R6: ${checks.length} checks (${ROLES.length} roles + ${shopRoles.length} roles of another shop × ` +
        `${calls.length} staff endpoints, customers A/B on each other's orders, addresses and tracking, ` +
        `wrong callers), ${leaks.length} leaks; ${results.passed} of ${imported.length} imported matrix and ` +
        `isolation tests passed (${selection.length} files), ${results.failed} failed`,
    );
    expect(leaks.map((l) => `${l.who} ${l.what} → ${l.got}`)).to.deep.equal([]);
    expect(results.failed, 'imported matrix and isolation tests failed').to.equal(0);
  });
});

// Last inside R6, so that its figure can count the imported tests.
root.suites = root.suites.filter((s) => s !== compact);
compact.parent = r6;
r6.suites.push(compact);
