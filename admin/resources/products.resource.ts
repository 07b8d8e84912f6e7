// Products of the menu. The group catalogue (pizzeria empty) is the group admin's (catalog.manage), its
// group-wide « active » switch included; a manager (catalog.shop_menu) creates and edits their own shop's
// « spécialités de la maison » (the shop is forced to theirs) and cannot change a group product at all (their
// shop's menu over it is « Carte de la pizzeria » and « Ruptures », admin/shop-menu.ts). Pizzaiolos read them
// with their recipe (recipes.view). Another shop's specialities are not read. Sizes and recipe lines are their
// own resources, opened from a product by the « Tailles » and « Recette » links (filtered on the product).
import { Product } from '../../src/db/models/index.js';
import { granted, type AccessSpec } from '../access.js';
import { GROUP_OR_OWN_PRODUCT, GROUP_SWITCH_HELP, ownShopProduct, specialityAccess } from '../shop-menu.js';
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

export const productsAccess: AccessSpec = {
  ...specialityAccess(FIELDS, ['pizzeriaId']),
  beforeSave: [ownShopProduct],
};

export const productsResource = () =>
  defineResource({
    csvExport: true,
    rates: ['vatRateBp'],
    model: Product,
    access: productsAccess,
    scope: GROUP_OR_OWN_PRODUCT,
    options: {
      navigation: NAV.catalogue,
      sort: { sortBy: 'sortOrder', direction: 'asc' },
      listProperties: ['name', 'category', 'pizzeriaId', 'vatRateBp', 'sortOrder', 'active'],
      filterProperties: ['name', 'category', 'pizzeriaId', 'active'],
      showProperties: ['id', ...FIELDS, 'pizzeriaId', 'createdAt', 'updatedAt'],
      editProperties: [...FIELDS, 'pizzeriaId'],
      properties: {
        name: { isTitle: true },
        active: { description: GROUP_SWITCH_HELP },
        pizzeriaId: {
          description:
            'Vide : produit du catalogue du groupe, à la carte de toutes les pizzerias. Une pizzeria : sa spécialité de la maison, à sa carte seulement.',
        },
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
          layout: (admin) => (granted(admin, 'catalog.manage') ? [...FIELDS, 'pizzeriaId'] : [...FIELDS]),
        },
        new: {
          layout: (admin) => (granted(admin, 'catalog.manage') ? [...FIELDS, 'pizzeriaId'] : [...FIELDS]),
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
