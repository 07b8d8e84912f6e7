// The ledger's promise checked from outside: tests (and an operator in a console) call it after stock work to
// prove that every counter still equals the sum of its movements.
import type { Sequelize } from 'sequelize';
import { ledgerDiscrepancies } from './stock.ledger.js';

export async function assertLedgerInvariant(db: Sequelize, pizzeriaId?: number): Promise<void> {
  const found = await ledgerDiscrepancies(db, pizzeriaId);
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
