// Reorder suggestions (pure): the acceptance simulation of 8 weeks against a controlled reality
// (reorder-simulation.ts), then the rule on small hand-made cases whose numbers can be checked by hand.
//
// Par level in the assertions, exactly: for a line sent on day t with delivery D1 and next delivery D2, the sum
// of the forecast's expected use (the forecast passed on day t, its last week repeated beyond 14 days) over the
// days [D1, D2 + N) — the cycle until the next delivery plus N days of safety, N = max(2, ⌈(D2 − t) / 4⌉). Stock at delivery: the stock of
// day t walked to D1 with the forecast's use (never below 0), plus everything on order arriving before D2, plus
// this line — recomputed by the test, not read from the suggestion.
import { expect } from 'chai';
import {
  deliveryWindow,
  MAX_TOP_UP_PACKS,
  suggestReorders,
  type ForecastLike,
  type SuggestionInput,
  type UsableSupplier,
} from '../../../src/modules/purchasing/suggestions.js';
import { forecastStock } from '../../../src/modules/stock/forecast.js';
import { dayNumber, dayOf, simulate, type SimIngredient, type SimOptions } from './reorder-simulation.js';

/** Sunday … Saturday. */
const WEEK = [1, 0.6, 0.9, 1, 1.1, 1.8, 1.8];
const CLOSED_MONDAY = [1, 0, 1, 1, 1.2, 1.6, 1.6];

const SUPPLIERS: SimOptions['suppliers'] = [
  {
    id: 1,
    name: 'Grossiste frais',
    pizzeriaId: null,
    deliveryDays: ['tue', 'fri'],
    leadTimeDays: 1,
    minimumOrderCents: 0,
  },
  {
    id: 2,
    name: 'Épicerie italienne',
    pizzeriaId: null,
    deliveryDays: ['mon', 'thu'],
    leadTimeDays: 2,
    minimumOrderCents: 0,
  },
  { id: 3, name: 'Boissons', pizzeriaId: 7, deliveryDays: ['wed'], leadTimeDays: 3, minimumOrderCents: 0 },
];

const INGREDIENTS: SimIngredient[] = [
  {
    id: 1,
    name: 'Pâte',
    unit: 'g',
    base: 6000,
    weekday: WEEK,
    supplierId: 1,
    packQuantity: 5000,
    packPriceCents: 450,
  },
  {
    id: 2,
    name: 'Mozzarella',
    unit: 'g',
    base: 3000,
    weekday: WEEK,
    supplierId: 1,
    packQuantity: 2500,
    packPriceCents: 1800,
  },
  {
    id: 3,
    name: 'Jambon',
    unit: 'g',
    base: 1200,
    weekday: CLOSED_MONDAY,
    supplierId: 1,
    packQuantity: 1000,
    packPriceCents: 1400,
  },
  {
    id: 4,
    name: 'Sauce tomate',
    unit: 'ml',
    base: 2500,
    weekday: WEEK,
    supplierId: 2,
    packQuantity: 5000,
    packPriceCents: 650,
  },
  {
    id: 5,
    name: 'Basilic',
    unit: 'g',
    base: 60,
    weekday: WEEK,
    supplierId: 2,
    packQuantity: 500,
    packPriceCents: 900,
  },
  {
    id: 6,
    name: 'Cola 33 cl',
    unit: 'piece',
    base: 40,
    weekday: WEEK,
    growth: 0.03,
    supplierId: 3,
    packQuantity: 24,
    packPriceCents: 1100,
  },
  {
    id: 7,
    name: 'Huile d’olive',
    unit: 'ml',
    base: 400,
    weekday: WEEK,
    supplierId: 3,
    packQuantity: 5000,
    packPriceCents: 3500,
  },
];

const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);

function runs(over: Partial<SimOptions> = {}) {
  return SEEDS.map((seed) =>
    simulate({
      seed,
      ingredients: INGREDIENTS,
      suppliers: SUPPLIERS,
      start: '2027-01-04',
      weeks: 8,
      priorWeeks: 8,
      noise: 0.2,
      openingDays: 10,
      ...over,
    }),
  );
}

const meanUse = (id: number) => {
  const i = INGREDIENTS.find((x) => x.id === id) as SimIngredient;
  return (i.base * i.weekday.reduce((a, f) => a + f, 0)) / 7;
};

