// The purchasing workflow in the back office (issue 20), two resource actions of the stock items (components
// purchase-suggestions.jsx and purchase-reception.jsx), for the group admin (who picks a shop) and a shop's
// manager (their own shop), permission purchasing.manage:
// - « Suggestions de commande »: per supplier, what to order now (services.purchasing.suggestions), each line's
//   packs editable; « Créer le bon de commande » makes the draft with the adjusted packs (the suggestion's kept as
//   suggestedPacks), « Envoyer au fournisseur » sends it; below, the shop's open orders with « Réceptionner ».
// - « Réceptionner »: a sent or partly received order, per line what came now and what was refused (with why),
//   « Réception définitive »; then the differences (manquant, en trop, refusé).
// Every change goes through the purchasing service; its errors come back as French notices.
import type { ActionContext, ActionRequest } from 'adminjs';
import type { EmployeePrincipal } from '../src/modules/auth/index.js';
import { createDraftBody, receptionBody } from '../src/modules/purchasing/index.js';
import type { Unit } from '../src/modules/stock/index.js';
import { AppError } from '../src/shared/errors.js';
import { formatEuros } from '../src/shared/money.js';
import { parse } from '../src/shared/validate.js';
import { asStaff, granted, shopOf } from './access.js';
import { principalOf } from './actions/form-action.js';
import { Components } from './components.js';
import { shopChoices } from './dashboard.js';
import type { AdminDeps } from './deps.js';
import { longDay, readableQuantity } from './forecast.js';

type Notice = { type: 'success' | 'danger'; message: string };
type OrderView = Awaited<ReturnType<AdminDeps['services']['purchasing']['get']>>;

export const PURCHASE_STATUS_LABELS: Record<string, string> = {
  draft: 'Brouillon',
  sent: 'Envoyé',
  partially_received: 'Reçu en partie',
  received: 'Reçu',
  cancelled: 'Annulé',
};

const ONE_DECIMAL = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const dayLabel = (day: string | null) => (day ? longDay(day) : '—');
const q = (quantity: number, unit: string) => readableQuantity(quantity, unit as Unit);

/** The number a form sent (a string from a form, a number from JSON), or NaN. */
const num = (raw: unknown) => (raw === undefined || raw === null || raw === '' ? NaN : Number(raw));

/** A list the page posts as a JSON string (AdminJS flattens nested payloads; a string stays as it is). */
function jsonList(raw: unknown): Record<string, unknown>[] {
  if (Array.isArray(raw)) return raw as Record<string, unknown>[];
  if (typeof raw !== 'string') return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? (parsed as Record<string, unknown>[]) : [];
  } catch {
    return [];
  }
}

/** The service's refusal as a notice (with the first detail of a form's refusal); anything else propagates. */
function refusal(error: unknown): Notice {
  if (!(error instanceof AppError)) throw error;
  const details = Array.isArray(error.details) ? error.details : [];
  const first = details[0] as { message?: unknown } | undefined;
  const detail = typeof first?.message === 'string' ? first.message : null;
  return {
    type: 'danger',
    message: detail ? `${error.message.replace(/\.$/, '')} : ${detail}.` : error.message,
  };
}

/** The shop the page is about: the manager's own, or the one the admin picked (the first by code until then). */
async function shopFor(deps: AdminDeps, request: ActionRequest, context: ActionContext) {
  const own = shopOf(context.currentAdmin);
  const shops = await shopChoices(deps.sequelize, own === 'all' || own === null ? undefined : own);
  const asked = num(request.query?.pizzeriaId ?? request.payload?.pizzeriaId);
  const shopId = own !== 'all' && own !== null ? own : (shops.find((s) => s.id === asked) ?? shops[0])?.id;
  return { shops, shopId: shopId ?? null };
}

