// Paid toppings (global to every pizza): read with the recipes, written by the group admin.
import { Extra } from '../../src/db/models/index.js';
import { catalogueAccess, type AccessSpec } from '../access.js';
import { defineResource, INGREDIENT_UNIT, NAV } from '../resource.js';

const FIELDS = ['name', 'ingredientId', 'quantity', 'priceCents', 'active'] as const;

export const extrasAccess: AccessSpec = catalogueAccess(FIELDS);

export const extrasResource = () =>
  defineResource({
    csvExport: true,
    money: ['priceCents'],
    quantities: ['quantity'],
    unit: INGREDIENT_UNIT,
    model: Extra,
    access: extrasAccess,
    options: {
      navigation: NAV.catalogue,
      sort: { sortBy: 'name', direction: 'asc' },
      listProperties: ['name', 'ingredientId', 'quantity', 'priceCents', 'active'],
      filterProperties: ['name', 'ingredientId', 'active'],
      showProperties: ['id', ...FIELDS, 'createdAt', 'updatedAt'],
      editProperties: [...FIELDS],
      properties: { name: { isTitle: true } },
    },
  });
