// « Réglages » of a pizzeria: its manager (or the group admin) sets the shop's opening hours, exceptional
// closures, delivery radius and amounts, preparation time and slot capacity in one French form
// (admin/components/shop-settings.jsx). The pizzerias module reads and checks the values (text as typed: « 2,50 »,
// « 3 km »…) and writes them; identity fields stay in the group admin's « Modifier ».
import type { Action, ActionResponse } from 'adminjs';
import { assertGranted, canWrite, type AccessSpec } from '../access.js';
import { Components } from '../components.js';
import type { AdminDeps } from '../deps.js';

/** The record param carrying the current settings to the form (JSON text). */
export const SETTINGS_PARAM = 'shopSettings';

const savedMessage = (clashing: string[]) =>
  clashing.length === 0
    ? 'Réglages enregistrés.'
    : `Réglages enregistrés. Attention : ${clashing.length === 1 ? 'la commande pour plus tard' : 'les commandes pour plus tard'} ` +
      `${clashing.join(', ')} ${clashing.length === 1 ? 'tombe' : 'tombent'} pendant une fermeture : ` +
      'prévenez les clients, ou annulez-les.';

export function shopSettingsAction(access: AccessSpec, deps: AdminDeps): Partial<Action<ActionResponse>> {
  const mayWrite = canWrite(access, 'pizzerias.settings');
  return {
    actionType: 'record',
    icon: 'Clock',
    component: Components.ShopSettings,
    showInDrawer: false,
    isAccessible: mayWrite,
    isVisible: mayWrite,
    handler: async (request, _response, context) => {
      const record = context.record!;
      const staff = assertGranted(context, 'pizzerias.settings', record);
      const id = Number(record.id());
      const pizzerias = deps.services.pizzerias;
      const post = request.method === 'post';
      const settings = post
        ? await pizzerias.updateSettings(staff, id, { ...(request.payload ?? {}) })
        : await pizzerias.settings(staff, id);
      // Closing does not cancel the orders for later already booked on those dates: the manager is told.
      const clashing = post
        ? await deps.services.orders.bookedDuring(id, settings.closures, String(record.get('timezone')))
        : [];
      const json = record.toJSON(context.currentAdmin);
      return {
        record: { ...json, params: { ...json.params, [SETTINGS_PARAM]: JSON.stringify(settings) } },
        ...(post
          ? {
              notice: {
                message: savedMessage(clashing),
                type: 'success' as const,
              },
            }
          : {}),
      };
    },
  };
}
