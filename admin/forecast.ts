// « Prévisions » in the back office (a resource action of the stock items, component stock-forecast.jsx), for the
// group admin, a shop's manager and its pizzaiolos (stock.forecast; their own shop for shop staff, the admin
// picks one): per ingredient, the last 8 weeks of daily use, the 14 days forecast, the projected stock and the
// stock-out day, from the stock service's forecast (the same figures as GET /api/staff/stock/forecast).
import type { ActionContext, ActionRequest } from 'adminjs';
import {
  formatQuantity,
  type ForecastItem,
  type ForecastMethod,
  type Unit,
} from '../src/modules/stock/index.js';
import { granted, shopOf } from './access.js';
import { Components } from './components.js';
import { shopChoices } from './dashboard.js';
import type { AdminDeps } from './deps.js';

export const METHOD_LABELS: Record<ForecastMethod, string> = {
  'weekday-trend': 'Profil de la semaine et tendance',
  weekday: 'Profil de la semaine',
  'daily-mean': 'Moyenne journalière (historique court)',
  'no-history': 'Aucun historique',
};

const DECIMAL = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
const ONE_DECIMAL = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const LONG_DAY = new Intl.DateTimeFormat('fr-FR', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  timeZone: 'UTC',
});

/** « 2,5 kg », « 1,2 l », « 800 g », « 12 pièces »: grams and millilitres from a thousand up in kg and l. */
export function readableQuantity(quantity: number, unit: Unit): string {
  if (unit !== 'piece' && Math.abs(quantity) >= 1000) {
    return `${DECIMAL.format(quantity / 1000)} ${unit === 'g' ? 'kg' : 'l'}`;
  }
  return formatQuantity(quantity, unit);
}

/** « mardi 8 décembre » for a calendar day (YYYY-MM-DD). */
export const longDay = (day: string) => LONG_DAY.format(new Date(`${day}T12:00:00Z`));

function itemView(item: ForecastItem) {
  return {
    ingredientId: item.ingredientId,
    name: item.name,
    unit: item.unit,
    available: item.available,
    availableLabel: readableQuantity(item.available, item.unit),
    reservedLabel: readableQuantity(item.reserved, item.unit),
    daysOfStockLeft: item.daysOfStockLeft,
    daysLeftLabel:
      item.daysOfStockLeft === null
        ? 'Aucune consommation prévue'
        : `${ONE_DECIMAL.format(item.daysOfStockLeft)} j`,
    stockOutDate: item.stockOutDate,
    stockOutLabel:
      item.stockOutDate === null
        ? item.daysOfStockLeft === null
          ? '—'
          : 'Pas de rupture sous 14 jours'
        : longDay(item.stockOutDate),
    methodLabel: METHOD_LABELS[item.method],
    errorLabel:
      item.error === null
        ? '—'
        : item.error.wape === null
          ? `± ${readableQuantity(item.error.mae, item.unit)} par jour`
          : `± ${readableQuantity(item.error.mae, item.unit)} par jour (${ONE_DECIMAL.format(item.error.wape * 100)} %)`,
    history: item.history.map((d) => ({ day: d.day, use: d.use, closed: d.closed })),
    days: item.days.map((d) => ({
      day: d.day,
      label: longDay(d.day),
      expectedUse: d.expectedUse,
      stockAfter: d.stockAfter,
      closed: d.closed,
    })),
  };
}

/** The page's data: the caller's shop, or the one the admin picked (the first by code until then). */
async function pageData(deps: AdminDeps, request: ActionRequest, context: ActionContext) {
  const own = shopOf(context.currentAdmin);
  const shops = await shopChoices(deps.sequelize, own === 'all' || own === null ? undefined : own);
  const asked = Number(request.query?.pizzeriaId);
  const shop = own !== 'all' && own !== null ? own : (shops.find((s) => s.id === asked) ?? shops[0])?.id;
  if (shop === undefined) return { shops, shopId: null, today: null, todayLabel: null, items: [] };
  const [forecast] = await deps.services.stock.forecast(shop);
  const today = forecast?.today ?? null;
  return {
    shops,
    shopId: shop,
    today,
    todayLabel: today === null ? null : longDay(today),
    items: (forecast?.items ?? []).map(itemView),
  };
}

export function stockForecastAction(deps: AdminDeps) {
  return {
    actionType: 'resource' as const,
    icon: 'TrendingUp',
    component: Components.StockForecast,
    isAccessible: ({ currentAdmin }: ActionContext) => granted(currentAdmin, 'stock.forecast'),
    handler: async (request: ActionRequest, _response: unknown, context: ActionContext) =>
      pageData(deps, request, context),
  };
}
