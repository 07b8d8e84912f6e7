// Reorder suggestions of one shop (issue 20): per supplier, what to order today so that the stock covers the
// expected use until the delivery after this one, plus a safety margin. Pure: no SQL, no clock;
// suggestions.repository.ts reads the suppliers and what is already on order, the stock module's forecast gives
// the expected use, the caller says which day is today. A manager adjusts the packs and turns it into an order.
//
// The rule, per ingredient the shop stocks:
// - Supplier: among the active suppliers that sell it (the group's and the shop's own), the ones whose next
//   delivery comes soonest, and among those the cheapest per base unit (pack price / pack quantity; then the
//   lower pack price, then the lower supplier id). Soonest first: a cheaper supplier delivering later would need
//   a bigger order (more stock, more waste) and leaves the shop exposed longer. One supplier per ingredient.
// - Delivery days: D1, the first delivery day of the supplier on or after today + lead time (where an order sent
//   today arrives), and D2, its next delivery day after D1: the next delivery after this one, which this order
//   has to last until. Deliveries come in before the day's use.
// - Par level (the stock wanted on the morning of D1, right after the delivery) = expected use over [D1, D2)
//   + safety stock: the expected use of the N days from D2 on, N = max(`safetyDays` (default 2), a quarter of
//   the days from today to D2, rounded up). Days of use rather than a factor of the cycle: the margin follows
//   the weekday pattern (two Fri/Sat days weigh more than Mon/Tue). Two days cover a delivery up to two days
//   late (a skipped round, a holiday) or a forecast short by two days of use: 40–70 % of a 3–4 day cycle, far
//   above the forecast's error (MAPE 3–7 % against the true pattern over 14 days, stock/forecast.test.ts). The
//   quarter is for long exposures (a weekly supplier with 3 days of lead time: an order covers up to 16 days),
//   where the forecast's misses add up over more days. Measured with the acceptance simulation
//   (test/unit/purchasing/suggestions.test.ts: 7 ingredients, 8 weeks, 8 weeks of history) over 200 seeds:
//   ±20 % daily noise, no stock-out; ±30 %, 3 to 7 stock-out days in all (17 without the quarter).
// - Stock expected at D1 before this order: available (on hand − reserved) walked day by day from now to D1,
//   minus each day's expected use (today: what is left of today's), never below 0 (a stock-out before D1 is
//   lost use, not a debt the delivery repays), plus what is already on order (sent or partially received
//   orders, what is still to come) arriving before D2; an order with no date or an overdue one is counted as
//   arriving now.
// - Need = par level − stock expected at D1; when positive, packs = ceil(need / pack quantity). So the stock
//   expected after the delivery lies in [par level, par level + one pack).
// - Supplier minimum (franco): a supplier refuses or charges an order below it, so a manager tops it up with
//   what the shop will need soonest rather than send it short. When the lines needed fall short, packs are
//   added one at a time to the supplier's item with the fewest days of cover at delivery (among the
//   ingredients assigned to this supplier with some expected use and a price), new lines included, until the
//   minimum is reached; each such line says so (`topUpPacks`, reason). Past MAX_TOP_UP_PACKS the suggestion
//   stops and says the minimum is not reached. Nothing is ordered from a supplier just to reach its minimum.
//   The minimum is per order: the suggestion is meant to be sent once per delivery, on `orderBy` (D1 − lead
//   time, the last day it still comes on D1, when the forecast knows most); an order already sent for D1 is
//   on order, and what is suggested on top of it is a new order with its own minimum.
// - Beyond the forecast's 14 days (long lead times, weekly deliveries) the last forecast week repeats.
// Quantities in integer base units, amounts in integer cents (HT, like the supplier's prices).
import { addDays, DAY_NAMES, frenchDate, weekdayOf } from '../pizzerias/index.js';
import { formatEuros } from '../../shared/money.js';
import { formatQuantity, type BaseUnit } from '../../shared/quantity.js';

export const DEFAULT_SAFETY_DAYS = 2;
/** Safety stock grows with the days the order must cover from today: at least this share of them. */
export const DEFAULT_SAFETY_SHARE = 0.25;
/** Packs a minimum top-up may add to one supplier's order before giving up. */
export const MAX_TOP_UP_PACKS = 200;
/** Days of cover are counted up to this many days after the delivery. */
const MAX_COVER_DAYS = 60;

type Weekday = ReturnType<typeof weekdayOf>;

