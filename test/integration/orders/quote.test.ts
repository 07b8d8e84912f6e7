import { expect } from 'chai';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { createShopWorld, customerWithToken, newKey, type ShopWorld } from '../../factories/shop.js';
import { movementCount } from '../../factories/stock.js';

describe('cart quote: the server prices a cart exactly as placement will', () => {
  let app: TestApp;
  let api: ReturnType<typeof client>;
  let w: ShopWorld;
  before(async () => {
    app = await startTestApp();
    api = client(app.url);
  });
  after(() => app.close());
  beforeEach(async () => {
    w = await createShopWorld(app.db);
  });

  const items = () => [
    { productId: w.margherita.productId, sizeId: w.margherita.sizeL, quantity: 1, extraIds: [w.extraMozza] },
    { productId: w.cola.productId, sizeId: w.cola.sizeId, quantity: 2 },
  ];

  it('when a delivery cart is quoted, then lines, fee, VAT and total equal those of the order then placed, and nothing is reserved', async () => {
    const moves = await movementCount(app.db);
    const quote = await api.post('/api/orders/quote', {
      body: { pizzeriaId: w.shopId, fulfilment: 'delivery', items: items() },
    });
    expect(quote.status).to.equal(200);
    // 15,90 € + 1,50 € extra, 2 × 2,50 € cola = 22,40 €, below the 30 € threshold: 2,50 € delivery fee.
    expect(quote.body).to.deep.include({ subtotalCents: 2240, deliveryFeeCents: 250, totalCents: 2490 });
    expect(
      quote.body.lines.map((l: any) => [l.productName, l.unitPriceCents, l.lineTotalCents]),
    ).to.deep.equal([
      ['Margherita', 1740, 1740],
      ['Cola', 250, 500],
    ]);
    expect(await movementCount(app.db)).to.equal(moves);

    const customer = await customerWithToken(app.db);
    const placed = await api.post('/api/orders', {
      token: customer.token,
      headers: { 'Idempotency-Key': newKey() },
      body: {
        pizzeriaId: w.shopId,
        fulfilment: 'delivery',
        address: { line1: '3 rue Oberkampf', postcode: '75011', city: 'Paris' },
        items: items(),
        paymentMethod: 'cash',
      },
    });
    expect(placed.status, JSON.stringify(placed.body)).to.equal(201);
    const order = placed.body.order;
    expect(quote.body.totalCents).to.equal(order.totalCents);
    expect(quote.body.deliveryFeeCents).to.equal(order.deliveryFeeCents);
    expect(quote.body.vatBreakdown).to.deep.equal(order.vatBreakdown);
    expect(quote.body.lines).to.deep.equal(order.lines);
  });

  it('when the stock no longer covers a line of the cart, then the quote names that line and not the others', async () => {
    const body = { pizzeriaId: w.shopId, fulfilment: 'takeaway', items: items() };
    expect((await api.post('/api/orders/quote', { body })).body.unavailable).to.deep.equal([]);
    // Someone else's orders took the mozzarella: 100 g left, the L with extra mozzarella needs 180 + extra.
    await app.db.query('UPDATE stock_items SET on_hand = reserved + 100 WHERE id = $1', {
      bind: [w.stockIds.mozza],
    });
    const quote = await api.post('/api/orders/quote', { body });
    expect(quote.status).to.equal(200);
    expect(quote.body.unavailable).to.deep.equal([
      {
        position: 1,
        productId: w.margherita.productId,
        sizeId: w.margherita.sizeL,
        productName: 'Margherita',
        sizeLabel: quote.body.lines[0].sizeLabel,
      },
    ]);
    expect(quote.body.totalCents).to.equal(2240); // still priced
  });

  it('when a takeaway cart is quoted, then there is no fee and no minimum', async () => {
    const res = await api.post('/api/orders/quote', {
      body: { pizzeriaId: w.shopId, fulfilment: 'takeaway', items: items() },
    });
    expect(res.body).to.deep.include({
      deliveryFeeCents: 0,
      totalCents: 2240,
      minimumOrderCents: 0,
      missingForMinimumCents: 0,
      freeDeliveryThresholdCents: null,
    });
  });

  it('when the cart is empty, unknown or names no shop, then 422 or 404 with a French message', async () => {
    const empty = await api.post('/api/orders/quote', {
      body: { pizzeriaId: w.shopId, fulfilment: 'takeaway', items: [] },
    });
    expect(empty.status).to.equal(422);
    const unknown = await api.post('/api/orders/quote', {
      body: {
        pizzeriaId: w.shopId,
        fulfilment: 'takeaway',
        items: [{ productId: 999999, sizeId: 999999, quantity: 1 }],
      },
    });
    expect(unknown.status).to.equal(422);
    expect(unknown.body.error).to.deep.include({
      code: 'unknown_product',
      message: 'Produit ou taille inconnu.',
    });
    const noShop = await api.post('/api/orders/quote', {
      body: { pizzeriaId: 999999, fulfilment: 'takeaway', items: items() },
    });
    expect(noShop.status).to.equal(404);
  });
});
