// Recipe lines: how much of an ingredient a product uses at 100 %. Read by whoever reads recipes
// (recipes.view), written by the group admin (catalog.manage). Reached from a product by its « Recette » link.
import { RecipeLine } from '../../src/db/models/index.js';
import { catalogueAccess, type AccessSpec } from '../access.js';
import { defineResource, NAV } from '../resource.js';

const FIELDS = ['productId', 'ingredientId', 'quantity'] as const;

export const recipeLinesAccess: AccessSpec = catalogueAccess(FIELDS);

export const recipeLinesResource = () =>
  defineResource({
    csvExport: true,
    model: RecipeLine,
    access: recipeLinesAccess,
    options: {
      navigation: NAV.catalogue,
      sort: { sortBy: 'productId', direction: 'asc' },
      listProperties: ['productId', 'ingredientId', 'quantity'],
      filterProperties: ['productId', 'ingredientId'],
      showProperties: ['id', ...FIELDS, 'createdAt', 'updatedAt'],
      editProperties: [...FIELDS],
    },
  });
