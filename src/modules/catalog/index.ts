// The catalog module: products, sizes, extras, recipes; the menu with live availability; the recipe memo.
import type { Database, Executor } from '../../db/executor.js';
import type { Clock } from '../../shared/clock.js';
import { getPizzeria, type PizzeriaRef } from '../pizzerias/index.js';
import { getMenu } from './menu.service.js';
import { loadOrderCatalog } from './order-catalog.repository.js';
import { findProductPicture, setProductPicture } from './pictures.js';
import { recipeMemos } from './recipe-memo.js';
import { endRupture, listRuptures, menuChanged, startRupture, type RuptureInput } from './ruptures.js';
import type { EventBus } from '../../realtime/events.js';

export type { CatalogExtra, CatalogSize } from './order-catalog.repository.js';
export type { MenuDocument } from './menu.service.js';
export type { Rupture, RuptureInput } from './ruptures.js';
export { MAX_LINE_QUANTITY } from './menu.repository.js';
export { portionQuantity, portionQuantitySql } from './portion.js';
export { recipeMemoHtml, type RecipeMemo } from './recipe-memo.js';

export { catalogRouter } from './catalog.routes.js';
export { menuSchema } from './catalog.schemas.js';
export {
  imageOf,
  MAX_PICTURE_BYTES,
  MEDIA_URL_PREFIX,
  PictureTooLargeError,
  storePicture,
  type ProductImage,
} from './pictures.js';
export function createCatalogService({
  db,
  bus,
  clock,
  mediaDir,
}: {
  db: Database;
  /** Menu changes (ruptures) go to the shop's streams and the public menu stream. */
  bus: EventBus;
  clock: Clock;
  /** Where product pictures are written (settings.mediaDir). */
  mediaDir: string;
}) {
  return {
    menu: (ref: PizzeriaRef) => db.read((ex) => getMenu(ex, ref, clock.now())),
    /** Tells the menu streams that this shop's menu changed (a back-office edit of its layer). */
    announceMenuChange: (pizzeriaId: number) =>
      db.transaction((tx) => menuChanged(bus, tx, pizzeriaId, clock.now())),
    /** The active shop's id (404 pizzeria_not_found), for the menu's stream. */
    shopId: (ref: PizzeriaRef) => db.read(async (ex) => (await getPizzeria(ex, ref)).id),
    /** Every active pizza of the group, plus the specialities of `pizzeriaId` (all of them when null). */
    recipeMemos: (pizzeriaId: number | null = null) => db.read((ex) => recipeMemos(ex, pizzeriaId)),
    ruptures: (pizzeriaId: number) => db.read((ex) => listRuptures(ex, pizzeriaId, clock.now())),
    startRupture: (pizzeriaId: number, input: RuptureInput, employeeId: number | null) =>
      startRupture(db, bus, pizzeriaId, input, employeeId, clock.now()),
    endRupture: (pizzeriaId: number, ruptureId: number) =>
      endRupture(db, bus, pizzeriaId, ruptureId, clock.now()),
    /** A product's new picture (back office): checked, resized to WebP under mediaDir, then set. */
    productPicture: (productId: number) => findProductPicture(db, productId),
    setPicture: (productId: number, input: Buffer) => setProductPicture(db, mediaDir, productId, input),
    /** Sizes (with recipe, price, VAT) and extras asked for by an order, with the caller's executor. */
    /** In the shop's menu (its prices, withdrawals, specialities and ruptures at the clock's now). */
    loadOrderCatalog: (ex: Executor, pizzeriaId: number, sizeIds: number[], extraIds: number[]) =>
      loadOrderCatalog(ex, pizzeriaId, sizeIds, extraIds, clock.now()),
  };
}

export type CatalogService = ReturnType<typeof createCatalogService>;