/**
 * Over every line sent but top-ups: stock-outs; the stock expected at delivery above the par level, in packs
 * (worst and lowest); the stock actually there on the morning of the delivery, beyond par + one pack, in days
 * of the ingredient's mean use (what the noise and the forecast's misses add after the order is sent).
 */
function measure(results: ReturnType<typeof runs>) {
  const lines = results.flatMap((r) => r.sent).filter((l) => l.topUpPacks === 0);
  return {
    stockOuts: results.reduce((a, r) => a + r.stockOuts.length, 0),
    lines: lines.length,
    plannedMax: Math.max(...lines.map((l) => (l.expectedAfter - l.parLevel) / l.packQuantity)),
    plannedMin: Math.min(...lines.map((l) => l.expectedAfter - l.parLevel)),
    actualBeyond: Math.max(
      ...lines.map((l) => ((l.actualAfter ?? 0) - l.parLevel - l.packQuantity) / meanUse(l.ingredientId)),
    ),
    lowestDaysLeft: Math.min(...results.map((r) => r.lowestDaysLeft)),
  };
}
/** Two decimals, rounded down (0.9996 pack is below one pack, and says so). */
const f2 = (x: number) => (Math.floor(x * 100) / 100).toFixed(2);

describe('reorder suggestions (pure)', () => {
  describe('8 simulated weeks, 7 ingredients, 3 suppliers (Tue/Fri lead 1, Mon/Thu lead 2, Wed lead 3), ±20 % noise, 20 seeds', () => {
    const m = measure(runs());
    it(`when every suggestion is sent as is, then the stock never runs out (stock-outs: ${m.stockOuts}; lowest end-of-day stock: ${f2(m.lowestDaysLeft)} days of mean use)`, () => {
      expect(m.lines).to.be.above(500);
      expect(m.stockOuts).to.equal(0);
      expect(m.lowestDaysLeft).to.be.above(0);
    });
    it(`when a line is sent, then the stock expected at its delivery is at least the par level and below par + one pack (max overshoot: ${f2(m.plannedMax)} pack; at the delivery itself, noise included, up to ${f2(m.actualBeyond)} day of mean use beyond par + one pack)`, () => {
      expect(m.plannedMin).to.be.at.least(0);
      expect(m.plannedMax).to.be.below(1);
      expect(m.actualBeyond).to.be.below(1.5);
    });
  });

  describe('the same, each suggestion sent once, on its orderBy day (D1 − lead time)', () => {
    const m = measure(runs({ send: 'order-by' }));
    it(`when a manager sends one order per delivery, then the stock never runs out (stock-outs: ${m.stockOuts}; max overshoot: ${f2(m.plannedMax)} pack; at the delivery itself, up to ${f2(m.actualBeyond)} day of mean use beyond par + one pack)`, () => {
      expect(m.lines).to.be.above(300);
      expect(m.stockOuts).to.equal(0);
      expect(m.plannedMin).to.be.at.least(0);
      expect(m.plannedMax).to.be.below(1);
      expect(m.actualBeyond).to.be.below(0.5);
    });
  });

  describe('a new shop: no history on the first day, 10 days of opening stock', () => {
    const m = measure(runs({ priorWeeks: 0 }));
    it(`when the forecast learns as the weeks go, then the stock never runs out either (stock-outs: ${m.stockOuts}; max overshoot: ${f2(m.plannedMax)} pack)`, () => {
      expect(m.stockOuts).to.equal(0);
      expect(m.plannedMax).to.be.below(1);
    });
  });

  describe('the fresh produce supplier asks for 150 € an order, sent on its orderBy day', () => {
    const results = runs({
      send: 'order-by',
      suppliers: SUPPLIERS.map((s) => (s.id === 1 ? { ...s, minimumOrderCents: 15_000 } : s)),
    });
    const m = measure(results);
    const fresh = results.flatMap((r) => r.orders).filter((s) => s.supplierId === 1);
    const toppedUp = fresh.filter((s) => s.lines.some((l) => l.topUpPacks > 0)).length;
    it(`when the lines needed fall short, then packs are added up to the minimum and nothing runs out (stock-outs: ${m.stockOuts}; ${toppedUp} of ${fresh.length} orders topped up)`, () => {
      expect(toppedUp).to.be.above(10);
      expect(m.stockOuts).to.equal(0);
      for (const s of fresh) {
        expect(s.minimumReached).to.equal(true);
        expect(s.totalCents).to.equal(s.lines.reduce((a, l) => a + l.lineTotalCents, 0));
        expect(s.totalCents).to.be.at.least(15_000);
        // Without the last pack added the order was short: the top-up stops as soon as the minimum is reached.
        const lastPack = Math.max(...s.lines.filter((l) => l.topUpPacks > 0).map((l) => l.packPriceCents));
        if (Number.isFinite(lastPack)) expect(s.totalCents - lastPack).to.be.below(15_000);
      }
      expect(m.plannedMax).to.be.below(1);
    });
  });
});

