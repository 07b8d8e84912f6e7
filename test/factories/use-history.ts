// Past daily use of one stock item written straight into the ledger (consumption movements), so the stock
// forecast and the reorder suggestions have a history: `perDay` grams a day, twice as much on Fridays and
// Saturdays, over the `days` days before today. The counters are not touched (set them as the test needs).
import type { Sequelize } from 'sequelize';

const DAY_MS = 86_400_000;

export async function pastUse(db: Sequelize, stockItemId: number, perDay = 400, days = 28): Promise<void> {
  const rows: string[] = [];
  const bind: unknown[] = [stockItemId];
  for (let d = days; d >= 1; d--) {
    const at = new Date(Date.now() - d * DAY_MS);
    const weekend = at.getUTCDay() === 5 || at.getUTCDay() === 6;
    bind.push(at.toISOString(), weekend ? -2 * perDay : -perDay);
    rows.push(`($1, 'consumption', $${bind.length}, $${bind.length - 1})`);
  }
  await db.query(
    `INSERT INTO stock_movements (stock_item_id, kind, quantity, created_at) VALUES ${rows.join(', ')}`,
    { bind },
  );
}
