// The cost of goods (« coût matière ») of a shop, excluding VAT: the food cost and margin of each size of its menu
// and, for each Paris day of a period (the last 14 days by default), the revenue of the products sold beside their
// food cost. The rules (which purchase price, what a portion uses) are in food-cost.repository.ts. Reads only.
import type { ReadDatabase } from '../../db/replica.js';
import type { Clock } from '../../shared/clock.js';
import { NotFoundError, ValidationError } from '../../shared/errors.js';
import { addDays, localDate } from '../pizzerias/index.js';
import {
  dayCosts,
  ingredientPrices,
  shopExists,
  sizeCosts,
  type IngredientPrice,
  type PriceSource,
} from './food-cost.repository.js';

export type { PriceSource } from './food-cost.repository.js';

/** Days shown when no period is asked for (today included). */
export const FOOD_COST_DEFAULT_DAYS = 14;
/** The longest period one request may ask for. */
export const FOOD_COST_MAX_DAYS = 92;

export interface FoodCostSize {
  sizeId: number;
  productName: string;
  sizeLabel: string;
  category: string;
  /** The shop's price, VAT included, and excluding VAT (rounded to the cent). */
  priceCents: number;
  vatRateBp: number;
  priceExclVatCents: number;
  /** Known ingredients only: see `missingIngredients`. */
  foodCostCents: number;
  marginCents: number;
  /** Food cost / price excluding VAT, in %, one decimal; null for a free size. */
  foodCostPct: number | null;
  /** Recipe ingredients without any price (« prix inconnu »), left out of `foodCostCents`. */
  missingIngredients: string[];
}

export interface FoodCostDay {
  day: string;
  revenueExclVatCents: number;
  foodCostCents: number;
  foodCostPct: number | null;
  missingIngredients: string[];
}

export interface FoodCost {
  pizzeriaId: number;
  from: string;
  to: string;
  sizes: FoodCostSize[];
  days: FoodCostDay[];
  totals: { revenueExclVatCents: number; foodCostCents: number; foodCostPct: number | null };
  /** The price used for each ingredient and where it comes from (null source: « prix inconnu »). */
  prices: IngredientPrice[];
  /** Every ingredient used by the menu or the days' sales that has no price. */
  unknownPrices: string[];
  sources: Record<PriceSource, string>;
}

const SOURCES: Record<PriceSource, string> = {
  received: 'dernier achat réceptionné',
  ordered: 'dernier bon de commande envoyé (rien de réceptionné)',
  catalog: 'tarif fournisseur le moins cher (jamais commandé)',
};

/** Part of `cents` in `base`, in %, one decimal; null when `base` is not positive. */
export function percentOf(cents: number, base: number): number | null {
  return base > 0 ? Math.round((cents * 1000) / base) / 10 : null;
}

const PARIS = 'Europe/Paris';

export function createFoodCost({ db, clock }: { db: ReadDatabase; clock: Clock }) {
  return {
    /** 404 pizzeria_not_found; 422 invalid_period (from after to, or more than FOOD_COST_MAX_DAYS days). */
    async foodCost(pizzeriaId: number, period: { from?: string; to?: string } = {}): Promise<FoodCost> {
      const to = period.to ?? localDate(clock.now(), PARIS);
      const from = period.from ?? addDays(to, -(FOOD_COST_DEFAULT_DAYS - 1));
      if (from > to || addDays(from, FOOD_COST_MAX_DAYS - 1) < to) {
        throw new ValidationError(
          `Période invalide : du ${from} au ${to} (au plus ${FOOD_COST_MAX_DAYS} jours, début avant la fin).`,
          { field: 'from' },
          'invalid_period',
        );
      }
      const read = await db.read(async (ex) => {
        if (!(await shopExists(ex, pizzeriaId))) return undefined;
        return {
          prices: await ingredientPrices(ex, pizzeriaId),
          sizes: await sizeCosts(ex, pizzeriaId),
          days: await dayCosts(ex, pizzeriaId, from, to),
        };
      });
      if (!read) throw new NotFoundError('Cette pizzeria n’existe pas.', 'pizzeria_not_found');
      const sizes = read.sizes.map(({ missing, ...s }) => ({
        ...s,
        marginCents: s.priceExclVatCents - s.foodCostCents,
        foodCostPct: percentOf(s.foodCostCents, s.priceExclVatCents),
        missingIngredients: missing,
      }));
      const days = read.days.map(({ missing, ...d }) => ({
        ...d,
        foodCostPct: percentOf(d.foodCostCents, d.revenueExclVatCents),
        missingIngredients: missing,
      }));
      const revenue = days.reduce((s, d) => s + d.revenueExclVatCents, 0);
      const cost = days.reduce((s, d) => s + d.foodCostCents, 0);
      const unknown = new Set([...sizes, ...days].flatMap((x) => x.missingIngredients));
      return {
        pizzeriaId,
        from,
        to,
        sizes,
        days,
        totals: { revenueExclVatCents: revenue, foodCostCents: cost, foodCostPct: percentOf(cost, revenue) },
        prices: read.prices,
        unknownPrices: [...unknown].sort((a, b) => a.localeCompare(b, 'fr')),
        sources: SOURCES,
      };
    },
  };
}
