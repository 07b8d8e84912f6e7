// Bench only (bench/order-journal.ts): the compiled app started exactly as dist/src/server.js starts it (same
// serve(), same production settings, same instrument file), the sales journal's service passed through the
// benchmark-only `journal` hook of createServices (src/wiring.ts). BENCH_JOURNAL=on: a copy of the real service
// (every entry written); BENCH_JOURNAL=off: the same copy whose four record* methods write nothing. Both sides
// run this same file, so the only difference between them is whether the entries are written. Plain JavaScript:
// no TypeScript loader in the measured process.
import { serve } from '../dist/src/serve.js';

const side = process.env.BENCH_JOURNAL;
if (side !== 'on' && side !== 'off') {
  console.error('bench/journal-app.mjs: BENCH_JOURNAL must be on or off');
  process.exit(2);
}
const nothing = async () => undefined;

await serve({
  journal: (real) =>
    side === 'on'
      ? { ...real }
      : {
          ...real,
          recordSale: nothing,
          recordCapture: nothing,
          recordRefund: nothing,
          recordCancellation: nothing,
        },
});
