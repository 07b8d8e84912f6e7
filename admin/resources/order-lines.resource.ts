// Order lines: a snapshot of what was sold (names, prices, VAT) written once with the order; read-only for
// everyone, scoped to the shop of their order. Opened from an order by its « Lignes » link.
import { OrderLine } from '../../src/db/models/index.js';
import type { AccessSpec } from '../access.js';
import type { AdminDeps } from '../deps.js';
import { jsonTextField } from '../json-field.js';
import { COUNT_CAP, defineResource, NAV, THROUGH_ORDER } from '../resource.js';

export const orderLinesAccess: AccessSpec = {
  read: 'orders.view_shop',
  shopScoped: true,
};

const extras = jsonTextField('extras', false);

export const orderLinesResource = (deps: Pick<AdminDeps, 'modelReads'>) =>
  defineResource({
    money: ['unitPriceCents', 'lineTotalCents'],
    rates: ['vatRateBp'],
    model: OrderLine,
    access: orderLinesAccess,
    scope: THROUGH_ORDER,
    countCap: COUNT_CAP,
    listReads: deps.modelReads,
    options: {
      navigation: NAV.orders,
      sort: { sortBy: 'id', direction: 'desc' },
      listProperties: ['orderId', 'position', 'productName', 'sizeLabel', 'quantity', 'lineTotalCents'],
      filterProperties: ['orderId', 'productId'],
      showProperties: [
        'orderId',
        'position',
        'productId',
        'productSizeId',
        'productName',
        'sizeLabel',
        'unitPriceCents',
        extras.text,
        'quantity',
        'vatRateBp',
        'lineTotalCents',
      ],
      properties: {
        productName: { isTitle: true },
        extras: { isVisible: false },
        [extras.text]: extras.property,
      },
      actions: { show: { after: extras.fill } },
    },
  });
