// The pizzerias module: shops, their opening hours and delivery conditions.
import type { Database, Executor } from '../../db/executor.js';
import type { Clock } from '../../shared/clock.js';
import type { PizzeriaRow } from './pizzerias.repository.js';
import { getPizzeria, listPizzerias, toPublicPizzeria, type PizzeriaRef } from './pizzerias.service.js';

export { isOpenAt, localTime, isValidOpeningHours, type OpeningHours } from './opening-hours.js';
export { localDate, SLOT_MINUTES, slotDay, slotTimes, tomorrowOf, type SlotShop } from './slots.js';
export type { PizzeriaRow } from './pizzerias.repository.js';
export type { PizzeriaRef, PublicPizzeria } from './pizzerias.service.js';
export { pizzeriaRefParam, publicPizzeriaSchema } from './pizzerias.schemas.js';

export { pizzeriasRouter } from './pizzerias.routes.js';
export { getPizzeria, toPublicPizzeria } from './pizzerias.service.js';
export function createPizzeriasService({ db, clock }: { db: Database; clock: Clock }) {
  return {
    /** Active shops as the public API shows them. */
    list: () => db.read((ex) => listPizzerias(ex, clock.now())),
    /** The active shop (404 pizzeria_not_found), with the caller's executor. */
    get: (ex: Executor, ref: PizzeriaRef) => getPizzeria(ex, ref),
    toPublic: (row: PizzeriaRow) => toPublicPizzeria(row, clock.now()),
  };
}

export type PizzeriasService = ReturnType<typeof createPizzeriasService>;
