// The ledger's promise checked from outside: tests (and an operator in a console) call it after stock work to
// prove that every counter still equals the sum of its movements.
import type { Database } from '../../db/executor.js';
import { ledgerDiscrepancies } from './stock.ledger.js';

export async function assertLedgerInvariant(db: Database, pizzeriaId?: number): Promise<void> {
  const found = await db.read((ex) => ledgerDiscrepancies(ex, pizzeriaId));
  if (found.length > 0) {
    throw new Error(
      `stock ledger out of balance for ${found.length} stock item(s): ` +
        found
          .map(
            (d) =>
              `#${d.stockItemId} on_hand ${d.onHand} vs ledger ${d.ledgerOnHand}, ` +
              `reserved ${d.reserved} vs ledger ${d.ledgerReserved}`,
          )
          .join('; '),
    );
  }
}
