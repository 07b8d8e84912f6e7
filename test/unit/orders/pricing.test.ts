import { expect } from 'chai';
import { deliveryFee, orderVat, priceItems } from '../../../src/modules/orders/pricing.js';
import { vatBreakdown, vatOfInclusive } from '../../../src/shared/money.js';

const catalog = {
  sizes: new Map([
    [
      10,
      {
        sizeId: 10,
        productId: 1,
        productName: 'Reine',
        category: 'pizza' as const,
        sizeLabel: 'Méga',
        priceCents: 1590,
        recipeFactorPct: 140,
        vatRateBp: 1000,
        active: true,
        recipe: [
          { ingredientId: 100, quantity: 125 },
          { ingredientId: 101, quantity: 1 },
        ],
      },
    ],
    [
      20,
      {
        sizeId: 20,
        productId: 2,
        productName: 'Bière',
        category: 'drink' as const,
        sizeLabel: '33 cl',
        priceCents: 400,
        recipeFactorPct: 100,
        vatRateBp: 2000,
        active: true,
        recipe: [{ ingredientId: 200, quantity: 1 }],
      },
    ],
  ]),
  extras: new Map([
    [7, { id: 7, name: 'Supplément jambon', ingredientId: 100, quantity: 30, priceCents: 200, active: true }],
  ]),
};

describe('pricing', () => {
  it('when lines have sizes and extras, then unit prices, totals and stock needs (rounded up per pizza) follow', () => {
    const priced = priceItems(
      [
        { productId: 1, sizeId: 10, quantity: 3, extraIds: [7] },
        { productId: 2, sizeId: 20, quantity: 2, extraIds: [] },
      ],
      catalog,
    );
    expect(priced.lines.map((l) => [l.unitPriceCents, l.lineTotalCents])).to.deep.equal([
      [1790, 5370],
      [400, 800],
    ]);
    expect(priced.subtotalCents).to.equal(6170);
    // 125 g × 140 % = 175 g per pizza, + 30 g extra, × 3; 1 × 140 % = 1.4 → 2 pieces per pizza.
    expect(Object.fromEntries(priced.needs)).to.deep.equal({ 100: 615, 101: 6, 200: 2 });
  });

  it('when a size belongs to another product or an extra goes on a drink, then 422 with a code per problem', () => {
    expect(() => priceItems([{ productId: 2, sizeId: 10, quantity: 1, extraIds: [] }], catalog)).to.throw(
      /inconnu/,
    );
    expect(() => priceItems([{ productId: 2, sizeId: 20, quantity: 1, extraIds: [7] }], catalog)).to.throw(
      /pizzas/,
    );
  });

  it('when VAT is broken down, then base + VAT equals each rate’s inclusive total to the cent', () => {
    expect(vatOfInclusive(1100, 1000)).to.equal(100);
    const lines = vatBreakdown([
      { rateBp: 1000, inclusiveCents: 999 },
      { rateBp: 2000, inclusiveCents: 401 },
      { rateBp: 1000, inclusiveCents: 1 },
    ]);
    expect(lines).to.deep.equal([
      { rateBp: 1000, baseCents: 909, vatCents: 91 },
      { rateBp: 2000, baseCents: 334, vatCents: 67 },
    ]);
  });

  it('when the delivery fee is decided, then the threshold waives it and takeaway has none', () => {
    const shop = { minDeliveryOrderCents: 1500, deliveryFeeCents: 250, freeDeliveryThresholdCents: 3000 };
    expect(deliveryFee(shop, 'delivery', 2999)).to.equal(250);
    expect(deliveryFee(shop, 'delivery', 3000)).to.equal(0);
    expect(deliveryFee(shop, 'takeaway', 100)).to.equal(0);
    expect(deliveryFee({ ...shop, freeDeliveryThresholdCents: null }, 'delivery', 99_999)).to.equal(250);
    expect(orderVat([], 250)).to.deep.equal([{ rateBp: 1000, baseCents: 227, vatCents: 23 }]);
  });
});
