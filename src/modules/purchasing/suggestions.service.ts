// Reorder suggestions of a shop: reads its suppliers and what is on order, takes the stock forecast from the
// function it is given (the stock module's, wired by the purchasing index: this file does not import the stock
// module) and applies the rule of suggestions.ts for the shop's calendar day. Reads only: nothing is written
// until a manager turns a suggestion into a purchase order.
import type { Database } from '../../db/executor.js';
import type { Clock } from '../../shared/clock.js';
import { NotFoundError } from '../../shared/errors.js';
import { localDate } from '../pizzerias/index.js';
import {
  DEFAULT_SAFETY_DAYS,
  suggestReorders,
  type ForecastLike,
  type SupplierSuggestion,
} from './suggestions.js';
import { findOnOrder, findUsableSuppliers, shopTimeZone } from './suggestions.repository.js';

export interface SuggestionsDeps {
  db: Database;
  clock: Clock;
  /** The shop's stock forecast, one entry per stocked ingredient. */
  forecast: (pizzeriaId: number) => Promise<ForecastLike[]>;
  /** Days of expected use kept as safety stock, at least (default 2; a quarter of the days covered when more). */
  safetyDays?: number;
}

export interface ReorderSuggestions {
  pizzeriaId: number;
  /** The shop's calendar day the suggestions are made for. */
  today: string;
  /** The least safety stock, in days of expected use (each line says its own). */
  safetyDays: number;
  /** One per supplier with something to order, soonest delivery first. */
  suppliers: SupplierSuggestion[];
}

export function createSuggestions(deps: SuggestionsDeps) {
  const safetyDays = deps.safetyDays ?? DEFAULT_SAFETY_DAYS;
  return {
    async suggest(pizzeriaId: number): Promise<ReorderSuggestions> {
      const read = await deps.db.read(async (ex) => {
        const timeZone = await shopTimeZone(ex, pizzeriaId);
        if (timeZone === undefined) return undefined;
        return {
          timeZone,
          suppliers: await findUsableSuppliers(ex, pizzeriaId),
          onOrder: await findOnOrder(ex, pizzeriaId),
        };
      });
      if (!read) throw new NotFoundError('Cette pizzeria n’existe pas.', 'pizzeria_not_found');
      const today = localDate(deps.clock.now(), read.timeZone);
      const forecasts = read.suppliers.length > 0 ? await deps.forecast(pizzeriaId) : [];
      return {
        pizzeriaId,
        today,
        safetyDays,
        suppliers: suggestReorders({
          today,
          suppliers: read.suppliers,
          onOrder: read.onOrder,
          forecasts,
          safetyDays,
        }),
      };
    },
  };
}

export type SuggestionsService = ReturnType<typeof createSuggestions>;
