import { expect } from 'chai';
import { eurosInput, formatEuros, formatRate, parseEuros } from '../../../src/shared/money.js';
import { formatQuantity } from '../../../src/shared/quantity.js';

const spaces = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('amounts, rates and quantities as French people write them', () => {
  it('when an amount is typed with a comma, a dot, spaces or a € sign, then it reads as cents', () => {
    expect(parseEuros('10,50')).to.equal(1050);
    expect(parseEuros('10.5')).to.equal(1050);
    expect(parseEuros(' 12 ')).to.equal(1200);
    expect(parseEuros('0,05')).to.equal(5);
    expect(parseEuros('1 250,50 €')).to.equal(125050);
    expect(parseEuros('1\u202f250,50\u00a0€')).to.equal(125050);
    expect(parseEuros(eurosInput(123456789))).to.equal(123456789);
  });

  it('when the text is not an amount in euros, then it is refused', () => {
    for (const text of ['dix', '10,505', '-3', '1e3', '12,', ',5', '10 50', '12 34,00', '', '99999999'])
      expect(parseEuros(text), text).to.equal(null);
  });

  it('when amounts, rates and quantities are shown, then French separators and units are used', () => {
    expect(spaces(formatEuros(125050))).to.equal('1 250,50 €');
    expect(eurosInput(1290)).to.equal('12,90');
    expect(spaces(formatRate(1000))).to.equal('10 %');
    expect(spaces(formatRate(550))).to.equal('5,5 %');
    expect(spaces(formatQuantity(12500, 'g'))).to.equal('12 500 g');
    expect(formatQuantity(1, 'piece')).to.equal('1 pièce');
    expect(formatQuantity(3, 'piece')).to.equal('3 pièces');
  });
});
