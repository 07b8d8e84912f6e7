// Test-side tools for the live streams: an SSE reader over fetch (what EventSource does, without a package)
// whose every wait is bounded, and a way to change an order and publish its event in one transaction.
import type { Database } from '../../../src/db/executor.js';
import type { EventBus, OrderEvent } from '../../../src/realtime/events.js';
import type { InsertedOrder } from '../../factories/orders.js';

export interface SseFrame {
  event: string;
  id?: string;
  data: any;
}

export class SseReader {
  private frames: SseFrame[] = [];
  private waiters: Array<() => void> = [];
  private done = false;

  private constructor(
    readonly status: number,
    readonly headers: Headers,
    private readonly controller: AbortController,
  ) {}

  /** Connects; the promise resolves once the response headers arrived (the stream is then subscribed). */
  static async open(url: string, options: { token?: string } = {}): Promise<SseReader> {
    const controller = new AbortController();
    const headers: Record<string, string> = { Accept: 'text/event-stream' };
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    const res = await fetch(url, {
      headers,
      signal: AbortSignal.any([controller.signal, AbortSignal.timeout(30_000)]),
    });
    const reader = new SseReader(res.status, res.headers, controller);
    void reader.pump(res);
    return reader;
  }

  get ended(): boolean {
    return this.done;
  }

  /** The next frame with data (comments and `retry:` are skipped); rejects after `timeoutMs`. */
  async next(timeoutMs = 5_000): Promise<SseFrame> {
    const deadline = Date.now() + timeoutMs;
    while (this.frames.length === 0) {
      if (this.done) throw new Error('the stream ended before the next frame');
      if (!(await this.wait(deadline - Date.now()))) throw new Error(`no frame within ${timeoutMs} ms`);
    }
    return this.frames.shift()!;
  }

  /** Resolves when the server ends the response; rejects after `timeoutMs`. */
  async end(timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.done) {
      if (!(await this.wait(deadline - Date.now())))
        throw new Error(`the stream was still open after ${timeoutMs} ms`);
    }
  }

  close(): void {
    this.controller.abort();
  }

  private wait(ms: number): Promise<boolean> {
    if (ms <= 0) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), ms);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  private async pump(res: Response): Promise<void> {
    let buffer = '';
    try {
      if (!res.body) return;
      const decoder = new TextDecoder();
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const frame = parseFrame(block);
          if (frame) this.frames.push(frame);
        }
        this.wake();
      }
    } catch {
      // Aborted by close() or the safety timeout: the stream is over either way.
    } finally {
      this.done = true;
      this.wake();
    }
  }
}

function parseFrame(block: string): SseFrame | undefined {
  let event = 'message';
  let id: string | undefined;
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'id') id = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length === 0) return undefined;
  return { event, id, data: JSON.parse(data.join('\n')) };
}

/** Changes an order's status and publishes the event in the same transaction, as the order services do. */
export async function changeStatus(
  db: Database,
  bus: EventBus,
  order: InsertedOrder,
  status: string,
  options: { rollback?: boolean; type?: OrderEvent['type'] } = {},
): Promise<OrderEvent> {
  const event: OrderEvent = {
    type: options.type ?? 'order.status',
    orderId: order.id,
    number: order.number,
    pizzeriaId: order.pizzeriaId,
    customerId: order.customerId,
    status,
    fulfilment: order.fulfilment,
    estimatedReadyAt: null,
    estimatedDeliveryAt: null,
    at: new Date().toISOString(),
  };
  const rolledBack = new Error('rolled back on purpose');
  try {
    await db.transaction(async (tx) => {
      await tx.exec(`UPDATE orders SET status = $1, updated_at = now() WHERE id = $2`, [status, order.id]);
      await bus.publish(tx, event);
      if (options.rollback) throw rolledBack;
    });
  } catch (error) {
    if (error !== rolledBack) throw error;
  }
  return event;
}

/** Resolves when `check` holds, polling; rejects after `timeoutMs`. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
