// Benchmark 4, the back office's orders list over a million orders: the AdminJS JSON API of the compiled app
// (production settings, signed in as the group admin through the login form, behind a simulated HTTPS proxy
// since the session cookie is Secure), `GET <admin>/api/resources/orders/actions/list` for the first pages
// (newest first) and for filtered pages (status, shop, both, and a status almost no order has). Each group is
// a bounded run of requests at 2 concurrent clients; p95 latency per group, goal <= 300 ms.
import { DEMO_STAFF_PASSWORD } from '../seeders/demo-data.js';
import { ensureBigDb } from './generate.js';
import { percentile } from './load.js';
import {
  ADMIN_PATH,
  BIG_DB,
  log,
  round,
  startApp,
  verdict,
  withClient,
  type BenchResult,
  type Proc,
} from './lib.js';

const GOAL_P95_MS = 300;
const CONCURRENCY = 2;
const REQUESTS_PER_GROUP = Number(process.env.BENCH_ADMIN_REQUESTS ?? 200);
const MAX_SECONDS_PER_GROUP = 20;
/** The proxy in front of the app (NGINX) says the client came over HTTPS; the app trusts one proxy. */
const PROXIED = { 'X-Forwarded-Proto': 'https' };

async function login(app: Proc): Promise<string> {
  await withClient(BIG_DB, (c) => c.query(`DELETE FROM rate_limits WHERE key LIKE 'staff-login:%'`));
  const res = await fetch(`${app.url}${ADMIN_PATH}/login`, {
    method: 'POST',
    headers: { ...PROXIED, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: 'admin@ocpizza.fr', password: DEMO_STAFF_PASSWORD }).toString(),
    redirect: 'manual',
  });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (res.status !== 302 || !cookie) throw new Error(`admin login failed: ${res.status}`);
  return cookie;
}

interface Group {
  name: string;
  queries: string[];
}

async function shopIds(): Promise<number[]> {
  return withClient(BIG_DB, async (c) =>
    (await c.query(`SELECT id FROM pizzerias ORDER BY code`)).rows.map((r) => r.id),
  );
}

function groups(shops: number[]): Group[] {
  const pages = (q: string, n: number) =>
    Array.from({ length: n }, (_, i) => `${q}${q ? '&' : ''}page=${i + 1}`);
  return [
    { name: 'first pages', queries: pages('', 5) },
    {
      name: 'filtered pages',
      queries: [
        ...pages('filters.status=cancelled', 3),
        ...pages(`filters.pizzeriaId=${shops[2]}`, 3),
        ...pages(`filters.status=delivered&filters.pizzeriaId=${shops[4]}`, 3),
        ...pages('filters.status=received', 1),
      ],
    },
  ];
}

async function runGroup(app: Proc, cookie: string, group: Group) {
  const base = `${app.url}${ADMIN_PATH}/api/resources/orders/actions/list?`;
  const times: number[] = [];
  const byQuery = new Map<string, number[]>();
  let failures = 0;
  let next = 0;
  const deadline = performance.now() + MAX_SECONDS_PER_GROUP * 1000;
  const client = async () => {
    while (next < REQUESTS_PER_GROUP && performance.now() < deadline) {
      const query = group.queries[next++ % group.queries.length];
      const started = performance.now();
      const res = await fetch(base + query, { headers: { ...PROXIED, Cookie: cookie } });
      const body = (await res.json().catch(() => null)) as { records?: unknown[] } | null;
      const ms = performance.now() - started;
      if (res.status !== 200 || !Array.isArray(body?.records) || body.records.length === 0) failures += 1;
      times.push(ms);
      byQuery.set(query, [...(byQuery.get(query) ?? []), ms]);
    }
  };
  // One unmeasured pass over every query first (the app's first use of each code path and plan), checking
  // that the filters were applied: every record listed has the filtered values.
  for (const q of group.queries) {
    const res = await fetch(base + q, { headers: { ...PROXIED, Cookie: cookie } });
    const { records = [] } = (await res.json()) as { records?: { params: Record<string, unknown> }[] };
    const wanted = [...new URLSearchParams(q)].filter(([k]) => k.startsWith('filters.'));
    const wrong = records.filter((r) => wanted.some(([k, v]) => String(r.params[k.slice(8)]) !== v));
    if (records.length === 0 || wrong.length > 0) throw new Error(`admin list ?${q}: filter not applied`);
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, client));
  const slowest = [...byQuery]
    .map(([q, t]) => ({ query: q, p95: round(percentile(t, 95)) }))
    .sort((a, b) => b.p95 - a.p95);
  return {
    requests: times.length,
    failures,
    p50: round(percentile(times, 50)),
    p95: round(percentile(times, 95)),
    max: round(Math.max(...times)),
    slowest: slowest.slice(0, 3),
  };
}

export async function adminList(): Promise<BenchResult> {
  const meta = await ensureBigDb();
  const app = await startApp('app-admin-list', BIG_DB, {}, 'admin');
  const results: Record<string, Awaited<ReturnType<typeof runGroup>>> = {};
  try {
    const cookie = await login(app);
    for (const group of groups(await shopIds())) {
      results[group.name] = await runGroup(app, cookie, group);
      log(`admin list, ${group.name}: ${JSON.stringify(results[group.name])}`);
    }
  } finally {
    await app.stop();
  }
  const first = results['first pages'];
  const filtered = results['filtered pages'];
  const failures = first.failures + filtered.failures;
  const met = first.p95 <= GOAL_P95_MS && filtered.p95 <= GOAL_P95_MS && failures === 0;
  return {
    summary:
      `admin orders list (${meta.orders} orders): first pages p95 ${first.p95} ms (p50 ${first.p50}), filtered ` +
      `pages p95 ${filtered.p95} ms (p50 ${filtered.p50}; slowest ${filtered.slowest[0]?.query} ` +
      `${filtered.slowest[0]?.p95} ms) (goal <= ${GOAL_P95_MS} ms): ${verdict(met)}` +
      (failures
        ? ` [${failures} failed requests]`
        : ` [${first.requests + filtered.requests} requests, 0 errors]`),
    met,
    figures: { orders: meta.orders, concurrency: CONCURRENCY, groups: results },
  };
}
