// Placing an order (web, phone or counter): prices, checks and stock reservation, all decided on the server.
// Everything that needs no lock is computed first; the transaction then writes the order, its lines and its
// first status event and queues the live event (NOTIFY), then LAST locks the shop's stock rows in a fixed order
// (ingredient id) and reserves what fits in one statement, and commits at once: the hot stock rows are held for
// the shortest time (that statement and the commit).
import { createHash } from 'node:crypto';
import { isForeignKeyViolation, isUniqueViolation } from '../../db/executor.js';
import { AccountClosedError, ConflictError, NotFoundError, ValidationError } from '../../shared/errors.js';
import type { CatalogExtra, CatalogSize } from '../catalog/index.js';
import { isOpenAt } from '../pizzerias/index.js';
import type { LockedStock } from '../stock/index.js';
import type { DeliveryQuoteForOrders, OrderDeps } from './order-deps.js';
import {
  findOrderByIdempotencyKey,
  insertLines,
  insertOrder,
  insertStatusEvent,
  kitchenBacklog,
  nextOrderNumber,
  type Actor,
  type NewOrder,
} from './orders.repository.js';
import { orderView, type OrderView } from './orders.view.js';
import { deliveryFee, orderVat, priceItems, type ItemInput, type PricedItems } from './pricing.js';
import type { Fulfilment } from './state-machine.js';
import { orderEvent } from './order-events.js';
import { assertSlotOffered, claimSlot } from './slots.service.js';

export interface PlaceOrderCommand {
  /** Optional for deliveries: the shop that delivers the address fastest is chosen. */
  pizzeriaId?: number;
  channel: 'web' | 'phone' | 'counter';
  fulfilment: Fulfilment;
  address: NewOrder['address'];
  items: ItemInput[];
  paymentMethod: 'card_online' | 'card_on_delivery' | 'cash' | 'meal_voucher';
  note: string | null;
  customer: { id: number | null; name: string; phone: string | null };
  placedByEmployeeId: number | null;
  actor: Actor;
  idempotencyKey: string;
  /** An order for later: the slot it is handed over in (null or absent: as soon as possible). */
  scheduledFor?: Date | null;
  /** Identifies the caller and the request body, so a key reused for another request is refused. */
  requestFingerprint: unknown;
}

export const fingerprint = (value: unknown) =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex');

async function replay(deps: OrderDeps, key: string, hash: string): Promise<OrderView | undefined> {
  return deps.db.read(async (ex) => {
    const existing = await findOrderByIdempotencyKey(ex, key);
    if (!existing) return undefined;
    if (existing.requestHash !== hash) {
      throw new ValidationError(
        'Cette clé d’idempotence a déjà servi pour une autre commande.',
        { header: 'Idempotency-Key' },
        'idempotency_key_reused',
      );
    }
    return orderView(ex, existing.id);
  });
}

/** Lines of the order that use an ingredient in short supply (named in the 409). */
export function shortLines(
  priced: PricedItems,
  catalog: { sizes: Map<number, CatalogSize>; extras: Map<number, CatalogExtra> },
  short: Set<number>,
) {
  // A line under a shop's « rupture » (only the quote prices one) counts as one the shop cannot make.
  const ruptured = (l: PricedItems['lines'][number]) =>
    catalog.sizes.get(l.sizeId)!.ruptured || l.extras.some((e) => catalog.extras.get(e.id)!.ruptured);
  return priced.lines
    .filter(
      (l) =>
        ruptured(l) ||
        catalog.sizes.get(l.sizeId)!.recipe.some((r) => short.has(r.ingredientId)) ||
        l.extras.some((e) => short.has(catalog.extras.get(e.id)!.ingredientId)),
    )
    .map((l) => ({
      position: l.position,
      productId: l.productId,
      sizeId: l.sizeId,
      productName: l.productName,
      sizeLabel: l.sizeLabel,
    }));
}

/** Throws 409 insufficient_stock unless every need fits in on_hand − reserved (rows locked by the caller). */
export function assertAvailable(
  needs: Map<number, number>,
  locked: Map<number, LockedStock>,
  describe: (shortIngredients: Set<number>) => object[],
): void {
  const short = new Set<number>();
  for (const [ingredientId, need] of needs) {
    const row = locked.get(ingredientId);
    if (!row || row.onHand - row.reserved < need) short.add(ingredientId);
  }
  if (short.size === 0) return;
  const items = describe(short);
  const names = items.map((i) => (i as { productName: string }).productName);
  throw new ConflictError(
    'insufficient_stock',
    `Stock insuffisant pour : ${[...new Set(names)].join(', ')}. Réduisez la quantité ou choisissez autre chose.`,
    items as Record<string, unknown>[],
  );
}