/** What the suggestion needs of the stock forecast of one ingredient at the shop. */
export interface ForecastLike {
  ingredientId: number;
  /** Expected use per day from today (index 0 = today, whole day), integer base units. */
  days: readonly { day: string; expectedUse: number }[];
  /** Already used today. */
  usedToday: number;
  /** on hand − reserved. */
  available: number;
}

export interface SupplierItemTerms {
  supplierItemId: number;
  ingredientId: number;
  name: string;
  unit: BaseUnit;
  reference: string | null;
  packLabel: string;
  packQuantity: number;
  packPriceCents: number;
}

export interface UsableSupplier {
  id: number;
  name: string;
  /** null: a group supplier. */
  pizzeriaId: number | null;
  deliveryDays: readonly Weekday[];
  leadTimeDays: number;
  minimumOrderCents: number;
  items: readonly SupplierItemTerms[];
}

/** What is still to come of a sent (or partially received) purchase order line. */
export interface OnOrder {
  ingredientId: number;
  quantity: number;
  /** YYYY-MM-DD; null: no date asked. */
  expectedOn: string | null;
}

export interface SuggestionInput {
  today: string;
  suppliers: readonly UsableSupplier[];
  forecasts: readonly ForecastLike[];
  onOrder: readonly OnOrder[];
  /** Days of expected use kept as safety stock, at least (default 2). */
  safetyDays?: number;
  /** …and at least this share of the days from today to D2, rounded up (default 0.25). */
  safetyShare?: number;
}

export interface SuggestionLine {
  ingredientId: number;
  supplierItemId: number;
  name: string;
  unit: BaseUnit;
  reference: string | null;
  packLabel: string;
  packs: number;
  /** Of `packs`, those added only to reach the supplier's minimum. */
  topUpPacks: number;
  packQuantity: number;
  packPriceCents: number;
  lineTotalCents: number;
  /** Stock expected on the morning of the delivery, before it (on-order arrivals before D2 included). */
  stockAtDelivery: number;
  /** Expected use over [D1, D2) + safety stock (the expected use of `safetyDays` days from D2). */
  parLevel: number;
  safetyDays: number;
  /** Days the stock lasts from the delivery day with this line delivered (one decimal, rounded down);
   * null when no use is expected. */
  daysOfCover: number | null;
  /** The day the stock is expected to run out before the delivery comes, if it does. */
  stockOutBefore: string | null;
  /** Why, in French, for the manager. */
  reason: string;
}

export interface SupplierSuggestion {
  supplierId: number;
  supplierName: string;
  /** D1: where an order sent today arrives. */
  deliveryOn: string;
  /** The last day an order can be sent and still come on D1 (D1 − lead time): the day to send it. */
  orderBy: string;
  /** D2: the delivery after it, which the order covers until. */
  nextDeliveryOn: string;
  leadTimeDays: number;
  lines: SuggestionLine[];
  totalCents: number;
  minimumOrderCents: number;
  minimumReached: boolean;
}

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);

/** D1 (first delivery day ≥ today + lead time) and D2 (the next delivery day after D1). */
export function deliveryWindow(
  today: string,
  supplier: Pick<UsableSupplier, 'deliveryDays' | 'leadTimeDays'>,
): { d1: string; d2: string } {
  const next = (from: string) => {
    for (let i = 0; i < 7; i++) {
      const day = addDays(from, i);
      if (supplier.deliveryDays.includes(weekdayOf(day))) return day;
    }
    throw new Error('a supplier delivers on at least one weekday');
  };
  const d1 = next(addDays(today, supplier.leadTimeDays));
  return { d1, d2: next(addDays(d1, 1)) };
}

/** Expected use of day offset h (0 = today: what is left of it); the last forecast week repeats beyond it. */
function useAt(f: ForecastLike, h: number): number {
  const n = f.days.length;
  if (n === 0) return 0;
  if (h === 0) return Math.max(0, f.days[0].expectedUse - f.usedToday);
  if (h < n) return f.days[h].expectedUse;
  const week = Math.min(7, n);
  return f.days[n - week + ((h - n) % week)].expectedUse;
}

const useOver = (f: ForecastLike, from: number, to: number) => {
  let sum = 0;
  for (let h = from; h < to; h++) sum += useAt(f, h);
  return sum;
};

