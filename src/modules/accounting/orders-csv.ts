// The orders export for French Excel: UTF-8 with a BOM, `;` between cells, CRLF, decimal comma, dates and
// times in Paris time. One row per order line; the order's own columns (delivery fee, totals, payment,
// refunds) are repeated on each of its lines so that every row stands alone in a filter or a pivot table.
//
// Which orders: every order placed in the period (Paris days) that is a sale or on its way to become one.
// Cancelled orders are left out (no revenue: nothing was sold, any authorisation was voided) and so are orders
// still waiting for their online payment (not yet accepted; they either become `received` or are cancelled).
// Orders in progress appear with their status; only `Livrée`/`Retirée` ones are in the FEC.
import type { Writable } from 'node:stream';
import type { Executor } from '../../db/executor.js';
import type { ReadDatabase } from '../../db/replica.js';
import { NotFoundError } from '../../shared/errors.js';
import type { OrdersExportFilters } from './accounting.schemas.js';
import { streamQuery } from './cursor-export.js';
import { csvRecord, csvText, frenchAmount, frenchRate } from './format.js';
import { allocateVat, orderAmounts, trustedBreakdown } from './vat.js';
import { ORDER_STATUS_LABELS } from '../orders/index.js';
import { PAYMENT_PROVIDER_LABELS } from '../payments/index.js';

/** Statuses left out of the export (no sale). */
export const CSV_EXCLUDED_STATUSES = ['cancelled', 'pending_payment'] as const;

export const ORDERS_CSV_COLUMNS = [
  'N° commande',
  'Date',
  'Pizzeria',
  'Canal',
  'Mode',
  'Statut',
  'Produit',
  'Taille',
  'Suppléments',
  'Quantité',
  'Prix unitaire TTC',
  'Taux TVA (%)',
  'Montant HT',
  'TVA',
  'Montant TTC',
  'Frais de livraison TTC',
  'Total commande HT',
  'TVA commande',
  'Total commande TTC',
  'Moyen de paiement',
  'Statut du paiement',
  'Montant remboursé',
] as const;

const CHANNELS: Record<string, string> = { web: 'Site', phone: 'Téléphone', counter: 'Comptoir' };
const FULFILMENTS: Record<string, string> = { delivery: 'Livraison', takeaway: 'À emporter' };
const STATUSES: Record<string, string> = ORDER_STATUS_LABELS;
/** What the customer chose at ordering. */
const METHODS: Record<string, string> = {
  card_online: 'Carte en ligne',
  card_on_delivery: 'Carte à la livraison',
  cash: 'Espèces',
  meal_voucher: 'Titres-restaurant',
};
const PAYMENT_STATUSES: Record<string, string> = {
  unpaid: 'Non payée',
  pending: 'En attente',
  authorized: 'Autorisée',
  paid: 'Payée',
  partially_refunded: 'Partiellement remboursée',
  refunded: 'Remboursée',
  failed: 'Échouée',
  voided: 'Annulée',
};
const label = (labels: Record<string, string>, value: string) => labels[value] ?? value;

interface CsvRow {
  orderId: string;
  number: string;
  placedAt: string;
  shop: string;
  channel: string;
  fulfilment: string;
  status: string;
  deliveryFeeCents: number;
  totalCents: number;
  vatBreakdown: unknown;
  paymentMethod: string;
  paymentStatus: string;
  paidWith: string | null;
  refundedCents: number;
  position: number | null;
  productName: string | null;
  sizeLabel: string | null;
  extras: unknown;
  quantity: number | null;
  unitPriceCents: number | null;
  vatRateBp: number | null;
  lineTotalCents: number | null;
}

// Period bounds: the first day's midnight and the day after the last one's, in Paris time (DST-aware).
export const ORDERS_CSV_SQL = `
  SELECT o.id AS "orderId", o.number, to_char(o.created_at AT TIME ZONE 'Europe/Paris', 'DD/MM/YYYY HH24:MI') AS "placedAt",
         p.code AS shop, o.channel::text AS channel, o.fulfilment::text AS fulfilment, o.status::text AS status,
         o.delivery_fee_cents AS "deliveryFeeCents", o.total_cents AS "totalCents", o.vat_breakdown AS "vatBreakdown",
         o.payment_method::text AS "paymentMethod", o.payment_status::text AS "paymentStatus",
         (SELECT pm.provider::text FROM payments pm WHERE pm.order_id = o.id AND pm.status = 'succeeded'
           ORDER BY pm.id DESC LIMIT 1) AS "paidWith",
         (SELECT COALESCE(SUM(r.amount_cents), 0)::int FROM refunds r WHERE r.order_id = o.id AND r.status = 'succeeded')
           AS "refundedCents",
         l.position, l.product_name AS "productName", l.size_label AS "sizeLabel", l.extras, l.quantity,
         l.unit_price_cents AS "unitPriceCents", l.vat_rate_bp AS "vatRateBp", l.line_total_cents AS "lineTotalCents"
    FROM orders o
    JOIN pizzerias p ON p.id = o.pizzeria_id
    LEFT JOIN order_lines l ON l.order_id = o.id
   WHERE o.created_at >= ($1::date)::timestamp AT TIME ZONE 'Europe/Paris'
     AND o.created_at < ($2::date + 1)::timestamp AT TIME ZONE 'Europe/Paris'
     AND o.status <> ALL ($3::order_status[])
     AND ($4::int IS NULL OR o.pizzeria_id = $4::int)
   ORDER BY o.created_at, o.number, l.position`;

