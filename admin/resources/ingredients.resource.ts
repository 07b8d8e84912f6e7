// Ingredients, shared by every shop: read by whoever reads recipes or stock, written by the group admin.
import { Ingredient } from '../../src/db/models/index.js';
import type { AccessSpec } from '../access.js';
import { defineResource, NAV } from '../resource.js';

const FIELDS = ['name', 'unit', 'allergens'] as const;

export const ingredientsAccess: AccessSpec = {
  read: ['recipes.view', 'stock.view', 'catalog.manage'],
  create: 'catalog.manage',
  edit: 'catalog.manage',
  delete: 'catalog.manage',
  shopScoped: false,
  writable: () => FIELDS,
};

export const ingredientsResource = () =>
  defineResource({
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
