// The closing schedule of the sales journal: cutoff of a business day (last service + delay, at the latest the
// next morning at the day start hour), the business day of an instant, across midnight and DST changes in Paris.
import { expect } from 'chai';
import type { OpeningHours } from '../../../src/modules/pizzerias/opening-hours.js';
import {
  businessDayAt,
  cutoffOf,
  firstDayToClose,
  lastDayOfMonth,
  monthCutoff,
  yearCutoff,
  type ShopCalendar,
} from '../../../src/modules/journal/schedule.js';

const PARIS = 'Europe/Paris';
const RULES = { closingDelayMinutes: 60, dayStartHour: 5 };
const every = (ranges: [string, string][]): OpeningHours =>
  Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, ranges]));
const shop = (hours: OpeningHours, closures: ShopCalendar['closures'] = []): ShopCalendar => ({
  timeZone: PARIS,
  hours,
  closures,
});
const iso = (d: Date) => d.toISOString();

describe('sales journal: closing schedule', () => {
  const lunchAndEvening = shop(
    every([
      ['11:30', '14:30'],
      ['18:00', '23:00'],
    ]),
  );

  it('when the last service ends at 23:00, then the day closes at midnight (delay 60 min), in winter and summer', () => {
    expect(iso(cutoffOf('2026-12-07', lunchAndEvening, RULES))).to.equal('2026-12-07T23:00:00.000Z');
    expect(iso(cutoffOf('2026-07-07', lunchAndEvening, RULES))).to.equal('2026-07-07T22:00:00.000Z');
  });

  it('when the last service runs past midnight, then the day closes on the next date, and at the latest at the day start hour', () => {
    const late = shop(every([['18:00', '01:30']]));
    expect(iso(cutoffOf('2026-12-07', late, RULES))).to.equal('2026-12-08T01:30:00.000Z'); // 02:30 Paris
    const night = shop(every([['20:00', '04:30']]));
    expect(iso(cutoffOf('2026-12-07', night, RULES))).to.equal('2026-12-08T04:00:00.000Z'); // 05:00 Paris
  });

  it('when a range is written in any order, then the latest end wins (a lunch listed after the evening)', () => {
    const hours = every([
      ['18:00', '22:00'],
      ['11:00', '14:00'],
    ]);
    expect(iso(cutoffOf('2026-12-07', shop(hours), RULES))).to.equal('2026-12-07T22:00:00.000Z');
  });

  it('when the shop has no service that day (no hours, or an exceptional closure), then the day closes the next morning at the day start hour', () => {
    const mondaysOff = shop({ tue: [['18:00', '22:00']] });
    expect(iso(cutoffOf('2026-12-07', mondaysOff, RULES))).to.equal('2026-12-08T04:00:00.000Z');
    const holidays = shop(every([['18:00', '22:00']]), [
      { from: '2026-12-24', to: '2026-12-26', reason: 'Noël' },
    ]);
    expect(iso(cutoffOf('2026-12-25', holidays, RULES))).to.equal('2026-12-26T04:00:00.000Z');
    expect(iso(cutoffOf('2026-12-23', holidays, RULES))).to.equal('2026-12-23T22:00:00.000Z');
  });

  it('when the clocks change that night, then the cutoff and the business day follow the local clocks', () => {
    const night = shop(every([['20:00', '04:30']]));
    // 29 March 2026: 02:00 CET becomes 03:00 CEST; 05:00 local on the 29th is 03:00 UTC.
    expect(iso(cutoffOf('2026-03-28', night, RULES))).to.equal('2026-03-29T03:00:00.000Z');
    expect(iso(cutoffOf('2026-03-28', lunchAndEvening, RULES))).to.equal('2026-03-28T23:00:00.000Z');
    // 25 October 2026: 03:00 CEST becomes 02:00 CET; 05:00 local on the 25th is 04:00 UTC.
    expect(iso(cutoffOf('2026-10-24', night, RULES))).to.equal('2026-10-25T04:00:00.000Z');
    // 05:30 local on the spring change day is the new business day (5 h before would still be the 28th).
    expect(businessDayAt(new Date('2026-03-29T03:30:00Z'), PARIS, RULES)).to.equal('2026-03-29');
    expect(businessDayAt(new Date('2026-03-29T02:30:00Z'), PARIS, RULES)).to.equal('2026-03-28');
    expect(businessDayAt(new Date('2026-10-25T04:30:00Z'), PARIS, RULES)).to.equal('2026-10-25');
    expect(businessDayAt(new Date('2026-10-25T03:30:00Z'), PARIS, RULES)).to.equal('2026-10-24');
  });

  it('when it is past midnight but before the day start hour, then the business day is still the day before', () => {
    expect(businessDayAt(new Date('2026-12-07T23:30:00Z'), PARIS, RULES)).to.equal('2026-12-07'); // 00:30
    expect(businessDayAt(new Date('2026-12-08T04:00:00Z'), PARIS, RULES)).to.equal('2026-12-08'); // 05:00
    expect(businessDayAt(new Date('2026-12-08T10:00:00Z'), PARIS, RULES)).to.equal('2026-12-08');
  });

  it('when months and years end, then they close with their last day', () => {
    expect(lastDayOfMonth('2026-02')).to.equal('2026-02-28');
    expect(lastDayOfMonth('2028-02')).to.equal('2028-02-29');
    expect(lastDayOfMonth('2026-12')).to.equal('2026-12-31');
    expect(iso(monthCutoff('2026-11', lunchAndEvening, RULES))).to.equal('2026-11-30T23:00:00.000Z');
    expect(iso(yearCutoff('2026', lunchAndEvening, RULES))).to.equal('2026-12-31T23:00:00.000Z');
  });

  it('when the journal was idle for days, then the first day to close is the one whose cutoff follows its first unclosed entry', () => {
    // An entry at 00:30 on the 9th, after the 8th's cutoff (midnight): it belongs to the 9th's closure.
    const found = firstDayToClose('2026-12-05', new Date('2026-12-08T23:30:00Z'), lunchAndEvening, RULES);
    expect(found.day).to.equal('2026-12-09');
    expect(iso(found.cutoff)).to.equal('2026-12-09T23:00:00.000Z');
  });
});
