// « Fournisseurs »: the group's (no shop, the group admin's) and each shop's own (its manager's). Read with the
// purchase orders (purchasing.view: admin, manager, accountant); written with suppliers.manage, a manager only
// their own shop's (admin/suppliers.ts). A supplier with purchase orders cannot be deleted: it is deactivated
// (« Actif »), the database refusing the delete in French (admin/scoped-resource.ts toAdminError).
import { Supplier } from '../../src/db/models/index.js';
import { isGroupWide } from '../../src/modules/staff/index.js';
import { granted, type AccessSpec } from '../access.js';
import { Components } from '../components.js';
import { linkTo } from '../links.js';
import { defineResource, NAV } from '../resource.js';
import {
  DELIVERY_DAYS,
  deliveryDaysField,
  deliveryDaysText,
  GROUP_OR_OWN_SUPPLIER,
  ownShopSupplier,
  supplierAccess,
} from '../suppliers.js';
import { supplierItemsAccess } from './supplier-items.resource.js';

const FIELDS = [
  'name',
  'contactName',
  'email',
  'phone',
  'deliveryDays',
  'leadTimeDays',
  'minimumOrderCents',
  'active',
] as const;

export const suppliersAccess: AccessSpec = {
  ...supplierAccess(FIELDS, ['pizzeriaId']),
  beforeSave: [ownShopSupplier, deliveryDaysField],
};

/** The shop of a supplier is chosen by the group admin; a manager's is theirs (not in their form). */
const formFields = (admin: Parameters<typeof granted>[0]) =>
  granted(admin, (staff) => isGroupWide(staff.role)) ? [...FIELDS, 'pizzeriaId'] : [...FIELDS];

export const suppliersResource = () =>
  defineResource({
    csvExport: true,
    money: ['minimumOrderCents'],
    model: Supplier,
    access: suppliersAccess,
    scope: GROUP_OR_OWN_SUPPLIER,
    computed: { deliveryDaysText },
    options: {
      navigation: NAV.purchasing,
      sort: { sortBy: 'name', direction: 'asc' },
      listProperties: ['name', 'pizzeriaId', 'deliveryDaysText', 'leadTimeDays', 'active'],
      filterProperties: ['name', 'pizzeriaId', 'active'],
      showProperties: [
        'id',
        'name',
        'pizzeriaId',
        'contactName',
        'email',
        'phone',
        'deliveryDaysText',
        'leadTimeDays',
        'minimumOrderCents',
        'active',
        'createdAt',
        'updatedAt',
      ],
      editProperties: [...FIELDS, 'pizzeriaId'],
      properties: {
        name: { isTitle: true },
        pizzeriaId: {
          description:
            'Vide : fournisseur du groupe, proposé à toutes les pizzerias. Une pizzeria : son fournisseur à elle.',
        },
        deliveryDays: {
          availableValues: DELIVERY_DAYS,
          isVisible: { list: false, filter: false, show: false, edit: true },
          components: { edit: Components.WeekdaysEdit },
        },
        deliveryDaysText: {
          type: 'string',
          isVisible: { list: true, filter: false, show: true, edit: false },
        },
        leadTimeDays: { description: 'Jours entre l’envoi d’un bon et la première livraison possible.' },
        active: {
          description: 'Un fournisseur qui a des bons de commande ne se supprime pas : désactivez-le.',
        },
      },
      actions: {
        edit: { layout: formFields },
        new: { layout: formFields },
        items: linkTo(
          suppliersAccess,
          { resourceId: 'supplier_items', access: supplierItemsAccess, filter: 'supplierId' },
          'Package',
        ),
      },
    },
  });