function extrasText(extras: unknown): string {
  if (!Array.isArray(extras)) return '';
  return extras
    .map((e) => (typeof e === 'object' && e !== null ? String((e as { name?: unknown }).name ?? '') : ''))
    .filter(Boolean)
    .join(', ');
}

/** The CSV text of one order: one record per line (one record with empty line cells for an order without). */
function orderRecords(rows: CsvRow[]): string {
  const head = rows[0];
  const lines = rows.filter((r) => r.position !== null);
  const amounts = orderAmounts(
    lines.map((l) => ({ rateBp: l.vatRateBp!, inclusiveCents: l.lineTotalCents! })),
    head.deliveryFeeCents,
  );
  const breakdown = trustedBreakdown(head.vatBreakdown, amounts);
  const lineVat = allocateVat(amounts, breakdown);
  const orderVat = breakdown.reduce((s, l) => s + l.vatCents, 0);
  const orderCells = [
    frenchAmount(head.deliveryFeeCents),
    frenchAmount(head.totalCents - orderVat),
    frenchAmount(orderVat),
    frenchAmount(head.totalCents),
    csvText(
      head.paidWith ? label(PAYMENT_PROVIDER_LABELS, head.paidWith) : label(METHODS, head.paymentMethod),
    ),
    csvText(label(PAYMENT_STATUSES, head.paymentStatus)),
    frenchAmount(head.refundedCents),
  ];
  const start = [
    csvText(head.number),
    head.placedAt,
    csvText(head.shop),
    csvText(label(CHANNELS, head.channel)),
    csvText(label(FULFILMENTS, head.fulfilment)),
    csvText(label(STATUSES, head.status)),
  ];
  if (lines.length === 0) return csvRecord([...start, '', '', '', '', '', '', '', '', '', ...orderCells]);
  return lines
    .map((l, i) =>
      csvRecord([
        ...start,
        csvText(l.productName),
        csvText(l.sizeLabel),
        csvText(extrasText(l.extras)),
        String(l.quantity),
        frenchAmount(l.unitPriceCents!),
        frenchRate(l.vatRateBp!),
        frenchAmount(l.lineTotalCents! - lineVat[i]),
        frenchAmount(lineVat[i]),
        frenchAmount(l.lineTotalCents!),
        ...orderCells,
      ]),
    )
    .join('');
}

export interface OrdersCsvOutcome {
  orders: number;
  lines: number;
  bytes: number;
}

/**
 * Streams the orders of the period (and shop) as CSV to `writable`, then ends it. Rejects on failure; see
 * cursor-export.ts for what happens to `writable` then.
 */
export async function streamOrdersCsv(
  db: ReadDatabase,
  filters: OrdersExportFilters,
  writable: Writable,
): Promise<OrdersCsvOutcome> {
  let current: CsvRow[] = [];
  let orders = 0;
  let lines = 0;
  const flushOrder = () => {
    if (current.length === 0) return '';
    const text = orderRecords(current);
    orders += 1;
    lines += current.filter((r) => r.position !== null).length;
    current = [];
    return text;
  };
  const { bytes } = await streamQuery<CsvRow>(
    db,
    {
      text: ORDERS_CSV_SQL,
      values: [filters.from, filters.to, [...CSV_EXCLUDED_STATUSES], filters.pizzeriaId ?? null],
    },
    writable,
    {
      header: '\uFEFF' + csvRecord(ORDERS_CSV_COLUMNS.map(csvText)),
      // Rows come order by order: an order's lines are written together once its last line is read.
      row: (row) => {
        const text = current.length > 0 && current[0].orderId !== row.orderId ? flushOrder() : '';
        current.push(row);
        return text;
      },
      end: flushOrder,
    },
  );
  return { orders, lines, bytes };
}

/** `commandes_2027-01-01_2027-01-31.csv`, with the shop's code when the export is for one shop. */
export function ordersCsvFileName(filters: OrdersExportFilters, shopCode?: string | null): string {
  const shop = shopCode ? `_${shopCode.replace(/[^A-Za-z0-9-]/g, '_')}` : '';
  return `commandes${shop}_${filters.from}_${filters.to}.csv`;
}

/** The code of the shop an export is for (its file name carries it); 404 pizzeria_not_found. */
export async function shopCode(ex: Executor, pizzeriaId: number): Promise<string> {
  const row = await ex.one<{ code: string }>(`SELECT code FROM pizzerias WHERE id = $1`, [pizzeriaId]);
  if (!row) throw new NotFoundError('Cette pizzeria n’existe pas.', 'pizzeria_not_found');
  return row.code;
}
