// Recipe lines: how much of an ingredient a product uses at 100 %. Read by whoever reads recipes
// (recipes.view), written by the group admin (catalog.manage), and by a manager for their own shop's
// specialities (from the group's ingredients). Reached from a product by its « Recette » link.
import { RecipeLine } from '../../src/db/models/index.js';
import { type AccessSpec } from '../access.js';
import { ownSpecialityLine, specialityAccess, THROUGH_PRODUCT } from '../shop-menu.js';
import { defineResource, INGREDIENT_UNIT, NAV } from '../resource.js';

const FIELDS = ['productId', 'ingredientId', 'quantity'] as const;

export const recipeLinesAccess: AccessSpec = {
  ...specialityAccess(FIELDS),
  beforeSave: [ownSpecialityLine],
};

export const recipeLinesResource = () =>
  defineResource({
    csvExport: true,
    quantities: ['quantity'],
    unit: INGREDIENT_UNIT,
    title: (a) =>
      `(SELECT p.name || ' — ' || i.name FROM products p, ingredients i
        WHERE p.id = "${a}"."product_id" AND i.id = "${a}"."ingredient_id")`,
    model: RecipeLine,
    access: recipeLinesAccess,
    scope: THROUGH_PRODUCT,
    options: {
      navigation: NAV.catalogue,
      sort: { sortBy: 'productId', direction: 'asc' },
      listProperties: ['productId', 'ingredientId', 'quantity'],
      filterProperties: ['productId', 'ingredientId'],
      showProperties: ['id', ...FIELDS, 'createdAt', 'updatedAt'],
      editProperties: [...FIELDS],
    },
  });
