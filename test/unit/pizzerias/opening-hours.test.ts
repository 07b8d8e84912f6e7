import { expect } from 'chai';
import { isOpenAt, isValidOpeningHours, localTime } from '../../../src/modules/pizzerias/opening-hours.js';

const PARIS = 'Europe/Paris';
const hours = {
  mon: [],
  tue: [
    ['11:30', '14:30'],
    ['18:00', '23:00'],
  ],
  fri: [['18:00', '01:30']],
} as const;
const at = (iso: string) => new Date(iso);

describe('opening hours', () => {
  it('when a time is inside or outside a range, then the shop is open or closed (Paris time, summer and winter)', () => {
    // Tuesday 2026-07-07: Paris is UTC+2.
    expect(isOpenAt(hours as never, PARIS, at('2026-07-07T09:30:00Z'))).to.equal(true); // 11:30 local
    expect(isOpenAt(hours as never, PARIS, at('2026-07-07T09:29:00Z'))).to.equal(false); // 11:29
    expect(isOpenAt(hours as never, PARIS, at('2026-07-07T12:30:00Z'))).to.equal(false); // 14:30: closed
    expect(isOpenAt(hours as never, PARIS, at('2026-07-07T20:59:00Z'))).to.equal(true); // 22:59
    // Tuesday 2026-12-01: UTC+1.
    expect(isOpenAt(hours as never, PARIS, at('2026-12-01T10:30:00Z'))).to.equal(true); // 11:30
  });

  it('when a range runs past midnight, then the shop is still open early the next day', () => {
    // Friday 2026-07-10 23:50 and Saturday 01:00 local are open; Saturday 01:30 is closed.
    expect(isOpenAt(hours as never, PARIS, at('2026-07-10T21:50:00Z'))).to.equal(true);
    expect(isOpenAt(hours as never, PARIS, at('2026-07-10T23:00:00Z'))).to.equal(true);
    expect(isOpenAt(hours as never, PARIS, at('2026-07-10T23:30:00Z'))).to.equal(false);
  });

  it('when a day has no range or is absent, then the shop is closed', () => {
    expect(isOpenAt(hours as never, PARIS, at('2026-07-06T10:00:00Z'))).to.equal(false); // Monday: []
    expect(isOpenAt(hours as never, PARIS, at('2026-07-08T10:00:00Z'))).to.equal(false); // Wednesday: absent
  });

  it('when local time is asked, then weekday and minutes are those of the zone', () => {
    expect(localTime(at('2026-07-07T22:30:00Z'), PARIS)).to.deep.equal({ day: 'wed', minute: 30 });
  });

  it('when opening hours are validated, then malformed shapes are refused', () => {
    expect(isValidOpeningHours(hours)).to.equal(true);
    expect(isValidOpeningHours({ mon: [['25:00', '26:00']] })).to.equal(false);
    expect(isValidOpeningHours({ lundi: [] })).to.equal(false);
    expect(isValidOpeningHours([['11:00', '12:00']])).to.equal(false);
  });
});
