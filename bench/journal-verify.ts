// Benchmark 8, the sales journal's verifier over a million entries (issue 19): its own database
// (ocpizza_bench_journal: migrated, demo shops), 1,000,000 chained entries spread over four shops with a day
// closure every 1,000 entries and a month closure at the end of each month, signed with a key of the benchmark's
// (hashes computed in Node with canonical.ts, inserted by batches; generated once and kept, not measured). Then the
// full verification as `npm run journal:verify` runs it (every entry re-hashed, chains, grand totals, closures'
// signatures and totals, journal heads), timed, with the process's peak RSS sampled. Goal: < 30 s, memory flat.
import { generateKeyPairSync } from 'node:crypto';
import type pg from 'pg';
import { createDatabase } from '../src/db/executor.js';
import {
  closureHash,
  entryHash,
  GENESIS_HASH,
  loadSigningKey,
  TotalsAccumulator,
  verifyDatabase,
  type Closure,
  type JournalEntry,
} from '../src/modules/journal/index.js';
import { dbUrl, log, round, verdict, withClient, type BenchResult } from './lib.js';
import { ensureDatabase, migrateAndSeed } from './setup.js';

export const JOURNAL_DB = 'ocpizza_bench_journal';
const ENTRIES = Number(process.env.BENCH_JOURNAL_ENTRIES ?? 1_000_000);
const SHOPS = 4;
const PER_DAY = 1000;
const BATCH = 5000;
const GOAL_SECONDS = 30;
const METHODS = ['cash', 'card_terminal', 'meal_voucher', 'stripe'];
const DAY_MS = 86_400_000;
const START = Date.parse('2025-01-01T08:00:00Z');

/** The i-th entry of a shop (deterministic), before chaining. */
function draft(pizzeriaId: number, i: number) {
  const kind = i % 50 === 49 ? 'refund' : i % 10 === 7 ? 'payment' : 'sale';
  const sign = kind === 'refund' ? -1 : 1;
  const base1 = sign * (800 + (i % 37) * 10);
  const base2 = sign * (200 + (i % 11) * 5);
  const vat = [
    { rateBp: 1000, baseCents: base1, vatCents: Math.round(base1 / 10) },
    { rateBp: 550, baseCents: base2, vatCents: Math.round((base2 * 55) / 1000) },
  ];
  const ht = base1 + base2;
  return {
    pizzeriaId,
    at: new Date(START + Math.floor(i / PER_DAY) * DAY_MS + (i % PER_DAY) * 40_000),
    kind: kind as JournalEntry['kind'],
    orderId: null,
    orderNumber: `B${pizzeriaId}-${String(i + 1).padStart(7, '0')}`,
    amountCents: ht + vat[0].vatCents + vat[1].vatCents,
    htCents: ht,
    vat,
    method: METHODS[i % METHODS.length],
    revenue: kind !== 'payment',
    employeeId: null,
    reference: null,
  };
}

const ENTRY_INSERT = `INSERT INTO sales_journal (pizzeria_id, seq, at, kind, order_id, order_number, amount_cents,
    ht_cents, vat, method, revenue, employee_id, reference, grand_total_cents, prev_hash, hash)
  SELECT p, s, a, k, NULL, n, am, h, v::jsonb, m, r, NULL, NULL, g, ph, hh
    FROM unnest($1::int[], $2::bigint[], $3::timestamptz[], $4::text[], $5::text[], $6::bigint[], $7::bigint[],
                $8::text[], $9::text[], $10::boolean[], $11::bigint[], $12::text[], $13::text[])
      AS t(p, s, a, k, n, am, h, v, m, r, g, ph, hh)`;

async function insertEntries(c: pg.Client, rows: JournalEntry[]) {
  const col = <T>(f: (e: JournalEntry) => T) => rows.map(f);
  await c.query(ENTRY_INSERT, [
    col((e) => e.pizzeriaId),
    col((e) => e.seq),
    col((e) => e.at),
    col((e) => e.kind),
    col((e) => e.orderNumber),
    col((e) => e.amountCents),
    col((e) => e.htCents),
    col((e) => JSON.stringify(e.vat)),
    col((e) => e.method),
    col((e) => e.revenue),
    col((e) => e.grandTotalCents),
    col((e) => e.prevHash),
    col((e) => e.hash),
  ]);
}

