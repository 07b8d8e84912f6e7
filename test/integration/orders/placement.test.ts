import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { createShopWorld, customerWithToken, newKey, stockOf, type ShopWorld } from '../../factories/shop.js';

describe('POST /api/orders (placement)', () => {
  let app: TestApp;
  let api: ReturnType<typeof client>;
  let w: ShopWorld;
  let customer: Awaited<ReturnType<typeof customerWithToken>>;

  before(async () => {
    app = await startTestApp();
    api = client(app.url);
  });
  after(() => app.close());
  beforeEach(async () => {
    w = await createShopWorld(app.db);
    customer = await customerWithToken(app.db);
  });

  const address = {
    line1: '10 rue de la Roquette',
    postcode: '75011',
    city: 'Paris',
    instructions: 'Code 1234B',
  };
  const order = (overrides: Record<string, unknown> = {}) => ({
    pizzeriaId: w.shopId,
    fulfilment: 'delivery',
    address,
    items: [{ productId: w.margherita.productId, sizeId: w.margherita.sizeM, quantity: 2 }],
    paymentMethod: 'cash',
    ...overrides,
  });
  const place = (body: unknown, key = newKey(), token = customer.token) =>
    api.post('/api/orders', { token, body, headers: { 'Idempotency-Key': key } });
  const count = async (table: string) =>
    (
      await app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`, {
        type: QueryTypes.SELECT,
      })
    )[0].n;

  it('when a customer orders, then prices, VAT, fee and number are computed by the server and stock is reserved', async () => {
    const res = await place(
      order({
        items: [
          {
            productId: w.margherita.productId,
            sizeId: w.margherita.sizeM,
            quantity: 1,
            extraIds: [w.extraMozza],
          },
          { productId: w.cola.productId, sizeId: w.cola.sizeId, quantity: 2 },
        ],
      }),
    );
    expect(res.status).to.equal(201);
    const o = res.body.order;
    expect(o.number).to.match(/^P\d{2}-0001$/);
    expect(o.status).to.equal('received');
    expect(
      o.lines.map((l: any) => [l.productName, l.unitPriceCents, l.quantity, l.lineTotalCents, l.vatRateBp]),
    ).to.deep.equal([
      ['Margherita', 1290 + 150, 1, 1440, 1000],
      ['Cola', 250, 2, 500, 550],
    ]);
    // 19,40 € < 30 € free-delivery threshold: 2,50 € fee (at 10 %).
    expect(o).to.include({
      subtotalCents: 1940,
      deliveryFeeCents: 250,
      totalCents: 2190,
      paymentStatus: 'unpaid',
    });
    expect(o.vatBreakdown).to.deep.equal([
      { rateBp: 550, baseCents: 474, vatCents: 26 },
      { rateBp: 1000, baseCents: 1536, vatCents: 154 },
    ]);
    expect(o.deliveryAddress).to.include({ line1: address.line1, instructions: 'Code 1234B' });
    expect(o.history).to.have.length(1);
    expect(o.canModify).to.equal(true);
    expect(await stockOf(app.db, w.stockIds.mozza)).to.deep.equal({ onHand: 50_000, reserved: 160 }); // 120 + 40
    expect(await stockOf(app.db, w.stockIds.cola)).to.deep.equal({ onHand: 500, reserved: 2 });
    const moves = await app.db.query<{ kind: string; n: number }>(
      `SELECT kind, count(*)::int AS n FROM stock_movements WHERE order_id = $1 GROUP BY kind`,
      { type: QueryTypes.SELECT, bind: [o.id] },
    );
    expect(moves).to.deep.equal([{ kind: 'reservation', n: 4 }]);
    expect(await app.services.stock.ledgerDiscrepancies()).to.deep.equal([]);
    const menu = await api.get(`/api/pizzerias/${w.shopId}/menu`);
    const cola = menu.body.products.find((p: any) => p.name === 'Cola');
    expect(cola.sizes[0].maxQuantity).to.equal(50); // capped; 498 left
  });

  it('when the subtotal reaches the free-delivery threshold, then no fee; takeaway never pays one', async () => {
    const big = await place(
      order({ items: [{ productId: w.margherita.productId, sizeId: w.margherita.sizeL, quantity: 2 }] }),
    );
    expect(big.body.order).to.include({ subtotalCents: 3180, deliveryFeeCents: 0, totalCents: 3180 });
    const takeaway = await place(
      order({
        fulfilment: 'takeaway',
        address: undefined,
        items: [{ productId: w.cola.productId, sizeId: w.cola.sizeId, quantity: 1 }],
      }),
    );
    expect(takeaway.status).to.equal(201);
    expect(takeaway.body.order).to.include({ deliveryFeeCents: 0, totalCents: 250, deliveryAddress: null });
    expect(takeaway.body.order.number).to.match(/-0002$/);
  });

  it('when a saved address is chosen, then the order snapshots it; another customer’s address is 404', async () => {
    const saved = await api.post('/api/me/addresses', {
      token: customer.token,
      body: {
        label: 'Bureau',
        line1: '8 rue Saint-Maur',
        postcode: '75011',
        city: 'Paris',
        instructions: '3e étage',
      },
    });
    expect(saved.status).to.equal(201);
    const res = await place(order({ address: undefined, addressId: saved.body.address.id }));
    expect(res.status).to.equal(201);
    expect(res.body.order.customerName).to.match(/^Camille Client/);
    expect(res.body.order.deliveryAddress).to.include({
      line1: '8 rue Saint-Maur',
      instructions: '3e étage',
    });
    const other = await customerWithToken(app.db);
    const stolen = await place(
      order({ address: undefined, addressId: saved.body.address.id }),
      newKey(),
      other.token,
    );
    expect([stolen.status, stolen.body.error.code]).to.deep.equal([404, 'address_not_found']);
  });

  it('when the order is below the delivery minimum, then 422 below_minimum_order and nothing is written', async () => {
    const res = await place(
      order({ items: [{ productId: w.cola.productId, sizeId: w.cola.sizeId, quantity: 1 }] }),
    );
    expect(res.status).to.equal(422);
    expect(res.body.error.code).to.equal('below_minimum_order');
    expect(await count('orders')).to.equal(0);
  });

  it('when input is wrong, then a clear 4xx code and nothing is written', async () => {
    const cases: [unknown, number, string][] = [
      [
        order({ items: [{ productId: 999, sizeId: w.margherita.sizeM, quantity: 1 }] }),
        422,
        'unknown_product',
      ],
      [
        order({ items: [{ productId: w.margherita.productId, sizeId: w.margherita.sizeM, quantity: 0 }] }),
        422,
        'validation_failed',
      ],
      [
        order({ items: [{ productId: w.margherita.productId, sizeId: w.margherita.sizeM, quantity: 2.5 }] }),
        422,
        'validation_failed',
      ],
      [order({ items: [] }), 422, 'validation_failed'],
      [order({ address: undefined }), 422, 'address_required'],
      [order({ pizzeriaId: 424242 }), 404, 'pizzeria_not_found'],
      [order({ paymentMethod: 'bitcoin' }), 422, 'validation_failed'],
      [
        order({
          items: [
            { productId: w.cola.productId, sizeId: w.cola.sizeId, quantity: 30, extraIds: [w.extraMozza] },
          ],
        }),
        422,
        'extra_not_allowed',
      ],
    ];
    for (const [body, status, code] of cases) {
      const res = await place(body);
      expect([res.status, res.body.error?.code], JSON.stringify(body)).to.deep.equal([status, code]);
    }
    await app.db.query(`UPDATE product_sizes SET active = false WHERE id = $1`, {
      bind: [w.margherita.sizeM],
    });
    const inactive = await place(order());
    expect([inactive.status, inactive.body.error.code]).to.deep.equal([422, 'product_inactive']);
    expect(await count('orders')).to.equal(0);
    expect(await count(`stock_movements WHERE kind <> 'receipt'`)).to.equal(0);
  });

  it('when a field breaks the schema, then every detail reads in French (zod’s own messages too)', async () => {
    const res = await place(
      order({
        paymentMethod: 'bitcoin',
        items: [{ productId: w.margherita.productId, sizeId: w.margherita.sizeM, quantity: 0 }],
      }),
    );
    expect([res.status, res.body.error.code]).to.deep.equal([422, 'validation_failed']);
    const details = res.body.error.details as { path: string; message: string }[];
    const byPath = Object.fromEntries(details.map((d) => [d.path, d.message]));
    expect(byPath.paymentMethod).to.match(/^Option invalide : une valeur parmi .*"cash".* attendue$/);
    expect(byPath['items.0.quantity']).to.equal('quantité minimale : 1'); // the schema's own message wins
    expect(details.map((d) => d.message).join(' ')).not.to.match(/Invalid|expected|Too (small|big)/);
  });

  it('when the shop is closed, then 409 pizzeria_closed', async () => {
    await app.db.query(`UPDATE pizzerias SET opening_hours = '{}' WHERE id = $1`, { bind: [w.shopId] });
    const res = await place(order());
    expect([res.status, res.body.error.code]).to.deep.equal([409, 'pizzeria_closed']);
  });

  it('when the Idempotency-Key is missing or no customer is logged in, then 400 / 401', async () => {
    const noKey = await api.post('/api/orders', { token: customer.token, body: order() });
    expect([noKey.status, noKey.body.error.code]).to.deep.equal([400, 'idempotency_key_required']);
    const anonymous = await api.post('/api/orders', {
      body: order(),
      headers: { 'Idempotency-Key': newKey() },
    });
    expect(anonymous.status).to.equal(401);
  });

  it('when stock is short, then 409 naming the items and nothing is written', async () => {
    await app.db.query(`UPDATE stock_items SET on_hand = 200 WHERE id = $1`, { bind: [w.stockIds.mozza] });
    await app.db.query(
      `INSERT INTO stock_movements (stock_item_id, kind, quantity) VALUES ($1, 'adjustment', -49800)`,
      {
        bind: [w.stockIds.mozza],
      },
    );
    const res = await place(
      order({
        items: [
          { productId: w.margherita.productId, sizeId: w.margherita.sizeM, quantity: 2 },
          { productId: w.cola.productId, sizeId: w.cola.sizeId, quantity: 1 },
        ],
      }),
    );
    expect(res.status).to.equal(409);
    expect(res.body.error.code).to.equal('insufficient_stock');
    expect(res.body.error.message).to.include('Margherita').and.not.include('Cola');
    expect(res.body.error.details).to.deep.equal([
      {
        position: 1,
        productId: w.margherita.productId,
        sizeId: w.margherita.sizeM,
        productName: 'Margherita',
        sizeLabel: 'Sénior 31 cm',
      },
    ]);
    expect(await count('orders')).to.equal(0);
    expect(await stockOf(app.db, w.stockIds.mozza)).to.deep.equal({ onHand: 200, reserved: 0 });
  });

  it('when 50 orders race for the stock of 20 pizzas, then exactly 20 are accepted and the ledger holds', async function () {
    this.timeout(60_000);
    await app.db.query(`UPDATE stock_items SET on_hand = 2400 WHERE id = $1`, { bind: [w.stockIds.mozza] }); // 20 × 120 g
    await app.db.query(
      `INSERT INTO stock_movements (stock_item_id, kind, quantity) VALUES ($1, 'adjustment', -47600)`,
      {
        bind: [w.stockIds.mozza],
      },
    );
    const customers = await Promise.all(Array.from({ length: 5 }, () => customerWithToken(app.db)));
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        place(
          order({
            fulfilment: 'takeaway',
            address: undefined,
            items: [{ productId: w.margherita.productId, sizeId: w.margherita.sizeM, quantity: 1 }],
          }),
          newKey(),
          customers[i % 5].token,
        ),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).to.have.length(20);
    expect(statuses.filter((s) => s === 409)).to.have.length(30);
    expect(await stockOf(app.db, w.stockIds.mozza)).to.deep.equal({ onHand: 2400, reserved: 2400 });
    expect(await count('orders')).to.equal(20);
    const numbers = results.filter((r) => r.status === 201).map((r) => r.body.order.number);
    expect(new Set(numbers).size).to.equal(20);
    expect(await app.services.stock.ledgerDiscrepancies()).to.deep.equal([]);
  });

  it('when the same Idempotency-Key is sent 10 times at once, then one order exists and all answers are it', async () => {
    const key = newKey();
    const results = await Promise.all(Array.from({ length: 10 }, () => place(order(), key)));
    expect(results.map((r) => r.status)).to.deep.equal(Array(10).fill(201));
    expect(new Set(results.map((r) => r.body.order.id)).size).to.equal(1);
    expect(results.filter((r) => r.headers.get('idempotent-replayed') === 'true')).to.have.length(9);
    expect(await count('orders')).to.equal(1);
    expect(await stockOf(app.db, w.stockIds.mozza)).to.deep.equal({ onHand: 50_000, reserved: 240 });

    const other = await place(order({ note: 'autre chose' }), key);
    expect([other.status, other.body.error.code]).to.deep.equal([422, 'idempotency_key_reused']);
  });
});
