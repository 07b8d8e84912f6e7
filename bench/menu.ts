// Benchmark 2, menu with live availability: `GET /api/pizzerias/:id/menu` of the compiled app (production
// settings) against a bare node:http + pg server running the same SQL statement (bench/baselines/
// menu-server.ts), 32 autocannon connections on loopback, rounds A B B A. Before measuring, both answers are
// compared: the same products, sizes, extras and quantities that can still be made.
import { abba, combine, load, problems } from './load.js';
import {
  LOAD_SECONDS,
  log,
  round,
  SMALL_DB,
  startApp,
  startBaseline,
  verdict,
  type BenchResult,
  type Proc,
} from './lib.js';
import { prepareSmallDb } from './setup.js';

const CONNECTIONS = 32;
const WARMUP_SECONDS = 3;
const GOAL_RATIO = 0.85;

interface MenuLike {
  products: { id: number; sizes: { id: number; maxQuantity: number }[] }[];
  extras: { id: number; maxQuantity: number }[];
}

const essence = (m: MenuLike) =>
  JSON.stringify({
    products: m.products.map((p) => [p.id, p.sizes.map((s) => [s.id, s.maxQuantity])]),
    extras: m.extras.map((e) => [e.id, e.maxQuantity]),
  });

async function menuOf(proc: Proc, path: string): Promise<string> {
  const res = await fetch(proc.url + path);
  if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
  return essence((await res.json()) as MenuLike);
}

export async function menu(): Promise<BenchResult> {
  const fx = await prepareSmallDb();
  const shop = fx.shops[0];
  const path = `/api/pizzerias/${shop.id}/menu`;
  log(`menu: ${path} (shop ${shop.code}), ${LOAD_SECONDS} s per phase`);
  const answers = new Set<string>();
  const runs = await abba(
    {
      app: () => startApp('app-menu', SMALL_DB),
      base: () => startBaseline('bench/baselines/menu-server.ts', SMALL_DB),
    },
    async (proc) => {
      answers.add(await menuOf(proc, path));
      await load({ url: proc.url + path, connections: CONNECTIONS, duration: WARMUP_SECONDS });
    },
    async (proc, side, r) => {
      const f = await load({ url: proc.url + path, connections: CONNECTIONS }, proc);
      log(
        `menu ${side} r${r}: ${round(f.perSecond)} req/s, p50 ${f.p50} ms, p99 ${f.p99} ms, ` +
          `${f.cpuMsPerRequest} ms CPU/req, ${problems(f) ?? 'no failure'}`,
      );
      return f;
    },
  );
  const app = combine(runs.app);
  const base = combine(runs.base);
  const ratio = round(app.perSecond / base.perSecond, 2);
  const same = answers.size === 1;
  const met = ratio >= GOAL_RATIO && app.failed === 0;
  const issues = [
    app.failed ? `app: ${app.failed} failed requests` : '',
    base.failed ? `bare: ${base.failed} failed requests` : '',
    same ? '' : 'the two servers answered different menus',
  ].filter(Boolean);
  return {
    summary:
      `menu: app ${round(app.perSecond)} req/s (p50 ${app.p50} ms, p99 ${app.p99} ms) vs bare node:http + pg ` +
      `${round(base.perSecond)} req/s (p50 ${base.p50} ms, p99 ${base.p99} ms) -> ratio ${ratio} ` +
      `(goal >= ${GOAL_RATIO}): ${verdict(met)}; CPU per request ${app.cpuMsPerRequest} vs ${base.cpuMsPerRequest} ms` +
      (issues.length ? ` [${issues.join('; ')}]` : ` [${app.ok + base.ok} menus, 0 errors]`),
    met,
    figures: {
      path,
      connections: CONNECTIONS,
      secondsPerPhase: LOAD_SECONDS,
      baseline:
        'bench/baselines/menu-server.ts: node:http + pg Pool, MENU_SQL and menuParams of menu.repository.ts, the row as one JSON document',
      ratio,
      app,
      bare: base,
      sameMenu: same,
    },
  };
}
