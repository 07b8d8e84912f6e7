// The FEC (fichier des écritures comptables, art. A47 A-1 du LPF) of the sales journal, for the whole company
// (one SIREN, every shop): the 18 columns in their legal order, `|` between fields, one header line, dates
// AAAAMMJJ, amounts with a decimal comma, UTF-8 without BOM, CRLF. Entries are in chronological order and
// numbered 1, 2, 3… without gap in the file.
//
// - One entry per sold order, on the day it was sold: when it was delivered or handed over (`delivered` /
//   `collected`). Debit: where the money went, by how it was actually taken (cash drawer, meal vouchers, card
//   terminal, Stripe), or customers when no settled payment is recorded; credit: sales excluding VAT and VAT
//   collected, rate by rate, from the order's VAT breakdown. PieceRef is the order number, PieceDate the day it
//   was placed. An order placed on the last evening of a period and delivered after midnight belongs to the
//   next period: each sale is in exactly one FEC whatever day it is exported.
// - One entry per refund, on its day, reversing the sale pro rata of the order's VAT rates (debit sales and
//   VAT, credit the account the money was taken on). Refunds of cancelled orders (an authorisation captured
//   after the cancellation and given back) are left out: no sale was ever recorded for them.
// - One entry per correction of how a collected payment was taken (« Corriger le moyen de paiement »), on its
//   day: debit the account the money really went to, credit the one it had been recorded on. A sale is booked
//   on the means recorded at hand-over (before any correction), so a past day's FEC never changes.
// - Cancelled or unfinished orders have no entry. Debit equals credit in each entry, to the cent.
import type { Writable } from 'node:stream';
import type { ReadDatabase } from '../../db/replica.js';
import type { AccountingSettings } from '../../config/index.js';
import type { VatLine } from '../../shared/money.js';
import type { ExportPeriod } from './accounting.schemas.js';
import { streamQuery } from './cursor-export.js';
import { compactDate, fecText, frenchAmount, frenchRate } from './format.js';
import {
  orderAmounts,
  refundBreakdown,
  storedBreakdown,
  trustedBreakdown,
  type InclusiveAmount,
} from './vat.js';

export const FEC_COLUMNS = [
  'JournalCode',
  'JournalLib',
  'EcritureNum',
  'EcritureDate',
  'CompteNum',
  'CompteLib',
  'CompAuxNum',
  'CompAuxLib',
  'PieceRef',
  'PieceDate',
  'EcritureLib',
  'Debit',
  'Credit',
  'EcritureLet',
  'DateLet',
  'ValidDate',
  'Montantdevise',
  'Idevise',
] as const;

const EOL = '\r\n';

interface FecRow {
  kind: 'sale' | 'refund' | 'correction';
  entryDate: string;
  pieceDate: string;
  number: string;
  amountCents: number;
  deliveryFeeCents: number;
  vatBreakdown: unknown;
  /** The order's lines, only when its stored breakdown does not account for its total (never through the API). */
  lines: InclusiveAmount[] | null;
  /** The money account's means: the sale's as recorded at hand-over, the refund's, a correction's old one. */
  provider: string | null;
  /** A correction's true means. */
  toProvider: string | null;
  /** The refund's or the correction's id. */
  pieceId: number | null;
}

// The stored breakdown is used when it adds up to the order's total; otherwise the lines are sent along so the
// breakdown can be computed again as placement does (CASE evaluates the subquery only for such orders).
const LINES_IF_NEEDED = `
  CASE
    WHEN jsonb_typeof(o.vat_breakdown) <> 'array' THEN (LINES)
    WHEN o.total_cents = (SELECT COALESCE(SUM((b->>'baseCents')::int + (b->>'vatCents')::int), 0)
                            FROM jsonb_array_elements(o.vat_breakdown) b) THEN NULL
    ELSE (LINES)
  END`.replace(
  /\(LINES\)/g,
  `(SELECT json_agg(json_build_object('rateBp', l.vat_rate_bp, 'inclusiveCents', l.line_total_cents))
      FROM order_lines l WHERE l.order_id = o.id)`,
);

const PARIS_DAY = (column: string) => `to_char(${column} AT TIME ZONE 'Europe/Paris', 'YYYYMMDD')`;
const IN_PERIOD = (column: string) => `${column} >= ($1::date)::timestamp AT TIME ZONE 'Europe/Paris'
     AND ${column} < ($2::date + 1)::timestamp AT TIME ZONE 'Europe/Paris'`;