/** A purchase order as the pages show it, with the French labels of its amounts, quantities and days. */
export function orderView(o: OrderView) {
  return {
    id: o.id,
    number: o.number,
    status: o.status,
    statusLabel: PURCHASE_STATUS_LABELS[o.status] ?? o.status,
    pizzeriaId: o.pizzeria.id,
    supplierName: o.supplier.name,
    supplierEmail: o.supplier.email,
    expectedOn: o.expectedOn,
    expectedLabel: dayLabel(o.expectedOn),
    totalCents: o.totalCents,
    totalLabel: formatEuros(o.totalCents),
    receivable: o.status === 'sent' || o.status === 'partially_received',
    lines: o.lines.map((l) => ({
      id: l.id,
      ingredientId: l.ingredientId,
      name: l.ingredientName,
      unit: l.unit,
      packLabel: l.packLabel,
      packs: l.packs,
      suggestedPacks: l.suggestedPacks,
      packPriceLabel: formatEuros(l.packPriceCents),
      lineTotalLabel: formatEuros(l.lineTotalCents),
      orderedQuantity: l.orderedQuantity,
      orderedLabel: q(l.orderedQuantity, l.unit),
      receivedQuantity: l.receivedQuantity,
      receivedLabel: q(l.receivedQuantity, l.unit),
      refusedQuantity: l.refusedQuantity,
      refusedLabel: q(l.refusedQuantity, l.unit),
      refusedReasons: l.refusedReasons,
      shortQuantity: l.shortQuantity,
      shortLabel: l.shortQuantity > 0 ? q(l.shortQuantity, l.unit) : null,
      overQuantity: l.overQuantity,
      overLabel: l.overQuantity > 0 ? q(l.overQuantity, l.unit) : null,
      /** What the reception form offers by default: what is still missing. */
      toReceive: l.shortQuantity,
    })),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// « Suggestions de commande »

async function suggestionsData(
  deps: AdminDeps,
  request: ActionRequest,
  context: ActionContext,
  extra: { notice?: Notice; order?: ReturnType<typeof orderView> } = {},
) {
  const me = principalOf(asStaff(context.currentAdmin)!);
  const { shops, shopId } = await shopFor(deps, request, context);
  if (shopId === null) return { shops, shopId, suppliers: [], openOrders: [], ...extra };
  const purchasing = deps.services.purchasing;
  const [suggestions, sent, partial] = await Promise.all([
    purchasing.suggestions(me, shopId),
    purchasing.list(me, { pizzeriaId: shopId, status: 'sent' }),
    purchasing.list(me, { pizzeriaId: shopId, status: 'partially_received' }),
  ]);
  return {
    shops,
    shopId,
    today: suggestions.today,
    todayLabel: longDay(suggestions.today),
    suppliers: suggestions.suppliers.map((s) => ({
      supplierId: s.supplierId,
      supplierName: s.supplierName,
      deliveryOn: s.deliveryOn,
      deliveryLabel: longDay(s.deliveryOn),
      orderByLabel: longDay(s.orderBy),
      nextDeliveryLabel: longDay(s.nextDeliveryOn),
      totalCents: s.totalCents,
      totalLabel: formatEuros(s.totalCents),
      minimumOrderCents: s.minimumOrderCents,
      minimumLabel: formatEuros(s.minimumOrderCents),
      minimumReached: s.minimumReached,
      lines: s.lines.map((l) => ({
        ingredientId: l.ingredientId,
        name: l.name,
        unit: l.unit,
        stockAtDeliveryLabel: q(l.stockAtDelivery, l.unit),
        parLevelLabel: q(l.parLevel, l.unit),
        daysOfCoverLabel: l.daysOfCover === null ? '—' : `${ONE_DECIMAL.format(l.daysOfCover)} j`,
        reason: l.reason,
        packLabel: l.packLabel,
        packQuantity: l.packQuantity,
        packPriceCents: l.packPriceCents,
        packPriceLabel: formatEuros(l.packPriceCents),
        packs: l.packs,
        lineTotalCents: l.lineTotalCents,
        lineTotalLabel: formatEuros(l.lineTotalCents),
      })),
    })),
    openOrders: [...sent, ...partial]
      .sort((a, b) => a.id - b.id)
      .map((o) => ({
        id: o.id,
        number: o.number,
        statusLabel: PURCHASE_STATUS_LABELS[o.status] ?? o.status,
        supplierName: o.supplierName,
        expectedLabel: dayLabel(o.expectedOn),
        totalLabel: formatEuros(o.totalCents),
      })),
    ...extra,
  };
}

async function createFromSuggestion(
  deps: AdminDeps,
  me: EmployeePrincipal,
  payload: Record<string, unknown>,
) {
  const pizzeriaId = num(payload.pizzeriaId);
  // Checked as the API checks it (whole packs, at least one line); a line set to 0 packs is left out.
  const input = parse(createDraftBody, {
    // The manager's own shop when none is named; a shop named is checked by the service (its own only).
    pizzeriaId: Number.isSafeInteger(pizzeriaId) ? pizzeriaId : undefined,
    supplierId: num(payload.supplierId),
    lines: jsonList(payload.lines)
      .map((l) => ({
        ingredientId: num(l.ingredientId),
        packs: num(l.packs),
        suggestedPacks: l.suggestedPacks === undefined ? null : num(l.suggestedPacks),
      }))
      .filter((l) => l.packs !== 0),
  });
  return orderView(await deps.services.purchasing.createDraft(me, input));
}

export function purchaseSuggestionsAction(deps: AdminDeps) {
  return {
    actionType: 'resource' as const,
    icon: 'ShoppingCart',
    component: Components.PurchaseSuggestions,
    isAccessible: ({ currentAdmin }: ActionContext) => granted(currentAdmin, 'purchasing.manage'),
    handler: async (request: ActionRequest, _response: unknown, context: ActionContext) => {
      const payload = (request.payload ?? {}) as Record<string, unknown>;
      if (request.method !== 'post') return suggestionsData(deps, request, context);
      const me = principalOf(asStaff(context.currentAdmin)!);
      const purchasing = deps.services.purchasing;
      try {
        if (payload.op === 'create') {
          const order = await createFromSuggestion(deps, me, payload);
          return suggestionsData(deps, request, context, {
            order,
            notice: {
              type: 'success',
              message: `Bon de commande ${order.number} créé (brouillon, ${order.totalLabel} HT).`,
            },
          });
        }
        if (payload.op === 'send') {
          const order = orderView(await purchasing.send(me, num(payload.purchaseOrderId)));
          return suggestionsData(deps, request, context, {
            order,
            notice: {
              type: 'success',
              message: `Bon de commande ${order.number} envoyé à ${order.supplierName} (${order.supplierEmail}).`,
            },
          });
        }
        return suggestionsData(deps, request, context, {
          notice: { type: 'danger', message: 'Action inconnue.' },
        });
      } catch (error) {
        const notice = refusal(error);
        const id = num(payload.purchaseOrderId);
        const found = Number.isSafeInteger(id) ? await purchasing.get(me, id).catch(() => null) : null;
        const order = found ? orderView(found) : undefined;
        return suggestionsData(deps, request, context, { notice, ...(order ? { order } : {}) });
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// « Réceptionner »

async function receptionData(
  deps: AdminDeps,
  me: EmployeePrincipal,
  id: number,
  extra: { notice?: Notice; received?: boolean } = {},
) {
  if (!Number.isSafeInteger(id)) {
    return {
      order: null,
      notice: { type: 'danger', message: 'Choisissez un bon de commande à réceptionner.' },
    };
  }
  try {
    return { order: orderView(await deps.services.purchasing.get(me, id)), ...extra };
  } catch (error) {
    return { order: null, notice: refusal(error) };
  }
}

export function purchaseReceptionAction(deps: AdminDeps) {
  return {
    actionType: 'resource' as const,
    icon: 'Package',
    component: Components.PurchaseReception,
    isAccessible: ({ currentAdmin }: ActionContext) => granted(currentAdmin, 'purchasing.manage'),
    handler: async (request: ActionRequest, _response: unknown, context: ActionContext) => {
      const me = principalOf(asStaff(context.currentAdmin)!);
      const payload = (request.payload ?? {}) as Record<string, unknown>;
      const id = num(request.query?.purchaseOrderId ?? payload.purchaseOrderId);
      if (request.method !== 'post') return receptionData(deps, me, id);
      try {
        const all = jsonList(payload.lines).map((l) => ({
          purchaseOrderLineId: num(l.purchaseOrderLineId),
          receivedQuantity: num(l.receivedQuantity || 0),
          refusedQuantity: num(l.refusedQuantity || 0),
          refusedReason:
            typeof l.refusedReason === 'string' && l.refusedReason.trim() ? l.refusedReason : null,
        }));
        // Lines where nothing came are left out, unless nothing came at all (a final reception closing it).
        const counted = all.filter((l) => l.receivedQuantity !== 0 || l.refusedQuantity !== 0);
        const input = parse(receptionBody, {
          lines: counted.length > 0 ? counted : all,
          final: payload.final === true || payload.final === 'true',
        });
        const { purchaseOrder: order } = await deps.services.purchasing.receive(me, id, input);
        const view = orderView(order);
        const missing = view.lines.filter((l) => l.shortLabel).length;
        return {
          order: view,
          received: true,
          notice: {
            type: 'success',
            message:
              view.status === 'received'
                ? `Réception enregistrée : ${view.number} est reçu.`
                : `Réception enregistrée : ${view.number} est reçu en partie (${missing} ligne(s) en attente).`,
          },
        };
      } catch (error) {
        return receptionData(deps, me, id, { notice: refusal(error) });
      }
    },
  };
}
