// Gap-free numbers per shop (orders « P01-0042 », purchase orders « BC-P01-0007 »): one counter row per shop,
// incremented inside the caller's transaction. The row stays locked until the commit, so two concurrent numberings
// of a shop take their turns and a rolled-back one gives its number back: no gap, no repeat.
import type { Tx } from './executor.js';

/** Each counter table and its value column. */
const COUNTERS = {
  order_counters: 'last_value',
  purchase_order_counters: 'last_number',
} as const;

export type ShopCounter = keyof typeof COUNTERS;

/** The shop's next number from `counter` (1 for its first). */
export async function nextShopNumber(tx: Tx, counter: ShopCounter, pizzeriaId: number): Promise<number> {
  const column = COUNTERS[counter];
  const row = (await tx.one<{ n: number }>(
    `INSERT INTO ${counter} AS c (pizzeria_id, ${column}) VALUES ($1, 1)
     ON CONFLICT (pizzeria_id) DO UPDATE SET ${column} = c.${column} + 1 RETURNING ${column} AS n`,
    [pizzeriaId],
  ))!;
  return row.n;
}

/** « <prefix>-0042 »: the number on four digits at least. */
export const shopNumberLabel = (prefix: string, n: number) => `${prefix}-${String(n).padStart(4, '0')}`;
