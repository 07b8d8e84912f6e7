// The verifier on journals built in memory (no database): what it accepts, what it reports and where; and the
// ustar writer read back by the reader.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import {
  closureHash,
  entryHash,
  GENESIS_HASH,
  listTar,
  loadSigningKey,
  TotalsAccumulator,
  verifyJournal,
  type Closure,
  type JournalEntry,
} from '../../../src/modules/journal/index.js';
import { TAR_END, tarHeader, tarPadding } from '../../../src/modules/journal/archive.js';

const key = loadSigningKey(
  generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
);
const keys = new Map([[key.keyId, key.publicKeyPem]]);

function journal(n: number): JournalEntry[] {
  const out: JournalEntry[] = [];
  let prevHash = GENESIS_HASH;
  let gt = 0;
  for (let seq = 1; seq <= n; seq++) {
    const revenue = seq % 4 !== 0;
    const vat = [{ rateBp: 1000, baseCents: 1000 + seq, vatCents: 100 }];
    const amount = 1100 + seq;
    gt += revenue ? amount : 0;
    const e = {
      pizzeriaId: 7,
      seq,
      at: new Date(Date.UTC(2026, 11, 5, 10, seq)),
      kind: (revenue ? 'sale' : 'payment') as JournalEntry['kind'],
      orderId: null,
      orderNumber: `A-${seq}`,
      amountCents: amount,
      htCents: 1000 + seq,
      vat,
      method: 'cash',
      revenue,
      employeeId: null,
      reference: null,
      grandTotalCents: gt,
      prevHash,
    };
    const hash = entryHash(e);
    out.push({ ...e, hash });
    prevHash = hash;
  }
  return out;
}

function closures(entries: JournalEntry[], ranges: [string, number, number][]): Closure[] {
  const out: Closure[] = [];
  let prev = GENESIS_HASH;
  for (const [period, first, last] of ranges) {
    const acc = new TotalsAccumulator();
    for (const e of entries.slice(first - 1, last)) acc.add(e);
    const unsigned = {
      pizzeriaId: 7,
      seq: out.length + 1,
      kind: (period.length === 10 ? 'day' : 'month') as Closure['kind'],
      period,
      firstSeq: first,
      lastSeq: last,
      entries: acc.count,
      totals: acc.totals(),
      grandTotalCents: entries[last - 1].grandTotalCents,
      closedAt: new Date(),
      closedByEmployeeId: null,
      prevHash: prev,
      keyId: key.keyId,
    };
    const hash = closureHash(unsigned);
    out.push({ ...unsigned, hash, signature: key.sign(hash) });
    prev = hash;
  }
  return out;
}

async function* each<T>(xs: T[]) {
  yield* xs;
}

const run = (
  entries: JournalEntry[],
  cs: Closure[],
  head?: { lastSeq: number; lastHash: string; grandTotalCents: number },
) => verifyJournal([{ pizzeriaId: 7, code: 'P07', entries: each(entries), closures: each(cs), head }], keys);

describe('sales journal verifier (in memory)', () => {
  it('when the journal and its closures are untouched, then intact with its figures', async () => {
    const es = journal(10);
    const cs = closures(es, [
      ['2026-12-01', 1, 4],
      ['2026-12-02', 5, 10],
      ['2026-12', 1, 10],
    ]);
    const last = es[9];
    const v = await run(es, cs, { lastSeq: 10, lastHash: last.hash, grandTotalCents: last.grandTotalCents });
    expect(v.intact).to.equal(true);
    expect(v.shops[0]).to.deep.include({ entries: 10, firstSeq: 1, lastSeq: 10, closures: 3 });
    expect(v.shops[0].grandTotalCents).to.equal(last.grandTotalCents);
  });

  it('when the grand total is rewritten with the hash, then the entry is located by its grand total', async () => {
    const es = journal(5);
    const bad = { ...es[2], grandTotalCents: es[2].grandTotalCents + 1 };
    bad.hash = entryHash(bad);
    es[2] = bad;
    const v = await run(es, []);
    expect(v.problem).to.include({ kind: 'entry', seq: 3 });
    expect(v.problem?.message).to.match(/^Écriture n° 3 : grand total perpétuel incohérent/);
  });

  it('when the HT does not add up with the VAT, then the entry is located by its amounts', async () => {
    const es = journal(3);
    const bad = { ...es[0], amountCents: es[0].amountCents + 5, grandTotalCents: es[0].grandTotalCents + 5 };
    bad.hash = entryHash(bad);
    const rest = journal(3).slice(1); // chain no longer matches after it, but n° 1 comes first
    const v = await run([bad, ...rest], []);
    expect(v.problem?.seq).to.equal(1);
    expect(v.problem?.message).to.match(/^Écriture n° 1 : montants incohérents/);
  });

  it('when day closures leave a gap or a month does not cover its days, then the closure is located', async () => {
    const es = journal(10);
    const gap = closures(es, [
      ['2026-12-01', 1, 4],
      ['2026-12-02', 6, 10],
    ]);
    expect((await run(es, gap)).problem?.message).to.equal(
      'Clôture n° 2 (journée du 02/12/2026) : elle commence à l’écriture n° 6 au lieu de la n° 5 (les clôtures journalières doivent se suivre)',
    );
    const month = closures(es, [
      ['2026-12-01', 1, 4],
      ['2026-12-02', 5, 10],
      ['2026-12', 1, 9],
    ]);
    expect((await run(es, month)).problem).to.include({ kind: 'closure', seq: 3 });
  });

  it('when a closure covers entries past the end of the journal, then the deletion shows', async () => {
    const es = journal(6);
    const cs = closures(es, [['2026-12-01', 1, 6]]);
    const v = await run(es.slice(0, 4), cs);
    expect(v.problem?.message).to.equal(
      'Clôture n° 1 (journée du 01/12/2026) : elle couvre les écritures n° 1 à 6, mais le journal s’arrête à la n° 4 (écritures supprimées ?)',
    );
  });

  it('when a tar is written, then its members are read back with their sizes and offsets', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tar-'));
    try {
      const a = Buffer.from('{"x":1}\n');
      const b = Buffer.alloc(1300, 0x61);
      const now = new Date('2026-12-05T10:00:00Z');
      const tar = Buffer.concat([
        tarHeader('a.jsonl', a.length, now),
        a,
        tarPadding(a.length),
        tarHeader('b.txt', b.length, now),
        b,
        tarPadding(b.length),
        TAR_END,
      ]);
      const file = join(dir, 't.tar');
      await writeFile(file, tar);
      const members = await listTar(file);
      expect(members).to.deep.equal([
        { name: 'a.jsonl', size: a.length, offset: 512 },
        { name: 'b.txt', size: 1300, offset: 512 * 3 },
      ]);
      expect(tar.subarray(members[1].offset, members[1].offset + 1300).equals(b)).to.equal(true);
      tar[600] ^= 1; // inside a's data: fine; a header byte: refused
      tar[512 * 2 + 10] ^= 1;
      await writeFile(file, tar);
      await listTar(file).then(
        () => expect.fail('a damaged header must be refused'),
        (e: Error) => expect(e.message).to.match(/en-tête tar illisible/),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
