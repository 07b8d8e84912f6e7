// The payments module's part of a customer's personal data (issue 21): the payments, refunds and corrections of
// their orders. Accounting keeps them and they hold no personal data (no card number is ever stored: Stripe
// keeps the card); the export gives amounts, means, statuses and dates, not the provider's references.
// processed_webhook_events names Stripe events only, never an order or a customer: not a holder's table.
import type { PersonalDataHolder } from '../privacy/index.js';

export const paymentsHolder: PersonalDataHolder = {
  module: 'payments',
  tables: [
    { table: 'payments', treatment: 'kept', why: 'pièces comptables : montants et moyens de paiement' },
    { table: 'refunds', treatment: 'kept', why: 'pièces comptables : remboursements' },
    { table: 'payment_corrections', treatment: 'kept', why: 'pièces comptables : corrections de moyen' },
  ],
  async exportFor(ex, { orderIds }) {
    return {
      payments: await ex.many(
        `SELECT id, order_id AS "orderId", provider, status, amount_cents AS "amountCents",
                refunded_cents AS "refundedCents", created_at AS "createdAt", updated_at AS "updatedAt"
           FROM payments WHERE order_id = ANY($1::uuid[]) ORDER BY id`,
        [orderIds],
      ),
      refunds: await ex.many(
        `SELECT id, payment_id AS "paymentId", order_id AS "orderId", amount_cents AS "amountCents", reason, status,
                created_at AS "createdAt"
           FROM refunds WHERE order_id = ANY($1::uuid[]) ORDER BY id`,
        [orderIds],
      ),
      corrections: await ex.many(
        `SELECT id, payment_id AS "paymentId", order_id AS "orderId", from_provider AS "fromProvider",
                to_provider AS "toProvider", amount_cents AS "amountCents", created_at AS "createdAt"
           FROM payment_corrections WHERE order_id = ANY($1::uuid[]) ORDER BY id`,
        [orderIds],
      ),
    };
  },
  async erase() {
    return {};
  },
};
