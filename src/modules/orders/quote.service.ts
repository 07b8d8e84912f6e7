// The price of a cart before it is ordered, computed exactly as placement will (catalogue prices, extras,
// delivery fee and free-delivery threshold, VAT), so the site never adds up prices itself. A quote reserves
// nothing: it names the lines the shop's stock cannot make right now (read without locks, so that the cart flags
// an item that ran out after it was added); placement checks again under the stock locks.
import type { OrderDeps } from './order-deps.js';
import { shortLines } from './placement.service.js';
import { assertSlotOffered } from './slots.service.js';
import { deliveryFee, orderVat, priceItems, type ItemInput, type PricedLine } from './pricing.js';
import type { Fulfilment } from './state-machine.js';
import type { VatLine } from '../../shared/money.js';

export interface OrderQuote {
  lines: PricedLine[];
  subtotalCents: number;
  deliveryFeeCents: number;
  totalCents: number;
  vatBreakdown: VatLine[];
  /** Deliveries only: the shop's minimum, and how much is missing to reach it (0 when reached). */
  minimumOrderCents: number;
  missingForMinimumCents: number;
  /** Deliveries only: the subtotal from which delivery is free (null when never). */
  freeDeliveryThresholdCents: number | null;
  /** Lines using an ingredient the shop does not have enough of for the whole cart (empty when all fit). */
  unavailable: ReturnType<typeof shortLines>;
  /** The slot of an order for later, checked as placement will (without its lock); null: as soon as possible. */
  scheduledFor: string | null;
}

export async function quoteOrder(
  deps: Pick<OrderDeps, 'db' | 'pizzerias' | 'catalog' | 'stock' | 'clock'>,
  input: { pizzeriaId: number; fulfilment: Fulfilment; items: ItemInput[]; scheduledFor?: Date | null },
): Promise<OrderQuote> {
  const { shop, catalog, available } = await deps.db.read(async (ex) => {
    const shop = await deps.pizzerias.get(ex, { id: input.pizzeriaId });
    if (input.scheduledFor) {
      await assertSlotOffered(ex, shop, input.fulfilment, input.scheduledFor, deps.clock.now());
    }
    return {
      shop,
      catalog: await deps.catalog.loadOrderCatalog(
        ex,
        input.pizzeriaId,
        input.items.map((i) => i.sizeId),
        input.items.flatMap((i) => i.extraIds),
      ),
      available: await deps.stock.available(ex, input.pizzeriaId),
    };
  });
  // A line under a shop's rupture is priced and flagged like one the stock cannot make (placement refuses it).
  const priced = priceItems(input.items, catalog, 'price');
  const short = new Set(
    [...priced.needs].filter(([ingredient, need]) => (available.get(ingredient) ?? 0) < need).map(([i]) => i),
  );
  const fee = deliveryFee(shop, input.fulfilment, priced.subtotalCents);
  const delivery = input.fulfilment === 'delivery';
  const minimum = delivery ? shop.minDeliveryOrderCents : 0;
  return {
    lines: priced.lines,
    subtotalCents: priced.subtotalCents,
    deliveryFeeCents: fee,
    totalCents: priced.subtotalCents + fee,
    vatBreakdown: orderVat(priced.lines, fee),
    minimumOrderCents: minimum,
    missingForMinimumCents: Math.max(0, minimum - priced.subtotalCents),
    freeDeliveryThresholdCents: delivery ? shop.freeDeliveryThresholdCents : null,
    unavailable: shortLines(priced, catalog, short),
    scheduledFor: input.scheduledFor ? input.scheduledFor.toISOString() : null,
  };
}
