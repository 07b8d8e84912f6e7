// The verifier of the sales journal against tampering done directly in SQL as the superuser, triggers off (what
// someone with full access to the database could do): each alteration detected and located with its number,
// over the API and by the command line; the signed archive of a closed month verified offline.
import { execFile } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { TEST_DATABASE_URL } from '../../helpers/db.js';
import { createShopWorld, customerWithToken, staffWithToken, type ShopWorld } from '../../factories/shop.js';
import { collectedOrder, tamper } from '../../factories/journal.js';
import {
  closureHash,
  CLOSURE_COLUMNS,
  listTar,
  loadSigningKey,
  pemKeys,
  verifyArchive,
  type Closure,
} from '../../../src/modules/journal/index.js';

/** Runs `npm run journal:verify -- args` as the operator would (the test database configured). */
function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/journal-verify.ts', ...args],
      {
        env: { ...process.env, OCPIZZA_SETTINGS: 'test', DATABASE_URL: TEST_DATABASE_URL },
        timeout: 60_000,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: number }).code ?? 99) : 0, stdout, stderr }),
    );
  });
}

describe('sales journal: verification and archives', function () {
  this.timeout(60_000);
  let app: TestApp;
  let api: ReturnType<typeof client>;
  let w: ShopWorld;
  let code: string;
  let tokens: { customer: string; staff: string };
  let accountant: string;

  before(async () => {
    app = await startTestApp();
    api = client(app.url);
  });
  after(() => app.close());
  beforeEach(async () => {
    w = await createShopWorld(app.db);
    tokens = {
      customer: (await customerWithToken(app.db)).token,
      staff: (await staffWithToken(app.db, 'manager', w.shopId)).token,
    };
    accountant = (await staffWithToken(app.db, 'accountant', null)).token;
    [{ code }] = await app.db.query<{ code: string }>(`SELECT code FROM pizzerias WHERE id = $1`, {
      type: QueryTypes.SELECT,
      bind: [w.shopId],
    });
  });

  const orders = async (n: number) => {
    for (let i = 0; i < n; i++) await collectedOrder(api, w, tokens, { quantity: 1 + (i % 2) });
  };
  const close = (kind: 'day' | 'month' | 'year', period: string) =>
    app.services.journal.close({
      pizzeriaId: w.shopId,
      kind,
      period,
      closedAt: new Date(),
      closedByEmployeeId: null,
    });
  const verify = async (query = '') => {
    const res = await api.get(`/api/staff/journal/verification?pizzeriaId=${w.shopId}${query}`, {
      token: accountant,
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    return res.body as {
      status: string;
      intact: boolean;
      problem: { shopCode: string; kind: string; seq: number; message: string } | null;
      shops: {
        entries: number;
        firstSeq: number;
        lastSeq: number;
        grandTotalCents: number;
        closures: number;
      }[];
    };
  };
  const closureRow = async (seq: number) =>
    (
      await app.db.query<Closure>(
        `SELECT ${CLOSURE_COLUMNS} FROM journal_closures WHERE pizzeria_id = $1 AND seq = $2`,
        {
          type: QueryTypes.SELECT,
          bind: [w.shopId, seq],
        },
      )
    )[0];

  it('when nothing was touched, then the journal and its closures are « intègre », with their figures', async () => {
    await orders(3);
    await close('day', '2026-12-05');
    await orders(1);
    const v = await verify();
    expect(v.status).to.equal('intègre');
    expect(v.problem).to.equal(null);
    const [row] = await app.db.query<{ gt: number }>(
      `SELECT grand_total_cents AS gt FROM journal_heads WHERE pizzeria_id = $1`,
      { type: QueryTypes.SELECT, bind: [w.shopId] },
    );
    expect(v.shops).to.have.length(1);
    expect(v.shops[0]).to.include({
      entries: 4,
      firstSeq: 1,
      lastSeq: 4,
      closures: 1,
      grandTotalCents: Number(row.gt),
    });
    // A manager sees the verification of their own shop only.
    const other = await api.get(`/api/staff/journal/verification?pizzeriaId=${w.shopId + 1000}`, {
      token: tokens.staff,
    });
    expect(other.status).to.equal(403);
    const badDay = await api.get(`/api/staff/journal/verification?from=2026-02-30`, { token: accountant });
    expect(badDay.status).to.equal(422);
    const badPeriod = await api.get(`/api/staff/journal/archive?pizzeriaId=${w.shopId}&period=2026-13`, {
      token: accountant,
    });
    expect(badPeriod.status).to.equal(422);
  });

  it('when an amount is changed, then the entry is located: its hash no longer matches its content', async () => {
    await orders(3);
    await tamper(
      app.db,
      `UPDATE sales_journal SET amount_cents = amount_cents + 100 WHERE pizzeria_id = $1 AND seq = 2`,
      [w.shopId],
    );
    const v = await verify();
    expect(v.status).to.equal('altéré');
    expect(v.problem).to.deep.equal({
      pizzeriaId: w.shopId,
      shopCode: code,
      kind: 'entry',
      seq: 2,
      message:
        'Écriture n° 2 : l’empreinte ne correspond pas au contenu (montant, date ou autre champ modifié)',
    });
  });

  it('when two entries exchange their numbers, then the first of them is located', async () => {
    await orders(4);
    await tamper(
      app.db,
      `UPDATE sales_journal SET seq = 1000 WHERE pizzeria_id = $1 AND seq = 2;
       UPDATE sales_journal SET seq = 2 WHERE pizzeria_id = $1 AND seq = 3;
       UPDATE sales_journal SET seq = 3 WHERE pizzeria_id = $1 AND seq = 1000;`.replace(
        /\$1/g,
        String(w.shopId),
      ),
    );
    const v = await verify();
    expect(v.problem).to.include({ kind: 'entry', seq: 2 });
  });

  it('when an entry is deleted, then its number is reported missing; when the latest is, the journal head shows it', async () => {
    await orders(3);
    await tamper(app.db, `DELETE FROM sales_journal WHERE pizzeria_id = $1 AND seq = 2`, [w.shopId]);
    expect((await verify()).problem?.message).to.equal(
      'Écriture n° 2 manquante (supprimée ?) : la n° 3 suit la n° 1',
    );
    await tamper(app.db, `DELETE FROM sales_journal WHERE pizzeria_id = $1 AND seq >= 2`, [w.shopId]);
    const v = await verify();
    expect(v.problem).to.include({ kind: 'entry', seq: 2 });
    expect(v.problem?.message).to.match(/^Écritures n° 2 à 3 manquantes \(supprimées \?\)/);
  });

  it('when a closure’s totals are changed and its hash recomputed, then its signature is found invalid; also when re-signed with another key', async () => {
    await orders(2);
    const day = await close('day', '2026-12-05');
    await orders(1);
    await close('day', '2026-12-06');
    const forged = { ...day, totals: { ...day.totals, revenueCents: day.totals.revenueCents - 500 } };
    forged.hash = closureHash(forged);
    await tamper(
      app.db,
      `UPDATE journal_closures SET totals = $2, hash = $3 WHERE pizzeria_id = $1 AND seq = 1`,
      [w.shopId, JSON.stringify(forged.totals), forged.hash],
    );
    expect((await verify()).problem).to.deep.include({
      kind: 'closure',
      seq: 1,
      message: 'Clôture n° 1 : signature invalide',
    });

    // Re-signed with a key of the forger's (under the published key's id): still refused.
    const { privateKey } = generateKeyPairSync('ed25519');
    const signature = sign(null, Buffer.from(forged.hash, 'hex'), privateKey).toString('base64');
    await tamper(app.db, `UPDATE journal_closures SET signature = $2 WHERE pizzeria_id = $1 AND seq = 1`, [
      w.shopId,
      signature,
    ]);
    expect((await verify()).problem?.message).to.equal('Clôture n° 1 : signature invalide');
    expect((await closureRow(1)).signature).to.equal(signature);
  });

  it('when the last entry is changed with its hash and the journal head recomputed, then the signed closure’s totals no longer add up', async () => {
    await orders(2);
    await close('day', '2026-12-05');
    // The forger rewrites entry 2 and recomputes everything the database can (hash by journal_entry_hash()).
    await tamper(
      app.db,
      `UPDATE sales_journal SET amount_cents = amount_cents - 100, ht_cents = ht_cents - 100,
              vat = jsonb_set(vat, '{0,baseCents}', to_jsonb((vat->0->>'baseCents')::int - 100)),
              grand_total_cents = grand_total_cents - 100
        WHERE pizzeria_id = $1 AND seq = 2;
       UPDATE sales_journal SET hash = journal_entry_hash(pizzeria_id, seq, at, kind, order_id, order_number,
              amount_cents, ht_cents, vat, method, revenue, employee_id, reference, grand_total_cents, prev_hash)
        WHERE pizzeria_id = $1 AND seq = 2;
       UPDATE journal_heads h SET last_hash = s.hash, grand_total_cents = s.grand_total_cents
         FROM sales_journal s WHERE s.pizzeria_id = h.pizzeria_id AND s.seq = h.last_seq AND h.pizzeria_id = $1;`.replace(
        /\$1/g,
        String(w.shopId),
      ),
    );
    const v = await verify();
    expect(v.problem).to.include({ kind: 'closure', seq: 1 });
    expect(v.problem?.message).to.match(
      /^Clôture n° 1 \(journée du 05\/12\/2026\) : ses totaux ne correspondent pas/,
    );
  });

  it('when a period is verified, then its chain is anchored on the entry before it, itself re-hashed', async () => {
    await orders(3);
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(new Date());
    const tomorrow = new Date(Date.parse(`${today}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect((await verify(`&from=${today}&to=${today}`)).shops[0]).to.include({
      entries: 3,
      firstSeq: 1,
      lastSeq: 3,
    });
    const after = await verify(`&from=${tomorrow}`);
    expect(after.intact).to.equal(true);
    expect(after.shops[0].entries).to.equal(0);
    await tamper(
      app.db,
      `UPDATE sales_journal SET method = 'card_terminal' WHERE pizzeria_id = $1 AND seq = 3`,
      [w.shopId],
    );
    expect((await verify(`&from=${tomorrow}`)).problem).to.include({ kind: 'entry', seq: 3 });
  });

  it('when the command line verifies a tampered database, then it prints the first broken entry and exits 1; 0 when intact; 2 on a usage error', async () => {
    await orders(3);
    const intact = await cli(['--shop', code]);
    expect(intact.code, intact.stderr).to.equal(0);
    expect(intact.stdout).to.include(`${code} : intègre — 3 écriture(s), n° 1 à 3`);
    expect(intact.stdout).to.include('Résultat : journal des ventes intègre.');
    await tamper(
      app.db,
      `UPDATE sales_journal SET at = at - interval '1 hour' WHERE pizzeria_id = $1 AND seq = 2`,
      [w.shopId],
    );
    const broken = await cli(['--shop', code]);
    expect(broken.code, broken.stderr).to.equal(1);
    expect(broken.stdout).to.include(
      `${code} : ALTÉRÉ — Écriture n° 2 : l’empreinte ne correspond pas au contenu (montant, date ou autre champ modifié)`,
    );
    expect((await cli(['--from', '2026-13-01'])).code).to.equal(2);
    expect((await cli(['--shop', 'NOPE'])).code).to.equal(2);
  });

  it('when a closed month is archived, then the archive verifies offline; one byte changed in the entries or the manifest is detected', async () => {
    await orders(2);
    await close('day', '2026-12-05');
    await orders(1);
    await close('day', '2026-12-06');
    const notClosed = await api.get(`/api/staff/journal/archive?pizzeriaId=${w.shopId}&period=2026-12`, {
      token: accountant,
    });
    expect(notClosed.status, JSON.stringify(notClosed.body)).to.equal(409);
    expect(notClosed.body.error.code).to.equal('period_not_closed');
    expect(notClosed.body.error.message).to.equal(
      'Le mois 12/2026 n’est pas clôturé pour cette pizzeria : seule une période clôturée peut être archivée.',
    );
    await close('month', '2026-12');
    await orders(1); // after the month: not in its archive
    expect(
      (
        await api.get(`/api/staff/journal/archive?pizzeriaId=${w.shopId}&period=2026-12`, {
          token: tokens.staff,
        })
      ).status,
    ).to.equal(403);

    const res = await fetch(`${app.url}/api/staff/journal/archive?pizzeriaId=${w.shopId}&period=2026-12`, {
      headers: { Authorization: `Bearer ${accountant}` },
    });
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.equal('application/x-tar');
    expect(res.headers.get('content-disposition')).to.equal(
      `attachment; filename="journal-${code}-2026-12.tar"`,
    );
    const tar = Buffer.from(await res.arrayBuffer());
    const dir = await mkdtemp(join(tmpdir(), 'journal-archive-'));
    try {
      const file = join(dir, 'archive.tar');
      await writeFile(file, tar);
      const members = await listTar(file);
      expect(members.map((m) => m.name)).to.deep.equal([
        'manifest.json',
        'manifest.sig',
        'public-keys.pem',
        'closures.jsonl',
        'entries.jsonl',
      ]);
      const offline = await cli(['--archive', file]);
      expect(offline.code, offline.stdout + offline.stderr).to.equal(0);
      expect(offline.stdout).to.include('Manifeste : signature valide');
      expect(offline.stdout).to.include(`${code} : intègre — 3 écriture(s), n° 1 à 3`);
      expect(offline.stdout).to.include('3 clôture(s) vérifiée(s)');

      // One digit of an amount in entries.jsonl.
      const entries = members.find((m) => m.name === 'entries.jsonl')!;
      const text = tar.subarray(entries.offset, entries.offset + entries.size).toString('utf8');
      const at = entries.offset + Buffer.byteLength(text.slice(0, text.indexOf('"amountCents":') + 14));
      const altered = Buffer.from(tar);
      altered[at] = altered[at] === 0x31 ? 0x32 : 0x31;
      await writeFile(file, altered);
      const byte = await cli(['--archive', file]);
      expect(byte.code).to.equal(1);
      expect(byte.stdout).to.include(
        'Archive altérée : le fichier entries.jsonl ne correspond pas à son empreinte SHA-256 dans le manifeste (modifié ?).',
      );

      // The manifest edited to announce the altered file's hash: its signature fails.
      const manifest = members.find((m) => m.name === 'manifest.json')!;
      const edited = Buffer.from(tar);
      const mtext = tar.subarray(manifest.offset, manifest.offset + manifest.size).toString('utf8');
      const pos = manifest.offset + Buffer.byteLength(mtext.slice(0, mtext.indexOf('"createdAt": "') + 14));
      edited[pos + 3] = edited[pos + 3] === 0x30 ? 0x31 : 0x30;
      await writeFile(file, edited);
      const signed = await verifyArchive(file);
      expect(signed.archiveProblem).to.equal(
        'Archive altérée : signature du manifeste invalide (manifest.json modifié ?).',
      );
      expect(
        JSON.parse(
          await readFile(file).then((b) =>
            b.subarray(manifest.offset, manifest.offset + manifest.size).toString(),
          ),
        ),
      ).to.have.property('keyId');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('when a next day is closed before the month, then the month’s archive holds it too; the next month’s archive is anchored on the entry and closure before it', async () => {
    const journal = app.services.journal;
    await orders(2);
    await close('day', '2026-12-30');
    await orders(1);
    await close('day', '2027-01-01');
    await close('month', '2026-12');
    await orders(2);
    await close('day', '2027-01-02');
    await close('month', '2027-01');
    await close('year', '2026');
    const dir = await mkdtemp(join(tmpdir(), 'journal-archive-'));
    const archiveOf = async (period: string) => {
      const a = await journal.archive({ pizzeriaId: w.shopId, period });
      const file = join(dir, a.name);
      const out = createWriteStream(file);
      await a.write(out);
      return verifyArchive(file);
    };
    try {
      const december = await archiveOf('2026-12');
      expect(december.archiveProblem).to.equal(null);
      expect(december.verification?.intact, december.verification?.problem?.message).to.equal(true);
      expect(december.manifest?.entries).to.deep.equal({ first: 1, last: 3, count: 3 });
      expect(december.manifest?.closures).to.deep.equal({ first: 1, last: 3 });
      expect(december.manifest?.generator).to.match(/^ocpizza \d+\.\d+\.\d+/);
      expect(december.manifest?.files.map((f) => f.name)).to.deep.equal([
        'public-keys.pem',
        'closures.jsonl',
        'entries.jsonl',
      ]);
      expect(december.verification?.shops[0]).to.include({ entries: 3, closures: 3 });

      const january = await archiveOf('2027-01');
      expect(january.archiveProblem).to.equal(null);
      expect(january.verification?.intact, january.verification?.problem?.message).to.equal(true);
      expect(january.manifest?.anchors.entry?.seq).to.equal(2);
      expect(january.manifest?.anchors.closure?.seq).to.equal(1);
      expect(january.manifest?.entries).to.deep.equal({ first: 3, last: 5, count: 3 });

      const year = await archiveOf('2026');
      expect(year.archiveProblem).to.equal(null);
      expect(year.verification?.intact, year.verification?.problem?.message).to.equal(true);
      expect(year.manifest?.closures).to.deep.equal({ first: 1, last: 6 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('when a forger publishes a key of their own and re-signs a forged closure with it, then its totals give it away, and the keys kept apart refuse its key', async () => {
    const journal = app.services.journal;
    await orders(2);
    const day = await close('day', '2026-12-05');
    const forger = loadSigningKey(
      generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    );
    const forged = {
      ...day,
      keyId: forger.keyId,
      totals: { ...day.totals, revenueCents: day.totals.revenueCents - 500 },
      grandTotalCents: day.grandTotalCents,
    };
    forged.hash = closureHash(forged);
    forged.signature = forger.sign(forged.hash);
    await tamper(app.db, `INSERT INTO journal_keys (key_id, public_key) VALUES ($1, $2)`, [
      forger.keyId,
      forger.publicKeyPem,
    ]);
    await tamper(
      app.db,
      `UPDATE journal_closures SET totals = $2, hash = $3, key_id = $4, signature = $5 WHERE pizzeria_id = $1 AND seq = 1`,
      [w.shopId, JSON.stringify(forged.totals), forged.hash, forger.keyId, forged.signature],
    );
    // The totals no longer add up: caught anyway, the entries being there.
    expect((await journal.verify({ pizzeriaId: w.shopId })).problem?.message).to.match(
      /^Clôture n° 1 \(journée du 05\/12\/2026\) : ses totaux ne correspondent pas/,
    );
    // The key itself is refused when the verification names the keys it trusts.
    const trusted = pemKeys(journal.signingKey.publicKeyPem);
    expect((await journal.verify({ pizzeriaId: w.shopId, keys: trusted })).problem?.message).to.equal(
      `Clôture n° 1 : clé de signature ${forger.keyId} inconnue (ni publiée ni fournie)`,
    );
    const v = await journal.verify({ pizzeriaId: w.shopId });
    expect(v.shops[0].keyIds).to.deep.equal([forger.keyId]);
  });

  it('when an archive is checked against the keys kept apart, then it passes with the company’s key and is refused with another', async () => {
    await orders(1);
    await close('day', '2026-12-05');
    await close('month', '2026-12');
    const dir = await mkdtemp(join(tmpdir(), 'journal-archive-'));
    try {
      const a = await app.services.journal.archive({ pizzeriaId: w.shopId, period: '2026-12' });
      const file = join(dir, a.name);
      await a.write(createWriteStream(file));
      const companyKey = join(dir, 'company.pem');
      await writeFile(companyKey, app.services.journal.signingKey.publicKeyPem);
      const ok = await cli(['--archive', file, '--key', companyKey]);
      expect(ok.code, ok.stdout + ok.stderr).to.equal(0);
      const other = generateKeyPairSync('ed25519')
        .publicKey.export({ format: 'pem', type: 'spki' })
        .toString();
      const refused = await verifyArchive(file, pemKeys(other));
      expect(refused.archiveProblem).to.equal(
        `Archive non reconnue : la clé ${app.services.journal.signingKey.keyId} du manifeste n’est pas parmi les clés fournies.`,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
