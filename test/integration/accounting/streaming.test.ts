import { Writable } from 'node:stream';
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { CURSOR_BATCH_ROWS, streamFec, streamOrdersCsv } from '../../../src/modules/accounting/index.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { createShopWorld, staffWithToken, type ShopWorld } from '../../factories/shop.js';
import { cents, csvObjects, download, insertSoldOrders, parseFec, sum } from './support.js';

// A fixed past day: the bulk orders are placed from 08:00 Paris time, one per second.
const DAY = '2026-06-15';
const START = new Date('2026-06-15T06:00:00Z');
const PERIOD = { from: DAY, to: DAY };

/** A destination that takes every chunk; `hold()` makes it stop acknowledging until `resume()`. */
function sink() {
  const chunks: Buffer[] = [];
  let held: (() => void)[] | null = null;
  const writable = new Writable({
    highWaterMark: 16 * 1024,
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      if (held) held.push(callback);
      else callback();
    },
  });
  return {
    writable,
    received: () => sum(chunks.map((c) => c.length)),
    text: () => new TextDecoder('utf-8', { ignoreBOM: true }).decode(Buffer.concat(chunks)),
    hold: () => (held = []),
    resume: () => {
      const waiting = held ?? [];
      held = null;
      for (const callback of waiting) callback();
    },
  };
}

