// The stock forecast of a shop (or of every active shop): per stock item, what is available now, the expected
// use of the next 14 days (forecast.ts), the days of stock left and the stock-out date, the backtest error, and
// the last 8 weeks' daily use for the chart. One statement reads everything (findForecastRows).
//
// Reserved: a scheduled order (« pour plus tard ») reserves its recipe needs when it is placed, like any order
// (orders' placement.service.ts calls stock.reserve in the placing transaction, whatever scheduledFor says), so
// `reserved` already holds what scheduled orders will use; nothing is added for them. forecast.ts counts it as
// gone: available = on hand − reserved.
//
// Today is the Paris calendar day of the clock: the eight shops are in Paris (FORECAST_TIME_ZONE), and one
// statement reads every shop over the same window.
import type { Database } from '../../db/executor.js';
import type { Clock } from '../../shared/clock.js';
import { NotFoundError } from '../../shared/errors.js';
import { addDays, closureOn, localDate } from '../pizzerias/index.js';
import {
  FORECAST_HORIZON_DAYS,
  forecastStock,
  HISTORY_WEEKS,
  type ForecastError,
  type ForecastMethod,
  type Weekday,
} from './forecast.js';
import { FORECAST_TIME_ZONE, findForecastRows, type ForecastRow } from './forecast.repository.js';
import { pizzeriaExists, type Unit } from './stock.repository.js';

/** Weeks read: the 8 the forecast fits on, plus the 4 its backtest goes back (see forecast.ts, « Error »). */
export const FORECAST_READ_WEEKS = HISTORY_WEEKS + 4;
/** Days of history shown on the chart, before today. */
export const CHART_HISTORY_DAYS = 7 * HISTORY_WEEKS;

export interface ForecastItem {
  stockItemId: number;
  ingredientId: number;
  name: string;
  unit: Unit;
  onHand: number;
  /** Reserved by orders not yet prepared, scheduled orders included. */
  reserved: number;
  /** on hand − reserved. */
  available: number;
  /** Used so far today (consumption + waste). */
  usedToday: number;
  days: { day: string; weekday: Weekday; expectedUse: number; closed: boolean; stockAfter: number }[];
  /** Σ expected use over the 14 days. */
  expectedUse: number;
  daysOfStockLeft: number | null;
  stockOutDate: string | null;
  method: ForecastMethod;
  error: ForecastError | null;
  /** Daily use of the 56 days before today (known days only: from the item's first movement). */
  history: { day: string; use: number; closed: boolean }[];
}

export interface ShopForecast {
  pizzeriaId: number;
  pizzeriaCode: string;
  pizzeriaName: string;
  today: string;
  horizonDays: number;
  items: ForecastItem[];
}

function itemForecast(row: ForecastRow, today: string): ForecastItem {
  const isClosed = (day: string) => closureOn(row.closures ?? [], day) !== undefined;
  const f = forecastStock({
    today,
    history: row.history,
    knownSince: row.knownSince,
    onHand: row.onHand,
    reserved: row.reserved,
    isClosed,
  });
  // The stock left at the end of each day, as forecast.ts counts it (today: what remains to be used today).
  let stock = f.available;
  const days = f.days.map((d, h) => {
    stock -= h === 0 ? Math.max(0, d.expectedUse - f.usedToday) : d.expectedUse;
    return { ...d, closed: isClosed(d.day), stockAfter: stock };
  });
  const used = new Map(row.history.map((d) => [d.day, d.use]));
  const from = addDays(today, -CHART_HISTORY_DAYS);
  const first = row.knownSince === null ? today : row.knownSince > from ? row.knownSince : from;
  const history: ForecastItem['history'] = [];
  for (let day = first; day < today; day = addDays(day, 1)) {
    history.push({ day, use: used.get(day) ?? 0, closed: isClosed(day) });
  }
  return {
    stockItemId: row.stockItemId,
    ingredientId: row.ingredientId,
    name: row.name,
    unit: row.unit,
    onHand: row.onHand,
    reserved: row.reserved,
    available: f.available,
    usedToday: f.usedToday,
    days,
    expectedUse: f.expectedUse,
    daysOfStockLeft: f.daysOfStockLeft,
    stockOutDate: f.stockOutDate,
    method: f.method,
    error: f.error,
    history,
  };
}

/**
 * The forecast of one shop (404 pizzeria_not_found), or of every active shop when none is given; shops by code,
 * items by name.
 */
export async function stockForecast(
  { db, clock }: { db: Database; clock: Clock },
  pizzeriaId?: number,
): Promise<ShopForecast[]> {
  const today = localDate(clock.now(), FORECAST_TIME_ZONE);
  return db.read(async (ex) => {
    const rows = await findForecastRows(ex, { pizzeriaId, today, weeks: FORECAST_READ_WEEKS });
    if (pizzeriaId !== undefined && rows.length === 0) {
      if (!(await pizzeriaExists(ex, pizzeriaId))) {
        throw new NotFoundError('Cette pizzeria n’existe pas.', 'pizzeria_not_found');
      }
    }
    const shops = new Map<number, ShopForecast>();
    for (const row of rows) {
      let shop = shops.get(row.pizzeriaId);
      if (!shop) {
        shop = {
          pizzeriaId: row.pizzeriaId,
          pizzeriaCode: row.pizzeriaCode,
          pizzeriaName: row.pizzeriaName,
          today,
          horizonDays: FORECAST_HORIZON_DAYS,
          items: [],
        };
        shops.set(row.pizzeriaId, shop);
      }
      shop.items.push(itemForecast(row, today));
    }
    return [...shops.values()];
  });
}