export const FEC_SQL = `
  SELECT 'sale' AS kind, e.created_at AS at, 0 AS kind_order, ${PARIS_DAY('e.created_at')} AS "entryDate",
         ${PARIS_DAY('o.created_at')} AS "pieceDate", o.number, o.total_cents AS "amountCents",
         o.delivery_fee_cents AS "deliveryFeeCents", o.vat_breakdown AS "vatBreakdown", ${LINES_IF_NEEDED} AS lines,
         (SELECT COALESCE((SELECT c.from_provider FROM payment_corrections c WHERE c.payment_id = pm.id
                             ORDER BY c.id LIMIT 1), pm.provider)::text
            FROM payments pm WHERE pm.order_id = o.id AND pm.status = 'succeeded'
           ORDER BY pm.id DESC LIMIT 1) AS provider,
         NULL::text AS "toProvider", NULL::int AS "pieceId"
    FROM order_status_events e
    JOIN orders o ON o.id = e.order_id
   WHERE e.to_status IN ('delivered', 'collected')
     AND ${IN_PERIOD('e.created_at')}
  UNION ALL
  SELECT 'refund', r.created_at, 1, ${PARIS_DAY('r.created_at')}, ${PARIS_DAY('r.created_at')}, o.number,
         r.amount_cents, o.delivery_fee_cents, o.vat_breakdown, ${LINES_IF_NEEDED}, pm.provider::text, NULL, r.id
    FROM refunds r
    JOIN payments pm ON pm.id = r.payment_id
    JOIN orders o ON o.id = r.order_id
   WHERE r.status = 'succeeded'
     AND o.status <> 'cancelled'
     AND ${IN_PERIOD('r.created_at')}
  UNION ALL
  SELECT 'correction', c.created_at, 2, ${PARIS_DAY('c.created_at')}, ${PARIS_DAY('c.created_at')}, o.number,
         c.amount_cents, o.delivery_fee_cents, NULL, NULL, c.from_provider::text, c.to_provider::text, c.id
    FROM payment_corrections c
    JOIN orders o ON o.id = c.order_id
   WHERE ${IN_PERIOD('c.created_at')}
   ORDER BY at, kind_order, number, "pieceId"`;

const ENTRY_LABELS: Record<FecRow['kind'], string> = {
  sale: 'Vente',
  refund: 'Remboursement',
  correction: 'Correction du moyen de paiement',
};

interface Posting {
  account: string;
  accountLabel: string;
  debitCents: number;
  creditCents: number;
}

/** The accounts of the sales journal, from the settings, with their French labels. */
export function chartOfAccounts(accounting: AccountingSettings) {
  const a = accounting.accounts;
  const byProvider: Record<string, { account: string; label: string }> = {
    cash: { account: a.cash, label: 'Caisse' },
    meal_voucher: { account: a.mealVouchers, label: 'Titres-restaurant à encaisser' },
    card_terminal: { account: a.cardTerminal, label: 'Cartes bancaires à encaisser' },
    stripe: { account: a.cardOnline, label: 'Paiements en ligne (Stripe) à encaisser' },
  };
  const customers = { account: a.customers, label: 'Clients' };
  const rateAccount = (map: Readonly<Record<number, string>>, rateBp: number, what: string) => {
    const account = map[rateBp];
    if (!account) throw new Error(`no ${what} account is configured for the VAT rate ${rateBp} bp`);
    return account;
  };
  return {
    /** Where the money of a sale went; customers when no settled payment is recorded. */
    money: (provider: string | null) => (provider ? byProvider[provider] : undefined) ?? customers,
    sales: (rateBp: number) => ({
      account: rateAccount(a.sales, rateBp, 'sales'),
      label: `Ventes TVA ${frenchRate(rateBp)} %`,
    }),
    vat: (rateBp: number) => ({
      account: rateAccount(a.vatCollected, rateBp, 'VAT collected'),
      label: `TVA collectée ${frenchRate(rateBp)} %`,
    }),
  };
}

function orderBreakdown(row: FecRow): VatLine[] {
  if (row.lines === null) return storedBreakdown(row.vatBreakdown) ?? [];
  return trustedBreakdown(row.vatBreakdown, orderAmounts(row.lines, row.deliveryFeeCents));
}

