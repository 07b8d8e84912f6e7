// Query parameters of the exports: a period of whole days in Paris time, both ends included, at most a year.
import { z } from 'zod';

/** Longest period one export covers (a leap year). */
export const MAX_EXPORT_DAYS = 366;

export interface ExportPeriod {
  /** First day, `YYYY-MM-DD`, from 00:00 Paris time. */
  from: string;
  /** Last day included, `YYYY-MM-DD`, until midnight Paris time. */
  to: string;
}

export interface OrdersExportFilters extends ExportPeriod {
  /** One shop only; every shop when absent. */
  pizzeriaId?: number;
}

const DAY_MS = 86_400_000;
const dayNumber = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS;

/** A real calendar day written `YYYY-MM-DD` (2027-02-30 is refused). */
export function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

/** Problems of a period, in French (empty when valid): for the back office forms as for the API. */
export function periodProblems(period: ExportPeriod): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  for (const key of ['from', 'to'] as const) {
    if (!isCalendarDay(period[key]))
      problems.push({ path: key, message: 'date attendue au format AAAA-MM-JJ' });
  }
  if (problems.length > 0) return problems;
  const days = dayNumber(period.to) - dayNumber(period.from) + 1;
  if (days < 1) problems.push({ path: 'to', message: 'la date de fin précède la date de début' });
  else if (days > MAX_EXPORT_DAYS)
    problems.push({ path: 'to', message: `la période dépasse ${MAX_EXPORT_DAYS} jours` });
  return problems;
}

// An ISO calendar day: the document says `format: date` with the pattern of days that exist (no 2026-02-30).
const day = (what: string) =>
  z.iso.date({
    error: (issue) =>
      issue.input === undefined
        ? `${what} obligatoire (AAAA-MM-JJ)`
        : 'date attendue au format AAAA-MM-JJ (un jour qui existe)',
  });

const checkPeriod = (period: ExportPeriod, ctx: z.RefinementCtx) => {
  if (!isCalendarDay(period.from) || !isCalendarDay(period.to)) return;
  for (const problem of periodProblems(period))
    ctx.addIssue({ code: 'custom', path: [problem.path], message: problem.message });
};

const periodShape = {
  from: day('date de début').describe('Premier jour inclus (AAAA-MM-JJ, heure de Paris)'),
  to: day('date de fin').describe(
    `Dernier jour inclus (AAAA-MM-JJ, heure de Paris) ; ${MAX_EXPORT_DAYS} jours au plus`,
  ),
};

export const fecQuery = z.object(periodShape).superRefine(checkPeriod);
export type FecQuery = z.output<typeof fecQuery>;

export const ordersCsvQuery = z
  .object({
    ...periodShape,
    pizzeriaId: z
      .string()
      .regex(/^[1-9]\d{0,8}$/, 'identifiant de pizzeria invalide')
      .transform(Number)
      .optional()
      .describe('Une seule pizzeria (toutes par défaut)'),
  })
  .superRefine(checkPeriod);
export type OrdersCsvQuery = z.output<typeof ordersCsvQuery>;
