// Money is integer cents, prices include VAT, rates are basis points (1000 = 10 %).
// This file imports nothing: the back office's browser components bundle it too (admin/components/*.jsx), so
// that an amount is written and read the same way on every screen.
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

const EUROS = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const PLAIN_EUROS = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** « 1 250,50 € » (French separators: narrow no-break spaces for thousands, a comma for cents). */
export const formatEuros = (cents: number) => EUROS.format(cents / 100);

/** « 1 250,50 »: an amount as a form shows it for editing (parseEuros reads it back). */
export const eurosInput = (cents: number) => PLAIN_EUROS.format(cents / 100);

/** Integer cents as French decimal text without thousands separator: 1290 → "12,90", -5 → "-0,05". */
export function frenchAmount(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new TypeError(`amount in cents expected, got ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

/** A VAT rate in basis points as a French percentage number: 1000 → "10", 550 → "5,5", 210 → "2,1". */
export function frenchRate(rateBp: number): string {
  const whole = Math.floor(rateBp / 100);
  const decimals = String(rateBp % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return decimals ? `${whole},${decimals}` : String(whole);
}

/** A rate in basis points as people write it: 1000 → « 10 % », 550 → « 5,5 % ». */
export const formatRate = (bp: number) => `${frenchRate(bp)}\u00a0%`;

/**
 * "12,50", "12.5", "12", "1 250,50 €" euros as integer cents; null when it is not a positive amount with at most
 * 2 decimals (thousands may be grouped by spaces, as formatEuros writes them).
 */
export function parseEuros(text: string): number | null {
  const match = /^\s*(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d{1,7})(?:[.,](\d{1,2}))?\s*(?:€)?\s*$/.exec(text);
  if (!match) return null;
  const units = Number(match[1].replace(/\D/g, ''));
  if (units > 9_999_999) return null;
  return units * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** The French refusal of an amount parseEuros could not read. */
export const EUROS_EXPECTED = 'Montant invalide : saisissez un montant en euros, par exemple 10,50.';
