// What every benchmark shares: the databases, the compiled app started with production settings, a bare
// baseline server in its own process, memory and CPU readings from /proc, and the results file
// (bench/results/latest.json, merged benchmark by benchmark, with the machine it ran on). Load: load.ts.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { format, resolveConfig } from 'prettier';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const RESULTS_DIR = path.join(ROOT, 'bench', 'results');
export const LATEST = path.join(RESULTS_DIR, 'latest.json');
/** Server of the benchmark databases (never the test suites' databases). */
export const PG_SERVER = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
export const SMALL_DB = 'ocpizza_bench';
export const BIG_DB = 'ocpizza_bench_1m';
export const dbUrl = (name: string) => `${PG_SERVER}/${name}`;
/** Seconds of each measured load phase. */
export const LOAD_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** Connections to PostgreSQL: the app's DB_POOL_MAX default, used by the baselines too. */
export const POOL_MAX = 10;

/** The middle value (the upper one of the two middles for an even count). */
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export const ADMIN_PATH = '/gestion-bench';

export const log = (msg: string) => process.stderr.write(`bench: ${msg}\n`);
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const round = (n: number, digits = 0) => Math.round(n * 10 ** digits) / 10 ** digits;

export async function withClient<T>(db: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: dbUrl(db), connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Waits until no other session of `db` is running a statement or holding a transaction open. */
export async function waitIdle(db: string, timeoutMs = 20_000): Promise<void> {
  await withClient(db, async (c) => {
    const since = performance.now();
    while (performance.now() - since < timeoutMs) {
      const { rows } = await c.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'`,
      );
      if (rows[0].n === 0) return;
      await sleep(50);
    }
    throw new Error(`${db}: sessions still busy after ${timeoutMs} ms`);
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Production settings (OCPIZZA_SETTINGS=production, log level info to a file as under Supervisor): every
 * mandatory variable is given; the third-party ones are valid in form but point at nothing. Placement pays on
 * delivery (no Stripe call), takeaway (no Maps call); a Sentry event would go to a closed local port.
 */
/** The sales journal's closure signing key of this run (production refuses the demo's and the tests' keys). */
const JOURNAL_SIGNING_KEY = generateKeyPairSync('ed25519')
  .privateKey.export({ format: 'der', type: 'pkcs8' })
  .toString('base64');

export function productionEnv(db: string, port: number): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    NODE_ENV: 'production',
    OCPIZZA_SETTINGS: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: dbUrl(db),
    SECRET_KEY: 'bench-secret-key-0123456789abcdef',
    SECRET_ADMIN_URL: ADMIN_PATH,
    SENTRY_DSN: 'http://benchkey@127.0.0.1:9/1',
    STRIPE_API_KEY: 'sk_test_bench_points_nowhere',
    STRIPE_PUBLISHABLE_KEY: 'pk_test_bench_points_nowhere',
    STRIPE_WEBHOOK_SECRET: 'whsec_bench_points_nowhere',
    MAPS_API_KEY: 'bench-maps-key-points-nowhere',
    ACCOUNTING_SIREN: '732829320',
    JOURNAL_SIGNING_KEY,
    // E-mails go to a closed local port unless a benchmark gives its own SMTP server (order-notifications.ts).
    SMTP_URL: 'smtp://127.0.0.1:9',
    MAIL_FROM: 'OC Pizza <commandes@ocpizza.example>',
    PUBLIC_URL: 'https://www.ocpizza.example',
    COMPANY_NAME: 'OC Pizza SAS',
    PRIVACY_CONTACT_EMAIL: 'donnees-personnelles@ocpizza.example',
    // Where the demo seed drew the product pictures (development's default folder).
    MEDIA_DIR: path.join(ROOT, 'var', 'media'),
  };
}

export interface Proc {
  child: ChildProcess;
  pid: number;
  url: string;
  logFile: string;
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

// Every process started here runs in its own process group (so that npm's children stop with it); should the
// runner itself stop early, the groups still alive are killed on its way out.
const live = new Set<number>();
process.once('exit', () => {
  for (const pid of live) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

/** Spawns a process (in its own process group) with stdout and stderr to bench/results/logs/<name>.log. */
export function spawnLogged(
  name: string,
  cmd: string,
  args: string[],
  env: Record<string, string>,
  url = '',
) {
  mkdirSync(path.join(RESULTS_DIR, 'logs'), { recursive: true });
  const logFile = path.join(RESULTS_DIR, 'logs', `${name}.log`);
  const fd = openSync(logFile, 'w');
  const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ['ignore', fd, fd], detached: true });
  closeSync(fd);
  live.add(child.pid!);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      live.delete(child.pid!);
      resolve(code);
    }),
  );
  const proc: Proc = {
    child,
    pid: child.pid!,
    url,
    logFile,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      process.kill(-child.pid!, 'SIGTERM');
      const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
  return proc;
}

