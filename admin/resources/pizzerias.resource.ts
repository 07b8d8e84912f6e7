// Shops: the group admin manages them (pizzerias.manage); every back-office role reads them, shop staff only
// their own shop. A shop's operational settings (hours, closures, delivery conditions, preparation time, slot
// capacity) are set in « Réglages » by its manager or the group admin (pizzerias.settings): a French form, not
// the raw columns. The admin's « Modifier » keeps the identity fields (and the raw hours as JSON text).
import { flat } from 'adminjs';
import { Pizzeria } from '../../src/db/models/index.js';
import { DAY_NAMES, frenchDate, type Closure, type OpeningHours } from '../../src/modules/pizzerias/index.js';
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
  'siret',
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

const unflat = (params: Record<string, unknown>, field: string): unknown =>
  flat.get(params as Parameters<typeof flat.get>[0], field);

/** « Lundi : 11:30–14:30, 18:00–23:00 · Mardi : fermé · … »: the record page reads the week, not JSON. */
function weekHours(params: Record<string, unknown>): string {
  const hours = (unflat(params, 'openingHours') ?? {}) as OpeningHours;
  return (Object.keys(DAY_NAMES) as (keyof typeof DAY_NAMES)[])
    .map((day) => {
      const ranges = hours[day] ?? [];
      return `${DAY_NAMES[day]} : ${ranges.length ? ranges.map(([a, b]) => `${a}–${b}`).join(', ') : 'fermé'}`;
    })
    .join(' · ');
}

/** « du 08/12/2026 au 09/12/2026 : Fermeture annuelle », or « aucune ». */
function closuresText(params: Record<string, unknown>): string {
  const closures = (unflat(params, 'closures') ?? []) as Closure[];
  if (!Array.isArray(closures) || closures.length === 0) return 'aucune';
  return closures
    .map((c) =>
      c.from === c.to
        ? `le ${frenchDate(c.from)} : ${c.reason}`
        : `du ${frenchDate(c.from)} au ${frenchDate(c.to)} : ${c.reason}`,
    )
    .join(' · ');
}

const SHOWN = ['id', ...FIELDS.filter((f) => f !== openingHours.text), 'weekHours', 'closuresText'];
SHOWN.splice(SHOWN.indexOf('timezone') + 1, 0, ...SHOWN.splice(SHOWN.indexOf('weekHours'), 2));

export const pizzeriasResource = (deps: AdminDeps) =>
  defineResource({
    csvExport: true,
    money: ['minDeliveryOrderCents', 'deliveryFeeCents', 'freeDeliveryThresholdCents'],
    model: Pizzeria,
    access: pizzeriasAccess,
    scope: THE_SHOP_ITSELF,
    computed: { weekHours, closuresText },
    options: {
      navigation: NAV.team,
      sort: { sortBy: 'code', direction: 'asc' },
      listProperties: ['code', 'name', 'city', 'phone', 'active'],
      filterProperties: ['code', 'name', 'city', 'active'],
      showProperties: [...SHOWN, 'createdAt', 'updatedAt'],
      editProperties: [...FIELDS],
      properties: {
        name: { isTitle: true },
        openingHours: { isVisible: false },
        closures: { isVisible: false },
        [openingHours.text]: openingHours.property,
        weekHours: { type: 'string', isVisible: { list: false, show: true, edit: false, filter: false } },
        closuresText: { type: 'string', isVisible: { list: false, show: true, edit: false, filter: false } },
      },
      actions: {
        // The JSON text stays in the record's params (the admin's « Modifier » opens from it); the page shows
        // `weekHours` instead.
        show: { after: openingHours.fill },
        edit: { after: openingHours.fill },
        settings: shopSettingsAction(pizzeriasAccess, deps),
      },
    },
  });
