// Live events about orders and shop menus. Services publish inside their transaction; subscribers (SSE streams)
// hear them only once the transaction has committed, in every app process.
import { EventEmitter } from 'node:events';
import type { Tx } from '../db/executor.js';

export interface OrderEvent {
  type: 'order.created' | 'order.updated' | 'order.status';
  orderId: string;
  number: string;
  pizzeriaId: number;
  customerId: number | null;
  status: string;
  fulfilment: 'delivery' | 'takeaway';
  estimatedReadyAt: string | null;
  estimatedDeliveryAt: string | null;
  /** An order for later: its planned time (absent or null: as soon as possible). */
  scheduledFor?: string | null;
  at: string;
}

/**
 * A shop's menu changed otherwise than by its stock (a « rupture » begun or ended, a product or size withdrawn or
 * offered again, a shop price): menus shown should reload.
 */
export interface MenuEvent {
  type: 'menu.changed';
  pizzeriaId: number;
  at: string;
}

export type BusEvent = OrderEvent | MenuEvent;

export const isMenuEvent = (e: BusEvent): e is MenuEvent => e.type === 'menu.changed';

export interface EventBus {
  /** Publishes `event` when `tx` commits (never if it rolls back). */
  publish(tx: Tx, event: BusEvent): Promise<void>;
  subscribe(listener: (event: BusEvent) => void): () => void;
  /**
   * Called when events may have been missed (the cross-process listener reconnected after losing its
   * connection): streams then re-send the current state instead of trusting what they last sent.
   * Optional because a single-process bus never loses events.
   */
  onResync?(listener: () => void): () => void;
  close(): Promise<void>;
}

/** Single-process bus: delivers after commit through an in-memory emitter. */
export class LocalEventBus implements EventBus {
  protected readonly emitter = new EventEmitter().setMaxListeners(0);

  async publish(tx: Tx, event: BusEvent): Promise<void> {
    tx.afterCommit(() => this.emit(event));
  }

  protected emit(event: BusEvent): void {
    this.emitter.emit('event', event);
  }

  subscribe(listener: (event: BusEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}
