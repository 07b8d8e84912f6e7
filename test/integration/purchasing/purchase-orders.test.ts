import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import type { OutboxMessage } from '../../../src/modules/notifications/index.js';
import { createIngredient, createPizzeria } from '../../factories/catalog.js';
import { createSupplier, supplierItem } from '../../factories/purchasing.js';
import {
  createShopWorld,
  customerWithToken,
  placeThroughApi,
  takeawayMargherita,
} from '../../factories/shop.js';
import { movementCount, staffSession, stockRow } from '../../factories/stock.js';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';

describe('purchasing: purchase orders from draft to reception', () => {
  let app: TestApp;
  let api: ReturnType<typeof client>;
  before(async () => {
    app = await startTestApp();
    api = client(app.url);
  });
  after(() => app.close());

  const rows = <T extends object>(sql: string, bind: unknown[] = []) =>
    app.db.query<T>(sql, { type: QueryTypes.SELECT, bind });

  /** A shop with a manager, a group supplier selling mozzarella (2 500 g packs at 12,50 €) and tomato sauce
   * (5 000 ml at 8,00 €); the shop stocks 1 000 g of mozzarella, never stocked the sauce. */
  async function purchasingShop(prefix = '') {
    const shop = await createPizzeria(app.db);
    const mozza = await createIngredient(app.db, `${prefix}Mozzarella`, 'g');
    const sauce = await createIngredient(app.db, `${prefix}Sauce tomate`, 'ml');
    const manager = await staffSession(api, app.db, 'manager', shop);
    const supplier = await createSupplier(app.db, {
      name: 'Laiterie Martin',
      email: 'commandes@laiterie.example.fr',
    });
    await supplierItem(app.db, supplier, mozza, { reference: 'MOZ-25', packLabel: 'Bloc 2,5 kg' });
    await supplierItem(app.db, supplier, sauce, {
      reference: 'TOM-5',
      packLabel: 'Bidon 5 l',
      packQuantity: 5000,
      packPriceCents: 800,
    });
    await app.services.stock.receive({
      pizzeriaId: shop,
      ingredientId: mozza,
      quantity: 1000,
      employeeId: manager.id,
    });
    return { shop, mozza, sauce, manager, supplier };
  }

  async function draft(token: string, supplierId: number, lines: object[], extra: object = {}) {
    const res = await api.post('/api/staff/purchase-orders', {
      token,
      body: { supplierId, lines, ...extra },
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body;
  }

  async function sentOrder(prefix = '') {
    const w = await purchasingShop(prefix);
    const po = await draft(w.manager.token, w.supplier, [
      { ingredientId: w.mozza, packs: 4, suggestedPacks: 3 },
      { ingredientId: w.sauce, packs: 2 },
    ]);
    const sent = await api.post(`/api/staff/purchase-orders/${po.id}/send`, { token: w.manager.token });
    expect(sent.status, JSON.stringify(sent.body)).to.equal(200);
    const line = (ingredientId: number) =>
      po.lines.find((l: { ingredientId: number }) => l.ingredientId === ingredientId).id;
    return { ...w, po, mozzaLine: line(w.mozza), sauceLine: line(w.sauce) };
  }

  const receive = (token: string, id: number, body: object) =>
    api.post(`/api/staff/purchase-orders/${id}/receptions`, { token, body });

  const receiptsOf = (purchaseOrderId: number) =>
    rows<{ ingredientId: number; kind: string; quantity: number; employeeId: number }>(
      `SELECT s.ingredient_id AS "ingredientId", m.kind, m.quantity, m.employee_id AS "employeeId"
         FROM stock_movements m JOIN stock_items s ON s.id = m.stock_item_id
        WHERE m.purchase_order_id = $1 ORDER BY m.id`,
      [purchaseOrderId],
    );

  it('when a manager drafts an order, then it is numbered BC-<shop>-0001, copies the supplier’s pack terms and totals the lines HT', async () => {
    const w = await purchasingShop();
    const [{ code }] = await rows<{ code: string }>(`SELECT code FROM pizzerias WHERE id = $1`, [w.shop]);
    const po = await draft(w.manager.token, w.supplier, [
      { ingredientId: w.mozza, packs: 4, suggestedPacks: 3 },
      { ingredientId: w.sauce, packs: 2 },
    ]);
    expect(po).to.include({ number: `BC-${code}-0001`, status: 'draft', totalCents: 4 * 1250 + 2 * 800 });
    expect(po.pizzeria.id).to.equal(w.shop);
    expect(po.expectedOn).to.match(/^\d{4}-\d{2}-\d{2}$/);
    const mozzaLine = po.lines.find((l: { ingredientId: number }) => l.ingredientId === w.mozza);
    expect(mozzaLine).to.include({
      reference: 'MOZ-25',
      packLabel: 'Bloc 2,5 kg',
      packQuantity: 2500,
      packPriceCents: 1250,
      packs: 4,
      suggestedPacks: 3,
      lineTotalCents: 5000,
      orderedQuantity: 10_000,
      shortQuantity: 10_000,
    });
    // The order keeps its own terms: a later price change of the supplier does not touch it.
    await app.db.query(`UPDATE supplier_items SET pack_price_cents = 9999`);
    const again = await api.get(`/api/staff/purchase-orders/${po.id}`, { token: w.manager.token });
    expect(again.body.totalCents).to.equal(6600);
    const second = await draft(w.manager.token, w.supplier, [{ ingredientId: w.mozza, packs: 1 }]);
    expect(second.number).to.equal(`BC-${code}-0002`);
  });

  it('when a draft is edited, then packs change, lines are added and removed and the total follows; once sent it is 409 not_draft', async () => {
    const w = await purchasingShop();
    const po = await draft(w.manager.token, w.supplier, [{ ingredientId: w.mozza, packs: 4 }]);
    const res = await api.patch(`/api/staff/purchase-orders/${po.id}`, {
      token: w.manager.token,
      body: { lines: [{ ingredientId: w.sauce, packs: 3 }], note: 'Livrer avant 10 h' },
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(
      res.body.lines.map((l: { ingredientId: number; packs: number }) => [l.ingredientId, l.packs]),
    ).to.deep.equal([[w.sauce, 3]]);
    expect(res.body).to.include({ totalCents: 2400, note: 'Livrer avant 10 h' });
    const both = await api.patch(`/api/staff/purchase-orders/${po.id}`, {
      token: w.manager.token,
      body: {
        lines: [
          { ingredientId: w.sauce, packs: 1 },
          { ingredientId: w.mozza, packs: 2 },
        ],
      },
    });
    expect(both.body.totalCents).to.equal(800 + 2500);
    await api.post(`/api/staff/purchase-orders/${po.id}/send`, { token: w.manager.token });
    const late = await api.patch(`/api/staff/purchase-orders/${po.id}`, {
      token: w.manager.token,
      body: { lines: [{ ingredientId: w.mozza, packs: 9 }] },
    });
    expect(late.status).to.equal(409);
    expect(late.body.error.code).to.equal('not_draft');
  });

  it('when an order is sent, then it is sent by the manager and an e-mail in French to the supplier waits in the outbox with the lines, the PDF and the CSV', async () => {
    const w = await sentOrder();
    const view = await api.get(`/api/staff/purchase-orders/${w.po.id}`, { token: w.manager.token });
    expect(view.body).to.include({ status: 'sent', sentByEmployeeId: w.manager.id });
    expect(view.body.sentAt).to.be.a('string');
    const outbox = await rows<OutboxMessage & { status: string }>(
      `SELECT id, key, kind, recipient, recipient_name AS "recipientName", payload, pizzeria_id AS "pizzeriaId", status
         FROM outbox WHERE kind = 'purchasing.order_sent'`,
    );
    expect(outbox).to.have.length(1);
    expect(outbox[0]).to.include({
      recipient: 'commandes@laiterie.example.fr',
      recipientName: 'Mme Martin',
      pizzeriaId: w.shop,
    });
    const mail = await app.services.notifications.renderMessage(outbox[0]);
    expect(mail.subject).to.equal(`Bon de commande ${w.po.number} — OC Pizza ${w.po.pizzeria.name}`);
    expect(mail.text).to.include('Bonjour Mme Martin,');
    expect(mail.text).to.include('Mozzarella — Bloc 2,5 kg (2 500 g) : 50,00 € HT');
    expect(mail.text).to.include('Réf. TOM-5 · 2 colis × 8,00 € HT');
    expect(mail.text).to.include('= Total HT : 66,00 € HT');
    expect(mail.html).to.include('Bon de commande');
    const files = (mail.attachments ?? []).map((a) => [a.filename, a.contentType]);
    expect(files).to.deep.equal([
      [`${w.po.number}.pdf`, 'application/pdf'],
      [`${w.po.number}.csv`, 'text/csv; charset=utf-8'],
    ]);
    expect(mail.attachments![0].content.subarray(0, 5).toString()).to.equal('%PDF-');
    // Sent twice? The second is refused and writes no second e-mail.
    const again = await api.post(`/api/staff/purchase-orders/${w.po.id}/send`, { token: w.manager.token });
    expect(again.status).to.equal(409);
    expect((await rows(`SELECT 1 FROM outbox WHERE kind = 'purchasing.order_sent'`)).length).to.equal(1);
  });

  it('when an order is received in part then in full, then stock and ledger agree, receipts carry the order, and the differences are reported', async () => {
    const w = await sentOrder();
    const first = await receive(w.manager.token, w.po.id, {
      lines: [
        {
          purchaseOrderLineId: w.mozzaLine,
          receivedQuantity: 5000,
          refusedQuantity: 2500,
          refusedReason: 'Bloc abîmé',
        },
      ],
      note: 'BL 4711',
    });
    expect(first.status, JSON.stringify(first.body)).to.equal(201);
    expect(first.body.purchaseOrder.status).to.equal('partially_received');
    expect(await stockRow(app.db, w.shop, w.mozza)).to.include({ onHand: 6000 });
    const second = await receive(w.manager.token, w.po.id, {
      lines: [
        { purchaseOrderLineId: w.mozzaLine, receivedQuantity: 2000 },
        { purchaseOrderLineId: w.sauceLine, receivedQuantity: 10_500 },
      ],
    });
    expect(second.status, JSON.stringify(second.body)).to.equal(201);
    const po = second.body.purchaseOrder;
    // Mozzarella: 10 000 ordered, 7 000 received, 2 500 refused, 500 short; sauce: 10 000 ordered, 500 over.
    expect(po.status).to.equal('partially_received');
    const diff = (ingredientId: number) => {
      const l = po.lines.find((x: { ingredientId: number }) => x.ingredientId === ingredientId);
      return [
        l.orderedQuantity,
        l.receivedQuantity,
        l.refusedQuantity,
        l.refusedReasons,
        l.shortQuantity,
        l.overQuantity,
      ];
    };
    expect(diff(w.mozza)).to.deep.equal([10_000, 7000, 2500, ['Bloc abîmé'], 500, 0]);
    expect(diff(w.sauce)).to.deep.equal([10_000, 10_500, 0, [], 0, 500]);
    expect(po.receipts).to.have.length(2);
    expect(po.receipts[0]).to.include({ note: 'BL 4711', employeeId: w.manager.id });

    const last = await receive(w.manager.token, w.po.id, {
      lines: [{ purchaseOrderLineId: w.mozzaLine, receivedQuantity: 500 }],
    });
    expect(last.body.purchaseOrder.status).to.equal('received');
    expect(last.body.purchaseOrder.receivedAt).to.be.a('string');
    expect(await stockRow(app.db, w.shop, w.mozza)).to.include({ onHand: 1000 + 7500, reserved: 0 });
    expect(await stockRow(app.db, w.shop, w.sauce)).to.include({ onHand: 10_500, reserved: 0 });
    expect(await receiptsOf(w.po.id)).to.deep.equal([
      { ingredientId: w.mozza, kind: 'receipt', quantity: 5000, employeeId: w.manager.id },
      { ingredientId: w.mozza, kind: 'receipt', quantity: 2000, employeeId: w.manager.id },
      { ingredientId: w.sauce, kind: 'receipt', quantity: 10_500, employeeId: w.manager.id },
      { ingredientId: w.mozza, kind: 'receipt', quantity: 500, employeeId: w.manager.id },
    ]);
    await app.services.stock.assertLedgerInvariant();
    const closed = await receive(w.manager.token, w.po.id, {
      lines: [{ purchaseOrderLineId: w.mozzaLine, receivedQuantity: 1 }],
    });
    expect(closed.status).to.equal(409);
    expect(closed.body.error.code).to.equal('not_receivable');
  });

  it('when the manager says a reception is final, then the order is received with what is missing reported short', async () => {
    const w = await sentOrder();
    const res = await receive(w.manager.token, w.po.id, {
      lines: [{ purchaseOrderLineId: w.sauceLine, receivedQuantity: 5000 }],
      final: true,
    });
    expect(res.status).to.equal(201);
    const po = res.body.purchaseOrder;
    expect(po.status).to.equal('received');
    expect(
      po.lines.map((l: { ingredientId: number; shortQuantity: number }) => [l.ingredientId, l.shortQuantity]),
    ).to.deep.equal([
      [w.mozza, 10_000],
      [w.sauce, 5000],
    ]);
    const cancel = await api.post(`/api/staff/purchase-orders/${w.po.id}/cancel`, { token: w.manager.token });
    expect(cancel.status).to.equal(409);
    expect(cancel.body.error.code).to.equal('not_cancellable');
  });

  it('when a reception is wrong, then it is refused with its code and nothing is written', async () => {
    const w = await sentOrder();
    const other = await sentOrder('Autre ');
    const before = {
      movements: await movementCount(app.db),
      receipts: (await rows(`SELECT 1 FROM purchase_receipts`)).length,
    };
    const cases: [object, number, string][] = [
      // A line of another order: the reception has more lines than this order.
      [
        { lines: [{ purchaseOrderLineId: other.mozzaLine, receivedQuantity: 10 }] },
        422,
        'unknown_order_line',
      ],
      [
        {
          lines: [
            { purchaseOrderLineId: w.mozzaLine, receivedQuantity: 10 },
            { purchaseOrderLineId: w.mozzaLine, receivedQuantity: 10 },
          ],
        },
        422,
        'unknown_order_line',
      ],
      [
        { lines: [{ purchaseOrderLineId: w.mozzaLine, receivedQuantity: 0, refusedQuantity: 5 }] },
        422,
        'refusal_reason_required',
      ],
      [{ lines: [{ purchaseOrderLineId: w.mozzaLine, receivedQuantity: 0 }] }, 422, 'empty_reception'],
      [{ lines: [{ purchaseOrderLineId: w.mozzaLine, receivedQuantity: -5 }] }, 422, 'validation_failed'],
      [{ lines: [{ purchaseOrderLineId: w.mozzaLine, receivedQuantity: 1.5 }] }, 422, 'validation_failed'],
      [{ lines: [] }, 422, 'validation_failed'],
    ];
    for (const [body, status, code] of cases) {
      const res = await receive(w.manager.token, w.po.id, body);
      expect(res.status, JSON.stringify(body)).to.equal(status);
      expect(res.body.error.code, JSON.stringify(body)).to.equal(code);
    }
    // A draft cannot be received.
    const d = await draft(w.manager.token, w.supplier, [{ ingredientId: w.mozza, packs: 1 }]);
    const early = await receive(w.manager.token, d.id, {
      lines: [{ purchaseOrderLineId: d.lines[0].id, receivedQuantity: 10 }],
    });
    expect(early.status).to.equal(409);
    expect(early.body.error.code).to.equal('not_receivable');
    expect(await movementCount(app.db)).to.equal(before.movements);
    expect((await rows(`SELECT 1 FROM purchase_receipts`)).length).to.equal(before.receipts);
  });

  it('when two receptions of one order arrive at once, then both are booked one after the other and the totals add up', async () => {
    const w = await sentOrder();
    const lines = [{ purchaseOrderLineId: w.mozzaLine, receivedQuantity: 5000 }];
    const results = await Promise.all([
      receive(w.manager.token, w.po.id, { lines }),
      receive(w.manager.token, w.po.id, { lines }),
    ]);
    expect(results.map((r) => r.status)).to.deep.equal([201, 201]);
    const po = (await api.get(`/api/staff/purchase-orders/${w.po.id}`, { token: w.manager.token })).body;
    const mozza = po.lines.find((l: { ingredientId: number }) => l.ingredientId === w.mozza);
    expect(mozza).to.include({ receivedQuantity: 10_000, shortQuantity: 0 });
    expect(po.status).to.equal('partially_received');
    expect(await stockRow(app.db, w.shop, w.mozza)).to.include({ onHand: 11_000 });
    await app.services.stock.assertLedgerInvariant();
  });

  it('when the supplier’s minimum is not reached, or the supplier is no longer active, then sending is refused and no e-mail is written', async () => {
    const w = await purchasingShop();
    await app.db.query(`UPDATE suppliers SET minimum_order_cents = 10000 WHERE id = $1`, {
      bind: [w.supplier],
    });
    const po = await draft(w.manager.token, w.supplier, [{ ingredientId: w.mozza, packs: 2 }]);
    const low = await api.post(`/api/staff/purchase-orders/${po.id}/send`, { token: w.manager.token });
    expect([low.status, low.body.error.code]).to.deep.equal([409, 'below_supplier_minimum']);
    await app.db.query(`UPDATE suppliers SET minimum_order_cents = 0, active = false WHERE id = $1`, {
      bind: [w.supplier],
    });
    const inactive = await api.post(`/api/staff/purchase-orders/${po.id}/send`, { token: w.manager.token });
    expect([inactive.status, inactive.body.error.code]).to.deep.equal([409, 'supplier_inactive']);
    expect(await rows(`SELECT 1 FROM outbox`)).to.deep.equal([]);
    const cancelled = await api.post(`/api/staff/purchase-orders/${po.id}/cancel`, {
      token: w.manager.token,
    });
    expect(cancelled.body.status).to.equal('cancelled');
  });

  it('when another shop’s manager or a counter employee reaches an order, then 404 and 403; the admin and the accountant read it', async () => {
    const w = await sentOrder();
    const otherShop = await createPizzeria(app.db);
    const otherManager = await staffSession(api, app.db, 'manager', otherShop);
    const counter = await staffSession(api, app.db, 'counter', w.shop);
    const admin = await staffSession(api, app.db, 'admin');
    const accountant = await staffSession(api, app.db, 'accountant');
    const path = `/api/staff/purchase-orders/${w.po.id}`;
    const body = { lines: [{ purchaseOrderLineId: w.mozzaLine, receivedQuantity: 10 }] };
    for (const [method, suffix, b] of [
      ['get', '', undefined],
      ['get', '/document?format=pdf', undefined],
      ['post', '/receptions', body],
      ['post', '/cancel', undefined],
    ] as const) {
      const res = await (api[method] as typeof api.get)(`${path}${suffix}`, {
        token: otherManager.token,
        body: b,
      });
      expect(res.status, `${method} ${suffix}`).to.equal(404);
      expect(res.body.error.code).to.equal('purchase_order_not_found');
      const refused = await (api[method] as typeof api.get)(`${path}${suffix}`, {
        token: counter.token,
        body: b,
      });
      expect(refused.status, `${method} ${suffix}`).to.equal(403);
    }
    const list = await api.get('/api/staff/purchase-orders', { token: otherManager.token });
    expect(list.body.items).to.deep.equal([]);
    expect((await api.get(path, { token: admin.token })).status).to.equal(200);
    expect((await api.get(path, { token: accountant.token })).status).to.equal(200);
    const write = await receive(accountant.token, w.po.id, body);
    expect(write.status).to.equal(403);
    const all = await api.get(`/api/staff/purchase-orders?pizzeriaId=${w.shop}`, { token: accountant.token });
    expect(all.body.items.map((i: { id: number }) => i.id)).to.deep.equal([w.po.id]);
    expect(await receiptsOf(w.po.id)).to.deep.equal([]);
  });

  it('when a draft names what the supplier does not sell, a supplier of another shop or bad input, then 422 or 404 with a code', async () => {
    const w = await purchasingShop();
    const basil = await createIngredient(app.db, 'Basilic', 'g');
    const otherShop = await createPizzeria(app.db);
    const foreign = await createSupplier(app.db, { pizzeriaId: otherShop });
    await supplierItem(app.db, foreign, w.mozza);
    const post = (body: object) => api.post('/api/staff/purchase-orders', { token: w.manager.token, body });
    const cases: [object, number, string][] = [
      [{ supplierId: w.supplier, lines: [{ ingredientId: basil, packs: 1 }] }, 422, 'ingredient_not_sold'],
      [
        {
          supplierId: w.supplier,
          lines: [
            { ingredientId: w.mozza, packs: 1 },
            { ingredientId: w.mozza, packs: 2 },
          ],
        },
        422,
        'duplicate_ingredient',
      ],
      [{ supplierId: foreign, lines: [{ ingredientId: w.mozza, packs: 1 }] }, 404, 'supplier_not_found'],
      [{ supplierId: w.supplier, lines: [{ ingredientId: w.mozza, packs: 0 }] }, 422, 'validation_failed'],
      [{ supplierId: w.supplier, lines: [] }, 422, 'validation_failed'],
      [
        { supplierId: w.supplier, expectedOn: '2020-01-01', lines: [{ ingredientId: w.mozza, packs: 1 }] },
        422,
        'expected_on_invalid',
      ],
      [
        { supplierId: w.supplier, pizzeriaId: otherShop, lines: [{ ingredientId: w.mozza, packs: 1 }] },
        403,
        'other_pizzeria',
      ],
    ];
    for (const [body, status, code] of cases) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).to.equal(status);
      expect(res.body.error.code, JSON.stringify(body)).to.equal(code);
    }
    expect(await rows(`SELECT 1 FROM purchase_orders`)).to.deep.equal([]);
    expect(await rows(`SELECT 1 FROM purchase_order_counters`)).to.deep.equal([]);
  });

  it('when a shop lists its suppliers, then it gets the group’s and its own active ones with their items, not another shop’s', async () => {
    const w = await purchasingShop();
    const own = await createSupplier(app.db, { pizzeriaId: w.shop, name: 'Boulangerie du coin' });
    await createSupplier(app.db, { pizzeriaId: w.shop, name: 'Ancien fournisseur', active: false });
    await createSupplier(app.db, {
      pizzeriaId: await createPizzeria(app.db),
      name: 'Fournisseur d’ailleurs',
    });
    const res = await api.get('/api/staff/suppliers', { token: w.manager.token });
    expect(res.status).to.equal(200);
    expect(res.body.suppliers.map((s: { id: number }) => s.id)).to.deep.equal([own, w.supplier]);
    expect(
      res.body.suppliers[1].items.map((i: { ingredientName: string; packLabel: string }) => [
        i.ingredientName,
        i.packLabel,
      ]),
    ).to.deep.equal([
      ['Mozzarella', 'Bloc 2,5 kg'],
      ['Sauce tomate', 'Bidon 5 l'],
    ]);
  });

  it('when drafts are created at once in one shop, then their numbers follow each other with no gap and no duplicate', async () => {
    const w = await purchasingShop();
    const [{ code }] = await rows<{ code: string }>(`SELECT code FROM pizzerias WHERE id = $1`, [w.shop]);
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        api.post('/api/staff/purchase-orders', {
          token: w.manager.token,
          // One in four is refused (an ingredient the supplier does not sell): its number must not be lost.
          body: {
            supplierId: w.supplier,
            lines: [{ ingredientId: i % 4 === 3 ? 999_999 : w.mozza, packs: i + 1 }],
          },
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).to.deep.equal([...Array(9).fill(201), ...Array(3).fill(422)]);
    const numbers = results
      .filter((r) => r.status === 201)
      .map((r) => r.body.number)
      .sort();
    expect(numbers).to.deep.equal(
      Array.from({ length: 9 }, (_, i) => `BC-${code}-${String(i + 1).padStart(4, '0')}`),
    );
  });

  it('when receptions run while customers order the same ingredients, then the ledger holds and on hand is the sum of its movements', async () => {
    const world = await createShopWorld(app.db, { mozzarella: 3000 });
    const manager = await staffSession(api, app.db, 'manager', world.shopId);
    const supplier = await createSupplier(app.db);
    await supplierItem(app.db, supplier, world.ingredients.mozza, {
      packQuantity: 1000,
      packPriceCents: 900,
    });
    await supplierItem(app.db, supplier, world.ingredients.dough, {
      packQuantity: 5000,
      packPriceCents: 600,
    });
    const po = await draft(manager.token, supplier, [
      { ingredientId: world.ingredients.mozza, packs: 10 },
      { ingredientId: world.ingredients.dough, packs: 2 },
    ]);
    await api.post(`/api/staff/purchase-orders/${po.id}/send`, { token: manager.token });
    const [mozzaLine, doughLine] = [world.ingredients.mozza, world.ingredients.dough].map(
      (ing) => po.lines.find((l: { ingredientId: number }) => l.ingredientId === ing).id,
    );
    const customers = await Promise.all(Array.from({ length: 8 }, () => customerWithToken(app.db)));
    const placeAll = () =>
      customers.map((c) =>
        placeThroughApi(api, c.token, { ...takeawayMargherita(world), fulfilment: 'takeaway' }),
      );

    const [part] = await Promise.all([
      receive(manager.token, po.id, {
        lines: [
          { purchaseOrderLineId: mozzaLine, receivedQuantity: 4000 },
          { purchaseOrderLineId: doughLine, receivedQuantity: 5000 },
        ],
      }),
      ...placeAll(),
    ]);
    expect(part.status, JSON.stringify(part.body)).to.equal(201);
    const [rest] = await Promise.all([
      receive(manager.token, po.id, {
        lines: [
          { purchaseOrderLineId: mozzaLine, receivedQuantity: 6000 },
          { purchaseOrderLineId: doughLine, receivedQuantity: 5000 },
        ],
      }),
      ...placeAll(),
    ]);
    expect(rest.status, JSON.stringify(rest.body)).to.equal(201);
    expect(rest.body.purchaseOrder.status).to.equal('received');

    await app.services.stock.assertLedgerInvariant();
    expect(await app.services.stock.ledgerDiscrepancies(world.shopId)).to.deep.equal([]);
    // 16 Margheritas reserve 120 g of mozzarella and 250 g of dough each; nothing is consumed yet.
    expect(await stockRow(app.db, world.shopId, world.ingredients.mozza)).to.include({
      onHand: 3000 + 10_000,
      reserved: 16 * 120,
    });
    expect(await stockRow(app.db, world.shopId, world.ingredients.dough)).to.include({
      onHand: 100_000 + 10_000,
      reserved: 16 * 250,
    });
    const [sums] = await rows<{ onHand: number }>(
      `SELECT SUM(m.quantity)::int AS "onHand" FROM stock_movements m JOIN stock_items s ON s.id = m.stock_item_id
        WHERE s.pizzeria_id = $1 AND s.ingredient_id = $2 AND m.kind IN ('receipt', 'consumption', 'waste', 'adjustment')`,
      [world.shopId, world.ingredients.mozza],
    );
    expect(sums.onHand).to.equal(13_000);
    expect((await receiptsOf(po.id)).map((m) => m.quantity)).to.deep.equal([5000, 4000, 5000, 6000]);
  });

  it('when the order is downloaded, then the PDF is a PDF and the CSV is French Excel: BOM, semicolons, decimal comma, CRLF', async () => {
    const w = await sentOrder();
    const pdf = await fetch(`${app.url}/api/staff/purchase-orders/${w.po.id}/document?format=pdf`, {
      headers: { Authorization: `Bearer ${w.manager.token}` },
    });
    expect(pdf.status).to.equal(200);
    expect(pdf.headers.get('content-type')).to.equal('application/pdf');
    expect(pdf.headers.get('content-disposition')).to.equal(`attachment; filename="${w.po.number}.pdf"`);
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).to.equal('%PDF-');
    expect(bytes.subarray(-6).toString()).to.include('%%EOF');

    const csv = await fetch(`${app.url}/api/staff/purchase-orders/${w.po.id}/document?format=csv`, {
      headers: { Authorization: `Bearer ${w.manager.token}` },
    });
    expect(csv.status).to.equal(200);
    expect(csv.headers.get('content-type')).to.equal('text/csv; charset=utf-8');
    // Response.text() would drop the BOM: decode the bytes as they came.
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await csv.arrayBuffer());
    expect(text.startsWith('\ufeff')).to.equal(true);
    expect(text.endsWith('\r\n')).to.equal(true);
    const records = text
      .slice(1)
      .split('\r\n')
      .slice(0, -1)
      .map((r) => r.split(';'));
    expect(records[0]).to.deep.equal([
      'Bon de commande',
      'Pizzeria',
      'Fournisseur',
      'Livraison souhaitée',
      'Référence',
      'Article',
      'Conditionnement',
      'Quantité par colis',
      'Unité',
      'Colis',
      'Prix colis HT (€)',
      'Total ligne HT (€)',
    ]);
    expect(
      records.slice(1).map((r) => [r[0], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11]]),
    ).to.deep.equal([
      [w.po.number, 'MOZ-25', 'Mozzarella', 'Bloc 2,5 kg', '2500', 'g', '4', '12,50', '50,00'],
      [w.po.number, 'TOM-5', 'Sauce tomate', 'Bidon 5 l', '5000', 'ml', '2', '8,00', '16,00'],
    ]);
    expect(records[1][3]).to.match(/^\d{2}\/\d{2}\/\d{4}$/);
    const bad = await api.get(`/api/staff/purchase-orders/${w.po.id}/document?format=xls`, {
      token: w.manager.token,
    });
    expect(bad.status).to.equal(422);
  });
});
