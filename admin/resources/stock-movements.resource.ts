// The stock ledger: read-only for everyone (no new, edit or delete: movements are written by the stock and
// order services only, in the same transaction as the counters they explain). Shop staff read their own
// shop's movements (through the movement's stock item).
import { StockMovement } from '../../src/db/models/index.js';
import type { AccessSpec } from '../access.js';
import { COUNT_CAP, defineResource, NAV, THROUGH_STOCK_ITEM } from '../resource.js';

export const stockMovementsAccess: AccessSpec = {
  read: 'stock.view',
  shopScoped: true,
};

export const stockMovementsResource = () =>
  defineResource({
    csvExport: true,
    quantities: ['quantity'],
    unit: (a) =>
      `(SELECT i.unit FROM stock_items s JOIN ingredients i ON i.id = s.ingredient_id
        WHERE s.id = "${a}"."stock_item_id")`,
    title: (a) =>
      `(SELECT i.name || ' · ' || p.code || ' — mouvement n° ' || "${a}"."id"
        FROM stock_items s JOIN ingredients i ON i.id = s.ingredient_id JOIN pizzerias p ON p.id = s.pizzeria_id
        WHERE s.id = "${a}"."stock_item_id")`,
    model: StockMovement,
    access: stockMovementsAccess,
    scope: THROUGH_STOCK_ITEM,
    countCap: COUNT_CAP,
    options: {
      navigation: NAV.stock,
      // The primary key follows insertion order: newest first without a sort on an unindexed column.
      sort: { sortBy: 'id', direction: 'desc' },
      listProperties: ['createdAt', 'stockItemId', 'kind', 'quantity', 'orderId', 'employeeId'],
      filterProperties: ['stockItemId', 'kind', 'orderId', 'purchaseOrderId', 'createdAt'],
      showProperties: [
        'id',
        'createdAt',
        'stockItemId',
        'kind',
        'quantity',
        'orderId',
        'purchaseOrderId',
        'employeeId',
        'note',
      ],
    },
  });
