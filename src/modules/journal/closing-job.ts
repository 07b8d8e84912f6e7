// The automatic closures, checked every minute by each API process: for each shop, every business day whose
// cutoff has passed and that holds entries not closed yet gets its day closure (the entries written before the
// cutoff; those after it go to the next day), then every month whose last day's cutoff has passed and that has
// day closures gets its month closure, then every year likewise. Several processes may find the same work: a
// closure is written under its shop's journal lock and a period closes once, so the late one gets 409
// closure_exists, which is normal here, and reads the state again.
import type { Logger } from 'pino';
import type { Database } from '../../db/executor.js';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import { addDays } from '../pizzerias/index.js';
import type { ClosureKind } from './canonical.js';
import type { ClosureRequest } from './closures.js';
import { closingStates, type ClosingState } from './schedule.repository.js';
import { businessDayAt, firstDayToClose, monthCutoff, yearCutoff, type ClosingRules } from './schedule.js';
import { startPeriodic } from '../../shared/periodic.js';

const CHECK_EVERY_MS = 60_000;
const FIRST_CHECK_MS = 5_000;
/** A bound on one shop's closures in one run (a shop's journal idle for years is still closed in a few runs). */
const MAX_WRITES_PER_SHOP = 500;

export interface Written {
  pizzeriaId: number;
  kind: ClosureKind;
  period: string;
}

export interface ClosingJobDeps {
  db: Database;
  clock: Clock;
  rules: ClosingRules;
  close(r: ClosureRequest): Promise<unknown>;
}

const isClosed = (e: unknown) => e instanceof AppError && e.code === 'closure_exists';

/** What is due for the shop at `now`, in order (days, then months, then years); `beforeDay` stops the days. */
export function dueClosure(
  s: ClosingState,
  now: Date,
  rules: ClosingRules,
  beforeDay?: string,
): { kind: ClosureKind; period: string; entriesBefore?: Date } | null {
  if (s.firstEntryAt) {
    const first = businessDayAt(s.firstEntryAt, s.timeZone, rules);
    const next = s.lastDay ? addDays(s.lastDay, 1) : first;
    const { day, cutoff } = firstDayToClose(next > first ? next : first, s.firstEntryAt, s, rules);
    if (cutoff.getTime() <= now.getTime() && (beforeDay === undefined || day < beforeDay)) {
      return { kind: 'day', period: day, entriesBefore: cutoff };
    }
  }
  if (beforeDay !== undefined) return null;
  if (s.openMonth && monthCutoff(s.openMonth, s, rules).getTime() <= now.getTime()) {
    return { kind: 'month', period: s.openMonth };
  }
  if (s.openYear && yearCutoff(s.openYear, s, rules).getTime() <= now.getTime()) {
    return { kind: 'year', period: s.openYear };
  }
  return null;
}

export function createClosingJob(deps: ClosingJobDeps) {
  const { db, clock, rules } = deps;

  /** Writes what is due for one shop (from its state just read); the closures written. */
  async function closeShop(state: ClosingState, now: Date, beforeDay?: string): Promise<Written[]> {
    const written: Written[] = [];
    let s: ClosingState | undefined = state;
    for (let n = 0; s && n < MAX_WRITES_PER_SHOP; n += 1) {
      const due = dueClosure(s, now, rules, beforeDay);
      if (!due) break;
      try {
        await deps.close({ pizzeriaId: s.pizzeriaId, closedAt: now, closedByEmployeeId: null, ...due });
        written.push({ pizzeriaId: s.pizzeriaId, kind: due.kind, period: due.period });
      } catch (error) {
        if (!isClosed(error)) throw error;
      }
      [s] = await db.read((ex) => closingStates(ex, state.pizzeriaId));
    }
    return written;
  }

  /** Writes every closure due at `now` (each once, whatever the number of processes); the closures written. */
  async function runOnce(logger?: Logger): Promise<Written[]> {
    const now = clock.now();
    const states = await db.read((ex) => closingStates(ex));
    const written: Written[] = [];
    for (const s of states) {
      try {
        if (dueClosure(s, now, rules)) written.push(...(await closeShop(s, now)));
      } catch (error) {
        // One shop's failure (a bad time zone, a lost connection) does not hold the others back.
        logger?.error(
          { pizzeriaId: s.pizzeriaId, errName: (error as Error).name, errMessage: (error as Error).message },
          'sales journal: automatic closure failed',
        );
      }
    }
    return written;
  }

  /** The days of one shop still due before `beforeDay` (the manager's closure first closes the days before). */
  async function catchUp(pizzeriaId: number, now: Date, beforeDay: string): Promise<Written[]> {
    const [s] = await db.read((ex) => closingStates(ex, pizzeriaId));
    return s ? closeShop(s, now, beforeDay) : [];
  }

  /** Checks soon after start, then every minute; returns the stop. */
  function start(logger: Logger, everyMs = CHECK_EVERY_MS): () => void {
    return startPeriodic(
      async () => {
        for (const w of await runOnce(logger)) logger.info(w, 'sales journal: closure written');
      },
      {
        everyMs,
        firstMs: Math.min(FIRST_CHECK_MS, everyMs),
        onError: (error) =>
          logger.error(
            { errName: error.name, errMessage: error.message },
            'sales journal: closing check failed',
          ),
      },
    );
  }

  return { runOnce, catchUp, start };
}
