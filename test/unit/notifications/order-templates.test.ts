// The legal and time wording of the order e-mails: the intra-community VAT number from the SIREN, and times as
// French people say them, in the shop's time zone.
import { expect } from 'chai';
import { frenchTime, vatNumberOf } from '../../../src/modules/notifications/order-templates.js';
import { brandedShop } from '../../../src/modules/pizzerias/index.js';

describe('order e-mails: VAT number and French times', () => {
  it('when the SIREN is 732829320, then the VAT number is FR44732829320', () => {
    expect(vatNumberOf('732829320')).to.equal('FR44732829320');
    expect(vatNumberOf('404833048')).to.equal('FR83404833048');
  });

  it('when the key is below 10, then it is written with two digits', () => {
    // (12 + 3 × (100000012 mod 97)) mod 97 = 0
    expect(vatNumberOf('100000012')).to.equal('FR00100000012');
  });

  it('when a winter time is given in UTC, then it reads in Paris time (UTC+1) with the day and month in words', () => {
    expect(frenchTime('2026-12-05T18:45:00Z', 'Europe/Paris')).to.equal('samedi 5 décembre à 19 h 45');
    expect(frenchTime('2026-12-05T18:45:00Z', 'Europe/Paris', true)).to.equal('19 h 45');
  });

  it('when a summer time is given, then it reads in Paris summer time (UTC+2), minutes on two digits', () => {
    expect(frenchTime('2026-07-14T10:05:00Z', 'Europe/Paris')).to.equal('mardi 14 juillet à 12 h 05');
  });

  it('when the shop’s local time is past midnight, then the day is the local one', () => {
    expect(frenchTime('2026-12-05T23:30:00Z', 'Europe/Paris')).to.equal('dimanche 6 décembre à 00 h 30');
    expect(frenchTime('2026-12-05T08:00:00Z', 'Indian/Reunion')).to.equal('samedi 5 décembre à 12 h 00');
  });

  it('when a shop is named after its street or already under the brand, then the e-mails name it « OC Pizza … » once', () => {
    expect(brandedShop('Oberkampf')).to.equal('OC Pizza Oberkampf');
    expect(brandedShop('OC Pizza Oberkampf')).to.equal('OC Pizza Oberkampf');
    expect(brandedShop('oc pizza Bastille ')).to.equal('oc pizza Bastille');
    expect(brandedShop('OC Pizzaiolo Nation')).to.equal('OC Pizza OC Pizzaiolo Nation');
  });
});
