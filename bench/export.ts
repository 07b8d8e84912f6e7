// Benchmark 3, accountant export: the orders CSV of the most recent days holding a million order lines, through
// the compiled app (production settings, `GET /api/staff/exports/orders.csv` with an accountant's token, read
// to the end on loopback), against `psql \copy (the same query) to stdout csv` (ORDERS_CSV_SQL itself, its
// parameters written in). Rows per second of each, their ratio, and the app's memory: resident set before,
// the highest sampled every 50 ms during the export, and the kernel's peak (VmHWM) since start.
import { spawn } from 'node:child_process';
import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import { CSV_EXCLUDED_STATUSES, ORDERS_CSV_SQL } from '../src/modules/accounting/orders-csv.js';
import { ensureBigDb } from './generate.js';
import {
  BIG_DB,
  dbUrl,
  log,
  memoryMb,
  round,
  startApp,
  verdict,
  withClient,
  type BenchResult,
} from './lib.js';
import { employeeToken } from './setup.js';

const GOAL_RATIO = 0.5;
const GOAL_RSS_MB = 200;

async function countLines(stream: Readable): Promise<{ lines: number; bytes: number }> {
  let lines = 0;
  let bytes = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines += 1;
  }
  return { lines, bytes };
}

/** The product's query with its parameters written in, on one line (psql's \copy takes a single line). */
function literalQuery(from: string, to: string): string {
  const values: Record<string, string> = {
    '1': `'${from}'`,
    '2': `'${to}'`,
    '3': `'{${CSV_EXCLUDED_STATUSES.join(',')}}'`,
    '4': 'NULL',
  };
  return ORDERS_CSV_SQL.replace(/\$(\d)/g, (_, n: string) => values[n]).replace(/\s+/g, ' ');
}

async function psqlCopy(from: string, to: string) {
  const started = performance.now();
  const child = spawn(
    'psql',
    [
      '-X',
      '-q',
      '-v',
      'ON_ERROR_STOP=1',
      '-d',
      dbUrl(BIG_DB),
      '-c',
      `\\copy (${literalQuery(from, to)}) to stdout csv`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const { lines, bytes } = await countLines(child.stdout);
  if ((await exited) !== 0) throw new Error('psql \\copy failed');
  const seconds = (performance.now() - started) / 1000;
  return { rows: lines, bytes, seconds: round(seconds, 2), rowsPerSecond: round(lines / seconds) };
}

export async function accountantExport(): Promise<BenchResult> {
  const meta = await ensureBigDb();
  const { from, to } = meta.export;
  log(`export: ${from} .. ${to}, ${meta.export.lines} order lines expected`);
  const token = await withClient(BIG_DB, (c) => employeeToken(c, 'compta@ocpizza.fr'));
  await psqlCopy(from, to); // warms PostgreSQL's cache for both sides
  const app = await startApp('app-export', BIG_DB);
  let product;
  let memory;
  try {
    const before = memoryMb(app.pid);
    let sampled = before.rss;
    const sampler = setInterval(() => (sampled = Math.max(sampled, memoryMb(app.pid).rss)), 50);
    const started = performance.now();
    const res = await fetch(`${app.url}/api/staff/exports/orders.csv?from=${from}&to=${to}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (res.status !== 200) throw new Error(`export answered ${res.status}: ${await res.text()}`);
    const { lines, bytes } = await countLines(Readable.fromWeb(res.body as ReadableStream));
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const after = memoryMb(app.pid);
    memory = { beforeMb: round(before.rss), sampledPeakMb: round(sampled), vmHwmMb: round(after.peak) };
    // The CSV has a header record; every other record is one order line.
    product = {
      rows: lines - 1,
      bytes,
      seconds: round(seconds, 2),
      rowsPerSecond: round((lines - 1) / seconds),
    };
  } finally {
    await app.stop();
  }
  const baseline = await psqlCopy(from, to);
  log(`export: app ${JSON.stringify(product)} ${JSON.stringify(memory)}; psql ${JSON.stringify(baseline)}`);
  const ratio = round(product.rowsPerSecond / baseline.rowsPerSecond, 2);
  const peak = Math.max(memory.sampledPeakMb, memory.vmHwmMb);
  const complete = product.rows === meta.export.lines && baseline.rows === meta.export.lines;
  const met = ratio >= GOAL_RATIO && peak < GOAL_RSS_MB && complete;
  return {
    summary:
      `accountant export: app ${product.rows} lines in ${product.seconds} s = ${product.rowsPerSecond} rows/s ` +
      `(peak RSS ${peak} MB) vs psql \\copy ${baseline.rowsPerSecond} rows/s -> ratio ${ratio} ` +
      `(goal >= ${GOAL_RATIO}, RSS < ${GOAL_RSS_MB} MB): ${verdict(met)}` +
      (complete ? '' : ` [expected ${meta.export.lines} rows: app ${product.rows}, psql ${baseline.rows}]`),
    met,
    figures: {
      period: { from, to },
      expectedRows: meta.export.lines,
      ratio,
      app: { ...product, memory },
      psql: baseline,
    },
  };
}
