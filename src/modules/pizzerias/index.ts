// The pizzerias module: shops, their opening hours and delivery conditions.
import type { Database, Executor } from '../../db/executor.js';
import type { Clock } from '../../shared/clock.js';
import type { PizzeriaRow } from './pizzerias.repository.js';
import { getPizzeria, listPizzerias, toPublicPizzeria, type PizzeriaRef } from './pizzerias.service.js';
import { readShopSettings, updateShopSettings, type SettingsCaller } from './settings.service.js';

export {
  addDays,
  closureOn,
  isOpenAt,
  localDate,
  localInstant,
  localTime,
  weekdayOf,
  isValidClosures,
  isValidOpeningHours,
  type Closure,
  type OpeningHours,
} from './opening-hours.js';
export { SLOT_MINUTES, slotDay, slotTimes, tomorrowOf, type SlotShop } from './slots.js';
export type { PizzeriaRow } from './pizzerias.repository.js';
export type { PizzeriaRef, PublicPizzeria } from './pizzerias.service.js';
export { pizzeriaRefParam, publicPizzeriaSchema } from './pizzerias.schemas.js';

export { DAY_NAMES, frenchDate, SETTINGS_FIELDS } from './settings.input.js';
export type { SettingsCaller, SettingsForm } from './settings.service.js';
export { pizzeriasRouter } from './pizzerias.routes.js';
export { brandedShop } from './branded-name.js';
export { getPizzeria, toPublicPizzeria } from './pizzerias.service.js';
export function createPizzeriasService({ db, clock }: { db: Database; clock: Clock }) {
  return {
    /** Active shops as the public API shows them. */
    list: () => db.read((ex) => listPizzerias(ex, clock.now())),
    /** The active shop (404 pizzeria_not_found), with the caller's executor. */
    get: (ex: Executor, ref: PizzeriaRef) => getPizzeria(ex, ref),
    toPublic: (row: PizzeriaRow) => toPublicPizzeria(row, clock.now()),
    /** A shop's operational settings as the back-office form shows them (its manager or the group admin). */
    settings: (caller: SettingsCaller, pizzeriaId: number) =>
      readShopSettings({ db, clock }, caller, pizzeriaId),
    /** Changes them from what the form posts (text); 403 outside the caller's shop, 422 with French messages. */
    updateSettings: (caller: SettingsCaller, pizzeriaId: number, payload: Record<string, unknown>) =>
      updateShopSettings({ db, clock }, caller, pizzeriaId, payload),
  };
}

export type PizzeriasService = ReturnType<typeof createPizzeriasService>;
