// A shop simulated day by day to judge the reorder suggestions against a reality the test controls: each
// ingredient's true daily use follows a weekday pattern (with an optional weekly growth) and seeded uniform noise.
// Every simulated day, in this order: the deliveries due arrive (before any use); the forecast is run on the
// history so far (stock/forecast.ts, as production does); the suggestion is run and every line is "sent" as
// is (it arrives on the suggestion's delivery day D1), every day or only on its orderBy day; then the day's true use is drawn and consumed. A use
// larger than the stock is a stock-out (the stock stays at 0, the rest is lost).
import { forecastStock } from '../../../src/modules/stock/forecast.js';
import {
  suggestReorders,
  type ForecastLike,
  type SupplierSuggestion,
  type UsableSupplier,
} from '../../../src/modules/purchasing/suggestions.js';

const DAY = 86_400_000;
export const dayNumber = (day: string) => Math.round(Date.parse(`${day}T00:00:00Z`) / DAY);
export const dayOf = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);
/** 0 = Sunday … 6 = Saturday. */
const dow = (n: number) => (((n + 4) % 7) + 7) % 7;

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SimIngredient {
  id: number;
  name: string;
  unit: 'g' | 'ml' | 'piece';
  /** Mean daily use of a weekday of factor 1. */
  base: number;
  /** Sunday … Saturday. */
  weekday: readonly number[];
  /** Growth per week (0.03: +3 %/week). */
  growth?: number;
  supplierId: number;
  packQuantity: number;
  packPriceCents: number;
}

export interface SimOptions {
  seed: number;
  ingredients: readonly SimIngredient[];
  suppliers: readonly Omit<UsableSupplier, 'items'>[];
  /** The first simulated day. */
  start: string;
  weeks: number;
  /** Weeks of history before the first simulated day (0: a new shop). */
  priorWeeks: number;
  /** Relative noise of a day's use (0.2: ±20 %). */
  noise: number;
  /** Opening stock of each ingredient, in days of its mean use. */
  openingDays: number;
  safetyDays?: number;
  /** 'every-day' (default): every suggestion is sent the day it is made; 'order-by': only on its orderBy day,
   * once per delivery, as a manager would. */
  send?: 'every-day' | 'order-by';
}

/** One line sent, with what the test checks about it. */
export interface SentLine {
  day: string;
  supplierId: number;
  ingredientId: number;
  deliveryOn: string;
  quantity: number;
  packQuantity: number;
  topUpPacks: number;
  /** The par level recomputed by the test from the forecast it passed (header of suggestions.ts). */
  parLevel: number;
  /** Stock expected on D1 after this line, recomputed by the test. */
  expectedAfter: number;
  /** The simulated stock on the morning of D1 right after its deliveries. */
  actualAfter?: number;
}

export interface SimResult {
  stockOuts: { day: string; ingredientId: number; missing: number }[];
  sent: SentLine[];
  /** The supplier suggestions sent, as they were. */
  orders: SupplierSuggestion[];
  /** Lowest stock seen at the end of a day, in days of the ingredient's mean use. */
  lowestDaysLeft: number;
}

/** The forecast's use of day offset h from today, the last week repeated beyond the horizon. */
function forecastAt(days: readonly { expectedUse: number }[], h: number): number {
  const n = days.length;
  return h < n ? days[h].expectedUse : days[n - 7 + ((h - n) % 7)].expectedUse;
}

