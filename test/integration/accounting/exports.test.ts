import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { client } from '../../helpers/api.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { customerWithToken, staffWithToken } from '../../factories/shop.js';
import { createShopWorld } from '../../factories/shop.js';
import {
  buildSales,
  cents,
  csvObjects,
  download,
  insertSoldOrders,
  parisToday,
  parseFec,
  REFUND_CENTS,
  sum,
  type SalesWorld,
} from './support.js';

const SIREN = '732829320';
const FEC_HEADER =
  'JournalCode|JournalLib|EcritureNum|EcritureDate|CompteNum|CompteLib|CompAuxNum|CompAuxLib|PieceRef|PieceDate|' +
  'EcritureLib|Debit|Credit|EcritureLet|DateLet|ValidDate|Montantdevise|Idevise';

describe('accountant exports: orders CSV and FEC', function () {
  this.timeout(60_000);
  let app: TestApp;
  const today = parisToday();
  const day = today.replace(/-/g, '');

  before(async () => {
    app = await startTestApp({ ACCOUNTING_SIREN: SIREN });
  });
  after(() => app.close());

  const csvPath = (query: string) => `/api/staff/exports/orders.csv?${query}`;
  const fecPath = (query: string) => `/api/staff/exports/fec?${query}`;

  async function orderRow(id: string) {
    const [row] = await app.db.query<any>(
      `SELECT number, total_cents, delivery_fee_cents, vat_breakdown FROM orders WHERE id = $1`,
      { type: QueryTypes.SELECT, bind: [id] },
    );
    return row as { number: string; total_cents: number; delivery_fee_cents: number; vat_breakdown: any[] };
  }

  describe('with the orders of a day in two shops', () => {
    let s: SalesWorld;
    beforeEach(async () => {
      s = await buildSales(app.url, app.db);
    });

    it('when an accountant exports the orders CSV, then it opens in French Excel with one row per order line and the orders’ totals', async () => {
      const res = await download(app.url, csvPath(`from=${today}&to=${today}`), s.tokens.accountant);
      expect(res.status, res.text).to.equal(200);
      expect(res.headers.get('content-type')).to.equal('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).to.equal(
        `attachment; filename="commandes_${today}_${today}.csv"`,
      );
      expect(res.headers.get('cache-control')).to.equal('no-store');
      expect(res.text.startsWith('\uFEFFN° commande;Date;Pizzeria;')).to.equal(true);
      expect(res.text.endsWith('\r\n')).to.equal(true);
      expect(res.text.replace(/\r\n/g, '')).not.to.match(/(?<!")\n/);
      const rows = csvObjects(res.text);
      const { delivered, refunded, cancelled, inProgress, otherShop } = s.orders;

      // Cancelled orders carry no sale: absent. In-progress ones are there with their status.
      const numbers = [...new Set(rows.map((r) => r['N° commande']))];
      expect(numbers).to.have.members([
        delivered.number,
        refunded.number,
        inProgress.number,
        otherShop.number,
      ]);
      expect(numbers).not.to.include(cancelled.number);
      expect(rows.filter((r) => r['N° commande'] === inProgress.number).map((r) => r.Statut)).to.deep.equal([
        'Reçue',
      ]);

      // One row per line, in the order's line order, with the quoted name read back intact.
      const first = rows.filter((r) => r['N° commande'] === delivered.number);
      expect(first.map((r) => [r.Produit, r.Taille, r.Quantité, r['Taux TVA (%)']])).to.deep.equal([
        ['Margherita', 'Sénior 31 cm', '1', '10'],
        ['Cola', '33 cl', '2', '5,5'],
        ['Bière "Blonde"; pression', '33 cl', '1', '20'],
      ]);
      expect(res.text).to.include(';"Bière ""Blonde""; pression";');
      expect(first[0].Suppléments).to.match(/^Supplément \d+$/);
      expect(
        first.map((r) => [r['Prix unitaire TTC'], r['Montant HT'], r.TVA, r['Montant TTC']]),
      ).to.deep.equal([
        ['14,40', '13,09', '1,31', '14,40'],
        ['2,50', '4,74', '0,26', '5,00'],
        ['4,50', '3,75', '0,75', '4,50'],
      ]);
      expect(first[0]).to.include({
        Pizzeria: s.codeA,
        Canal: 'Site',
        Mode: 'Livraison',
        Statut: 'Livrée',
        'Frais de livraison TTC': '2,50',
        'Total commande HT': '23,85',
        'TVA commande': '2,55',
        'Total commande TTC': '26,40',
        'Moyen de paiement': 'Espèces',
        'Statut du paiement': 'Payée',
        'Montant remboursé': '0,00',
      });
      expect(first[0].Date).to.match(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
      expect(first[0].Date.slice(0, 10)).to.equal(today.split('-').reverse().join('/'));

      // Paid at the counter by card although announced as card on delivery; refund shown on the order.
      const second = rows.filter((r) => r['N° commande'] === refunded.number);
      expect(second).to.have.length(1);
      expect(second[0]).to.include({
        Mode: 'À emporter',
        Statut: 'Retirée',
        'Moyen de paiement': 'Carte bancaire (TPE)',
        'Statut du paiement': 'Partiellement remboursée',
        'Montant remboursé': '5,00',
      });
      expect(rows.find((r) => r['N° commande'] === otherShop.number)).to.include({
        Pizzeria: s.codeB,
        'Moyen de paiement': 'Titres-restaurant',
        'Frais de livraison TTC': '0,00',
      });

      // Per order: lines + delivery fee = the order's total; lines' VAT + fee's share = the order's VAT.
      for (const number of numbers) {
        const lines = rows.filter((r) => r['N° commande'] === number);
        const [db] = await app.db.query<any>(
          `SELECT total_cents, delivery_fee_cents, vat_breakdown FROM orders WHERE number = $1`,
          { type: QueryTypes.SELECT, bind: [number] },
        );
        const fee = cents(lines[0]['Frais de livraison TTC']);
        expect(fee).to.equal(db.delivery_fee_cents);
        expect(sum(lines.map((l) => cents(l['Montant TTC']))) + fee).to.equal(db.total_cents);
        expect(cents(lines[0]['Total commande TTC'])).to.equal(db.total_cents);
        const orderVat = sum(db.vat_breakdown.map((v: any) => v.vatCents));
        expect(cents(lines[0]['TVA commande'])).to.equal(orderVat);
        expect(cents(lines[0]['Total commande HT'])).to.equal(db.total_cents - orderVat);
        for (const l of lines) {
          expect(cents(l['Montant HT']) + cents(l.TVA)).to.equal(cents(l['Montant TTC']));
          expect(cents(l['Prix unitaire TTC']) * Number(l.Quantité)).to.equal(cents(l['Montant TTC']));
        }
        if (fee === 0) expect(sum(lines.map((l) => cents(l.TVA)))).to.equal(orderVat);
      }
    });

    it('when the CSV names a shop, then only that shop’s orders are in it and the file name says so', async () => {
      const res = await download(
        app.url,
        csvPath(`from=${today}&to=${today}&pizzeriaId=${s.b.shopId}`),
        s.tokens.admin,
      );
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-disposition')).to.equal(
        `attachment; filename="commandes_${s.codeB}_${today}_${today}.csv"`,
      );
      const rows = csvObjects(res.text);
      expect(rows.map((r) => r['N° commande'])).to.deep.equal([s.orders.otherShop.number]);
      expect(rows[0]).to.include({ Pizzeria: s.codeB, Quantité: '3', 'Total commande TTC': '38,70' });
    });

    it('when the FEC of the day is exported, then it has the 18 columns, balanced entries numbered without gap and the sold orders’ totals', async () => {
      const res = await download(app.url, fecPath(`from=${today}&to=${today}`), s.tokens.accountant);
      expect(res.status, res.text).to.equal(200);
      expect(res.headers.get('content-type')).to.equal('text/plain; charset=utf-8');
      expect(res.headers.get('content-disposition')).to.equal(`attachment; filename="${SIREN}FEC${day}.txt"`);
      expect(res.text.charCodeAt(0)).not.to.equal(0xfeff);
      const { header, rows } = parseFec(res.text);
      expect(header.join('|')).to.equal(FEC_HEADER);
      for (const r of rows) {
        expect(r).to.include({ JournalCode: 'VT', JournalLib: 'Journal des ventes', EcritureDate: day });
        expect(r.PieceDate).to.equal(day);
        expect(r.ValidDate).to.equal(day);
        expect(r.Debit).to.match(/^\d+,\d{2}$/);
        expect(r.Credit).to.match(/^\d+,\d{2}$/);
        expect(cents(r.Debit) === 0 || cents(r.Credit) === 0, 'one side per line').to.equal(true);
        expect(r.CompteNum).to.match(/^\d{8}$/);
        expect([
          r.CompAuxNum,
          r.CompAuxLib,
          r.EcritureLet,
          r.DateLet,
          r.Montantdevise,
          r.Idevise,
        ]).to.deep.equal(['', '', '', '', '', '']);
      }
      // Entries numbered 1…n in file order, each balanced; the file balanced.
      const numbers = [...new Set(rows.map((r) => r.EcritureNum))];
      expect(numbers).to.deep.equal(['1', '2', '3', '4']);
      let previous = 0;
      for (const r of rows) {
        expect(Number(r.EcritureNum)).to.be.oneOf([previous, previous + 1]);
        previous = Number(r.EcritureNum);
      }
      const entries = numbers.map((n) => rows.filter((r) => r.EcritureNum === n));
      for (const entry of entries) {
        expect(sum(entry.map((r) => cents(r.Debit)))).to.equal(sum(entry.map((r) => cents(r.Credit))));
        expect(new Set(entry.map((r) => r.PieceRef)).size).to.equal(1);
      }
      expect(sum(rows.map((r) => cents(r.Debit)))).to.equal(sum(rows.map((r) => cents(r.Credit))));

      // Sales: the delivered and handed-over orders only; refund: its own entry, reversed.
      const { delivered, refunded, cancelled, inProgress, otherShop } = s.orders;
      const pieces = entries.map((e) => e[0].PieceRef);
      expect(pieces).to.have.members([
        delivered.number,
        refunded.number,
        `${refunded.number}-R1`,
        otherShop.number,
      ]);
      expect(pieces).not.to.include.members([cancelled.number]);
      expect(pieces).not.to.include.members([inProgress.number]);
      const entryOf = (piece: string) => entries.find((e) => e[0].PieceRef === piece)!;
      const postings = (piece: string) =>
        entryOf(piece).map((r) => [r.CompteNum, r.CompteLib, r.Debit, r.Credit]);
      expect(postings(delivered.number)).to.deep.equal([
        ['53000000', 'Caisse', '26,40', '0,00'],
        ['70705500', 'Ventes TVA 5,5 %', '0,00', '4,74'],
        ['44571055', 'TVA collectée 5,5 %', '0,00', '0,26'],
        ['70710000', 'Ventes TVA 10 %', '0,00', '15,36'],
        ['44571010', 'TVA collectée 10 %', '0,00', '1,54'],
        ['70720000', 'Ventes TVA 20 %', '0,00', '3,75'],
        ['44571020', 'TVA collectée 20 %', '0,00', '0,75'],
      ]);
      expect(entryOf(delivered.number)[0].EcritureLib).to.equal(`Vente commande ${delivered.number}`);
      expect(delivered.number.startsWith(s.codeA)).to.equal(true);
      expect(postings(refunded.number)[0]).to.deep.equal([
        '51150000',
        'Cartes bancaires à encaisser',
        '31,80',
        '0,00',
      ]);
      expect(postings(`${refunded.number}-R1`)).to.deep.equal([
        ['51150000', 'Cartes bancaires à encaisser', '0,00', '5,00'],
        ['70710000', 'Ventes TVA 10 %', '4,55', '0,00'],
        ['44571010', 'TVA collectée 10 %', '0,45', '0,00'],
      ]);
      expect(entryOf(`${refunded.number}-R1`)[0].EcritureLib).to.match(/^Remboursement commande /);
      expect(postings(otherShop.number)[0]).to.deep.equal([
        '51120000',
        'Titres-restaurant à encaisser',
        '38,70',
        '0,00',
      ]);

      // Against the database: each sale's money line is the order's total; per rate, sales and VAT are the
      // orders' VAT breakdowns minus the refund.
      const sold = await Promise.all([delivered, refunded, otherShop].map((o) => orderRow(o.id)));
      for (const o of sold) expect(cents(entryOf(o.number)[0].Debit)).to.equal(o.total_cents);
      const byAccount = (account: string) =>
        sum(rows.filter((r) => r.CompteNum === account).map((r) => cents(r.Credit) - cents(r.Debit)));
      const breakdownSum = (rate: number, key: 'baseCents' | 'vatCents') =>
        sum(sold.flatMap((o) => o.vat_breakdown.filter((v) => v.rateBp === rate).map((v) => v[key])));
      expect(byAccount('70710000')).to.equal(breakdownSum(1000, 'baseCents') - 455);
      expect(byAccount('44571010')).to.equal(breakdownSum(1000, 'vatCents') - 45);
      expect(byAccount('70705500')).to.equal(breakdownSum(550, 'baseCents'));
      expect(byAccount('70720000')).to.equal(breakdownSum(2000, 'baseCents'));
      const moneyIn = sum(
        rows.filter((r) => /^5/.test(r.CompteNum)).map((r) => cents(r.Debit) - cents(r.Credit)),
      );
      expect(moneyIn).to.equal(sum(sold.map((o) => o.total_cents)) - REFUND_CENTS);
    });

    it('when the same period is exported twice, then the files are identical', async () => {
      const path = fecPath(`from=${today}&to=${today}`);
      const first = await download(app.url, path, s.tokens.accountant);
      const second = await download(app.url, path, s.tokens.admin);
      expect(second.text).to.equal(first.text);
    });

    it('when roles other than accountant and admin ask, then 403; without a staff token, 401', async () => {
      const api = client(app.url);
      const customer = await customerWithToken(app.db);
      const others = {
        manager: s.tokens.managerA,
        pizzaiolo: s.tokens.pizzaioloA,
        driver: (await staffWithToken(app.db, 'driver', s.a.shopId)).token,
        counter: (await staffWithToken(app.db, 'counter', s.a.shopId)).token,
      };
      for (const path of [csvPath(`from=${today}&to=${today}`), fecPath(`from=${today}&to=${today}`)]) {
        for (const token of [s.tokens.accountant, s.tokens.admin]) {
          expect((await download(app.url, path, token)).status, path).to.equal(200);
        }
        for (const [role, token] of Object.entries(others)) {
          const res = await api.get(path, { token });
          expect([res.status, res.body.error.code], `${role} ${path}`).to.deep.equal([403, 'forbidden']);
          expect(res.headers.get('content-disposition')).to.equal(null);
        }
        expect((await api.get(path)).status).to.equal(401);
        expect((await api.get(path, { token: customer.token })).status).to.equal(401);
      }
    });
  });

  it('when a day starts in Paris, then the export follows Paris time (00:00 to 23:59 local, summer time included)', async () => {
    const w = await createShopWorld(app.db);
    const accountant = await staffWithToken(app.db, 'accountant', null);
    // 31 March 2026 is summer time (UTC+2): 21:59:59Z is 23:59:59 on the 31st, 22:00:00Z is midnight on the 1st.
    await insertSoldOrders(app.db, w, 1, new Date('2026-03-31T21:59:58Z'), 'MAR-');
    await insertSoldOrders(app.db, w, 1, new Date('2026-03-31T21:59:59Z'), 'APR-');
    const numbersOn = async (d: string) =>
      csvObjects((await download(app.url, csvPath(`from=${d}&to=${d}`), accountant.token)).text).map((r) => [
        r['N° commande'],
        r.Date,
      ]);
    expect(await numbersOn('2026-03-31')).to.deep.equal([
      ['MAR-0000001', '31/03/2026 23:59'],
      ['MAR-0000001', '31/03/2026 23:59'],
    ]);
    expect(await numbersOn('2026-04-01')).to.deep.equal([
      ['APR-0000001', '01/04/2026 00:00'],
      ['APR-0000001', '01/04/2026 00:00'],
    ]);
    // Handed over 20 minutes later: both sales fall on 1 April, the day they were made.
    const fec = await download(app.url, fecPath('from=2026-04-01&to=2026-04-01'), accountant.token);
    expect(fec.headers.get('content-disposition')).to.equal(`attachment; filename="${SIREN}FEC20260401.txt"`);
    const { rows } = parseFec(fec.text);
    expect([...new Set(rows.map((r) => `${r.PieceRef} ${r.PieceDate} ${r.EcritureDate}`))]).to.deep.equal([
      'MAR-0000001 20260331 20260401',
      'APR-0000001 20260401 20260401',
    ]);
    const march = parseFec(
      (await download(app.url, fecPath('from=2026-03-01&to=2026-03-31'), accountant.token)).text,
    );
    expect(march.rows).to.deep.equal([]);
    expect(march.header).to.have.length(18);
  });

  it('when the period or the shop is wrong, then 422 or 404 in JSON, never a file', async () => {
    const api = client(app.url);
    const { token } = await staffWithToken(app.db, 'accountant', null);
    const cases: [string, number, string][] = [
      ['', 422, 'validation_failed'],
      [`from=${today}`, 422, 'validation_failed'],
      ['from=2027-02-30&to=2027-03-01', 422, 'validation_failed'],
      ['from=01/02/2027&to=2027-03-01', 422, 'validation_failed'],
      ['from=2027-03-02&to=2027-03-01', 422, 'validation_failed'],
      ['from=2026-01-01&to=2027-01-02', 422, 'validation_failed'],
      [`from=${today}&to=${today}&pizzeriaId=abc`, 422, 'validation_failed'],
      [`from=${today}&to=${today}&pizzeriaId=999999`, 404, 'pizzeria_not_found'],
    ];
    for (const [query, status, code] of cases) {
      const res = await api.get(csvPath(query), { token });
      expect([res.status, res.body.error?.code], query).to.deep.equal([status, code]);
      expect(res.headers.get('content-disposition'), query).to.equal(null);
      if (status === 422 && query.includes('pizzeriaId') === false) {
        const fec = await api.get(fecPath(query), { token });
        expect([fec.status, fec.body.error?.code], `fec ${query}`).to.deep.equal([status, code]);
      }
    }
    const reversed = await api.get(csvPath('from=2027-03-02&to=2027-03-01'), { token });
    expect(reversed.body.error.details).to.deep.include({
      path: 'to',
      message: 'la date de fin précède la date de début',
      code: 'custom',
    });
    // A leap year is one period; the whole of 2028 (366 days) is accepted.
    expect((await download(app.url, fecPath('from=2028-01-01&to=2028-12-31'), token)).status).to.equal(200);
  });
});
