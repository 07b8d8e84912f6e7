// The sales journal's part of a customer's personal data (issue 21): the entries of their orders. The journal is
// inalterable and never held a person (numbers, amounts, means, the order's number): it stays as it is, still
// verifiable, after an erasure.
import type { PersonalDataHolder } from '../privacy/index.js';

export const journalHolder: PersonalDataHolder = {
  module: 'journal',
  tables: [{ table: 'sales_journal', treatment: 'kept', why: 'journal des ventes inaltérable (6 ans)' }],
  async exportFor(ex, { orderIds }) {
    return {
      salesJournal: await ex.many(
        `SELECT pizzeria_id AS "pizzeriaId", seq, at, kind, order_id AS "orderId", order_number AS "orderNumber",
                amount_cents AS "amountCents", ht_cents AS "htCents", vat, method
           FROM sales_journal WHERE order_id = ANY($1::uuid[]) ORDER BY pizzeria_id, seq`,
        [orderIds],
      ),
    };
  },
  async erase() {
    return {};
  },
};