// Monday 7 December 2026; a supplier delivering Tuesday and Friday with one day of lead time: D1 = Tuesday 8,
// D2 = Friday 11. At 100 a day, the par level is 3 days of cycle (Tue, Wed, Thu) + 2 of safety = 500.
const TODAY = '2026-12-07';
const flat = (ingredientId: number, perDay: number, available: number): ForecastLike => ({
  ingredientId,
  days: Array.from({ length: 14 }, (_, h) => ({ day: dayOf(dayNumber(TODAY) + h), expectedUse: perDay })),
  usedToday: 0,
  available,
});
const item = (ingredientId: number, packQuantity = 200, packPriceCents = 1000) => ({
  supplierItemId: 100 + ingredientId,
  ingredientId,
  name: `Ingrédient ${ingredientId}`,
  unit: 'g' as const,
  reference: null,
  packLabel: `Sac de ${packQuantity} g`,
  packQuantity,
  packPriceCents,
});
const supplier = (over: Partial<UsableSupplier> = {}): UsableSupplier => ({
  id: 1,
  name: 'Grossiste',
  pizzeriaId: null,
  deliveryDays: ['tue', 'fri'],
  leadTimeDays: 1,
  minimumOrderCents: 0,
  items: [item(1)],
  ...over,
});
const run = (over: Partial<SuggestionInput>) =>
  suggestReorders({ today: TODAY, suppliers: [supplier()], forecasts: [], onOrder: [], ...over });

