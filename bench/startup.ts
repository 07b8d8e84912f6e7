// Benchmark 5, start-up: milliseconds from spawning the npm script to the first `GET /readyz` 200 (polled every
// 20 ms), for `npm start` on a fresh embedded database (PGlite: creation, migrations, demo seed, site build),
// `npm start` again on the same folder (later runs, median of 3), and `npm run start:prod` (compiled app,
// production settings) against the migrated ocpizza_bench (median of 3). The first run starts without the
// compiled copy of the sources (dist/dev) nor the site's bundle (site/dist), as after a fresh clone. Goals (issue 14): first run <= 10 s, later
// runs <= 3 s, start:prod <= 2 s.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  freePort,
  log,
  productionEnv,
  round,
  SMALL_DB,
  spawnLogged,
  verdict,
  waitReady,
  type BenchResult,
  median,
} from './lib.js';
import { ensureDatabase, migrateAndSeed } from './setup.js';

const LATER_RUNS = 3;
const GOAL_FIRST_MS = 10_000;
const GOAL_LATER_MS = 3_000;
const GOAL_PROD_MS = 2_000;

async function timeToReady(name: string, script: string[], env: (port: number) => Record<string, string>) {
  const port = await freePort();
  const started = performance.now();
  const proc = spawnLogged(name, 'npm', script, env(port), `http://127.0.0.1:${port}`);
  try {
    return round(await waitReady(proc, started, 180_000));
  } finally {
    await proc.stop();
  }
}

export async function startup(): Promise<BenchResult> {
  await ensureDatabase(SMALL_DB);
  await migrateAndSeed(SMALL_DB);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ocpizza-bench-pglite-'));
  const devEnv = (port: number) => ({
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    PORT: String(port),
    EMBEDDED_DB_DIR: dir,
  });
  try {
    // What a fresh clone lacks and `npm start` makes: the compiled sources and the site's bundle.
    for (const built of ['dist/dev', 'site/dist'])
      rmSync(path.resolve(built), { recursive: true, force: true });
    const first = await timeToReady('startup-first', ['start'], devEnv);
    log(`start-up: npm start, first run ${first} ms`);
    const later: number[] = [];
    for (let i = 0; i < LATER_RUNS; i++) later.push(await timeToReady('startup-later', ['start'], devEnv));
    log(`start-up: npm start, later runs ${later.join(', ')} ms`);
    const prod: number[] = [];
    for (let i = 0; i < LATER_RUNS; i++) {
      prod.push(
        await timeToReady('startup-prod', ['run', 'start:prod'], (port) => productionEnv(SMALL_DB, port)),
      );
    }
    log(`start-up: npm run start:prod, ${prod.join(', ')} ms`);
    const figures = { firstRunMs: first, laterRunsMs: later, startProdMs: prod };
    const met = first <= GOAL_FIRST_MS && median(later) <= GOAL_LATER_MS && median(prod) <= GOAL_PROD_MS;
    const s = (ms: number) => `${round(ms / 1000, 1)} s`;
    return {
      summary:
        `start-up to /readyz 200: npm start first run (embedded PostgreSQL created and seeded) ${s(first)}, ` +
        `later runs ${s(median(later))}, npm run start:prod ${s(median(prod))} (medians of ${LATER_RUNS}; ` +
        `goals: first <= ${s(GOAL_FIRST_MS)}, later <= ${s(GOAL_LATER_MS)}, start:prod <= ${s(GOAL_PROD_MS)}): ` +
        verdict(met),
      met,
      figures,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