export async function placeOrder(
  deps: OrderDeps,
  cmd: PlaceOrderCommand,
): Promise<{ order: OrderView; replayed: boolean }> {
  const { db } = deps;
  const hash = fingerprint(cmd.requestFingerprint);
  const previous = await replay(deps, cmd.idempotencyKey, hash);
  if (previous) return { order: previous, replayed: true };

  // A delivery without a named shop goes to the open shop that delivers the address fastest.
  let quote: DeliveryQuoteForOrders | undefined;
  const scheduledFor = cmd.scheduledFor ?? null;
  if (cmd.pizzeriaId === undefined) {
    // Slots are a shop's: an order for later names its shop.
    if (scheduledFor || cmd.fulfilment !== 'delivery' || !cmd.address || !deps.maps || !deps.delivery) {
      throw new ValidationError('Choisissez une pizzeria.', { field: 'pizzeriaId' }, 'pizzeria_required');
    }
    quote = await deps.delivery.quote(cmd.address);
  }
  const shop = await db.read((ex) => deps.pizzerias.get(ex, { id: cmd.pizzeriaId ?? quote!.shop.id }));
  const now = deps.clock.now();
  // An order for later may be placed while the shop is closed: its slot is within the hours.
  if (scheduledFor) await db.read((ex) => assertSlotOffered(ex, shop, cmd.fulfilment, scheduledFor, now));
  else if (!isOpenAt(shop.openingHours, shop.timezone, now, shop.closures)) {
    throw new ConflictError(
      'pizzeria_closed',
      `${shop.name} est fermée en ce moment : consultez ses horaires.`,
    );
  }
  const catalog = await db.read((ex) =>
    deps.catalog.loadOrderCatalog(
      ex,
      shop.id,
      cmd.items.map((i) => i.sizeId),
      cmd.items.flatMap((i) => i.extraIds),
    ),
  );
  const priced = priceItems(cmd.items, catalog);
  if (cmd.fulfilment === 'delivery') {
    if (!cmd.address) {
      throw new ValidationError('Indiquez l’adresse de livraison.', { field: 'address' }, 'address_required');
    }
    if (!deps.maps || !deps.delivery) throw new Error('a maps provider is required to place deliveries');
    // Geocoded on the server (cached): the shop must deliver there, and the ETA includes the drive.
    quote ??= await deps.delivery.quote(cmd.address, shop.id, { forLater: scheduledFor !== null });
    if (priced.subtotalCents < shop.minDeliveryOrderCents) {
      throw new ValidationError(
        `Le minimum de commande en livraison est de ${(shop.minDeliveryOrderCents / 100).toFixed(2).replace('.', ',')} €.`,
        { minimumCents: shop.minDeliveryOrderCents, subtotalCents: priced.subtotalCents },
        'below_minimum_order',
      );
    }
  }
  const fee = deliveryFee(shop, cmd.fulfilment, priced.subtotalCents);
  const travelMs = (quote?.travelSeconds ?? 0) * 1000;
  // For later: ready when the drive still leaves it on time; else after the kitchen's current backlog.
  const readyAt = scheduledFor
    ? new Date(scheduledFor.getTime() - travelMs)
    : new Date(
        now.getTime() +
          ((await db.read((ex) => kitchenBacklog(ex, shop.id, now, shop.prepMinutesPerOrder))) + 1) *
            shop.prepMinutesPerOrder *
            60_000,
      );
  const online = cmd.paymentMethod === 'card_online';
  const order: NewOrder = {
    number: '',
    pizzeriaId: shop.id,
    customerId: cmd.customer.id,
    customerName: cmd.customer.name,
    customerPhone: cmd.customer.phone,
    channel: cmd.channel,
    fulfilment: cmd.fulfilment,
    status: online ? 'pending_payment' : 'received',
    address: quote && cmd.address ? { ...cmd.address, lat: quote.point.lat, lng: quote.point.lng } : null,
    subtotalCents: priced.subtotalCents,
    deliveryFeeCents: fee,
    totalCents: priced.subtotalCents + fee,
    vatBreakdown: orderVat(priced.lines, fee),
    paymentMethod: cmd.paymentMethod,
    paymentStatus: online ? 'pending' : 'unpaid',
    idempotencyKey: cmd.idempotencyKey,
    requestHash: hash,
    note: cmd.note,
    placedByEmployeeId: cmd.placedByEmployeeId,
    estimatedReadyAt: readyAt,
    estimatedDeliveryAt: quote ? new Date(readyAt.getTime() + travelMs) : null,
    scheduledFor,
    distanceM: quote?.distanceM ?? null,
    travelSeconds: quote?.travelSeconds ?? null,
    estimateApproximate: quote?.approximate ?? false,
  };

  let orderId: string;
  try {
    orderId = await db.transaction(async (tx) => {
      // First (before the counter and the stock rows): the slot's own lock, then its count.
      if (scheduledFor) await claimSlot(tx, shop, scheduledFor);
      order.number = await nextOrderNumber(tx, shop.id, shop.code);
      // Dated at the moment the shop was found open (the clock of the business rules).
      const id = await insertOrder(tx, order, now);
      await insertLines(tx, id, priced.lines);
      await insertStatusEvent(tx, { orderId: id, from: null, to: order.status, actor: cmd.actor }, now);
      // NOTIFY is delivered at commit and dropped on rollback wherever it stands in the transaction: sent before
      // the lock, it is one round trip fewer while the shop's hot stock rows are held.
      await deps.bus.publish(tx, orderEvent('order.created', { ...order, id }));
      // Last: the shop's hot stock rows, locked in ingredient order and reserved in the same statement; a
      // refusal rolls everything above back.
      const reservation = await deps.stock.reserve(tx, shop.id, priced.needs, {
        orderId: id,
        employeeId: cmd.placedByEmployeeId,
      });
      if (!reservation.applied) {
        assertAvailable(priced.needs, reservation.locked, (short) => shortLines(priced, catalog, short));
        throw new Error('stock reservation refused although every need fits the locked rows');
      }
      return id;
    });
  } catch (error) {
    // A concurrent request with the same key won the race: answer with its order (or refuse a different body).
    // The account was erased while this order waited for its row (the erasure's lock): no order without it.
    if (isForeignKeyViolation(error, 'orders_customer_id_fkey')) throw new AccountClosedError();
    const isKeyClash = isUniqueViolation(error);
    const refused =
      error instanceof ConflictError && ['insufficient_stock', 'slot_full'].includes(error.code);
    if (isKeyClash || refused) {
      const winner = await replay(deps, cmd.idempotencyKey, hash);
      if (winner) return { order: winner, replayed: true };
    }
    throw error;
  }
  return { order: (await db.read((ex) => orderView(ex, orderId)))!, replayed: false };
}

