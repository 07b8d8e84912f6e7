// The back office's custom actions drive the module services: each writes its ledger movement or status event,
// refuses bad input with a 4xx and a French message, and writes nothing when refused.
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { createShopWorld, customerWithToken, newKey, stockOf, type ShopWorld } from '../../factories/shop.js';
import { insertOrder } from '../../factories/orders.js';
import { createCustomer, createEmployee } from '../../factories/people.js';
import { movementCount, movementsOf } from '../../factories/stock.js';
import { isRefused, loggedIn } from './support.js';

describe('back office: stock and order actions through the services', () => {
  let app: TestApp;
  let w: ShopWorld;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app.close());
  beforeEach(async () => {
    w = await createShopWorld(app.db);
  });

  const stockPath = (id: number, action: string) => `/api/resources/stock_items/records/${id}/${action}`;
  const orderPath = (id: string, action: string) => `/api/resources/orders/records/${id}/${action}`;
  const expectLedgerTrue = async () =>
    expect(await app.services.stock.ledgerDiscrepancies()).to.deep.equal([]);

  async function placed(fulfilment: 'delivery' | 'takeaway' = 'takeaway', quantity = 2) {
    const customer = await customerWithToken(app.db);
    const res = await client(app.url).post('/api/orders', {
      token: customer.token,
      headers: { 'Idempotency-Key': newKey() },
      body: {
        pizzeriaId: w.shopId,
        fulfilment,
        ...(fulfilment === 'delivery'
          ? { address: { line1: '3 rue Oberkampf', postcode: '75011', city: 'Paris' } }
          : {}),
        items: [{ productId: w.margherita.productId, sizeId: w.margherita.sizeM, quantity }],
        paymentMethod: 'cash',
      },
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body.order as { id: string; number: string; totalCents: number };
  }

  async function orderState(id: string) {
    const [order] = await app.db.query<any>(
      `SELECT status, payment_status AS "paymentStatus", prepared_by_employee_id AS "preparedBy" FROM orders WHERE id = $1`,
      { type: QueryTypes.SELECT, bind: [id] },
    );
    const events = await app.db.query<any>(
      `SELECT from_status AS "from", to_status AS "to", actor_type AS "actorType", actor_employee_id AS "employeeId", note
         FROM order_status_events WHERE order_id = $1 ORDER BY id`,
      { type: QueryTypes.SELECT, bind: [id] },
    );
    return { ...order, events };
  }

  describe('stock', () => {
    it('when a manager records a receipt, then on hand grows and the ledger gets the receipt by them', async () => {
      const manager = await loggedIn(app, app.db, 'manager', w.shopId);
      const before = await stockOf(app.db, w.stockIds.mozza);
      const res = await manager.post(stockPath(w.stockIds.mozza, 'receipt'), {
        quantity: '2500',
        note: 'BL 4711',
      });
      expect(res.status).to.equal(200);
      expect(res.body.notice).to.deep.include({ type: 'success' });
      expect(res.body.notice.message).to.match(/^Réception enregistrée : Mozzarella/);
      expect(Number(res.body.record.params.onHand)).to.equal(before.onHand + 2500);
      expect(await stockOf(app.db, w.stockIds.mozza)).to.deep.equal({
        ...before,
        onHand: before.onHand + 2500,
      });
      expect((await movementsOf(app.db, w.shopId, w.ingredients.mozza)).at(-1)).to.deep.equal({
        kind: 'receipt',
        quantity: 2500,
        employeeId: manager.employee.id,
        note: 'BL 4711',
      });
      await expectLedgerTrue();
    });

    it('when the quantity is not a positive integer, then 422 with a French message and nothing is written', async () => {
      const manager = await loggedIn(app, app.db, 'manager', w.shopId);
      const moves = await movementCount(app.db);
      for (const quantity of ['abc', '-5', '0', '2.5', '', '99999999999']) {
        const res = await manager.post(stockPath(w.stockIds.mozza, 'receipt'), { quantity });
        expect(res.status, quantity).to.equal(422);
        expect(res.body.error.code).to.be.oneOf(['validation_failed', 'field_required']);
        expect(res.body.error.message).to.match(/Quantité/);
      }
      expect(await movementCount(app.db)).to.equal(moves);
    });

    it('when waste has no reason or exceeds what is free, then it is refused; with both right, on hand shrinks', async () => {
      const pizzaiolo = await loggedIn(app, app.db, 'pizzaiolo', w.shopId);
      const moves = await movementCount(app.db);
      const noReason = await pizzaiolo.post(stockPath(w.stockIds.cola, 'waste'), { quantity: '3' });
      expect(noReason.status).to.equal(422);
      expect(noReason.body.error.message).to.match(/Motif de la perte/);
      const tooMuch = await pizzaiolo.post(stockPath(w.stockIds.cola, 'waste'), {
        quantity: '501',
        note: 'Casse',
      });
      expect(tooMuch.status).to.equal(409);
      expect(tooMuch.body.error).to.include({ code: 'insufficient_stock' });
      expect(tooMuch.body.error.message).to.match(/^Perte refusée pour « Cola 33 cl »/);
      expect(await movementCount(app.db)).to.equal(moves);

      const ok = await pizzaiolo.post(stockPath(w.stockIds.cola, 'waste'), {
        quantity: '3',
        note: 'Canettes percées',
      });
      expect(ok.status).to.equal(200);
      expect((await stockOf(app.db, w.stockIds.cola)).onHand).to.equal(497);
      expect((await movementsOf(app.db, w.shopId, w.ingredients.cola)).at(-1)).to.deep.equal({
        kind: 'waste',
        quantity: -3,
        employeeId: pizzaiolo.employee.id,
        note: 'Canettes percées',
      });
      await expectLedgerTrue();
    });

    it('when a manager enters a count, then the difference becomes one adjustment', async () => {
      const manager = await loggedIn(app, app.db, 'manager', w.shopId);
      const res = await manager.post(stockPath(w.stockIds.cola, 'count'), {
        countedQuantity: '480',
        note: 'Inventaire du lundi',
      });
      expect(res.status).to.equal(200);
      expect((await stockOf(app.db, w.stockIds.cola)).onHand).to.equal(480);
      expect((await movementsOf(app.db, w.shopId, w.ingredients.cola)).at(-1)).to.deep.equal({
        kind: 'adjustment',
        quantity: -20,
        employeeId: manager.employee.id,
        note: 'Inventaire du lundi',
      });
      await expectLedgerTrue();
    });

    it('when a pizzaiolo tries a receipt, or a manager acts on another shop, then it is refused and nothing is written', async () => {
      const other = await createShopWorld(app.db, { prefix: 'B ' });
      const pizzaiolo = await loggedIn(app, app.db, 'pizzaiolo', w.shopId);
      const managerB = await loggedIn(app, app.db, 'manager', other.shopId);
      const accountant = await loggedIn(app, app.db, 'accountant', null);
      const moves = await movementCount(app.db);
      expect(
        isRefused(await pizzaiolo.post(stockPath(w.stockIds.mozza, 'receipt'), { quantity: '10' })),
      ).to.equal(true);
      expect(
        isRefused(await pizzaiolo.post(stockPath(w.stockIds.mozza, 'count'), { countedQuantity: '10' })),
      ).to.equal(true);
      for (const action of ['receipt', 'waste', 'count']) {
        const form = { quantity: '10', countedQuantity: '10', note: 'x' };
        expect(isRefused(await managerB.post(stockPath(w.stockIds.mozza, action), form)), action).to.equal(
          true,
        );
        expect(isRefused(await accountant.post(stockPath(w.stockIds.mozza, action), form)), action).to.equal(
          true,
        );
      }
      expect(await movementCount(app.db)).to.equal(moves);
    });
  });

  describe('orders', () => {
    it('when a manager takes a takeaway order through its steps, then stock is consumed and each step is in the history', async () => {
      const manager = await loggedIn(app, app.db, 'manager', w.shopId);
      const order = await placed('takeaway', 2);
      const before = await stockOf(app.db, w.stockIds.mozza);
      const start = await manager.post(orderPath(order.id, 'advance'), { step: 'start' });
      expect(start.status, JSON.stringify(start.body)).to.equal(200);
      expect(start.body.record.params.status).to.equal('preparing');
      expect(await stockOf(app.db, w.stockIds.mozza)).to.deep.equal({
        onHand: before.onHand - 240,
        reserved: before.reserved - 240,
      });
      expect((await manager.post(orderPath(order.id, 'advance'), { step: 'ready' })).status).to.equal(200);
      const short = await manager.post(orderPath(order.id, 'advance'), {
        step: 'collect',
        paymentMethod: 'cash',
        amountReceived: '10,00',
      });
      expect(short.status).to.equal(422);
      expect(short.body.error.code).to.equal('insufficient_payment');
      const collect = await manager.post(orderPath(order.id, 'advance'), {
        step: 'collect',
        paymentMethod: 'cash',
        amountReceived: '30',
      });
      expect(collect.status, JSON.stringify(collect.body)).to.equal(200);
      const state = await orderState(order.id);
      expect(state).to.include({
        status: 'collected',
        paymentStatus: 'paid',
        preparedBy: manager.employee.id,
      });
      expect(state.events.slice(1).map((e: any) => [e.from, e.to, e.actorType, e.employeeId])).to.deep.equal([
        ['received', 'preparing', 'employee', manager.employee.id],
        ['preparing', 'ready', 'employee', manager.employee.id],
        ['ready', 'collected', 'employee', manager.employee.id],
      ]);
      const [payment] = await app.db.query<any>(
        `SELECT provider, amount_cents AS "amount", change_cents AS "change" FROM payments WHERE order_id = $1`,
        { type: QueryTypes.SELECT, bind: [order.id] },
      );
      expect(payment).to.deep.equal({
        provider: 'cash',
        amount: order.totalCents,
        change: 3000 - order.totalCents,
      });
      await expectLedgerTrue();
    });

    it('when a step does not follow from the status, or the role lacks its right, then it is refused and nothing changes', async () => {
      const pizzaiolo = await loggedIn(app, app.db, 'pizzaiolo', w.shopId);
      const order = await placed('takeaway');
      const early = await pizzaiolo.post(orderPath(order.id, 'advance'), { step: 'ready' });
      expect(early.status).to.equal(409);
      expect(early.body.error).to.deep.include({ code: 'invalid_transition' });
      expect(early.body.error.message).to.match(
        /^Impossible de passer une commande reçue à l’état « prête »/,
      );
      const collect = await pizzaiolo.post(orderPath(order.id, 'advance'), {
        step: 'collect',
        paymentMethod: 'cash',
        amountReceived: '50',
      });
      expect(isRefused(collect), JSON.stringify(collect.body)).to.equal(true);
      const unknown = await pizzaiolo.post(orderPath(order.id, 'advance'), { step: 'teleport' });
      expect(unknown.status).to.equal(422);
      expect((await orderState(order.id)).status).to.equal('received');
    });

    it('when a manager cancels a received order with a reason, then its stock is released and the history says why', async () => {
      const manager = await loggedIn(app, app.db, 'manager', w.shopId);
      const before = await stockOf(app.db, w.stockIds.mozza);
      const order = await placed('takeaway', 1);
      const noReason = await manager.post(orderPath(order.id, 'cancel'), {});
      expect(noReason.status).to.equal(422);
      const res = await manager.post(orderPath(order.id, 'cancel'), {
        reason: 'Client au téléphone : erreur de commande',
      });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body.notice.message).to.equal(`Commande ${order.number} annulée.`);
      expect(await stockOf(app.db, w.stockIds.mozza)).to.deep.equal(before);
      const state = await orderState(order.id);
      expect(state.status).to.equal('cancelled');
      expect(state.events.at(-1)).to.deep.equal({
        from: 'received',
        to: 'cancelled',
        actorType: 'employee',
        employeeId: manager.employee.id,
        note: 'Client au téléphone : erreur de commande',
      });
      const kinds = await app.db.query<any>(
        `SELECT kind, quantity FROM stock_movements WHERE order_id = $1 ORDER BY id`,
        {
          type: QueryTypes.SELECT,
          bind: [order.id],
        },
      );
      expect(kinds.map((k: any) => k.kind)).to.deep.equal([
        'reservation',
        'reservation',
        'reservation',
        'release',
        'release',
        'release',
      ]);
      await expectLedgerTrue();
    });

    it('when preparation has started, then cancellation is refused with the French reason', async () => {
      const manager = await loggedIn(app, app.db, 'manager', w.shopId);
      const order = await placed('takeaway', 1);
      await manager.post(orderPath(order.id, 'advance'), { step: 'start' });
      const res = await manager.post(orderPath(order.id, 'cancel'), { reason: 'Trop tard' });
      expect(res.status).to.equal(409);
      expect(res.body.error).to.deep.include({ code: 'order_locked' });
      expect(res.body.error.message).to.match(/ne peut plus être annulée/);
      expect((await orderState(order.id)).status).to.equal('preparing');
    });

    it('when a manager refunds part of a paid order, then a refund is recorded; more than paid is refused', async () => {
      const manager = await loggedIn(app, app.db, 'manager', w.shopId);
      const accountant = await loggedIn(app, app.db, 'accountant', null);
      const order = await placed('takeaway', 1);
      for (const step of ['start', 'ready']) await manager.post(orderPath(order.id, 'advance'), { step });
      await manager.post(orderPath(order.id, 'advance'), {
        step: 'collect',
        paymentMethod: 'card_terminal',
        amountReceived: (order.totalCents / 100).toFixed(2).replace('.', ','),
      });
      expect((await orderState(order.id)).paymentStatus).to.equal('paid');

      expect(
        isRefused(await accountant.post(orderPath(order.id, 'refund'), { amount: '5', reason: 'x' })),
      ).to.equal(true);
      const over = await manager.post(orderPath(order.id, 'refund'), {
        amount: '999',
        reason: 'Pizza froide',
      });
      expect(over.status).to.equal(422);
      expect(over.body.error.code).to.equal('refund_exceeds_paid');
      const bad = await manager.post(orderPath(order.id, 'refund'), {
        amount: '5,555',
        reason: 'Pizza froide',
      });
      expect(bad.status).to.equal(422);
      const res = await manager.post(orderPath(order.id, 'refund'), {
        amount: '5,50',
        reason: 'Pizza froide',
      });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body.notice.message).to.match(/5,50\s€/);
      const refunds = await app.db.query<any>(
        `SELECT amount_cents AS "amount", reason, employee_id AS "employeeId", status FROM refunds WHERE order_id = $1`,
        { type: QueryTypes.SELECT, bind: [order.id] },
      );
      expect(refunds).to.deep.equal([
        { amount: 550, reason: 'Pizza froide', employeeId: manager.employee.id, status: 'succeeded' },
      ]);
      expect((await orderState(order.id)).paymentStatus).to.equal('partially_refunded');
    });

    it('when a manager corrects how a collected order was paid, then the payment, the correction and the journal say so; the accountant may not', async () => {
      const manager = await loggedIn(app, app.db, 'manager', w.shopId);
      const accountant = await loggedIn(app, app.db, 'accountant', null);
      const order = await placed('takeaway', 1);
      for (const step of ['start', 'ready']) await manager.post(orderPath(order.id, 'advance'), { step });
      await manager.post(orderPath(order.id, 'advance'), {
        step: 'collect',
        paymentMethod: 'cash',
        amountReceived: (order.totalCents / 100).toFixed(2).replace('.', ','),
      });
      const form = { method: 'card_terminal', reason: 'Payé au terminal' };
      expect(isRefused(await accountant.post(orderPath(order.id, 'correctPayment'), form))).to.equal(true);
      const unknown = await manager.post(orderPath(order.id, 'correctPayment'), {
        ...form,
        method: 'stripe',
      });
      expect(unknown.status).to.equal(422);
      const res = await manager.post(orderPath(order.id, 'correctPayment'), form);
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body.notice.message).to.match(/moyen de paiement corrigé \(Carte bancaire \(TPE\)\)/);
      const rows = await app.db.query<any>(
        `SELECT c.from_provider AS "from", c.to_provider AS "to", c.amount_cents AS amount, c.reason,
                c.employee_id AS "employeeId", p.provider
           FROM payment_corrections c JOIN payments p ON p.id = c.payment_id WHERE c.order_id = $1`,
        { type: QueryTypes.SELECT, bind: [order.id] },
      );
      expect(rows).to.deep.equal([
        {
          from: 'cash',
          to: 'card_terminal',
          amount: order.totalCents,
          reason: 'Payé au terminal',
          employeeId: manager.employee.id,
          provider: 'card_terminal',
        },
      ]);
      const journal = await app.db.query<any>(
        `SELECT kind, method, amount_cents::int AS amount FROM sales_journal WHERE order_id = $1 ORDER BY seq`,
        { type: QueryTypes.SELECT, bind: [order.id] },
      );
      expect(journal).to.deep.equal([
        { kind: 'sale', method: 'cash', amount: order.totalCents },
        { kind: 'correction', method: 'cash', amount: -order.totalCents },
        { kind: 'correction', method: 'card_terminal', amount: order.totalCents },
      ]);
      const again = await manager.post(orderPath(order.id, 'correctPayment'), form);
      expect(again.status).to.equal(422);
      expect(again.body.error.code).to.equal('same_payment_method');
    });

    it("when a manager acts on another shop's order, then it is refused and the order is untouched", async () => {
      const other = await createShopWorld(app.db, { prefix: 'B ' });
      const managerB = await loggedIn(app, app.db, 'manager', other.shopId);
      const order = await placed('takeaway', 1);
      for (const [action, form] of [
        ['advance', { step: 'start' }],
        ['cancel', { reason: 'x' }],
        ['refund', { amount: '1', reason: 'x' }],
        ['correctPayment', { method: 'card_terminal', reason: 'x' }],
      ] as const) {
        expect(isRefused(await managerB.post(orderPath(order.id, action), form)), action).to.equal(true);
      }
      expect(await orderState(order.id)).to.include({ status: 'received' });
    });
  });
});