describe('reorder suggestions: the rule on small cases', () => {
  it('when use is steady, then the order brings the stock at delivery to the par level, rounded up to packs', () => {
    const [s] = run({ forecasts: [flat(1, 100, 250)] });
    expect(s).to.deep.include({
      supplierId: 1,
      supplierName: 'Grossiste',
      deliveryOn: '2026-12-08',
      orderBy: '2026-12-07',
      nextDeliveryOn: '2026-12-11',
      leadTimeDays: 1,
      totalCents: 2000,
      minimumOrderCents: 0,
      minimumReached: true,
    });
    // 250 − Monday's 100 = 150 at delivery; 500 − 150 = 350 → 2 packs of 200; 550 lasts 5.5 days.
    expect(s.lines).to.deep.equal([
      {
        ingredientId: 1,
        supplierItemId: 101,
        name: 'Ingrédient 1',
        unit: 'g',
        reference: null,
        packLabel: 'Sac de 200 g',
        packs: 2,
        topUpPacks: 0,
        packQuantity: 200,
        packPriceCents: 1000,
        lineTotalCents: 2000,
        stockAtDelivery: 150,
        parLevel: 500,
        safetyDays: 2,
        daysOfCover: 5.5,
        stockOutBefore: null,
        reason:
          'Stock prévu à la livraison du mardi 08/12/2026 : 150 g ; il en faut 500 g jusqu’à la livraison ' +
          'suivante du vendredi 11/12/2026 plus 2 jours de sécurité, soit 2 colis de 200 g.',
      },
    ]);
  });

  it('when the delivery days and lead times vary, then D1 is the first delivery day on or after today + lead time and D2 the next', () => {
    const w = (today: string, deliveryDays: UsableSupplier['deliveryDays'], leadTimeDays: number) =>
      deliveryWindow(today, { deliveryDays, leadTimeDays });
    expect(w(TODAY, ['tue', 'fri'], 1)).to.deep.equal({ d1: '2026-12-08', d2: '2026-12-11' });
    expect(w('2026-12-08', ['tue', 'fri'], 1)).to.deep.equal({ d1: '2026-12-11', d2: '2026-12-15' });
    expect(w('2026-12-08', ['tue', 'fri'], 0)).to.deep.equal({ d1: '2026-12-08', d2: '2026-12-11' });
    expect(w(TODAY, ['wed'], 3)).to.deep.equal({ d1: '2026-12-16', d2: '2026-12-23' });
    expect(w(TODAY, ['mon'], 14)).to.deep.equal({ d1: '2026-12-21', d2: '2026-12-28' });
  });

  it('when the next delivery is far, then the safety stock is a quarter of the days covered and the forecast’s last week repeats', () => {
    // Weekly on Monday, 14 days of lead time: D1 = 21 December (day 14), D2 = 28 (day 21): safety ⌈21 / 4⌉ = 6
    // days; par level (7 + 6) × 100, days 14 to 26 being beyond the 14 forecast days.
    const weekly = (available: number) =>
      run({
        suppliers: [supplier({ deliveryDays: ['mon'], leadTimeDays: 14 })],
        forecasts: [flat(1, 100, available)],
      });
    const [s] = weekly(1500);
    expect(s.deliveryOn).to.equal('2026-12-21');
    expect(s.lines.map((l) => [l.stockAtDelivery, l.safetyDays, l.parLevel, l.packs])).to.deep.equal([
      [100, 6, 1300, 6],
    ]);
    expect(s.lines[0].reason).to.include('plus 6 jours de sécurité');
    expect(weekly(2800)).to.deep.equal([]);
  });

  it('when an ingredient has no history, then nothing is suggested for it, even at zero stock', () => {
    const f = forecastStock({ today: TODAY, history: [], knownSince: null, onHand: 0, reserved: 0 });
    expect(f.method).to.equal('no-history');
    expect(run({ forecasts: [{ ingredientId: 1, ...f }] })).to.deep.equal([]);
  });

  it('when an ingredient is never used, then it gets no line while another one of the supplier does', () => {
    const [s] = run({
      suppliers: [supplier({ items: [item(1), item(2)] })],
      forecasts: [flat(1, 100, 250), flat(2, 0, 0)],
    });
    expect(s.lines.map((l) => l.ingredientId)).to.deep.equal([1]);
    expect(run({ suppliers: [supplier({ items: [item(2)] })], forecasts: [flat(2, 0, 0)] })).to.deep.equal(
      [],
    );
  });

  it('when an ingredient is not stocked at the shop, then its supplier item is ignored', () => {
    expect(run({ suppliers: [supplier({ items: [item(9)] })], forecasts: [flat(1, 100, 0)] })).to.deep.equal(
      [],
    );
  });

  it('when some is already on order before the next delivery, then the suggestion shrinks by it; from D2 on, it does not', () => {
    const packs = (onOrder: SuggestionInput['onOrder']) =>
      run({ forecasts: [flat(1, 100, 250)], onOrder }).flatMap((s) => s.lines.map((l) => l.packs));
    expect(packs([])).to.deep.equal([2]);
    // 200 coming Wednesday: 150 + 200 at D1, 150 missing → 1 pack.
    expect(packs([{ ingredientId: 1, quantity: 200, expectedOn: '2026-12-09' }])).to.deep.equal([1]);
    // Arriving on D2 (Friday) or for another ingredient: no help before D2.
    expect(packs([{ ingredientId: 1, quantity: 200, expectedOn: '2026-12-11' }])).to.deep.equal([2]);
    expect(packs([{ ingredientId: 2, quantity: 200, expectedOn: '2026-12-09' }])).to.deep.equal([2]);
    // Undated or overdue orders count as coming now; enough on order: nothing to suggest.
    expect(packs([{ ingredientId: 1, quantity: 200, expectedOn: null }])).to.deep.equal([1]);
    expect(packs([{ ingredientId: 1, quantity: 200, expectedOn: '2026-12-01' }])).to.deep.equal([1]);
    expect(packs([{ ingredientId: 1, quantity: 350, expectedOn: '2026-12-08' }])).to.deep.equal([]);
  });

  it('when the stock runs out before the delivery can come, then the line says so and the lost use is not ordered back', () => {
    const [s] = run({ forecasts: [flat(1, 100, 50)] });
    expect(s.lines[0]).to.deep.include({
      stockAtDelivery: 0,
      parLevel: 500,
      packs: 3,
      stockOutBefore: TODAY,
    });
    expect(s.lines[0].reason).to.match(
      /^Rupture prévue le lundi 07\/12\/2026, avant la livraison\. Stock prévu/,
    );
  });

  it('when several suppliers sell an ingredient, then the soonest delivery wins, then the cheapest per base unit', () => {
    const offers = [
      supplier({ id: 1, name: 'A', items: [item(1, 200, 1000)] }), // Tuesday, 5 c/g
      supplier({ id: 2, name: 'B', leadTimeDays: 0, items: [item(1, 500, 2000)] }), // Tuesday, 4 c/g
      supplier({ id: 3, name: 'C', deliveryDays: ['thu'], leadTimeDays: 0, items: [item(1, 200, 100)] }), // Thursday, 0.5 c/g
    ];
    const chosen = (suppliers: UsableSupplier[]) =>
      run({ suppliers, forecasts: [flat(1, 100, 250)] }).map((s) => [s.supplierName, s.deliveryOn]);
    expect(chosen(offers)).to.deep.equal([['B', '2026-12-08']]);
    expect(chosen([offers[0], offers[2]])).to.deep.equal([['A', '2026-12-08']]);
    // Same cost per base unit: the cheaper pack.
    expect(chosen([offers[0], supplier({ id: 4, name: 'D', items: [item(1, 100, 500)] })])).to.deep.equal([
      ['D', '2026-12-08'],
    ]);
  });

  it('when the lines needed fall short of the supplier’s minimum, then packs go to the items with the fewest days of cover', () => {
    // Needed: 2 packs of 1 (20 €). Minimum 50 €: 3 packs more, one at a time to the shortest cover at delivery:
    // 3 (5.0 days) → 1 (5.5) → 3 (7.0); item 2 (60 days) is left alone.
    const [s] = run({
      suppliers: [supplier({ minimumOrderCents: 5000, items: [item(1), item(2), item(3)] })],
      forecasts: [flat(1, 100, 250), flat(2, 10, 1000), flat(3, 100, 600)],
    });
    expect(s.lines.map((l) => [l.ingredientId, l.packs, l.topUpPacks, l.daysOfCover])).to.deep.equal([
      [1, 3, 1, 7.5],
      [3, 2, 2, 9],
    ]);
    expect([s.totalCents, s.minimumReached]).to.deep.equal([5000, true]);
    expect(s.lines[0].reason).to.match(
      /soit 2 colis de 200 g\. \+ 1 colis pour atteindre le minimum de commande de 50,00\s€\.$/,
    );
    expect(s.lines[1].reason).to.match(/^2 colis ajoutés pour atteindre le minimum de commande de 50,00\s€/);
  });

  it('when the minimum cannot be reached, then the top-up stops and the order says the minimum is not reached', () => {
    const [s] = run({
      suppliers: [supplier({ minimumOrderCents: 1_000_000, items: [item(1, 200, 100)] })],
      forecasts: [flat(1, 100, 250)],
    });
    expect([s.lines[0].packs, s.lines[0].topUpPacks, s.minimumReached]).to.deep.equal([
      2 + MAX_TOP_UP_PACKS,
      MAX_TOP_UP_PACKS,
      false,
    ]);
    const [free] = run({
      suppliers: [supplier({ minimumOrderCents: 5000, items: [item(1, 200, 0)] })],
      forecasts: [flat(1, 100, 250)],
    });
    expect([free.lines[0].packs, free.totalCents, free.minimumReached]).to.deep.equal([2, 0, false]);
  });

  it('when the safety margin is set to 0 days and no share, then the par level is the cycle alone', () => {
    const [s] = run({ forecasts: [flat(1, 100, 250)], safetyDays: 0, safetyShare: 0 });
    expect([s.lines[0].parLevel, s.lines[0].packs]).to.deep.equal([300, 1]);
    expect(s.lines[0].reason).to.include('plus 0 jour de sécurité');
  });
});
