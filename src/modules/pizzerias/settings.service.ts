// A shop's manager sets its operational settings (hours, closures, delivery conditions, preparation time, slot
// capacity); the group admin may set any shop's. The public views read the row at each request, so the site,
// the slots and placement follow at once.
import type { Database } from '../../db/executor.js';
import type { Clock } from '../../shared/clock.js';
import { ForbiddenError, NotFoundError } from '../../shared/errors.js';
import { can, isGroupWide, type Role } from '../../shared/permissions.js';
import { localDate, upcomingClosures } from './opening-hours.js';
import { findPizzeriaById, updatePizzeriaSettings, type PizzeriaRow } from './pizzerias.repository.js';
import { formatEurosInput, formatRadius, readSettings } from './settings.input.js';

/** Who asks: a staff member's role and shop (null for the group roles). */
export interface SettingsCaller {
  role: Role;
  pizzeriaId: number | null;
}

function assertMayChange(caller: SettingsCaller, pizzeriaId: number): void {
  if (!can(caller.role, 'pizzerias.settings')) {
    throw new ForbiddenError('Vous n’avez pas le droit de modifier les réglages des pizzerias.');
  }
  if (!isGroupWide(caller.role) && caller.pizzeriaId !== pizzeriaId) {
    throw new ForbiddenError('Vous ne pouvez modifier que les réglages de votre pizzeria.');
  }
}

const notFound = () => new NotFoundError('Cette pizzeria n’existe pas.', 'pizzeria_not_found');

/** The settings as the back-office form shows them (amounts in euros with a comma, the radius in km or m). */
export function settingsForm(row: PizzeriaRow, now: Date) {
  return {
    openingHours: row.openingHours,
    closures: upcomingClosures(row.closures, localDate(now, row.timezone)),
    deliveryRadius: formatRadius(row.deliveryRadiusM),
    deliveryFee: formatEurosInput(row.deliveryFeeCents),
    minOrder: formatEurosInput(row.minDeliveryOrderCents),
    freeThreshold: formatEurosInput(row.freeDeliveryThresholdCents),
    prepMinutes: String(row.prepMinutesPerOrder),
    slotCapacity: String(row.slotCapacity),
  };
}

export type SettingsForm = ReturnType<typeof settingsForm>;

export async function readShopSettings(
  { db, clock }: { db: Database; clock: Clock },
  caller: SettingsCaller,
  pizzeriaId: number,
): Promise<SettingsForm> {
  assertMayChange(caller, pizzeriaId);
  const row = await db.read((ex) => findPizzeriaById(ex, pizzeriaId));
  if (!row) throw notFound();
  return settingsForm(row, clock.now());
}

/**
 * Changes the fields given in `payload` (as the form posts them: text); anything else posted is refused, and a
 * bad value is a 422 with every problem in French. Returns the settings as they now are.
 */
export async function updateShopSettings(
  { db, clock }: { db: Database; clock: Clock },
  caller: SettingsCaller,
  pizzeriaId: number,
  payload: Record<string, unknown>,
): Promise<SettingsForm> {
  assertMayChange(caller, pizzeriaId);
  const now = clock.now();
  return db.transaction(async (tx) => {
    const shop = await findPizzeriaById(tx, pizzeriaId);
    if (!shop) throw notFound();
    const change = readSettings(payload, localDate(now, shop.timezone));
    const row = await updatePizzeriaSettings(tx, pizzeriaId, change);
    return settingsForm(row!, now);
  });
}