export type CustomerOrderCommand = Omit<
  PlaceOrderCommand,
  'channel' | 'customer' | 'placedByEmployeeId' | 'actor'
> & {
  customerId: number;
  /** A saved address of the customer, copied into the order (deliveries). */
  addressId?: number;
};

/** A customer's order from the site: their name and phone, and the saved address they chose, are copied in. */
export async function placeCustomerOrder(
  deps: OrderDeps,
  { customerId, addressId, ...cmd }: CustomerOrderCommand,
): Promise<{ order: OrderView; replayed: boolean }> {
  if (!deps.customers) throw new Error('the customers module is required to place a customer order');
  // The customers module owns accounts and address books: the order snapshots what it returns.
  // Gone: the account was erased while its token was still being read (the token goes with it).
  const customer = await deps.customers.findCustomer(customerId);
  if (!customer) throw new AccountClosedError();
  let address = cmd.address;
  if (cmd.fulfilment === 'delivery' && addressId) {
    const saved = await deps.customers.findAddressOfCustomer(customerId, addressId);
    if (!saved) throw new NotFoundError('Adresse introuvable.', 'address_not_found');
    const { id: _id, label: _label, ...snapshot } = saved;
    address = snapshot;
  }
  return placeOrder(deps, {
    ...cmd,
    address,
    channel: 'web',
    customer: { id: customerId, name: `${customer.firstName} ${customer.lastName}`, phone: customer.phone },
    placedByEmployeeId: null,
    actor: { type: 'customer', customerId },
  });
}