/** Days `stock` lasts from day offset `from` (one decimal, rounded down); null when no use is expected. */
function coverFrom(f: ForecastLike, from: number, stock: number): number | null {
  let left = stock;
  let used = 0;
  for (let h = from; h < from + MAX_COVER_DAYS; h++) {
    const u = useAt(f, h);
    if (u > left) return Math.floor((h - from + left / u) * 10) / 10;
    left -= u;
    used += u;
  }
  return used === 0 ? null : MAX_COVER_DAYS;
}

interface Plan {
  supplier: UsableSupplier;
  item: SupplierItemTerms;
  forecast: ForecastLike;
  d1: string;
  d2: string;
  d1Off: number;
  stockAtDelivery: number;
  parLevel: number;
  safetyDays: number;
  stockOutBefore: string | null;
  packs: number;
  topUpPacks: number;
}

function planOf(
  input: SuggestionInput,
  supplier: UsableSupplier,
  item: SupplierItemTerms,
  f: ForecastLike,
): Plan {
  const { today } = input;
  const { d1, d2 } = deliveryWindow(today, supplier);
  const todayN = dayNumber(today);
  const d1Off = dayNumber(d1) - todayN;
  const d2Off = dayNumber(d2) - todayN;
  const safetyDays = Math.max(
    input.safetyDays ?? DEFAULT_SAFETY_DAYS,
    Math.ceil((input.safetyShare ?? DEFAULT_SAFETY_SHARE) * d2Off),
  );
  const arrivals = new Map<number, number>();
  for (const o of input.onOrder) {
    if (o.ingredientId !== item.ingredientId) continue;
    const at = o.expectedOn === null ? 0 : Math.max(0, dayNumber(o.expectedOn) - todayN);
    if (at >= d2Off) continue;
    const h = Math.min(at, d1Off);
    arrivals.set(h, (arrivals.get(h) ?? 0) + o.quantity);
  }
  let stock = Math.max(0, f.available);
  let stockOutBefore: string | null = null;
  for (let h = 0; h < d1Off; h++) {
    stock += arrivals.get(h) ?? 0;
    const u = useAt(f, h);
    if (u > stock && stockOutBefore === null) stockOutBefore = addDays(today, h);
    stock = Math.max(0, stock - u);
  }
  stock += arrivals.get(d1Off) ?? 0;
  const parLevel = useOver(f, d1Off, d2Off) + useOver(f, d2Off, d2Off + safetyDays);
  const need = parLevel - stock;
  const packs = need > 0 ? Math.ceil(need / item.packQuantity) : 0;
  return {
    supplier,
    item,
    forecast: f,
    d1,
    d2,
    d1Off,
    stockAtDelivery: stock,
    parLevel,
    safetyDays,
    stockOutBefore,
    packs,
    topUpPacks: 0,
  };
}

/** a is cheaper per base unit than b (integer cross-multiplication), then cheaper per pack, then older. */
const cheaper = (a: Plan, b: Plan) => {
  const d = a.item.packPriceCents * b.item.packQuantity - b.item.packPriceCents * a.item.packQuantity;
  if (d !== 0) return d < 0;
  if (a.item.packPriceCents !== b.item.packPriceCents) return a.item.packPriceCents < b.item.packPriceCents;
  return a.supplier.id < b.supplier.id;
};

const cover = (p: Plan) => coverFrom(p.forecast, p.d1Off, p.stockAtDelivery + p.packs * p.item.packQuantity);

const dayLabel = (day: string) => `${DAY_NAMES[weekdayOf(day)].toLowerCase()} ${frenchDate(day)}`;

function reasonOf(p: Plan): string {
  const { safetyDays } = p;
  const q = (n: number) => formatQuantity(n, p.item.unit);
  const parts: string[] = [];
  if (p.stockOutBefore) parts.push(`Rupture prévue le ${dayLabel(p.stockOutBefore)}, avant la livraison.`);
  const needed = p.packs - p.topUpPacks;
  if (needed > 0) {
    parts.push(
      `Stock prévu à la livraison du ${dayLabel(p.d1)} : ${q(p.stockAtDelivery)} ; il en faut ${q(p.parLevel)} ` +
        `jusqu’à la livraison suivante du ${dayLabel(p.d2)} plus ${safetyDays} jour${safetyDays > 1 ? 's' : ''} ` +
        `de sécurité, soit ${needed} colis de ${q(p.item.packQuantity)}.`,
    );
  }
  if (p.topUpPacks > 0) {
    const minimum = formatEuros(p.supplier.minimumOrderCents);
    parts.push(
      needed > 0
        ? `+ ${p.topUpPacks} colis pour atteindre le minimum de commande de ${minimum}.`
        : `${p.topUpPacks} colis ajouté${p.topUpPacks > 1 ? 's' : ''} pour atteindre le minimum de commande de ` +
            `${minimum} (stock prévu à la livraison : ${q(p.stockAtDelivery)}, parmi les plus courts).`,
    );
  }
  return parts.join(' ');
}

