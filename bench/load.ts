// Load generation: autocannon on loopback, bounded in time, and the A B B A rounds comparing the app with its
// baseline. Every failed request is counted and reported, never dropped.
import autocannon from 'autocannon';
import { cpuMs, LOAD_SECONDS, round, type Proc } from './lib.js';

/**
 * Rounds A B B A: side A (the app) once, side B (its baseline) twice in a row, A again, so that a drift of the
 * machine's load (other work on a shared machine) weighs on both sides alike. Each side's process is started,
 * warmed up (not measured), measured, and stopped.
 */
export async function abba<T>(
  start: { app: () => Promise<Proc>; base: () => Promise<Proc> },
  warm: (proc: Proc, side: 'app' | 'base') => Promise<unknown>,
  measure: (proc: Proc, side: 'app' | 'base', round: number) => Promise<T>,
): Promise<{ app: T[]; base: T[] }> {
  const out = { app: [] as T[], base: [] as T[] };
  const plan: ['app' | 'base', number[]][] = [
    ['app', [1]],
    ['base', [1, 2]],
    ['app', [2]],
  ];
  for (const [side, rounds] of plan) {
    const proc = await start[side]();
    try {
      await warm(proc, side);
      for (const r of rounds) out[side].push(await measure(proc, side, r));
    } finally {
      await proc.stop();
    }
  }
  return out;
}

/** Mean rate and p50 of the rounds, and their worst p99. */
export function combine(rounds: LoadFigures[]) {
  const sum = (pick: (x: LoadFigures) => number) => rounds.reduce((s, x) => s + pick(x), 0);
  const mean = (pick: (x: LoadFigures) => number, digits: number) => round(sum(pick) / rounds.length, digits);
  return {
    perSecond: mean((x) => x.perSecond, 1),
    p50: mean((x) => x.p50, 1),
    p99: Math.max(...rounds.map((x) => x.p99)),
    cpuMsPerRequest: mean((x) => x.cpuMsPerRequest ?? NaN, 2),
    ok: sum((x) => x.ok),
    failed: sum((x) => x.non2xx + x.errors + x.timeouts),
    rounds,
  };
}

export interface LoadFigures {
  requests: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  perSecond: number;
  p50: number;
  p99: number;
  statusCodes: Record<string, number>;
  /** CPU time (user + system) the server process spent per successful request, when it was given. */
  cpuMsPerRequest: number | null;
}

export type LoadOptions = Partial<autocannon.Options> & { url: string };

/** One bounded autocannon run on loopback; with `server`, also the CPU that process spent per request. */
export async function load(opts: LoadOptions, server?: Proc): Promise<LoadFigures> {
  const cpuBefore = server ? cpuMs(server.pid) : 0;
  const result = await autocannon({ connections: 32, duration: LOAD_SECONDS, timeout: 10, ...opts });
  const cpu = server ? cpuMs(server.pid) - cpuBefore : null;
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [
      code,
      Number((s as { count: number }).count),
    ]),
  );
  return {
    requests: result.requests.total,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    perSecond: result['2xx'] / (result.duration || LOAD_SECONDS),
    p50: result.latency.p50,
    p99: result.latency.p99,
    statusCodes,
    cpuMsPerRequest: cpu === null || result['2xx'] === 0 ? null : round(cpu / result['2xx'], 2),
  };
}

/** "no errors" or what went wrong in a load phase (never hidden from the summary line). */
export function problems(f: LoadFigures): string | null {
  const bad = f.non2xx + f.errors + f.timeouts;
  if (bad === 0) return null;
  const codes = Object.entries(f.statusCodes).filter(([c]) => !c.startsWith('2'));
  return `${bad} failed (${[...codes.map(([c, n]) => `${n}×${c}`), `${f.errors} errors`, `${f.timeouts} timeouts`].join(', ')})`;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