export function simulate(o: SimOptions): SimResult {
  const random = prng(o.seed);
  const startN = dayNumber(o.start);
  const mean = (i: SimIngredient) => (i.base * i.weekday.reduce((a, f) => a + f, 0)) / 7;
  const truth = (i: SimIngredient, n: number) =>
    i.base * i.weekday[dow(n)] * (1 + (i.growth ?? 0)) ** ((n - startN) / 7);
  const draw = (i: SimIngredient, n: number) => Math.round(truth(i, n) * (1 + (random() * 2 - 1) * o.noise));

  const history = new Map(o.ingredients.map((i) => [i.id, [] as { day: string; use: number }[]]));
  for (let n = startN - 7 * o.priorWeeks; n < startN; n++) {
    for (const i of o.ingredients) history.get(i.id)?.push({ day: dayOf(n), use: draw(i, n) });
  }
  const stock = new Map(o.ingredients.map((i) => [i.id, Math.round(mean(i) * o.openingDays)]));
  const pending: { at: number; ingredientId: number; quantity: number; line: SentLine }[] = [];
  const suppliers: UsableSupplier[] = o.suppliers.map((s) => ({
    ...s,
    items: o.ingredients
      .filter((i) => i.supplierId === s.id)
      .map((i) => ({
        supplierItemId: i.id,
        ingredientId: i.id,
        name: i.name,
        unit: i.unit,
        reference: null,
        packLabel: `Colis de ${i.packQuantity}`,
        packQuantity: i.packQuantity,
        packPriceCents: i.packPriceCents,
      })),
  }));
  const result: SimResult = { stockOuts: [], sent: [], orders: [], lowestDaysLeft: Infinity };

  for (let n = startN; n < startN + 7 * o.weeks; n++) {
    const today = dayOf(n);
    for (const p of pending.filter((p) => p.at === n)) {
      stock.set(p.ingredientId, (stock.get(p.ingredientId) ?? 0) + p.quantity);
    }
    for (const p of pending.filter((p) => p.at === n)) p.line.actualAfter = stock.get(p.ingredientId);
    const forecasts: ForecastLike[] = o.ingredients.map((i) => {
      const h = history.get(i.id) ?? [];
      const f = forecastStock({
        today,
        history: h,
        knownSince: h[0]?.day ?? null,
        onHand: stock.get(i.id) ?? 0,
        reserved: 0,
      });
      return { ingredientId: i.id, days: f.days, usedToday: f.usedToday, available: f.available };
    });
    const open = pending.filter((p) => p.at > n);
    const suggestion = suggestReorders({
      today,
      suppliers,
      forecasts,
      onOrder: open.map((p) => ({
        ingredientId: p.ingredientId,
        quantity: p.quantity,
        expectedOn: dayOf(p.at),
      })),
      safetyDays: o.safetyDays,
    });
    for (const s of suggestion) {
      if (o.send === 'order-by' && s.orderBy !== today) continue;
      result.orders.push(s);
      const d1 = dayNumber(s.deliveryOn) - n;
      const d2 = dayNumber(s.nextDeliveryOn) - n;
      for (const l of s.lines) {
        const f = forecasts.find((x) => x.ingredientId === l.ingredientId) as ForecastLike;
        // The test's own projection: today's stock, minus each day's forecast use until D1 (never below 0),
        // plus what arrives before D2, plus this line.
        let expected = stock.get(l.ingredientId) ?? 0;
        for (let h = 0; h < d1; h++) {
          expected += open
            .filter((p) => p.ingredientId === l.ingredientId && p.at === n + h)
            .reduce((a, p) => a + p.quantity, 0);
          expected = Math.max(0, expected - forecastAt(f.days, h));
        }
        expected += open
          .filter((p) => p.ingredientId === l.ingredientId && p.at >= n + d1 && p.at < n + d2)
          .reduce((a, p) => a + p.quantity, 0);
        let parLevel = 0;
        const safety = Math.max(o.safetyDays ?? 2, Math.ceil(0.25 * d2));
        for (let h = d1; h < d2 + safety; h++) parLevel += forecastAt(f.days, h);
        const line: SentLine = {
          day: today,
          supplierId: s.supplierId,
          ingredientId: l.ingredientId,
          deliveryOn: s.deliveryOn,
          quantity: l.packs * l.packQuantity,
          packQuantity: l.packQuantity,
          topUpPacks: l.topUpPacks,
          parLevel,
          expectedAfter: expected + l.packs * l.packQuantity,
        };
        result.sent.push(line);
        pending.push({ at: n + d1, ingredientId: l.ingredientId, quantity: line.quantity, line });
      }
    }
    for (const i of o.ingredients) {
      const use = draw(i, n);
      const have = stock.get(i.id) ?? 0;
      if (use > have) result.stockOuts.push({ day: today, ingredientId: i.id, missing: use - have });
      stock.set(i.id, Math.max(0, have - use));
      history.get(i.id)?.push({ day: today, use });
      result.lowestDaysLeft = Math.min(result.lowestDaysLeft, (stock.get(i.id) ?? 0) / mean(i));
    }
  }
  return result;
}
