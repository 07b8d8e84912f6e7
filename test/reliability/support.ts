// Shared by the fault and load tests of the reliability suite (R1, R2, R3, R7): a fresh database of our own per
// test, the real entry point in a child process, and an HTTP client that tells a connection that was never
// accepted from an answer that was lost. The shop to order from and the database checks are in order-world.ts,
// the private PostgreSQL server R3 restarts in private-postgres.ts.
import http from 'node:http';
import net from 'node:net';
import { QueryTypes, type Sequelize } from 'sequelize';
import { createSequelize } from '../../src/db/sequelize.js';
import { migrateUp } from '../../src/db/migrator.js';
import { dropDatabase, recreateDatabase, siblingDatabaseUrl, TEST_DATABASE_URL } from '../helpers/db.js';
import { spawnServer } from '../helpers/server-process.js';
import { sleep, waitFor } from '../helpers/wait.js';

// ---------------------------------------------------------------------------------------------- databases

/**
 * Our databases only (other suites run on the same server at the same time): prefix, label and pid of the run, so
 * that two runs never share one. Each test drops its own in its after hook.
 */
export const DB_PREFIX = 'ocpizza_rel_faults_';

export interface RelDatabase {
  name: string;
  url: string;
  /** A small pool of the test's own, to build the world and check the result. */
  db: Sequelize;
  drop(): Promise<void>;
}

