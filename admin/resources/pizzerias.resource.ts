// Shops: the group admin manages them (pizzerias.manage); every back-office role reads them, shop staff only
// their own shop. A shop's operational settings (hours, closures, delivery conditions, preparation time, slot
// capacity) are set in « Réglages » by its manager or the group admin (pizzerias.settings): a French form, not
// the raw columns. The admin's « Modifier » keeps the identity fields (and the raw hours as JSON text).
import { Pizzeria } from '../../src/db/models/index.js';
import type { AccessSpec } from '../access.js';
import { shopSettingsAction } from '../actions/shop-settings.action.js';
import type { AdminDeps } from '../deps.js';
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

export const pizzeriasResource = (deps: AdminDeps) =>
  defineResource({
    csvExport: true,
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
        closures: { isVisible: false },
        [openingHours.text]: openingHours.property,
      },
      actions: {
        show: { after: openingHours.fill },
        edit: { after: openingHours.fill },
        settings: shopSettingsAction(pizzeriasAccess, deps),
      },
    },
  });
