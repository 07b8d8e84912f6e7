// A staff list kept live (the kitchen's queue, the driver's deliveries, the counter's hand-over list): the shop's
// stream only says that something changed; the list itself is always reloaded from the API, so the screen shows
// what the server has. While the stream is down the list is polled, as a fallback, and a new stream is tried; once
// one is open again its « ready » frame reloads the list, which catches up whatever was missed meanwhile.
import { h } from '../shared/dom';
import { stream } from '../shared/sse';
import { currentSession } from './session';

const RELOAD_ON = new Set(['ready', 'resync', 'order.created', 'order.status', 'order.updated']);
/**
 * While the stream is down: how often the list is polled and a new stream tried. EventSource retries a dropped
 * connection by itself, but gives up for good on an HTTP error (a restarting server answers 503).
 */
export const FALLBACK_MS = 5_000;

export interface LiveList {
  /** « En direct » / « Hors ligne — reconnexion… », for the screen's head. */
  status: HTMLElement;
  /** Reloads the list now (after an action on this screen); one reload at a time, one more if asked meanwhile. */
  reload(): Promise<void>;
  dispose(): void;
}

/**
 * Keeps the list that `load` draws live through the stream at `path` (`/staff/…/events?pizzeriaId=…`). `load`
 * shows its own errors; it is never run twice at once.
 */
export function liveList(path: string, load: () => Promise<void>): LiveList {
  const status = h('span.live.off', { role: 'status' }, 'Connexion au direct…');
  let disposed = false;
  let running: Promise<void> | null = null;
  let again = false;

  // Events come in bursts (an order created, then started): one reload at a time, one more if any came meanwhile.
  function reload(): Promise<void> {
    if (disposed) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await load();
        } while (again && !disposed);
      } finally {
        running = null;
      }
    })();
    return running;
  }

  let close = () => {};
  let fallback: number | undefined;
  function connect(): void {
    const session = currentSession();
    if (!session || disposed) return;
    close = stream(
      path,
      session.token,
      (type) => {
        if (RELOAD_ON.has(type)) void reload();
      },
      (on) => {
        status.className = on ? 'live on' : 'live off';
        status.textContent = on ? 'En direct' : 'Hors ligne — reconnexion…';
        if (on) {
          window.clearTimeout(fallback);
          fallback = undefined;
        } else if (fallback === undefined) {
          // Not pushed back by the errors of EventSource's own retries: the poll runs every FALLBACK_MS.
          fallback = window.setTimeout(() => {
            fallback = undefined;
            close();
            // Also tells a revoked session (401: back to the login form) from a network problem.
            void reload();
            connect();
          }, FALLBACK_MS);
        }
      },
    );
  }

  connect();
  void reload();
  return {
    status,
    reload,
    dispose() {
      disposed = true;
      close();
      window.clearTimeout(fallback);
    },
  };
}
