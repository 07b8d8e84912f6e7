import { expect } from 'chai';
import {
  hoursOfDay,
  isOpenAt,
  isValidOpeningHours,
  localTime,
  nextOpening,
} from '../../../src/modules/pizzerias/opening-hours.js';

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

  describe('next opening', () => {
    // Closed on Sundays; lunch and evening on weekdays; Friday and Saturday run past midnight.
    const week = {
      mon: [
        ['11:30', '14:30'],
        ['18:00', '23:00'],
      ],
      tue: [
        ['11:30', '14:30'],
        ['18:00', '23:00'],
      ],
      wed: [['18:00', '23:00']],
      thu: [['18:00', '23:00']],
      fri: [['18:00', '01:30']],
      sat: [
        ['02:30', '04:00'],
        ['18:00', '01:30'],
      ],
      sun: [],
    } as const;
    const next = (iso: string) => nextOpening(week as never, PARIS, at(iso))?.toISOString() ?? null;

    it('when the shop is open, then there is no next opening', () => {
      expect(next('2026-07-07T10:00:00Z')).to.equal(null); // Tuesday 12:00
      expect(next('2026-07-10T23:00:00Z')).to.equal(null); // Saturday 01:00, Friday's range past midnight
    });

    it('when the shop is closed between two ranges of a day, then it opens later that day', () => {
      // Tuesday 15:00 → 18:00 the same day (UTC+2).
      expect(next('2026-07-07T13:00:00Z')).to.equal('2026-07-07T16:00:00.000Z');
      // Tuesday 08:00 → 11:30.
      expect(next('2026-07-07T06:00:00Z')).to.equal('2026-07-07T09:30:00.000Z');
    });

    it('when the shop closed at midnight or later, then the next opening is on the following local day', () => {
      // Tuesday 23:30 → Wednesday 18:00.
      expect(next('2026-07-07T21:30:00Z')).to.equal('2026-07-08T16:00:00.000Z');
      // Saturday 01:45, after Friday's range ended at 01:30 → Saturday 02:30.
      expect(next('2026-07-10T23:45:00Z')).to.equal('2026-07-11T00:30:00.000Z');
    });

    it('when Sunday is closed, then Saturday night after closing leads to Monday 11:30', () => {
      // Sunday 01:45 (Saturday's range ended at 01:30) → Monday 11:30.
      expect(next('2026-07-11T23:45:00Z')).to.equal('2026-07-13T09:30:00.000Z');
      // Sunday noon → Monday 11:30.
      expect(next('2026-07-12T10:00:00Z')).to.equal('2026-07-13T09:30:00.000Z');
    });

    it('when the clocks change in between, then the opening is at the local time of the day it falls on', () => {
      // Spring: Sunday 29 March 2026 02:00 → 03:00. Sunday 01:45 (UTC+1) → Monday 30 11:30 (UTC+2).
      expect(next('2026-03-29T00:45:00Z')).to.equal('2026-03-30T09:30:00.000Z');
      // Autumn: Sunday 25 October 2026 03:00 → 02:00. Sunday 01:45 (UTC+2) → Monday 26 11:30 (UTC+1).
      expect(next('2026-10-24T23:45:00Z')).to.equal('2026-10-26T10:30:00.000Z');
      // Saturday 24 October 01:45 (UTC+2) → Saturday 02:30, still summer time.
      expect(next('2026-10-23T23:45:00Z')).to.equal('2026-10-24T00:30:00.000Z');
    });

    it('when a spring change day skips the opening time, then the shop opens as the clocks read an hour later', () => {
      const early = { sun: [['02:30', '05:00']] } as const;
      // Saturday 28 March 2026 12:00 → Sunday 29 02:30 does not exist: 03:30 summer time = 01:30 UTC.
      expect(nextOpening(early as never, PARIS, at('2026-03-28T11:00:00Z'))?.toISOString()).to.equal(
        '2026-03-29T01:30:00.000Z',
      );
    });

    it('when a shop has no hours at all, then it never opens', () => {
      expect(nextOpening({}, PARIS, at('2026-07-07T10:00:00Z'))).to.equal(null);
    });

    it('when today’s hours are asked, then they are those of the shop’s local day, not the UTC day', () => {
      // Tuesday 23:30 UTC is Wednesday 01:30 in Paris.
      expect(hoursOfDay(week as never, PARIS, at('2026-07-07T23:30:00Z'))).to.deep.equal([
        ['18:00', '23:00'],
      ]);
      expect(hoursOfDay(week as never, PARIS, at('2026-07-12T10:00:00Z'))).to.deep.equal([]);
    });
  });
});
