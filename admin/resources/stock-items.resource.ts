// One ingredient's stock in one shop. `onHand` and `reserved` are READ-ONLY for everyone: they are caches of
// the ledger and change only through the stock service (the Réception, Perte and Inventaire actions of this
// resource: admin/actions/stock.actions.ts). The edit form only adjusts the alert threshold (stock.count). Rows are created by the first receipt, never by hand, and never
// deleted (that would delete their ledger). Shop staff see their own shop's stock only.
import { StockItem } from '../../src/db/models/index.js';
import type { AccessSpec } from '../access.js';
import { stockActions } from '../actions/stock.actions.js';
import { stockForecastAction } from '../forecast.js';
import { purchaseReceptionAction, purchaseSuggestionsAction } from '../purchasing.js';
import type { AdminDeps } from '../deps.js';
import { linkTo } from '../links.js';
import { BY_SHOP_COLUMN, defineResource, INGREDIENT_UNIT, NAV } from '../resource.js';
import { stockMovementsAccess } from './stock-movements.resource.js';

export const stockItemsAccess: AccessSpec = {
  read: 'stock.view',
  edit: 'stock.count',
  shopScoped: true,
  shopColumn: 'pizzeriaId',
  writable: () => ['alertThreshold'],
};

/** « Mozzarella · P01 »: what a stock item is called on its page and in the lists and pickers naming it. */
const STOCK_ITEM_TITLE = (a: string) =>
  `(SELECT i.name || ' · ' || p.code FROM ingredients i, pizzerias p
    WHERE i.id = "${a}"."ingredient_id" AND p.id = "${a}"."pizzeria_id")`;

const QUANTITIES = { isDisabled: true, description: 'Modifié uniquement par les opérations de stock.' };

export const stockItemsResource = (deps: AdminDeps) =>
  defineResource({
    csvExport: true,
    quantities: ['onHand', 'reserved', 'alertThreshold'],
    unit: INGREDIENT_UNIT,
    title: STOCK_ITEM_TITLE,
    model: StockItem,
    access: stockItemsAccess,
    scope: BY_SHOP_COLUMN,
    options: {
      navigation: NAV.stock,
      sort: { sortBy: 'id', direction: 'asc' },
      listProperties: ['pizzeriaId', 'ingredientId', 'onHand', 'reserved', 'alertThreshold'],
      filterProperties: ['pizzeriaId', 'ingredientId'],
      showProperties: [
        'id',
        'pizzeriaId',
        'ingredientId',
        'onHand',
        'reserved',
        'alertThreshold',
        'updatedAt',
      ],
      editProperties: ['alertThreshold'],
      properties: { onHand: QUANTITIES, reserved: QUANTITIES },
      actions: {
        ...stockActions(stockItemsAccess, deps),
        // « Prévisions » (admin/forecast.ts): 14 days of expected use, days of stock left, stock-out date.
        forecast: stockForecastAction(deps),
        // « Suggestions de commande » and « Réceptionner » (admin/purchasing.ts): the purchasing workflow.
        purchaseSuggestions: purchaseSuggestionsAction(deps),
        purchaseReception: purchaseReceptionAction(deps),
        movements: linkTo(
          stockItemsAccess,
          { resourceId: 'stock_movements', access: stockMovementsAccess, filter: 'stockItemId' },
          'List',
        ),
      },
    },
  });
