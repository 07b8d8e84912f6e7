// Priced sizes of a product. The group's are the group admin's (catalog.manage), with the bounds of a shop's
// price; a manager writes the sizes of their own shop's specialities only (their shop's price of a group size is
// « Carte de la pizzeria »); pizzaiolos read them (recipes.view) for the recipe factors.
import { ProductSize } from '../../src/db/models/index.js';
import { granted, type AccessSpec } from '../access.js';
import { GROUP_SWITCH_HELP, ownSpecialityLine, specialityAccess, THROUGH_PRODUCT } from '../shop-menu.js';
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

const BOUNDS = ['shopPriceMinCents', 'shopPriceMaxCents'] as const;

export const productSizesAccess: AccessSpec = {
  ...specialityAccess(FIELDS, BOUNDS),
  beforeSave: [ownSpecialityLine],
};

export const productSizesResource = () =>
  defineResource({
    csvExport: true,
    money: ['priceCents', ...BOUNDS],
    title: (a) =>
      `(SELECT p.name || ' — ' || "${a}"."label" FROM products p WHERE p.id = "${a}"."product_id")`,
    model: ProductSize,
    access: productSizesAccess,
    scope: THROUGH_PRODUCT,
    options: {
      navigation: NAV.catalogue,
      sort: { sortBy: 'productId', direction: 'asc' },
      listProperties: [
        'productId',
        'code',
        'label',
        'priceCents',
        'shopPriceMinCents',
        'shopPriceMaxCents',
        'active',
      ],
      filterProperties: ['productId', 'code', 'active'],
      showProperties: ['id', ...FIELDS, ...BOUNDS, 'createdAt', 'updatedAt'],
      editProperties: [...FIELDS, ...BOUNDS],
      properties: {
        label: { isTitle: true },
        active: { description: GROUP_SWITCH_HELP },
        shopPriceMinCents: {
          description:
            'Prix le plus bas qu’une pizzeria peut choisir pour cette taille (vide : le prix du groupe).',
        },
        shopPriceMaxCents: {
          description:
            'Prix le plus haut qu’une pizzeria peut choisir pour cette taille (vide : le prix du groupe).',
        },
      },
      actions: {
        edit: {
          layout: (admin) => (granted(admin, 'catalog.manage') ? [...FIELDS, ...BOUNDS] : [...FIELDS]),
        },
        new: {
          layout: (admin) => (granted(admin, 'catalog.manage') ? [...FIELDS, ...BOUNDS] : [...FIELDS]),
        },
      },
    },
  });
