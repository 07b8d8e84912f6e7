// The dashboard module: the back office's figures for one shop or the whole group. Reads only.
import type { ReadDatabase } from '../../db/replica.js';
import type { Clock } from '../../shared/clock.js';
import { dashboard } from './dashboard.service.js';

export { dashboard, type Dashboard } from './dashboard.service.js';

export function createDashboardService({ db, clock }: { db: ReadDatabase; clock: Clock }) {
  return {
    /** Revenue, today's orders, top products, low stock and average times; `null`: the whole group. */
    figures: (pizzeriaId: number | null) => db.read((ex) => dashboard(ex, pizzeriaId, clock.now())),
  };
}

export type DashboardService = ReturnType<typeof createDashboardService>;