/** The postings of one entry, balanced; zero amounts are left out. */
function postings(row: FecRow, chart: ReturnType<typeof chartOfAccounts>): Posting[] {
  const money = chart.money(row.provider);
  if (row.kind === 'correction') {
    // The money moves from the account it was recorded on to the one it really went to.
    const to = chart.money(row.toProvider);
    return [
      { account: to.account, accountLabel: to.label, debitCents: row.amountCents, creditCents: 0 },
      { account: money.account, accountLabel: money.label, debitCents: 0, creditCents: row.amountCents },
    ];
  }
  const isSale = row.kind === 'sale';
  const breakdown = isSale ? orderBreakdown(row) : refundBreakdown(row.amountCents, orderBreakdown(row));
  // A sale credits sales and VAT and debits the money; a refund the other way round.
  const side = (cents: number, credit: boolean) =>
    credit ? { debitCents: 0, creditCents: cents } : { debitCents: cents, creditCents: 0 };
  const out: Posting[] = [
    { account: money.account, accountLabel: money.label, ...side(row.amountCents, !isSale) },
  ];
  for (const line of breakdown) {
    if (line.baseCents !== 0) {
      const sales = chart.sales(line.rateBp);
      out.push({ account: sales.account, accountLabel: sales.label, ...side(line.baseCents, isSale) });
    }
    if (line.vatCents !== 0) {
      const vat = chart.vat(line.rateBp);
      out.push({ account: vat.account, accountLabel: vat.label, ...side(line.vatCents, isSale) });
    }
  }
  const debit = out.reduce((s, p) => s + p.debitCents, 0);
  const credit = out.reduce((s, p) => s + p.creditCents, 0);
  if (debit !== credit) {
    throw new Error(
      `unbalanced ${row.kind} entry for order ${row.number}: debit ${debit} ≠ credit ${credit} (VAT breakdown)`,
    );
  }
  return out.filter((p) => p.debitCents !== 0 || p.creditCents !== 0);
}

export interface FecOutcome {
  entries: number;
  lines: number;
  debitCents: number;
  creditCents: number;
  bytes: number;
}

/**
 * Streams the FEC of the sales journal for the period (Paris days, both included) to `writable`, then ends
 * it. Rejects on failure; see cursor-export.ts for what happens to `writable` then.
 */
export async function streamFec(
  db: ReadDatabase,
  accounting: AccountingSettings,
  period: ExportPeriod,
  writable: Writable,
): Promise<FecOutcome> {
  const chart = chartOfAccounts(accounting);
  const journal = [fecText(accounting.journal.code), fecText(accounting.journal.label)];
  const totals = { entries: 0, lines: 0, debitCents: 0, creditCents: 0 };
  const { bytes } = await streamQuery<FecRow>(
    db,
    { text: FEC_SQL, values: [period.from, period.to] },
    writable,
    {
      header: FEC_COLUMNS.join('|') + EOL,
      row: (row) => {
        const entry = postings(row, chart);
        if (entry.length === 0) return '';
        totals.entries += 1;
        const number = String(totals.entries);
        const pieceRef =
          row.kind === 'sale'
            ? row.number
            : `${row.number}-${row.kind === 'refund' ? 'R' : 'C'}${row.pieceId}`;
        // Order numbers carry their shop's code (P03-0042).
        const label = `${ENTRY_LABELS[row.kind]} commande ${row.number}`;
        let text = '';
        for (const p of entry) {
          totals.lines += 1;
          totals.debitCents += p.debitCents;
          totals.creditCents += p.creditCents;
          text +=
            [
              ...journal,
              number,
              row.entryDate,
              fecText(p.account),
              fecText(p.accountLabel),
              '',
              '',
              fecText(pieceRef),
              row.pieceDate,
              fecText(label),
              frenchAmount(p.debitCents),
              frenchAmount(p.creditCents),
              '',
              '',
              row.entryDate,
              '',
              '',
            ].join('|') + EOL;
        }
        return text;
      },
      end: () => '',
    },
  );
  return { ...totals, bytes };
}

/** `<SIREN>FEC<AAAAMMJJ>.txt`, dated by the last day of the period. */
export function fecFileName(siren: string, period: ExportPeriod): string {
  return `${siren}FEC${compactDate(period.to)}.txt`;
}