async function insertClosure(c: pg.Client, k: Closure) {
  await c.query(
    `INSERT INTO journal_closures (pizzeria_id, seq, kind, period, first_seq, last_seq, entries, totals,
       grand_total_cents, closed_at, closed_by_employee_id, prev_hash, hash, key_id, signature)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULL, $11, $12, $13, $14)`,
    [
      k.pizzeriaId,
      k.seq,
      k.kind,
      k.period,
      k.firstSeq,
      k.lastSeq,
      k.entries,
      JSON.stringify(k.totals),
      k.grandTotalCents,
      k.closedAt,
      k.prevHash,
      k.hash,
      k.keyId,
      k.signature,
    ],
  );
}

/** Writes the benchmark's journal (once: kept while it has the expected size). */
async function generate(c: pg.Client): Promise<{ shops: number; closures: number }> {
  const shops = (
    await c.query<{ id: number }>(`SELECT id FROM pizzerias ORDER BY code LIMIT $1`, [SHOPS])
  ).rows.map((r) => r.id);
  const [{ n }] = (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM sales_journal`)).rows;
  const [{ k }] = (await c.query<{ k: number }>(`SELECT count(*)::int AS k FROM journal_closures`)).rows;
  if (n === ENTRIES && k > 0) {
    log(`journal-verify: ${n} entries already generated`);
    return { shops: shops.length, closures: k };
  }
  log(`journal-verify: generating ${ENTRIES} entries over ${shops.length} shops`);
  const started = performance.now();
  await c.query('BEGIN');
  await c.query('SET LOCAL session_replication_role = replica');
  await c.query('TRUNCATE journal_closures, sales_journal, journal_heads, journal_keys');
  const der = generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' });
  const key = loadSigningKey(der.toString('base64'));
  await c.query(`INSERT INTO journal_keys (key_id, public_key) VALUES ($1, $2)`, [
    key.keyId,
    key.publicKeyPem,
  ]);
  let closures = 0;
  for (const [s, pizzeriaId] of shops.entries()) {
    const count = Math.floor(ENTRIES / shops.length) + (s < ENTRIES % shops.length ? 1 : 0);
    let prevHash = GENESIS_HASH;
    let grandTotal = 0;
    let batch: JournalEntry[] = [];
    let closureSeq = 0;
    let closurePrev = GENESIS_HASH;
    let day = new TotalsAccumulator();
    let month = new TotalsAccumulator();
    let dayFirst = 1;
    let monthFirst = 1;
    const close = async (
      kind: 'day' | 'month',
      period: string,
      acc: TotalsAccumulator,
      first: number,
      last: number,
      at: Date,
    ) => {
      closureSeq += 1;
      const unsigned = {
        pizzeriaId,
        seq: closureSeq,
        kind,
        period,
        firstSeq: first,
        lastSeq: last,
        entries: acc.count,
        totals: acc.totals(),
        grandTotalCents: grandTotal,
        closedAt: at,
        closedByEmployeeId: null,
        prevHash: closurePrev,
        keyId: key.keyId,
      };
      const hash = closureHash(unsigned);
      await insertClosure(c, { ...unsigned, hash, signature: key.sign(hash) });
      closurePrev = hash;
      closures += 1;
    };
    for (let i = 0; i < count; i++) {
      const d = draft(pizzeriaId, i);
      const seq = i + 1;
      grandTotal += d.revenue ? d.amountCents : 0;
      const unhashed = { ...d, seq, grandTotalCents: grandTotal, prevHash };
      const e = { ...unhashed, hash: entryHash(unhashed) };
      prevHash = e.hash;
      batch.push(e);
      day.add(e);
      month.add(e);
      if (batch.length === BATCH) {
        await insertEntries(c, batch);
        batch = [];
      }
      const endOfDay = seq % PER_DAY === 0 || seq === count;
      if (endOfDay) {
        const date = new Date(START + Math.floor(i / PER_DAY) * DAY_MS);
        const period = date.toISOString().slice(0, 10);
        await close('day', period, day, dayFirst, seq, new Date(date.getTime() + 15 * 3_600_000));
        day = new TotalsAccumulator();
        dayFirst = seq + 1;
        const next = new Date(date.getTime() + DAY_MS);
        if (next.getUTCDate() === 1 && seq !== count) {
          await close(
            'month',
            period.slice(0, 7),
            month,
            monthFirst,
            seq,
            new Date(next.getTime() + 3_600_000),
          );
          month = new TotalsAccumulator();
          monthFirst = seq + 1;
        }
      }
    }
    if (batch.length > 0) await insertEntries(c, batch);
    await c.query(
      `INSERT INTO journal_heads (pizzeria_id, last_seq, prev_hash, last_hash, grand_total_cents)
       SELECT pizzeria_id, seq, prev_hash, hash, grand_total_cents FROM sales_journal WHERE pizzeria_id = $1 AND seq = $2`,
      [pizzeriaId, count],
    );
    log(`journal-verify: shop ${pizzeriaId}: ${count} entries, ${closureSeq} closures`);
  }
  await c.query('COMMIT');
  await c.query('VACUUM ANALYZE sales_journal');
  log(`journal-verify: generated in ${round((performance.now() - started) / 1000, 1)} s`);
  return { shops: shops.length, closures };
}

/** The benchmark's database with its journal (generated when missing or of another size). */
export async function prepareJournalDb(): Promise<{ shops: number; closures: number }> {
  await ensureDatabase(JOURNAL_DB);
  await migrateAndSeed(JOURNAL_DB);
  return withClient(JOURNAL_DB, generate);
}

export async function journalVerify(): Promise<BenchResult> {
  const generated = await prepareJournalDb();
  const db = createDatabase({ url: dbUrl(JOURNAL_DB), poolMax: 1, applicationName: 'ocpizza-bench-journal' });
  const rssMb = () => round(process.memoryUsage().rss / 1024 / 1024);
  const heapMb = () => round(process.memoryUsage().heapUsed / 1024 / 1024);
  const before = rssMb();
  let peak = before;
  // RSS grows as V8 lets garbage build up (it measured 270 -> 540 MB with a 1M run, while the same run capped at
  // --max-old-space-size=96 completed with 38 MB of heap at most): the live heap is the figure for "constant".
  let heapPeak = heapMb();
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb());
    heapPeak = Math.max(heapPeak, heapMb());
  }, 100);
  try {
    const started = performance.now();
    const v = await verifyDatabase(db, {});
    const seconds = round((performance.now() - started) / 1000, 2);
    peak = Math.max(peak, rssMb());
    const entries = v.shops.reduce((s, x) => s + x.entries, 0);
    const closures = v.shops.reduce((s, x) => s + x.closures, 0);
    const met = v.intact && entries === ENTRIES && seconds < GOAL_SECONDS;
    return {
      summary:
        `journal verification: ${entries} entries and ${closures} closures of ${v.shops.length} shops ` +
        `${v.intact ? 'intact' : `BROKEN (${v.problem?.message})`} in ${seconds} s = ` +
        `${round(entries / seconds)} entries/s (RSS ${before} -> peak ${peak} MB, heap peak ${heapPeak} MB) ` +
        `(goal < ${GOAL_SECONDS} s): ${verdict(met)}`,
      met,
      figures: {
        entries,
        closures,
        shops: v.shops.length,
        generatedClosures: generated.closures,
        intact: v.intact,
        seconds,
        entriesPerSecond: round(entries / seconds),
        rssMb: { before, peak },
        heapPeakMb: heapPeak,
      },
    };
  } finally {
    clearInterval(sampler);
    await db.close();
  }
}
