import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import express from 'express';
import { openSse } from '../../../src/realtime/sse.js';
import { SseReader } from './support.js';

describe('the SSE helper', () => {
  let server: Server;
  let url: string;
  let reader: SseReader | undefined;

  before(async () => {
    const app = express();
    app.get('/stream', (_req, res) => {
      const stream = openSse(res, { heartbeatMs: 50 });
      stream.send('note', { text: 'ligne 1\nevent: forged\n\ndata: {}' }, 'a\nb');
    });
    server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/stream`;
  });
  afterEach(() => reader?.close());
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('when a stream stays open, then heartbeat comments keep the connection busy', async () => {
    const controller = new AbortController();
    const res = await fetch(url, {
      signal: AbortSignal.any([controller.signal, AbortSignal.timeout(5_000)]),
    });
    const body = res.body!.getReader();
    let text = '';
    try {
      while ((text.match(/^: ping$/gm) ?? []).length < 2) {
        const { value, done } = await body.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
    } finally {
      controller.abort();
    }
    expect(text).to.match(/^retry: \d+$/m);
    expect((text.match(/^: ping$/gm) ?? []).length).to.be.at.least(2);
  });

  it('when data or an id holds newlines, then they cannot forge another event', async () => {
    reader = await SseReader.open(url);
    const frame = await reader.next();
    expect(frame.event).to.equal('note');
    expect(frame.id).to.equal('a b');
    expect(frame.data.text).to.equal('ligne 1\nevent: forged\n\ndata: {}');
  });
});
