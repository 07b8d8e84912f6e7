// A small stand-in for Sentry's ingest endpoint: accepts envelopes from the real @sentry/node SDK over HTTP
// and keeps their items for assertions.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

export interface EnvelopeItem {
  type: string;
  payload: Record<string, unknown>;
  raw: string;
}

export interface FakeSentry {
  dsn: string;
  items: EnvelopeItem[];
  /** Everything received, decoded, for "no secret anywhere" assertions. */
  rawBodies: string[];
  waitFor(type: string, timeoutMs?: number): Promise<EnvelopeItem>;
  close(): Promise<void>;
}

export async function startFakeSentry(): Promise<FakeSentry> {
  const items: EnvelopeItem[] = [];
  const rawBodies: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      const text = body.toString('utf8');
      rawBodies.push(text);
      const lines = text.split('\n').filter((l) => l.trim() !== '');
      for (let i = 1; i + 1 < lines.length; i += 2) {
        const header = JSON.parse(lines[i]) as { type: string };
        items.push({ type: header.type, payload: JSON.parse(lines[i + 1]), raw: lines[i + 1] });
      }
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    dsn: `http://publickey@127.0.0.1:${port}/1`,
    items,
    rawBodies,
    async waitFor(type, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = items.find((i) => i.type === type);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no "${type}" envelope item received`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
