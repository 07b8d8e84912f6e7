// What the closing job and the manager's closure read: per shop, its calendar (time zone, hours, exceptional
// closures) and where its closures stand. One query for every shop each minute: PostgreSQL works out which shops
// may have something to close (an entry not closed yet, a month or a year with closures under it but no closure
// of its own), the job then compares the cutoffs with the time (opening hours are read in TypeScript).
import type { Executor } from '../../db/executor.js';
import type { Closure as ShopClosure, OpeningHours } from '../pizzerias/index.js';
import { CLOSURE_COLUMNS } from './closures.repository.js';
import type { Closure, ClosureKind } from './canonical.js';

export interface ClosingState {
  pizzeriaId: number;
  timeZone: string;
  hours: OpeningHours;
  closures: ShopClosure[];
  /** The latest business day closed (YYYY-MM-DD), or null. */
  lastDay: string | null;
  /** When the first entry no day closure covers yet was written, or null when every entry is closed. */
  firstEntryAt: Date | null;
  /** The first month (YYYY-MM) with day closures after the last month closure, or null. */
  openMonth: string | null;
  /** The first year (YYYY) with month closures after the last year closure, or null. */
  openYear: string | null;
}

// Periods compare as text: 'YYYY-MM' || '-99' comes after every day of that month, 'YYYY' || '-99' after every
// month of that year, and '-99' before any period.
const STATE_SQL = `
SELECT * FROM (
  SELECT p.id AS "pizzeriaId", p.timezone AS "timeZone", p.opening_hours AS hours, p.closures,
         d.period AS "lastDay", e.at AS "firstEntryAt",
         (SELECT left(min(c.period), 7) FROM journal_closures c
           WHERE c.pizzeria_id = p.id AND c.kind = 'day' AND c.period > coalesce(m.period, '') || '-99') AS "openMonth",
         (SELECT left(min(c.period), 4) FROM journal_closures c
           WHERE c.pizzeria_id = p.id AND c.kind = 'month' AND c.period > coalesce(y.period, '') || '-99') AS "openYear"
    FROM journal_heads h
    JOIN pizzerias p ON p.id = h.pizzeria_id
    LEFT JOIN LATERAL (SELECT period FROM journal_closures
                        WHERE pizzeria_id = p.id AND kind = 'day' ORDER BY period DESC LIMIT 1) d ON true
    LEFT JOIN LATERAL (SELECT last_seq FROM journal_closures
                        WHERE pizzeria_id = p.id AND kind = 'day' AND last_seq IS NOT NULL
                        ORDER BY seq DESC LIMIT 1) covered ON true
    LEFT JOIN LATERAL (SELECT at FROM sales_journal
                        WHERE pizzeria_id = p.id AND seq = coalesce(covered.last_seq, 0) + 1) e ON true
    LEFT JOIN LATERAL (SELECT period FROM journal_closures
                        WHERE pizzeria_id = p.id AND kind = 'month' ORDER BY period DESC LIMIT 1) m ON true
    LEFT JOIN LATERAL (SELECT period FROM journal_closures
                        WHERE pizzeria_id = p.id AND kind = 'year' ORDER BY period DESC LIMIT 1) y ON true
   WHERE $1::int IS NULL OR p.id = $1
) s
WHERE "firstEntryAt" IS NOT NULL OR "openMonth" IS NOT NULL OR "openYear" IS NOT NULL
ORDER BY "pizzeriaId"`;

/** The shops that may have something to close (one shop when `pizzeriaId` is given). */
export function closingStates(ex: Executor, pizzeriaId: number | null = null) {
  return ex.many<ClosingState>(STATE_SQL, [pizzeriaId]);
}

/** A shop's calendar (undefined when there is no such shop). */
export function shopCalendar(ex: Executor, pizzeriaId: number) {
  return ex.one<{ pizzeriaId: number; timeZone: string; hours: OpeningHours; closures: ShopClosure[] }>(
    `SELECT id AS "pizzeriaId", timezone AS "timeZone", opening_hours AS hours, closures
       FROM pizzerias WHERE id = $1`,
    [pizzeriaId],
  );
}

export interface ClosureFilter {
  pizzeriaId: number;
  kind?: ClosureKind;
  /** YYYY-MM-DD: closures whose period ends on or after it (a month or a year containing it included). */
  from?: string;
  /** YYYY-MM-DD: closures whose period starts on or before it. */
  to?: string;
}

/** A shop's closures, in chain order. A period compares with a date on its own length (2026-12 ⊃ 2026-12-05). */
export function listClosures(ex: Executor, f: ClosureFilter) {
  return ex.many<Closure>(
    `SELECT ${CLOSURE_COLUMNS} FROM journal_closures
      WHERE pizzeria_id = $1 AND ($2::text IS NULL OR kind = $2)
        AND ($3::text IS NULL OR period >= left($3, length(period)))
        AND ($4::text IS NULL OR period <= left($4, length(period)))
      ORDER BY seq`,
    [f.pizzeriaId, f.kind ?? null, f.from ?? null, f.to ?? null],
  );
}

/**
 * What the back office's journal page shows of some shops: their `limit` newest closures (by closing time), and
 * every month and year closure (the archives offered), newest first. Bounded however long the shops have run.
 */
export function recentClosures(ex: Executor, pizzeriaIds: number[], limit: number) {
  return ex.many<Closure>(
    `(SELECT ${CLOSURE_COLUMNS} FROM journal_closures WHERE pizzeria_id = ANY($1)
       ORDER BY closed_at DESC, seq DESC LIMIT $2)
     UNION
     (SELECT ${CLOSURE_COLUMNS} FROM journal_closures WHERE pizzeria_id = ANY($1) AND kind <> 'day')
     ORDER BY "closedAt" DESC, seq DESC`,
    [pizzeriaIds, limit],
  );
}
