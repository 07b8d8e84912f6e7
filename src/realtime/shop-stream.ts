// A shop's stream of bus events: `ready` once subscribed (the page then loads what it shows), one frame per event
// of the shop that `accept` keeps, named after the event with the event as data, and `resync` when events may have
// been lost (the page reloads). The staff screens follow their shop's orders, the site and the counter its menu.
import type { Response } from 'express';
import type { BusEvent, EventBus } from './events.js';
import { openSse } from './sse.js';

export function streamShopEvents(
  bus: EventBus,
  res: Response,
  pizzeriaId: number,
  accept: (event: BusEvent) => boolean,
): void {
  const live = openSse(res);
  live.onClose(
    bus.subscribe((e) => {
      if (e.pizzeriaId === pizzeriaId && accept(e)) live.send(e.type, e, e.at);
    }),
  );
  const now = () => new Date().toISOString();
  const stopResync = bus.onResync?.(() => live.send('resync', { pizzeriaId, at: now() }));
  if (stopResync) live.onClose(stopResync);
  live.send('ready', { pizzeriaId, at: now() });
}
