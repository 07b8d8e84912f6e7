// Priced sizes of a product. The group admin manages them (catalog.manage); managers only switch a size on or
// off (catalog.availability); pizzaiolos read them (recipes.view) for the recipe factors.
import { ProductSize } from '../../src/db/models/index.js';
import { availabilityAccess, granted, type AccessSpec } from '../access.js';
import { defineResource, NAV } from '../resource.js';

const FIELDS = [
  'productId',
  'code',
  'label',
  'priceCents',
  'recipeFactorPct',
  'sortOrder',
  'active',
] as const;

export const productSizesAccess: AccessSpec = availabilityAccess(FIELDS);

export const productSizesResource = () =>
  defineResource({
    csvExport: true,
    money: ['priceCents'],
    title: (a) =>
      `(SELECT p.name || ' — ' || "${a}"."label" FROM products p WHERE p.id = "${a}"."product_id")`,
    model: ProductSize,
    access: productSizesAccess,
    options: {
      navigation: NAV.catalogue,
      sort: { sortBy: 'productId', direction: 'asc' },
      listProperties: ['productId', 'code', 'label', 'priceCents', 'recipeFactorPct', 'active'],
      filterProperties: ['productId', 'code', 'active'],
      showProperties: ['id', ...FIELDS, 'createdAt', 'updatedAt'],
      editProperties: [...FIELDS],
      properties: { label: { isTitle: true } },
      actions: {
        edit: {
          layout: (admin) => (granted(admin, 'catalog.manage') ? [...FIELDS] : ['active']),
        },
      },
    },
  });
