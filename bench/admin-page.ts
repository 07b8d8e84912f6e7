// Benchmark 6, a back-office page in the browser: the compiled app with production settings (the back office's
// own process, as Supervisor runs it) on the demo data, Chromium on loopback, signed in as the group admin.
// Each page type is opened ROUNDS times, each time in a new browser context (empty cache: what a first visit
// of the day costs; the session cookie is carried over), and timed from the start of the navigation to the page
// showing its data (test/e2e/back-office-pages.ts). Goal (issue 17): every page type ready in <= 2 s (median).
import type { Browser } from 'playwright-core';
import {
  DASHBOARD,
  EXPORTS,
  list,
  MEMO,
  openTimed,
  record,
  recordAction,
  type PageSpec,
} from '../test/e2e/back-office-pages.js';
import { DEMO_STAFF_PASSWORD } from '../seeders/demo-data.js';
import { launchBrowser, signInBackOffice } from '../test/e2e/browser.js';
import {
  ADMIN_PATH,
  log,
  round,
  SMALL_DB,
  startApp,
  verdict,
  withClient,
  type BenchResult,
  median,
} from './lib.js';
import { ensureDatabase, migrateAndSeed } from './setup.js';

const GOAL_MS = 2_000;
const ROUNDS = Number(process.env.BENCH_PAGE_ROUNDS ?? 3);
/** NGINX tells the app the visit came over HTTPS, so the Secure session cookie is set. */
const PROXIED = { 'X-Forwarded-Proto': 'https' };

async function pages(): Promise<PageSpec[]> {
  return withClient(SMALL_DB, async (c) => {
    const one = async (sql: string) => (await c.query<{ id: string }>(sql)).rows[0]?.id;
    const order = await one('SELECT id FROM orders ORDER BY created_at DESC LIMIT 1');
    const product = await one('SELECT id FROM products ORDER BY id LIMIT 1');
    const stockItem = await one('SELECT id FROM stock_items ORDER BY id LIMIT 1');
    return [
      DASHBOARD,
      list('orders'),
      ...(order ? [record('orders', order, 'show')] : []),
      list('products'),
      record('products', product!, 'edit'),
      recordAction('stock_items', stockItem!, 'receipt'),
      EXPORTS,
      MEMO,
    ];
  });
}

/** Signs in once through the login form; returns the session (cookies) for the measured contexts. */
async function signIn(browser: Browser, base: string) {
  await withClient(SMALL_DB, (c) => c.query(`DELETE FROM rate_limits WHERE key LIKE 'staff-login:%'`));
  const context = await browser.newContext({ extraHTTPHeaders: PROXIED });
  const page = await context.newPage();
  await signInBackOffice(page, `${base}/login`, 'admin@ocpizza.fr', DEMO_STAFF_PASSWORD);
  const state = await context.storageState();
  await context.close();
  return state;
}

export async function adminPage(): Promise<BenchResult> {
  await ensureDatabase(SMALL_DB);
  await migrateAndSeed(SMALL_DB);
  const app = await startApp('app-admin-page', SMALL_DB, {}, 'admin');
  const { browser, close } = await launchBrowser();
  const byPage: Record<string, { path: string; ms: number[]; median: number }> = {};
  try {
    const base = `${app.url}${ADMIN_PATH}`;
    const storageState = await signIn(browser, base);
    const specs = await pages();
    // One unmeasured pass: the app's first use of each code path.
    const warm = await browser.newContext({ extraHTTPHeaders: PROXIED, storageState });
    const warmPage = await warm.newPage();
    for (const spec of specs) await openTimed(warmPage, base + spec.path, spec);
    await warm.close();
    for (let r = 0; r < ROUNDS; r += 1) {
      for (const spec of specs) {
        const context = await browser.newContext({ extraHTTPHeaders: PROXIED, storageState });
        const ms = await openTimed(await context.newPage(), base + spec.path, spec);
        await context.close();
        const key = `${spec.type} ${spec.path.split('/')[2] ?? ''}`.trim();
        (byPage[key] ??= { path: spec.path, ms: [], median: 0 }).ms.push(ms);
      }
    }
  } finally {
    await close();
    await app.stop();
  }
  for (const entry of Object.values(byPage)) entry.median = median(entry.ms);
  const [slowestName, slowest] = Object.entries(byPage).sort(([, a], [, b]) => b.median - a.median)[0];
  log(`admin pages: ${JSON.stringify(byPage)}`);
  const met = slowest.median <= GOAL_MS;
  const all = Object.values(byPage).flatMap((p) => p.ms);
  return {
    summary:
      `admin page ready (empty cache, ${Object.keys(byPage).length} page types x ${ROUNDS}): slowest ` +
      `« ${slowestName} » median ${slowest.median} ms, all pages median ${median(all)} ms ` +
      `(goal <= ${GOAL_MS} ms): ${verdict(met)}`,
    met,
    figures: { goalMs: GOAL_MS, rounds: ROUNDS, medianMs: round(median(all)), pages: byPage },
  };
}
