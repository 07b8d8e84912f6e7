// « Articles fournisseurs »: what a supplier sells, in packs of one ingredient (pack quantity in the ingredient's
// base unit, pack price HT typed in euros). Read like their supplier (a manager: the group's and their shop's);
// written by the group admin, or by a manager for their own shop's suppliers only (admin/suppliers.ts).
import { SupplierItem } from '../../src/db/models/index.js';
import type { AccessSpec } from '../access.js';
import { defineResource, INGREDIENT_UNIT, NAV } from '../resource.js';
import { ownShopSupplierItem, supplierAccess, THROUGH_SUPPLIER } from '../suppliers.js';

const FIELDS = [
  'supplierId',
  'ingredientId',
  'reference',
  'packLabel',
  'packQuantity',
  'packPriceCents',
] as const;

export const supplierItemsAccess: AccessSpec = {
  ...supplierAccess(FIELDS),
  beforeSave: [ownShopSupplierItem],
};

export const supplierItemsResource = () =>
  defineResource({
    csvExport: true,
    money: ['packPriceCents'],
    quantities: ['packQuantity'],
    unit: INGREDIENT_UNIT,
    title: (a) =>
      `(SELECT i.name || ' — ' || s.name || ' (' || "${a}"."pack_label" || ')'
        FROM ingredients i, suppliers s WHERE i.id = "${a}"."ingredient_id" AND s.id = "${a}"."supplier_id")`,
    model: SupplierItem,
    access: supplierItemsAccess,
    scope: THROUGH_SUPPLIER,
    options: {
      navigation: NAV.purchasing,
      sort: { sortBy: 'id', direction: 'asc' },
      listProperties: [
        'supplierId',
        'ingredientId',
        'reference',
        'packLabel',
        'packQuantity',
        'packPriceCents',
      ],
      filterProperties: ['supplierId', 'ingredientId', 'reference'],
      showProperties: ['id', ...FIELDS, 'createdAt', 'updatedAt'],
      editProperties: [...FIELDS],
      properties: {
        packQuantity: {
          description: 'Dans l’unité de base de l’ingrédient (g, ml ou pièce) : 2500 pour un bloc de 2,5 kg.',
        },
        packPriceCents: { description: 'Prix d’un colis, hors taxes, en euros (« 12,50 »).' },
      },
    },
  });