/** A new, migrated database `ocpizza_rel_faults_<label>_<pid>` on the test server (or on `serverUrl`). */
export async function freshDatabase(label: string, serverUrl = TEST_DATABASE_URL): Promise<RelDatabase> {
  const name = `${DB_PREFIX}${label}_${process.pid}`;
  await recreateDatabase(name, serverUrl);
  const url = siblingDatabaseUrl(name, serverUrl);
  const db = createSequelize({ url, poolMax: 4, applicationName: 'ocpizza-reliability' });
  await migrateUp(db);
  return {
    name,
    url,
    db,
    drop: async () => {
      await db.close().catch(() => undefined);
      await dropDatabase(name, serverUrl);
    },
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

// --------------------------------------------------------------------------------------------- the app

export interface AppProcess {
  url: string;
  pid: number;
  output(): string;
  /** Resolves when the process has exited, with its code or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  alive(): boolean;
  signal(name: NodeJS.Signals): void;
  /** SIGKILL if still running, then waits for the exit. */
  stop(): Promise<void>;
}

/** The real entry point (src/server.ts with the instrument file) on a free loopback port, ready when it answers. */
export async function startApp(
  databaseUrlForApp: string,
  env: Record<string, string> = {},
): Promise<AppProcess> {
  const port = await freePort();
  const proc = spawnServer({
    OCPIZZA_SETTINGS: 'test',
    DATABASE_URL: databaseUrlForApp,
    LOG_LEVEL: 'info',
    ...env,
    PORT: String(port),
  });
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  void proc.exited.then((e) => (exit = e));
  const app: AppProcess = {
    url: `http://127.0.0.1:${port}`,
    pid: proc.child.pid!,
    output: proc.output,
    exited: proc.exited,
    alive: () => exit === undefined,
    signal: (name) => {
      if (exit === undefined) proc.child.kill(name);
    },
    stop: async () => {
      if (exit === undefined) proc.child.kill('SIGKILL');
      await proc.exited;
    },
  };
  // Without keep-alive: the probe must leave no idle connection behind for the test to trip over.
  const probe = new HttpClient(app.url, { keepAlive: false });
  const deadline = Date.now() + 60_000;
  try {
    for (;;) {
      if (!app.alive()) throw new Error(`the app exited before answering:\n${tail(app.output())}`);
      if (Date.now() > deadline) {
        await app.stop();
        throw new Error(`the app did not answer /healthz within 60 s:\n${tail(app.output())}`);
      }
      const res = await probe.request({ method: 'GET', path: '/healthz' }, 2000);
      if (res.kind === 'answered' && res.status === 200) return app;
      await sleep(100);
    }
  } finally {
    probe.close();
  }
}

export const tail = (text: string, lines = 30) => text.trimEnd().split('\n').slice(-lines).join('\n');
// One waiting helper for the process-level tests; re-exported for the files of this suite.
export { sleep, waitFor };

// ------------------------------------------------------------------------------------------ HTTP client

export type Outcome =
  | { kind: 'answered'; status: number; body: any; headers: http.IncomingHttpHeaders }
  /** The connection was never accepted (nothing listens): the request was not sent. */
  | { kind: 'refused'; code: string }
  /** The request was sent (or was being sent) and no complete answer came back. */
  | { kind: 'lost'; code: string; message: string };

export interface RequestSpec {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  token?: string;
  headers?: Record<string, string>;
}

/**
 * One HTTP/1.1 client over node:http with its own agent. Keep-alive on by default, as browsers and NGINX do:
 * that is where a stopping server can lose a request (the next one sent on an idle connection it closes).
 */
export class HttpClient {
  private readonly agent: http.Agent;
  private readonly target: URL;

  constructor(baseUrl: string, options: { keepAlive?: boolean; maxSockets?: number } = {}) {
    this.target = new URL(baseUrl);
    this.agent = new http.Agent({
      keepAlive: options.keepAlive ?? true,
      maxSockets: options.maxSockets ?? Infinity,
    });
  }

  request(spec: RequestSpec, timeoutMs = 30_000): Promise<Outcome> {
    const payload = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    const headers: Record<string, string> = { Accept: 'application/json', ...spec.headers };
    if (spec.token) headers.Authorization = `Bearer ${spec.token}`;
    if (payload !== undefined) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(payload));
    }
    return new Promise((resolve) => {
      let connected = false;
      let settled = false;
      const done = (outcome: Outcome) => {
        if (!settled) {
          settled = true;
          resolve(outcome);
        }
      };
      const req = http.request(
        {
          agent: this.agent,
          host: this.target.hostname,
          port: this.target.port,
          method: spec.method,
          path: spec.path,
          headers,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', (e: NodeJS.ErrnoException) =>
            done({ kind: 'lost', code: e.code ?? 'ERR', message: e.message }),
          );
          res.on('aborted', () => done({ kind: 'lost', code: 'ABORTED', message: 'response aborted' }));
          res.on('end', () => {
            if (!res.complete) {
              done({ kind: 'lost', code: 'INCOMPLETE', message: 'incomplete response' });
              return;
            }
            const text = Buffer.concat(chunks).toString('utf8');
            let body: unknown = text;
            if ((res.headers['content-type'] ?? '').includes('json') && text) {
              try {
                body = JSON.parse(text);
              } catch {
                done({ kind: 'lost', code: 'BAD_JSON', message: `unparsable body: ${text.slice(0, 80)}` });
                return;
              }
            }
            done({ kind: 'answered', status: res.statusCode!, body, headers: res.headers });
          });
        },
      );
      req.on('socket', (socket) => {
        if (!socket.connecting) connected = true;
        else socket.once('connect', () => (connected = true));
      });
      req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
      req.on('error', (e: NodeJS.ErrnoException) => {
        const code = e.code ?? 'ERR';
        if (!connected && code === 'ECONNREFUSED') done({ kind: 'refused', code });
        else done({ kind: 'lost', code, message: e.message });
      });
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Runs `workers` loops of `step` at once until each returns false; resolves when all have stopped. */
export async function runWorkers(workers: number, step: (worker: number) => Promise<boolean>) {
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      while (await step(w));
    }),
  );
}

/** Counts of outcomes by kind and status, e.g. `201×80 409×20 refused×3`. */
export function tally(outcomes: Outcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) {
    const key =
      o.kind === 'answered'
        ? String(o.status) + (o.status >= 400 ? `:${o.body?.error?.code ?? o.body?.status ?? '?'}` : '')
        : `${o.kind}:${o.code}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

export const formatTally = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort()
    .map(([k, n]) => `${k}×${n}`)
    .join(' ') || 'none';

/**
 * Waits until PostgreSQL has ended every session of a dead app process (its pool and its listener): until then
 * a COMMIT it had already sent may still land, so the database is not yet in its final state.
 */
export async function waitForSessionsGone(db: Sequelize, appPid: number, timeoutMs = 15_000) {
  await waitFor(
    `sessions of app process ${appPid} ended`,
    async () => {
      const [row] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name IN ($1, $2)`,
        { type: QueryTypes.SELECT, bind: [`ocpizza-${appPid}`, `ocpizza-listen-${appPid}`] },
      );
      return row.n === 0;
    },
    timeoutMs,
  );
}
