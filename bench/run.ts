// `npm run bench` (after `npm run build`): the eight benchmarks in order, or those named on the command line
// (`node --import tsx bench/run.ts menu export`). Each prints one summary line on stdout (progress goes to
// stderr) and is merged into bench/results/latest.json with the machine it ran on.
import { adminList } from './admin-list.js';
import { adminPage } from './admin-page.js';
import { accountantExport } from './export.js';
import { ensureBigDb } from './generate.js';
import { journalVerify } from './journal-verify.js';
import { machineInfo, requireBuild, saveResult, type BenchResult } from './lib.js';
import { menu } from './menu.js';
import { orderJournal } from './order-journal.js';
import { orderNotifications } from './order-notifications.js';
import { orderPlacement } from './order-placement.js';
import { privacyExportBench } from './privacy-export.js';
import { retentionBench } from './retention.js';
import { startup } from './startup.js';
import { stockForecastBench } from './stock-forecast.js';

const BENCHMARKS: Record<string, () => Promise<BenchResult>> = {
  'order-placement': orderPlacement,
  'order-notifications': orderNotifications,
  'order-journal': orderJournal,
  menu,
  export: accountantExport,
  'admin-list': adminList,
  'admin-page': adminPage,
  startup,
  'journal-verify': journalVerify,
  'stock-forecast': stockForecastBench,
  retention: retentionBench,
  'privacy-export': privacyExportBench,
};
const NEEDS_BIG_DB = new Set(['export', 'admin-list']);

async function main(): Promise<number> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((n) => !(n in BENCHMARKS));
  if (unknown.length > 0) {
    console.error(
      `unknown benchmark ${unknown.join(', ')}; choose among ${Object.keys(BENCHMARKS).join(', ')}`,
    );
    return 2;
  }
  requireBuild();
  await machineInfo();
  const names = asked.length > 0 ? asked : Object.keys(BENCHMARKS);
  const started = performance.now();
  if (names.some((n) => NEEDS_BIG_DB.has(n))) await ensureBigDb();
  const lines: string[] = [];
  let failed = false;
  for (const name of names) {
    try {
      const result = await BENCHMARKS[name]();
      await saveResult(name, result);
      console.log(result.summary);
      lines.push(result.summary);
    } catch (error) {
      failed = true;
      console.log(`${name}: FAILED (${error instanceof Error ? error.message : String(error)})`);
      console.error(error);
    }
  }
  const seconds = Math.round((performance.now() - started) / 1000);
  console.log(
    `bench: ${lines.length} of ${names.length} benchmarks in ${seconds} s, results in bench/results/latest.json`,
  );
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