describe('back office: who may open each custom action (from the permission table)', () => {
  type Role = 'admin' | 'manager' | 'pizzaiolo' | 'accountant';
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app.close());

  // Written out from src/shared/permissions.ts: the specification the code must meet.
  const MATRIX: {
    path: (w: ShopWorld, order: string, ids: { employee: number; customer: number }) => string;
    who: Role[];
  }[] = [
    {
      path: (w) => `/api/resources/stock_items/records/${w.stockIds.mozza}/receipt`,
      who: ['admin', 'manager'],
    },
    {
      path: (w) => `/api/resources/stock_items/records/${w.stockIds.mozza}/waste`,
      who: ['admin', 'manager', 'pizzaiolo'],
    },
    {
      path: (w) => `/api/resources/stock_items/records/${w.stockIds.mozza}/count`,
      who: ['admin', 'manager'],
    },
    { path: (_w, o) => `/api/resources/orders/records/${o}/advance`, who: ['admin', 'manager', 'pizzaiolo'] },
    { path: (_w, o) => `/api/resources/orders/records/${o}/cancel`, who: ['admin', 'manager'] },
    { path: (_w, o) => `/api/resources/orders/records/${o}/refund`, who: ['admin', 'manager'] },
    { path: (_w, o) => `/api/resources/orders/records/${o}/correctPayment`, who: ['admin', 'manager'] },
    { path: () => `/api/resources/orders/actions/exports`, who: ['admin', 'accountant'] },
    { path: () => `/api/resources/products/actions/memo`, who: ['admin', 'manager', 'pizzaiolo'] },
    { path: () => `/api/resources/employees/actions/csvExport`, who: ['admin', 'manager'] },
    { path: () => `/api/resources/stock_items/actions/csvExport`, who: ['admin', 'manager', 'pizzaiolo'] },
    { path: () => `/api/resources/stock_items/actions/forecast`, who: ['admin', 'manager', 'pizzaiolo'] },
    { path: () => `/api/resources/stock_items/actions/purchaseSuggestions`, who: ['admin', 'manager'] },
    { path: () => `/api/resources/stock_items/actions/purchaseReception`, who: ['admin', 'manager'] },
    // A pizzaiolo of the shop: the team below a manager.
    {
      path: (_w, _o, ids) => `/api/resources/employees/records/${ids.employee}/departure`,
      who: ['admin', 'manager'],
    },
    {
      path: (_w, _o, ids) => `/api/resources/employees/records/${ids.employee}/reactivate`,
      who: ['admin', 'manager'],
    },
    // A customer who ordered from the shop (a manager reads them): erasing is the group admin's only.
    { path: (_w, _o, ids) => `/api/resources/customers/records/${ids.customer}/erase`, who: ['admin'] },
  ];

  for (const role of ['admin', 'manager', 'pizzaiolo', 'accountant'] as const) {
    it(`when ${role === 'admin' || role === 'accountant' ? 'an' : 'a'} ${role} opens each custom action, then exactly the granted ones answer`, async () => {
      const w = await createShopWorld(app.db);
      const [order] = await app.db.query<{ id: string }>(
        `INSERT INTO orders (pizzeria_id, number, channel, fulfilment, status, customer_name, subtotal_cents,
           delivery_fee_cents, total_cents, vat_breakdown, payment_method, payment_status)
         VALUES ($1, 'T-1', 'counter', 'takeaway', 'received', 'Client', 1290, 0, 1290, '[]', 'cash', 'unpaid')
         RETURNING id`,
        { type: QueryTypes.SELECT, bind: [w.shopId] },
      );
      const client = await loggedIn(
        app,
        app.db,
        role,
        role === 'admin' || role === 'accountant' ? null : w.shopId,
      );
      const customer = (await createCustomer(app.db)).id;
      await insertOrder(app.db, { pizzeriaId: w.shopId, customerId: customer, status: 'delivered' });
      const ids = {
        employee: (await createEmployee(app.db, { role: 'pizzaiolo', pizzeriaId: w.shopId })).id,
        customer,
      };
      const got: string[] = [];
      for (const entry of MATRIX) {
        const path = entry.path(w, order.id, ids);
        const res = await client.get(path);
        if (!isRefused(res)) got.push(path.split('/').slice(-1)[0] + ' ' + path.split('/')[3]);
      }
      const expected = MATRIX.filter((m) => m.who.includes(role)).map((m) => {
        const path = m.path(w, order.id, ids);
        return path.split('/').slice(-1)[0] + ' ' + path.split('/')[3];
      });
      expect(got).to.deep.equal(expected);
    });
  }
});
