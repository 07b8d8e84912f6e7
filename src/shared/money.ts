// Money is integer cents, prices include VAT, rates are basis points (1000 = 10 %).
export interface VatLine {
  rateBp: number;
  /** Amount excluding VAT. */
  baseCents: number;
  vatCents: number;
}

/** VAT contained in a VAT-inclusive amount, rounded to the cent. */
export function vatOfInclusive(inclusiveCents: number, rateBp: number): number {
  return Math.round((inclusiveCents * rateBp) / (10_000 + rateBp));
}

/** Groups VAT-inclusive amounts by rate: base + VAT = the inclusive total of each rate, exactly. */
export function vatBreakdown(amounts: { rateBp: number; inclusiveCents: number }[]): VatLine[] {
  const byRate = new Map<number, number>();
  for (const a of amounts) byRate.set(a.rateBp, (byRate.get(a.rateBp) ?? 0) + a.inclusiveCents);
  return [...byRate.entries()]
    .sort(([a], [b]) => a - b)
    .map(([rateBp, inclusive]) => {
      const vatCents = vatOfInclusive(inclusive, rateBp);
      return { rateBp, baseCents: inclusive - vatCents, vatCents };
    });
}

export const formatEuros = (cents: number) =>
  new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100);

/** "12,50", "12.5" or "12" euros as integer cents; null when it is not a positive amount with at most 2 decimals. */
export function parseEuros(text: string): number | null {
  const match = /^\s*(\d{1,7})(?:[.,](\d{1,2}))?\s*(?:€)?\s*$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}
