// The inalterable sales journal (article 286, I-3° bis du CGI; BOI-TVA-DECLA-30-10-30): every event that matters
// for the money of a sale is appended, in the transaction of that event, to its shop's journal, numbered without
// gap, chained by SHA-256 and carrying the perpetual grand total; closures (day, month, fiscal year) are chained
// and signed with Ed25519; the database refuses any change (migration 023); the verifier recomputes everything.
//
// Entries (amounts signed, tax included, with HT and VAT per rate):
// - sale: an order delivered or collected, with how it was paid (revenue);
// - payment: an online payment captured (money received, no revenue: the sale is recorded at hand-over);
// - refund: money given back (revenue, negative, when the order was sold; else money only);
// - cancellation: an order cancelled while money was captured for it (no revenue: it was never sold);
// - correction: how a collected payment was taken, corrected (« Corriger le moyen de paiement »): two entries,
//   the amount taken off the recorded means and put on the true one (revenue, netting to zero per VAT rate).
// A correction is always new entries, never a change.
// The other modules reach it through the small interfaces they declare (orders' JournalForOrders, payments'
// JournalForPayments), so that it never depends on them.
import type { JournalSettings } from '../../config/index.js';
import type { Database, Tx } from '../../db/executor.js';
import type { Clock } from '../../shared/clock.js';
import { NotFoundError } from '../../shared/errors.js';
import type { VatLine } from '../../shared/money.js';
import { orderAmounts, refundBreakdown, storedBreakdown, trustedBreakdown } from '../accounting/index.js';
import type { EntryKind, JournalVat } from './canonical.js';
import { writeClosure, type ClosureRequest } from './closures.js';
import { publishedKeys } from './closures.repository.js';
import { appendEntry, orderMoney, type OrderMoney } from './journal.repository.js';
import { loadSigningKey } from './signing.js';
import { createClosingJob } from './closing-job.js';
import { businessDayAt } from './schedule.js';
import { listClosures, recentClosures, shopCalendar, type ClosureFilter } from './schedule.repository.js';
import { prepareArchive, type ArchiveRequest } from './archive.js';
import { verifyDatabase, type VerifyOptions } from './verification.js';

export * from './canonical.js';
export { appendEntry, entriesOfOrder, ENTRY_COLUMNS, type EntryDraft } from './journal.repository.js';
export { loadSigningKey, verifySignature, keyIdOfPem, type SigningKey } from './signing.js';
export { PERIOD_FORMAT, writeClosure, type ClosureRequest } from './closures.js';
export { CLOSURE_COLUMNS } from './closures.repository.js';
export { businessDayAt, cutoffOf, type ClosingRules, type ShopCalendar } from './schedule.js';
export type { ClosureFilter } from './schedule.repository.js';
export type { Written as WrittenClosure } from './closing-job.js';
export { journalHolder } from './personal-data.js';
export { journalRouter } from './journal.routes.js';
export {
  verifyJournal,
  verificationReport,
  keyRing,
  pemKeys,
  type KeyRing,
  type Verification,
  type ShopSource,
} from './verify.js';
export { verifyDatabase, type VerifyOptions } from './verification.js';
export { archiveQuery, journalVerifyRouter, sendArchive } from './journal-verify.routes.js';
export {
  verifyArchive,
  listTar,
  archiveFileName,
  type ArchiveManifest,
  type ArchiveVerification,
} from './archive.js';

/** The order's VAT breakdown as the FEC reads it: the stored one when it adds up, else from its lines. */
function breakdownOf(o: OrderMoney): VatLine[] {
  if (o.lines === null) return storedBreakdown(o.vatBreakdown) ?? [];
  return trustedBreakdown(o.vatBreakdown, orderAmounts(o.lines, o.deliveryFeeCents));
}

const negate = (vat: JournalVat[]) =>
  vat.map((v) => ({ rateBp: v.rateBp, baseCents: -v.baseCents, vatCents: -v.vatCents }));

