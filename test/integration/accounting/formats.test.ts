// The exports' building blocks, without the database (kept here with the exports they serve).
import { expect } from 'chai';
import {
  csvRecord,
  csvText,
  fecText,
  frenchAmount,
  frenchRate,
} from '../../../src/modules/accounting/format.js';
import { periodProblems } from '../../../src/modules/accounting/index.js';
import {
  allocate,
  allocateVat,
  refundBreakdown,
  trustedBreakdown,
} from '../../../src/modules/accounting/vat.js';
import { sum } from './support.js';

describe('accountant exports: formats and VAT shares', () => {
  it('when amounts and rates are written, then they use the decimal comma without thousands separator', () => {
    expect([0, 5, 1290, 123456789, -5, -1290].map(frenchAmount)).to.deep.equal([
      '0,00',
      '0,05',
      '12,90',
      '1234567,89',
      '-0,05',
      '-12,90',
    ]);
    expect([0, 210, 550, 1000, 2000].map(frenchRate)).to.deep.equal(['0', '2,1', '5,5', '10', '20']);
  });

  it('when a CSV cell holds `;`, quotes, line breaks or starts like a formula, then Excel reads it as plain text', () => {
    expect(csvText('Margherita')).to.equal('Margherita');
    expect(csvText('Reine; jambon')).to.equal('"Reine; jambon"');
    expect(csvText('La "4 fromages"')).to.equal('"La ""4 fromages"""');
    expect(csvText('ligne 1\nligne 2')).to.equal('"ligne 1\nligne 2"');
    expect(csvText('=HYPERLINK("http://x")')).to.equal('"\'=HYPERLINK(""http://x"")"');
    expect(csvText('+33 1 23')).to.equal("'+33 1 23");
    expect(csvText(null)).to.equal('');
    expect(csvRecord(['a', 'b'])).to.equal('a;b\r\n');
    expect(fecText(' Vente | commande\r\nP01 ')).to.equal('Vente / commande P01');
  });

  it('when a total is shared out, then the parts are proportional and add up exactly', () => {
    expect(allocate(154, [1440, 250])).to.deep.equal([131, 23]);
    expect(allocate(100, [1, 1, 1])).to.deep.equal([34, 33, 33]);
    expect(allocate(7, [0, 0])).to.deep.equal([7, 0]);
    expect(allocate(0, [5, 5])).to.deep.equal([0, 0]);
    const big = allocate(2_000_000_000, [1_999_999_999, 1, 1_000_000_000]);
    expect(sum(big)).to.equal(2_000_000_000);
  });

  it('when lines share a rate with the delivery fee, then their VAT adds up to the order’s VAT for that rate', () => {
    const amounts = [
      { rateBp: 1000, inclusiveCents: 1440 },
      { rateBp: 550, inclusiveCents: 500 },
      { rateBp: 1000, inclusiveCents: 250 },
    ];
    const stored = [
      { rateBp: 550, baseCents: 474, vatCents: 26 },
      { rateBp: 1000, baseCents: 1536, vatCents: 154 },
    ];
    const breakdown = trustedBreakdown(stored, amounts);
    expect(breakdown).to.deep.equal(stored);
    expect(allocateVat(amounts, breakdown)).to.deep.equal([131, 26, 23]);
    // A stored breakdown that does not match the lines is recomputed from them.
    expect(trustedBreakdown([{ rateBp: 1000, baseCents: 1, vatCents: 1 }], amounts)).to.deep.equal(stored);
    expect(trustedBreakdown('not an array', amounts)).to.deep.equal(stored);
  });

  it('when a refund is split over the order’s rates, then base + VAT give back the refund exactly', () => {
    const order = [
      { rateBp: 550, baseCents: 474, vatCents: 26 },
      { rateBp: 1000, baseCents: 1536, vatCents: 154 },
      { rateBp: 2000, baseCents: 375, vatCents: 75 },
    ];
    for (const refund of [1, 500, 999, 2640]) {
      const parts = refundBreakdown(refund, order);
      expect(sum(parts.map((p) => p.baseCents + p.vatCents))).to.equal(refund);
    }
    expect(refundBreakdown(2640, order)).to.deep.equal(order);
  });

  it('when a period is checked, then real days, order and a one-year bound are required', () => {
    expect(periodProblems({ from: '2027-01-01', to: '2027-12-31' })).to.deep.equal([]);
    expect(periodProblems({ from: '2028-01-01', to: '2028-12-31' })).to.deep.equal([]);
    expect(periodProblems({ from: '2027-01-01', to: '2028-01-02' })[0].path).to.equal('to');
    expect(periodProblems({ from: '2027-02-29', to: '2027-03-01' })[0].path).to.equal('from');
    expect(periodProblems({ from: '2027-03-02', to: '2027-03-01' })[0].message).to.match(/précède/);
  });
});
