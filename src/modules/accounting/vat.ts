// VAT of the exports, in integer cents that always add up: the order's stored breakdown (what the customer's
// receipt shows) is the reference, lines and refunds get their share of it by largest remainder.
import { vatBreakdown, vatOfInclusive, type VatLine } from '../../shared/money.js';
import { DELIVERY_FEE_VAT_BP } from '../orders/index.js';

export interface InclusiveAmount {
  rateBp: number;
  inclusiveCents: number;
}

/** Splits `total` into integers proportional to `weights` (largest remainder): they add up to `total` exactly. */
export function allocate(total: number, weights: readonly number[]): number[] {
  if (weights.length === 0) return [];
  const sum = weights.reduce((s, w) => s + w, 0);
  if (sum <= 0) return weights.map((_, i) => (i === 0 ? total : 0));
  // BigInt: total × weight may exceed 2^53 for large amounts.
  const big = weights.map((w) => BigInt(total) * BigInt(w));
  const parts = big.map((b) => Number(b / BigInt(sum)));
  const remainders = big.map((b, i) => ({ i, r: Number(b % BigInt(sum)) }));
  let left = total - parts.reduce((s, p) => s + p, 0);
  remainders.sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of remainders) {
    if (left <= 0) break;
    parts[i] += 1;
    left -= 1;
  }
  return parts;
}

function isVatLine(v: unknown): v is VatLine {
  const o = v as Record<string, unknown>;
  return (
    typeof o === 'object' &&
    o !== null &&
    Number.isSafeInteger(o.rateBp) &&
    Number.isSafeInteger(o.baseCents) &&
    Number.isSafeInteger(o.vatCents)
  );
}

/** The stored `orders.vat_breakdown` when well-formed, sorted by rate; null otherwise. */
export function storedBreakdown(stored: unknown): VatLine[] | null {
  if (!Array.isArray(stored) || !stored.every(isVatLine)) return null;
  return stored
    .map((l) => ({ rateBp: l.rateBp, baseCents: l.baseCents, vatCents: l.vatCents }))
    .sort((a, b) => a.rateBp - b.rateBp);
}

/** What an order's lines and delivery fee weigh per VAT rate (the fee follows the meal's 10 %). */
export function orderAmounts(lines: InclusiveAmount[], deliveryFeeCents: number): InclusiveAmount[] {
  return deliveryFeeCents > 0
    ? [...lines, { rateBp: DELIVERY_FEE_VAT_BP, inclusiveCents: deliveryFeeCents }]
    : [...lines];
}

/**
 * The order's VAT breakdown: the stored one when it accounts for the given amounts rate by rate (it always
 * does for orders placed through the API), else recomputed from them exactly as placement does.
 */
export function trustedBreakdown(stored: unknown, amounts: InclusiveAmount[]): VatLine[] {
  const recomputed = vatBreakdown(amounts);
  const fromOrder = storedBreakdown(stored);
  const same =
    fromOrder !== null &&
    fromOrder.length === recomputed.length &&
    fromOrder.every(
      (l, i) =>
        l.rateBp === recomputed[i].rateBp &&
        l.baseCents + l.vatCents === recomputed[i].baseCents + recomputed[i].vatCents,
    );
  return same ? fromOrder : recomputed;
}

/** The VAT in each amount such that, rate by rate, it adds up to the breakdown's VAT exactly. */
export function allocateVat(amounts: InclusiveAmount[], breakdown: VatLine[]): number[] {
  const vat = amounts.map(() => 0);
  for (const line of breakdown) {
    const indexes = amounts.flatMap((a, i) => (a.rateBp === line.rateBp ? [i] : []));
    const parts = allocate(
      line.vatCents,
      indexes.map((i) => amounts[i].inclusiveCents),
    );
    indexes.forEach((index, k) => (vat[index] = parts[k]));
  }
  return vat;
}

/** A refund split over the order's VAT rates pro rata of what each rate weighed in the order. */
export function refundBreakdown(refundCents: number, order: VatLine[]): VatLine[] {
  const parts = allocate(
    refundCents,
    order.map((l) => l.baseCents + l.vatCents),
  );
  return order.map((l, i) => {
    const vatCents = vatOfInclusive(parts[i], l.rateBp);
    return { rateBp: l.rateBp, baseCents: parts[i] - vatCents, vatCents };
  });
}