/** A part of an order's amount spread over its VAT rates (pro rata, as the FEC spreads refunds). */
const shareOf = (o: OrderMoney, cents: number) =>
  cents === o.totalCents ? breakdownOf(o) : refundBreakdown(cents, breakdownOf(o));

export interface JournalDeps {
  db: Database;
  clock: Clock;
  settings: JournalSettings;
}

export function createJournalService(deps: JournalDeps) {
  const signingKey = loadSigningKey(deps.settings.signingKey);
  async function append(
    tx: Tx,
    o: OrderMoney,
    kind: EntryKind,
    entry: {
      vat: JournalVat[];
      method: string;
      revenue: boolean;
      employeeId: number | null;
      reference: string | null;
    },
    at: Date = deps.clock.now(),
  ) {
    return appendEntry(tx, {
      pizzeriaId: o.pizzeriaId,
      at,
      kind,
      orderId: o.id,
      orderNumber: o.number,
      ...entry,
    });
  }
  async function money(tx: Tx, orderId: string) {
    const o = await orderMoney(tx, orderId);
    if (!o) throw new Error(`sales journal: order ${orderId} not found`);
    return o;
  }

  const close = (r: ClosureRequest) => deps.db.transaction((tx) => writeClosure(tx, signingKey, r));
  const job = createClosingJob({ db: deps.db, clock: deps.clock, rules: deps.settings, close });

  return {
    /** The key closures are signed with (its id and public key, as published). */
    signingKey: { keyId: signingKey.keyId, publicKeyPem: signingKey.publicKeyPem },
    /** Every public key closures were ever signed with. */
    publishedKeys: () => deps.db.read((ex) => publishedKeys(ex)),
    /** Verifies the journal (every shop, or one; a period of Paris days), stopping at the first problem. */
    verify: (options: VerifyOptions = {}) => verifyDatabase(deps.db, options),
    /** The archive of a closed month or year (409 period_not_closed otherwise), signed with the current key. */
    archive: (r: ArchiveRequest) => prepareArchive(deps.db, signingKey, r, deps.clock.now()),
    /** Writes a closure in its own transaction (409 closure_exists when the period is already closed). */
    close,
    /** The automatic closures, checked soon after start then every minute (API processes); returns the stop. */
    startClosingJob: job.start,
    /** One check of the automatic closures at the clock's time: the closures written (tests, scripts). */
    runClosingJob: job.runOnce,
    /**
     * « Clôturer la journée »: the manager closes the shop's current business day now, with every entry written
     * so far (later ones go to the next day); days before it still due are closed first, as the job would have.
     * 404 pizzeria_not_found; 409 closure_exists when that day is already closed.
     */
    async closeBusinessDay(pizzeriaId: number, employeeId: number | null) {
      const shop = await deps.db.read((ex) => shopCalendar(ex, pizzeriaId));
      if (!shop) throw new NotFoundError('Cette pizzeria n’existe pas.', 'pizzeria_not_found');
      const now = deps.clock.now();
      const day = businessDayAt(now, shop.timeZone, deps.settings);
      await job.catchUp(pizzeriaId, now, day);
      return close({ pizzeriaId, kind: 'day', period: day, closedAt: now, closedByEmployeeId: employeeId });
    },
    /** The shop's current business day (YYYY-MM-DD), the one « Clôturer la journée » closes. */
    async businessDay(pizzeriaId: number) {
      const shop = await deps.db.read((ex) => shopCalendar(ex, pizzeriaId));
      if (!shop) throw new NotFoundError('Cette pizzeria n’existe pas.', 'pizzeria_not_found');
      return businessDayAt(deps.clock.now(), shop.timeZone, deps.settings);
    },
    /** The `limit` newest closures of these shops, and all their month and year closures, newest first. */
    recentClosures: (pizzeriaIds: number[], limit: number) =>
      deps.db.read((ex) => recentClosures(ex, pizzeriaIds, limit)),
    /** A shop's closures in chain order (404 pizzeria_not_found). */
    async listClosures(filter: ClosureFilter) {
      return deps.db.read(async (ex) => {
        if (!(await shopCalendar(ex, filter.pizzeriaId))) {
          throw new NotFoundError('Cette pizzeria n’existe pas.', 'pizzeria_not_found');
        }
        return listClosures(ex, filter);
      });
    },
    /** The order was delivered or collected: its sale, paid by `method` (the provider of its settled payment
     * when not given), dated by its hand-over's status event, as the FEC dates it (a reading of the clock of its
     * own could fall on the next day). Call it last in the transaction: the shop's journal stays locked until
     * commit. */
    async recordSale(tx: Tx, e: { orderId: string; employeeId: number | null; method?: string }) {
      const o = await money(tx, e.orderId);
      return append(
        tx,
        o,
        'sale',
        {
          vat: breakdownOf(o),
          method: e.method ?? o.provider ?? 'unpaid',
          revenue: true,
          employeeId: e.employeeId,
          reference: null,
        },
        o.soldAt ?? undefined,
      );
    },
    /** An online payment was captured (the caller makes sure it is recorded once). */
    async recordCapture(tx: Tx, e: { orderId: string; amountCents: number; reference: string }) {
      const o = await money(tx, e.orderId);
      return append(tx, o, 'payment', {
        vat: shareOf(o, e.amountCents),
        method: 'stripe',
        revenue: false,
        employeeId: null,
        reference: e.reference,
      });
    },
    /** Money given back: counts against the revenue when the order was sold (not cancelled), as in the FEC.
     * `at`: the refund's own time, as recorded with it (the FEC's date of the refund). */
    async recordRefund(
      tx: Tx,
      e: {
        orderId: string;
        amountCents: number;
        provider: string;
        employeeId: number | null;
        reference: string;
        at: Date;
      },
    ) {
      const o = await money(tx, e.orderId);
      return append(
        tx,
        o,
        'refund',
        {
          vat: negate(shareOf(o, e.amountCents)),
          method: e.provider,
          revenue: o.status !== 'cancelled',
          employeeId: e.employeeId,
          reference: e.reference,
        },
        e.at,
      );
    },
    /** « Corriger le moyen de paiement »: `amountCents` taken at hand-over was recorded as `from` but was taken
     * by `to`: two correction entries, the amount off `from` then onto `to`, spread over the order's VAT rates
     * (net zero in revenue and VAT; the money moves between means, as the FEC books it on the same day). */
    async recordCorrection(
      tx: Tx,
      e: {
        orderId: string;
        amountCents: number;
        from: string;
        to: string;
        employeeId: number | null;
        reference: string;
        at: Date;
      },
    ) {
      const o = await money(tx, e.orderId);
      const vat = shareOf(o, e.amountCents);
      const entry = { revenue: true, employeeId: e.employeeId, reference: e.reference };
      const off = await append(tx, o, 'correction', { ...entry, vat: negate(vat), method: e.from }, e.at);
      const on = await append(tx, o, 'correction', { ...entry, vat, method: e.to }, e.at);
      return [off, on];
    },
    /** An order cancelled while money had been captured for it: what is left of it is to be given back. Nothing
     * when nothing is left. */
    async recordCancellation(
      tx: Tx,
      e: { orderId: string; employeeId: number | null; reference: string | null },
    ) {
      const o = await money(tx, e.orderId);
      const owed = o.paidCents - o.refundedCents;
      if (owed <= 0) return undefined;
      return append(tx, o, 'cancellation', {
        vat: negate(shareOf(o, owed)),
        method: o.provider ?? 'stripe',
        revenue: false,
        employeeId: e.employeeId,
        reference: e.reference,
      });
    },
  };
}

export type JournalService = ReturnType<typeof createJournalService>;