describe('accountant exports: streaming from a database cursor', function () {
  this.timeout(120_000);
  let app: TestApp;
  let w: ShopWorld;
  let accountant: string;

  before(async () => {
    app = await startTestApp();
  });
  after(() => app.close());
  beforeEach(async () => {
    w = await createShopWorld(app.db);
    accountant = (await staffWithToken(app.db, 'accountant', null)).token;
  });

  /**
   * Sessions in the middle of an export (its cursor open: the query stays `active` between fetches, no Sync is
   * sent) or left in a transaction: an export that did not clean up would stay so.
   */
  async function openExports(): Promise<number> {
    const [row] = await app.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()
          AND (state LIKE 'idle in transaction%'
               OR (state = 'active' AND (query LIKE '%AS "placedAt"%' OR query LIKE '%AS "entryDate"%')))`,
      { type: QueryTypes.SELECT },
    );
    return row.n;
  }

  /** An order whose line has a VAT rate no account exists for: the FEC cannot write its entry. */
  async function insertUnaccountableOrder(at: Date) {
    await insertSoldOrders(app.db, w, 1, at, 'BAD-');
    await app.db.query(
      `UPDATE order_lines SET vat_rate_bp = 700 WHERE order_id IN (SELECT id FROM orders WHERE number LIKE 'BAD-%')`,
    );
    await app.db.query(
      `UPDATE orders SET vat_breakdown = '[{"rateBp":700,"baseCents":1439,"vatCents":101}]' WHERE number LIKE 'BAD-%'`,
    );
  }

  it('when thousands of orders are exported, then every line comes out in order and the totals hold', async () => {
    const count = 3 * CURSOR_BATCH_ROWS + 7;
    const { totalCents } = await insertSoldOrders(app.db, w, count, START);

    const csv = await download(app.url, `/api/staff/exports/orders.csv?from=${DAY}&to=${DAY}`, accountant);
    expect(csv.status).to.equal(200);
    const rows = csvObjects(csv.text);
    expect(rows).to.have.length(2 * count);
    expect(rows[0]['N° commande']).to.equal('V-0000001');
    expect(rows[0].Date).to.equal('15/06/2026 08:00');
    expect(rows[rows.length - 1]['N° commande']).to.equal(`V-${String(count).padStart(7, '0')}`);
    expect(sum(rows.map((r) => cents(r['Montant TTC'])))).to.equal(totalCents);

    const fec = await download(app.url, `/api/staff/exports/fec?from=${DAY}&to=${DAY}`, accountant);
    const { rows: lines } = parseFec(fec.text);
    expect(lines).to.have.length(5 * count); // money, then sales and VAT for two rates
    expect(lines[lines.length - 1].EcritureNum).to.equal(String(count));
    expect(sum(lines.map((r) => cents(r.Debit)))).to.equal(totalCents);
    expect(sum(lines.map((r) => cents(r.Credit)))).to.equal(totalCents);
    expect(await openExports()).to.equal(0);
  });

  it('when the destination stops reading, then the cursor waits with it (rows are fetched as they are written)', async () => {
    const count = 5000;
    await insertSoldOrders(app.db, w, count, START);
    const dest = sink();
    dest.hold();
    const done = streamOrdersCsv(app.database, PERIOD, dest.writable);
    let receivedWhileHeld: number;
    try {
      // The export is now blocked on the destination, its cursor open in the database.
      let waiting = 0;
      for (let i = 0; i < 100 && waiting === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        waiting = await openExports();
      }
      expect(waiting).to.equal(1);
      await new Promise((resolve) => setTimeout(resolve, 100));
      receivedWhileHeld = dest.received();
      expect(receivedWhileHeld).to.be.above(0);
    } finally {
      dest.resume();
    }
    const outcome = await done;
    expect(outcome).to.include({ orders: count, lines: 2 * count });
    expect(outcome.bytes).to.equal(dest.received());
    // Only the first batches were read while the destination held: a small part of the file.
    expect(receivedWhileHeld).to.be.below(outcome.bytes / 5);
    expect(csvObjects(dest.text())).to.have.length(2 * count);
    expect(dest.writable.writableFinished).to.equal(true);
    expect(await openExports()).to.equal(0);
  });

  it('when the FEC fails midway, then the download is cut short (no end) and the connection goes back to the pool', async () => {
    await insertSoldOrders(app.db, w, 3000, START);
    await insertUnaccountableOrder(new Date('2026-06-15T16:00:00Z'));

    const res = await fetch(`${app.url}/api/staff/exports/fec?from=${DAY}&to=${DAY}`, {
      headers: { Authorization: `Bearer ${accountant}` },
    });
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-disposition')).to.match(/FEC20260615\.txt"$/);
    let failure: unknown;
    try {
      await res.arrayBuffer();
    } catch (error) {
      failure = error;
    }
    expect(failure, 'a truncated download must fail on the client').to.be.instanceOf(Error);

    // Through the service as the back office calls it: rejected, the destination destroyed, not finished.
    const dest = sink();
    let serviceError: unknown;
    try {
      await streamFec(app.database, app.settings.accounting, PERIOD, dest.writable);
    } catch (error) {
      serviceError = error;
    }
    expect((serviceError as Error).message).to.match(/VAT rate 700/);
    expect(dest.received()).to.be.above(64 * 1024);
    expect(dest.writable.destroyed).to.equal(true);
    expect(dest.writable.writableFinished).to.equal(false);

    expect(await openExports()).to.equal(0);
    const csv = await download(app.url, `/api/staff/exports/orders.csv?from=${DAY}&to=${DAY}`, accountant);
    expect(csvObjects(csv.text)).to.have.length(2 * 3001);
  });

  it('when the export fails before its first byte, then the answer is a JSON 500, not a file', async () => {
    await insertUnaccountableOrder(START);
    const res = await fetch(`${app.url}/api/staff/exports/fec?from=${DAY}&to=${DAY}`, {
      headers: { Authorization: `Bearer ${accountant}` },
    });
    expect(res.status).to.equal(500);
    expect(res.headers.get('content-type')).to.match(/^application\/json/);
    expect(res.headers.get('content-disposition')).to.equal(null);
    expect(((await res.json()) as any).error.code).to.equal('internal_error');

    const dest = sink();
    let rejected = false;
    await streamFec(app.database, app.settings.accounting, PERIOD, dest.writable).catch(
      () => (rejected = true),
    );
    expect(rejected).to.equal(true);
    expect(dest.received()).to.equal(0);
    expect(dest.writable.destroyed, 'left to the caller').to.equal(false);
  });

  it('when clients cancel their downloads, then every connection returns to the pool', async () => {
    await insertSoldOrders(app.db, w, 10_000, START);
    // More cancelled downloads than the pool has connections (10): a leak would block the next ones.
    for (let i = 0; i < 12; i++) {
      const controller = new AbortController();
      const res = await fetch(`${app.url}/api/staff/exports/orders.csv?from=${DAY}&to=${DAY}`, {
        headers: { Authorization: `Bearer ${accountant}` },
        signal: controller.signal,
      });
      const reader = res.body!.getReader();
      await reader.read();
      controller.abort();
      await reader.read().catch(() => undefined);
    }
    for (let i = 0; i < 50 && (await openExports()) > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await openExports()).to.equal(0);
    const fec = await download(app.url, `/api/staff/exports/fec?from=${DAY}&to=${DAY}`, accountant);
    expect(fec.status).to.equal(200);
    expect(parseFec(fec.text).rows).to.have.length(5 * 10_000);
  });
});
