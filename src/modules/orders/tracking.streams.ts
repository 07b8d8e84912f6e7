// The live streams: a customer's order, and a shop's orders for its kitchen, drivers and counter. They hold no
// database connection while open; they only listen to the process's event bus.
import type { Response } from 'express';
import type { AppContext } from '../../app.js';
import { isMenuEvent, type OrderEvent } from '../../realtime/events.js';
import { openSse } from '../../realtime/sse.js';
import { streamShopEvents } from '../../realtime/shop-stream.js';
import { log } from '../../shared/logger.js';
import type { Principal } from '../auth/index.js';
import type { Fulfilment } from './state-machine.js';
import { stateFromEvent } from './tracking.service.js';
import type { TrackingState } from './tracking.schemas.js';

/**
 * Holds live events back while a snapshot is read, then sends the snapshot and the held events. Subscribing
 * before reading means a change committed during the read is never lost; events arrive in commit order, so
 * the last frame sent is always the latest state (at worst an older frame is repeated just before it).
 */
class SnapshotGate<E> {
  private held: E[] | null = [];

  constructor(private readonly forward: (event: E) => void) {}

  push(event: E): void {
    if (this.held) this.held.push(event);
    else this.forward(event);
  }

  hold(): void {
    this.held ??= [];
  }

  release(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const event of held) this.forward(event);
  }
}

/**
 * Customer stream: `status` with the current state first, then one frame per change of the order named after
 * the event (`order.status`, `order.updated`…), all with the same TrackingState data. Throws the 404 before
 * any byte is sent when the caller does not own the order.
 */
export async function streamOrder(
  ctx: AppContext,
  res: Response,
  orderId: string,
  caller: Principal | undefined,
): Promise<void> {
  // The gate forwards only once released, after `live` below exists.
  const gate = new SnapshotGate<OrderEvent>((e) => live.send(e.type, stateFromEvent(e), e.at));
  const unsubscribe = ctx.bus.subscribe((e) => {
    if (!isMenuEvent(e) && e.orderId === orderId) gate.push(e);
  });
  let state: TrackingState;
  try {
    state = await ctx.services.orders.trackedState(orderId, caller);
  } catch (error) {
    unsubscribe();
    throw error;
  }
  const live = openSse(res);
  live.onClose(unsubscribe);
  live.send('status', state, state.at);
  gate.release();

  // Events may have been lost while the bus was reconnecting: send the state again from the database.
  const resync = async () => {
    gate.hold();
    try {
      const fresh = await ctx.services.orders.trackedState(orderId, caller);
      live.send('status', fresh, fresh.at);
      gate.release();
    } catch (error) {
      log().warn({ errName: (error as Error)?.name, orderId }, 'tracking: resync failed, closing the stream');
      // The client reconnects and starts again from a fresh snapshot.
      void live.close();
    }
  };
  const stopResync = ctx.bus.onResync?.(() => void resync());
  if (stopResync) live.onClose(stopResync);
}

/**
 * A shop's staff stream (src/realtime/shop-stream.ts): the kitchen follows every order of the shop; the driver's
 * and the counter's streams only the orders of their fulfilment (an order keeps its fulfilment for life: a
 * modification changes only its items). Menu changes have their own public stream (catalog.routes.ts).
 */
export function streamShop(
  ctx: AppContext,
  res: Response,
  pizzeriaId: number,
  fulfilment: Fulfilment | null = null,
): void {
  streamShopEvents(
    ctx.bus,
    res,
    pizzeriaId,
    (e) => !isMenuEvent(e) && (fulfilment === null || e.fulfilment === fulfilment),
  );
}
