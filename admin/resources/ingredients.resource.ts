// Ingredients, shared by every shop: read by whoever reads recipes or stock, written by the group admin.
import { Ingredient } from '../../src/db/models/index.js';
import { catalogueAccess, type AccessSpec } from '../access.js';
import { defineResource, NAV } from '../resource.js';

const FIELDS = ['name', 'unit', 'allergens', 'allergensReviewed', 'beefOrigin'] as const;

export const ingredientsAccess: AccessSpec = catalogueAccess(FIELDS, [
  'recipes.view',
  'stock.view',
  'catalog.manage',
]);

export const ingredientsResource = () =>
  defineResource({
    csvExport: true,
    model: Ingredient,
    access: ingredientsAccess,
    options: {
      navigation: NAV.catalogue,
      sort: { sortBy: 'name', direction: 'asc' },
      listProperties: ['name', 'unit', 'allergens'],
      filterProperties: ['name', 'unit'],
      showProperties: ['id', ...FIELDS, 'createdAt', 'updatedAt'],
      editProperties: [...FIELDS],
      properties: { name: { isTitle: true } },
    },
  });
