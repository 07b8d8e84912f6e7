// Server-Sent Events on a plain Express response. Streams live for as long as the browser keeps the page open,
// so the process keeps a registry of them: a graceful shutdown ends them all at once (EventSource then
// reconnects through NGINX to another process) instead of waiting for them as for ordinary requests.
import type { RequestHandler, Response } from 'express';
import { ServiceUnavailableError } from '../shared/errors.js';

/** Below NGINX's default proxy_read_timeout (60 s) and most idle timeouts of proxies and mobile networks. */
export const HEARTBEAT_MS = 20_000;
/** Tells EventSource how long to wait before reconnecting after the stream ends. */
export const RECONNECT_DELAY_MS = 3_000;
/** A client this far behind is stalled: drop it (it reconnects and gets the current state) rather than buffer. */
const MAX_BUFFERED_BYTES = 1 << 20;

export interface SseStream {
  /** Sends one `event:` / `id:` / `data:` frame (data as JSON); ignored once the stream is closed. */
  send(event: string, data: unknown, id?: string): void;
  /** Runs `cleanup` when the stream ends, whoever ends it (client gone, server, shutdown). */
  onClose(cleanup: () => void): void;
  /** Ends the response; resolves when it is finished (or after `timeoutMs` for a stalled client). */
  close(timeoutMs?: number): Promise<void>;
  readonly closed: boolean;
}

export interface SseOptions {
  heartbeatMs?: number;
}

/**
 * Before a stream route: a stopping process has just closed its streams, so EventSource must reconnect to
 * another process, not here (503 shutting_down).
 */
export function refuseWhileStopping(isShuttingDown: () => boolean = () => false): RequestHandler {
  return (_req, _res, next) => {
    if (isShuttingDown()) {
      throw new ServiceUnavailableError(
        'shutting_down',
        'Le serveur redémarre : reconnexion dans un instant.',
      );
    }
    next();
  };
}

const open = new Set<SseConnection>();

// Field values must stay on one line: a newline would start a new field and let data forge frames.
const oneLine = (value: string) => value.replace(/[\r\n]/g, ' ');

class SseConnection implements SseStream {
  private cleanups: Array<() => void> = [];
  private heartbeat: NodeJS.Timeout;
  private ended = false;
  private readonly done: Promise<void>;

  constructor(
    private readonly res: Response,
    heartbeatMs: number,
  ) {
    this.done = new Promise((resolve) => {
      res.once('close', resolve);
      res.once('finish', resolve);
    });
    this.heartbeat = setInterval(() => this.write(': ping\n\n'), heartbeatMs);
    this.heartbeat.unref();
    res.once('close', () => this.cleanup());
    // The client may have left while the route was still reading the database: 'close' has already fired.
    if (res.destroyed || !res.socket || res.socket.destroyed) this.cleanup();
  }

  get closed(): boolean {
    return this.ended;
  }

  send(event: string, data: unknown, id?: string): void {
    let frame = `event: ${oneLine(event)}\n`;
    if (id) frame += `id: ${oneLine(id)}\n`;
    // JSON.stringify escapes newlines inside strings, so the data fits on one `data:` line.
    frame += `data: ${JSON.stringify(data)}\n\n`;
    this.write(frame);
  }

  onClose(cleanup: () => void): void {
    if (this.ended) cleanup();
    else this.cleanups.push(cleanup);
  }

  async close(timeoutMs = 1_000): Promise<void> {
    if (!this.ended) {
      this.cleanup();
      this.res.end();
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.done, new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
    // A client that does not read its last bytes keeps the socket; a stopping server cannot wait for it.
    if (!this.res.writableFinished) this.res.destroy();
  }

  write(chunk: string): void {
    if (this.ended) return;
    if (this.res.writableLength > MAX_BUFFERED_BYTES) {
      this.cleanup();
      this.res.destroy();
      return;
    }
    this.res.write(chunk);
  }

  private cleanup(): void {
    if (this.ended) return;
    this.ended = true;
    clearInterval(this.heartbeat);
    open.delete(this);
    const cleanups = this.cleanups;
    this.cleanups = [];
    for (const fn of cleanups) fn();
  }
}

/** Turns `res` into an event stream: headers sent at once so the client knows it is connected. */
export function openSse(res: Response, options: SseOptions = {}): SseStream {
  res.status(200);
  res.set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    // NGINX buffers proxied responses by default, which would hold events back.
    'X-Accel-Buffering': 'no',
  });
  res.flushHeaders();
  const stream = new SseConnection(res, options.heartbeatMs ?? HEARTBEAT_MS);
  if (!stream.closed) open.add(stream);
  stream.write(`retry: ${RECONNECT_DELAY_MS}\n\n`);
  return stream;
}

/** Streams currently open in this process. */
export function openStreamCount(): number {
  return open.size;
}

/** Ends every open stream (graceful shutdown); resolves once their responses are finished. Returns how many. */
export async function closeAllStreams(timeoutMs = 1_000): Promise<number> {
  const streams = [...open];
  await Promise.all(streams.map((s) => s.close(timeoutMs)));
  return streams.length;
}
