// Shops: the group admin manages them (pizzerias.manage); every back-office role reads them, shop staff only
// their own shop. Opening hours are edited as JSON text (see admin/json-field.ts) and checked by the model.
import { Pizzeria } from '../../src/db/models/index.js';
import type { AccessSpec } from '../access.js';
import { jsonTextField } from '../json-field.js';
import { defineResource, NAV, THE_SHOP_ITSELF } from '../resource.js';

const openingHours = jsonTextField('openingHours', true);

const FIELDS = [
  'code',
  'name',
  'addressLine',
  'postcode',
  'city',
  'lat',
  'lng',
  'phone',
  'email',
  'timezone',
  openingHours.text,
  'deliveryRadiusM',
  'minDeliveryOrderCents',
  'deliveryFeeCents',
  'freeDeliveryThresholdCents',
  'prepMinutesPerOrder',
  'slotCapacity',
  'active',
] as const;

export const pizzeriasAccess: AccessSpec = {
  read: 'admin.access',
  create: 'pizzerias.manage',
  edit: 'pizzerias.manage',
  delete: 'pizzerias.manage',
  shopScoped: true,
  writable: () => FIELDS,
  beforeSave: [openingHours.parse],
};

export const pizzeriasResource = () =>
  defineResource({
    csvExport: true,
    money: ['minDeliveryOrderCents', 'deliveryFeeCents', 'freeDeliveryThresholdCents'],
    model: Pizzeria,
    access: pizzeriasAccess,
    scope: THE_SHOP_ITSELF,
    options: {
      navigation: NAV.team,
      sort: { sortBy: 'code', direction: 'asc' },
      listProperties: ['code', 'name', 'city', 'phone', 'active'],
      filterProperties: ['code', 'name', 'city', 'active'],
      showProperties: ['id', ...FIELDS, 'createdAt', 'updatedAt'],
      editProperties: [...FIELDS],
      properties: {
        name: { isTitle: true },
        openingHours: { isVisible: false },
        [openingHours.text]: openingHours.property,
      },
      actions: {
        show: { after: openingHours.fill },
        edit: { after: openingHours.fill },
      },
    },
  });