const totalOf = (plans: Plan[]) => plans.reduce((a, p) => a + p.packs * p.item.packPriceCents, 0);

/** Adds packs to the plans with the fewest days of cover until the supplier's minimum is reached. */
function topUp(plans: Plan[], minimum: number): boolean {
  const candidates = plans.filter((p) => p.item.packPriceCents > 0 && cover(p) !== null);
  let total = totalOf(plans);
  for (let added = 0; total < minimum && added < MAX_TOP_UP_PACKS && candidates.length > 0; added++) {
    let best = candidates[0];
    for (const p of candidates.slice(1)) {
      const [cp, cb] = [cover(p) as number, cover(best) as number];
      if (cp < cb || (cp === cb && p.item.ingredientId < best.item.ingredientId)) best = p;
    }
    best.packs += 1;
    best.topUpPacks += 1;
    total += best.item.packPriceCents;
  }
  return total >= minimum;
}

/** The reorder suggestions of one shop, one entry per supplier with something to order (soonest first). */
export function suggestReorders(input: SuggestionInput): SupplierSuggestion[] {
  const forecasts = new Map(input.forecasts.map((f) => [f.ingredientId, f]));
  // Each ingredient's supplier: soonest D1, then cheapest per base unit.
  const chosen = new Map<number, Plan>();
  for (const supplier of input.suppliers) {
    for (const item of supplier.items) {
      const f = forecasts.get(item.ingredientId);
      if (!f) continue; // not stocked at this shop
      const plan = planOf(input, supplier, item, f);
      const best = chosen.get(item.ingredientId);
      if (!best || plan.d1 < best.d1 || (plan.d1 === best.d1 && cheaper(plan, best))) {
        chosen.set(item.ingredientId, plan);
      }
    }
  }
  const bySupplier = new Map<number, Plan[]>();
  for (const plan of chosen.values()) {
    bySupplier.set(plan.supplier.id, [...(bySupplier.get(plan.supplier.id) ?? []), plan]);
  }
  const out: SupplierSuggestion[] = [];
  for (const plans of bySupplier.values()) {
    const supplier = plans[0].supplier;
    if (!plans.some((p) => p.packs > 0)) continue;
    const minimumReached = topUp(plans, supplier.minimumOrderCents);
    const lines = plans
      .filter((p) => p.packs > 0)
      .map((p): SuggestionLine => ({
        ingredientId: p.item.ingredientId,
        supplierItemId: p.item.supplierItemId,
        name: p.item.name,
        unit: p.item.unit,
        reference: p.item.reference,
        packLabel: p.item.packLabel,
        packs: p.packs,
        topUpPacks: p.topUpPacks,
        packQuantity: p.item.packQuantity,
        packPriceCents: p.item.packPriceCents,
        lineTotalCents: p.packs * p.item.packPriceCents,
        stockAtDelivery: p.stockAtDelivery,
        parLevel: p.parLevel,
        safetyDays: p.safetyDays,
        daysOfCover: cover(p),
        stockOutBefore: p.stockOutBefore,
        reason: reasonOf(p),
      }))
      .sort((a, b) => a.name.localeCompare(b.name, 'fr') || a.ingredientId - b.ingredientId);
    out.push({
      supplierId: supplier.id,
      supplierName: supplier.name,
      deliveryOn: plans[0].d1,
      orderBy: addDays(plans[0].d1, -supplier.leadTimeDays),
      nextDeliveryOn: plans[0].d2,
      leadTimeDays: supplier.leadTimeDays,
      lines,
      totalCents: totalOf(plans),
      minimumOrderCents: supplier.minimumOrderCents,
      minimumReached,
    });
  }
  return out.sort(
    (a, b) =>
      a.deliveryOn.localeCompare(b.deliveryOn) ||
      a.supplierName.localeCompare(b.supplierName, 'fr') ||
      a.supplierId - b.supplierId,
  );
}
