// The orders module's part of a customer's personal data (issue 21): their orders with lines, amounts, VAT and
// status history. An erasure anonymises them through eraseOrdersPersonalData (personal-data.ts, the one way):
// the amounts, lines and VAT stay for accounting.
import type { Executor, Tx } from '../../db/executor.js';
import type { PostalAddress } from '../delivery/index.js';
import type { PersonalDataHolder } from '../privacy/index.js';
import { eraseOrdersPersonalData } from './personal-data.js';
import { FINAL_STATUSES, type OrderStatus } from './state-machine.js';

/** Every order placed with the account, oldest first, with whether it is still in progress. */
export async function ordersOfCustomer(
  ex: Executor,
  customerId: number,
): Promise<{ id: string; number: string; inProgress: boolean }[]> {
  const rows = await ex.many<{ id: string; number: string; status: OrderStatus }>(
    `SELECT id, number, status FROM orders WHERE customer_id = $1 ORDER BY created_at, id`,
    [customerId],
  );
  return rows.map((r) => ({ id: r.id, number: r.number, inProgress: !FINAL_STATUSES.includes(r.status) }));
}

/**
 * Locks the account's orders (FOR UPDATE, in id order) before an erasure locks the account: every other writer
 * (a refund, a staff step, whose messages name the customer) locks the order first and the customer after
 * (the outbox's foreign key), so the erasure takes them in the same order and never deadlocks with them.
 */
export async function lockOrdersOfCustomer(tx: Tx, customerId: number): Promise<number> {
  return tx.exec(`SELECT id FROM orders WHERE customer_id = $1 ORDER BY id FOR UPDATE`, [customerId]);
}

/** The orders' delivery addresses still held (the geocoding cache is keyed by them). */
export function deliveryAddressesOf(ex: Executor, orderIds: readonly string[]): Promise<PostalAddress[]> {
  return ex.many<PostalAddress>(
    `SELECT delivery_line1 AS line1, delivery_postcode AS postcode, delivery_city AS city FROM orders
      WHERE id = ANY($1::uuid[]) AND delivery_line1 IS NOT NULL AND delivery_postcode IS NOT NULL
        AND delivery_city IS NOT NULL`,
    [orderIds],
  );
}

export function ordersHolder(now: () => Date): PersonalDataHolder {
  return {
    module: 'orders',
    tables: [
      {
        table: 'orders',
        treatment: 'anonymised',
        why: 'commandes : montants et TVA gardés, nom et adresse effacés',
      },
      {
        table: 'order_lines',
        treatment: 'kept',
        why: 'lignes de commande : produits et prix, sans personne',
      },
      {
        table: 'order_status_events',
        treatment: 'anonymised',
        why: 'historique des statuts, notes effacées',
      },
    ],
    async exportFor(ex, { orderIds }) {
      const orders = await ex.many<Record<string, unknown> & { id: string }>(
        `SELECT id, number, pizzeria_id AS "pizzeriaId", channel, fulfilment, status, customer_name AS "customerName",
                customer_phone AS "customerPhone", delivery_line1 AS "deliveryLine1", delivery_line2 AS "deliveryLine2",
                delivery_postcode AS "deliveryPostcode", delivery_city AS "deliveryCity",
                delivery_instructions AS "deliveryInstructions", delivery_lat AS "deliveryLat",
                delivery_lng AS "deliveryLng", note, subtotal_cents AS "subtotalCents",
                delivery_fee_cents AS "deliveryFeeCents", total_cents AS "totalCents", vat_breakdown AS "vatBreakdown",
                payment_method AS "paymentMethod", payment_status AS "paymentStatus", scheduled_for AS "scheduledFor",
                created_at AS "createdAt", updated_at AS "updatedAt", personal_data_erased_at AS "personalDataErasedAt"
           FROM orders WHERE id = ANY($1::uuid[]) ORDER BY created_at, id`,
        [orderIds],
      );
      const lines = await ex.many<Record<string, unknown> & { orderId: string }>(
        `SELECT id, order_id AS "orderId", position, product_name AS "productName", size_label AS "sizeLabel",
                unit_price_cents AS "unitPriceCents", extras, quantity, vat_rate_bp AS "vatRateBp",
                line_total_cents AS "lineTotalCents"
           FROM order_lines WHERE order_id = ANY($1::uuid[]) ORDER BY order_id, position`,
        [orderIds],
      );
      const events = await ex.many<Record<string, unknown> & { orderId: string }>(
        `SELECT id, order_id AS "orderId", from_status AS "from", to_status AS "to", actor_type AS "actorType", note,
                created_at AS "at"
           FROM order_status_events WHERE order_id = ANY($1::uuid[]) ORDER BY order_id, id`,
        [orderIds],
      );
      // Each order's rows, grouped once (a customer may have thousands of orders).
      const byOrder = <T extends { orderId: string }>(rows: T[]) => {
        const groups = new Map<string, Omit<T, 'orderId'>[]>();
        for (const { orderId, ...rest } of rows) {
          const group = groups.get(orderId) ?? [];
          group.push(rest);
          groups.set(orderId, group);
        }
        return (id: string) => groups.get(id) ?? [];
      };
      const linesOf = byOrder(lines);
      const eventsOf = byOrder(events);
      return {
        orders: orders.map((o) => ({ ...o, lines: linesOf(o.id), statusHistory: eventsOf(o.id) })),
      };
    },
    async erase(tx, { orderIds }) {
      const touched = await eraseOrdersPersonalData(tx, orderIds, now());
      return { ...touched, order_lines: 0 };
    },
  };
}
