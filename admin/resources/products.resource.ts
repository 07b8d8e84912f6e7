// Products of the menu. The group admin manages them (catalog.manage); managers only switch a product on or
// off (catalog.availability: the edit form shows « active » alone and nothing else is saved); pizzaiolos read
// them with their recipe (recipes.view). Sizes and recipe lines are their own resources, opened from a
// product by the « Tailles » and « Recette » links (filtered on the product).
import { Product } from '../../src/db/models/index.js';
import { availabilityAccess, granted, type AccessSpec } from '../access.js';
import { linkTo } from '../links.js';
import { Components } from '../components.js';
import { MEMO_PATH } from '../pages.js';
import { PICTURE_PATH } from '../pictures.js';
import { defineResource, NAV } from '../resource.js';
import { productSizesAccess } from './product-sizes.resource.js';
import { recipeLinesAccess } from './recipe-lines.resource.js';

const FIELDS = [
  'name',
  'category',
  'description',
  'vatRateBp',
  'recipeSteps',
  'sortOrder',
  'active',
] as const;

export const productsAccess: AccessSpec = availabilityAccess(FIELDS);

export const productsResource = () =>
  defineResource({
    csvExport: true,
    rates: ['vatRateBp'],
    model: Product,
    access: productsAccess,
    options: {
      navigation: NAV.catalogue,
      sort: { sortBy: 'sortOrder', direction: 'asc' },
      listProperties: ['name', 'category', 'vatRateBp', 'sortOrder', 'active'],
      filterProperties: ['name', 'category', 'active'],
      showProperties: ['id', ...FIELDS, 'createdAt', 'updatedAt'],
      editProperties: [...FIELDS],
      properties: {
        name: { isTitle: true },
        description: { type: 'textarea' },
        recipeSteps: { type: 'textarea' },
        vatRateBp: {
          availableValues: [
            { value: '1000', label: '10 %' },
            { value: '550', label: '5,5 %' },
            { value: '2000', label: '20 %' },
            { value: '210', label: '2,1 %' },
            { value: '0', label: '0 %' },
          ],
        },
      },
      actions: {
        edit: {
          layout: (admin) => (granted(admin, 'catalog.manage') ? [...FIELDS] : ['active']),
        },
        sizes: linkTo(
          productsAccess,
          { resourceId: 'product_sizes', access: productSizesAccess, filter: 'productId' },
          'Maximize2',
        ),
        // The printable recipe memo of every active pizza (quantities per size, steps), for the kitchen.
        memo: {
          actionType: 'resource',
          icon: 'Printer',
          component: Components.RecipeMemo,
          custom: { path: MEMO_PATH },
          isAccessible: ({ currentAdmin }) => granted(currentAdmin, 'recipes.view'),
          handler: async () => ({}),
        },
        // The picture shown on the site: a plain upload page (admin/pictures.ts) in a frame.
        picture: {
          actionType: 'record',
          icon: 'Image',
          component: Components.FramePage,
          custom: { path: PICTURE_PATH, title: 'Photo du produit' },
          isAccessible: ({ currentAdmin }) => granted(currentAdmin, 'catalog.pictures'),
          handler: async (_request, _response, context) => ({
            record: context.record!.toJSON(context.currentAdmin),
          }),
        },
        recipe: linkTo(
          productsAccess,
          { resourceId: 'recipe_lines', access: recipeLinesAccess, filter: 'productId' },
          'List',
        ),
      },
    },
  });