/** Polls GET /readyz until 200; returns the milliseconds since `since`. */
export async function waitReady(proc: Proc, since: number, timeoutMs = 120_000): Promise<number> {
  let exitCode: number | null | undefined;
  void proc.exited.then((c) => (exitCode = c));
  while (performance.now() - since < timeoutMs) {
    if (exitCode !== undefined) throw new Error(`${proc.logFile}: exited with ${exitCode} before ready`);
    try {
      const res = await fetch(`${proc.url}/readyz`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return performance.now() - since;
    } catch {
      // not listening yet
    }
    await sleep(20);
  }
  await proc.stop();
  throw new Error(`not ready after ${timeoutMs} ms, see ${proc.logFile}`);
}

export function requireBuild(): void {
  if (
    !existsSync(path.join(ROOT, 'dist/src/server.js')) ||
    !existsSync(path.join(ROOT, 'dist/admin-bundle'))
  ) {
    throw new Error('the compiled app is missing: run `npm run build` first (`npm run bench` does)');
  }
}

/** The compiled app as `npm run start:prod` runs it, with production settings, ready to serve. */
/**
 * The compiled app as Supervisor runs it in production. `role`: an API process (never loads AdminJS), or the
 * back office's own process (ocpizza.conf's two programs).
 */
export async function startApp(
  name: string,
  db: string,
  extraEnv: Record<string, string> = {},
  role: 'api' | 'admin' = 'api',
  /** Node options before the app's own. */
  nodeArgs: string[] = [],
  /** The entry file: the product's, or a benchmark's that starts the same server (bench/journal-app.mjs). */
  entry = 'dist/src/server.js',
): Promise<Proc> {
  requireBuild();
  const port = await freePort();
  // BENCH_CPU_PROF=1: a V8 CPU profile of the app per run, in bench/results/profiles/ (open in Chrome DevTools).
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${path.join(RESULTS_DIR, 'profiles')}`]
    : [];
  // As ocpizza.conf runs it: no --enable-source-maps.
  const args = [...profile, ...nodeArgs, '--import', './dist/src/instrument.js', entry];
  const env = { ...productionEnv(db, port), OCPIZZA_ROLE: role, ...extraEnv };
  const proc = spawnLogged(name, process.execPath, args, env);
  proc.url = `http://127.0.0.1:${port}`;
  await waitReady(proc, performance.now());
  return proc;
}

/** A baseline server (bench/baselines/<file>) in its own Node process, like the app. */
export async function startBaseline(file: string, db: string): Promise<Proc> {
  const port = await freePort();
  const env = {
    PATH: process.env.PATH ?? '',
    DATABASE_URL: dbUrl(db),
    PORT: String(port),
    POOL_MAX: String(POOL_MAX),
  };
  const proc = spawnLogged(
    `baseline-${path.basename(file, '.ts')}`,
    process.execPath,
    ['--import', 'tsx', file],
    env,
  );
  proc.url = `http://127.0.0.1:${port}`;
  await waitReady(proc, performance.now(), 30_000);
  return proc;
}

/** Memory of a process from /proc (MB): current resident set and its peak since start. */
export function memoryMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** CPU time (user + system, ms) a process has used so far: steadier than throughput on a shared machine. */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

let machine: ReturnType<typeof collectMachineInfo> | undefined;

/** The machine and the code, read once per run (when it starts: the commit the build was made from). */
export function machineInfo() {
  machine ??= collectMachineInfo();
  return machine;
}

async function collectMachineInfo() {
  const postgres = await withClient('postgres', async (c) => (await c.query('SHOW server_version')).rows[0]);
  const dirty = git(['status', '--porcelain']) !== '';
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    ramGiB: round(os.totalmem() / 2 ** 30, 1),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    postgres: String(postgres.server_version),
    date: new Date().toISOString(),
    gitSha: git(['rev-parse', '--short', 'HEAD']) + (dirty ? ' (uncommitted changes)' : ''),
  };
}

export interface BenchResult {
  summary: string;
  met: boolean | null;
  figures: Record<string, unknown>;
}

/** Merges one benchmark's result into bench/results/latest.json (formatted as prettier wants it). */
export async function saveResult(name: string, result: BenchResult): Promise<void> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const previous = existsSync(LATEST) ? JSON.parse(readFileSync(LATEST, 'utf8')) : {};
  const next = {
    machine: await machineInfo(),
    // The 1-minute load average as the benchmark ended: other work on a shared machine shows here.
    results: {
      ...previous.results,
      [name]: { ...result, at: new Date().toISOString(), loadAverage: round(os.loadavg()[0], 1) },
    },
  };
  const options = (await resolveConfig(LATEST)) ?? {};
  const text = await format(JSON.stringify(next), { ...options, parser: 'json' });
  writeFileSync(`${LATEST}.tmp`, text);
  renameSync(`${LATEST}.tmp`, LATEST);
}

export const verdict = (met: boolean) => (met ? 'met' : 'NOT met');
