// Exceptional closures: a closed date has none of its ranges (the evening before still ends past midnight), the
// next opening skips any number of closed days, and what the back office types is read as people write it.
import { expect } from 'chai';
import {
  hoursOfDay,
  isOpenAt,
  nextOpening,
  type Closure,
  type OpeningHours,
} from '../../../src/modules/pizzerias/opening-hours.js';
import { formatRadius, parseRadius, readSettings } from '../../../src/modules/pizzerias/settings.input.js';

const PARIS = 'Europe/Paris';
const EVERY_DAY: OpeningHours = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['18:00', '01:00']]]),
);
/** December 2026, Paris (UTC+1). */
const paris = (day: number, hhmm: string) =>
  new Date(`2026-12-${String(day).padStart(2, '0')}T${hhmm}:00+01:00`);
const closed = (from: string, to: string): Closure[] => [{ from, to, reason: 'Fermeture annuelle' }];

describe('closures', () => {
  it('when a date is closed, then its ranges are gone but the previous evening still ends after midnight', () => {
    const c = closed('2026-12-08', '2026-12-08');
    expect(isOpenAt(EVERY_DAY, PARIS, paris(8, '00:30'), c)).to.equal(true); // Monday's evening
    expect(isOpenAt(EVERY_DAY, PARIS, paris(8, '19:00'), c)).to.equal(false);
    expect(isOpenAt(EVERY_DAY, PARIS, paris(9, '00:30'), c)).to.equal(false); // Tuesday's evening did not happen
    expect(isOpenAt(EVERY_DAY, PARIS, paris(9, '19:00'), c)).to.equal(true);
    expect(hoursOfDay(EVERY_DAY, PARIS, paris(8, '12:00'), c)).to.deep.equal([]);
    expect(hoursOfDay(EVERY_DAY, PARIS, paris(9, '12:00'), c)).to.deep.equal([['18:00', '01:00']]);
  });

  it('when the shop is 14 hours ahead of UTC, then its local date decides (not the UTC one)', () => {
    const kiritimati = 'Pacific/Kiritimati';
    const c = closed('2026-12-08', '2026-12-08');
    const allDay: OpeningHours = { tue: [['00:00', '00:00']], mon: [['00:00', '00:00']] };
    // 2026-12-07 10:30 UTC is Tuesday 8 December, 00:30 in Kiritimati: closed.
    expect(isOpenAt(allDay, kiritimati, new Date('2026-12-07T10:30:00Z'), c)).to.equal(false);
    expect(isOpenAt(allDay, kiritimati, new Date('2026-12-07T09:30:00Z'), c)).to.equal(true); // Monday 23:30
  });

  it('when a closure lasts three weeks, then the next opening is the evening after it', () => {
    const c = closed('2026-12-08', '2026-12-28');
    expect(nextOpening(EVERY_DAY, PARIS, paris(8, '12:00'), c)?.toISOString()).to.equal(
      paris(29, '18:00').toISOString(),
    );
    expect(nextOpening(EVERY_DAY, PARIS, paris(8, '12:00'))?.toISOString()).to.equal(
      paris(8, '18:00').toISOString(),
    );
  });

  it('when the back office types radius, times and dates as people do, then they are read', () => {
    expect(['3 km', '2,5 km', '2.5km', '2500 m', '2 500 m', '2500'].map(parseRadius)).to.deep.equal([
      3000, 2500, 2500, 2500, 2500, 2500,
    ]);
    expect(['trois', '2,5', '1,2345 km', ''].map(parseRadius)).to.deep.equal([null, null, null, null]);
    expect([3000, 2500, 750, 1050].map(formatRadius)).to.deep.equal(['3 km', '2,5 km', '750 m', '1050 m']);
    const change = readSettings(
      {
        openingHours: { fri: [['18h', '1h30']], sat: [['11 h 30', '14:30']] },
        closures: [{ from: '24/12/2026', to: '', reason: ' Noël ' }],
        freeThreshold: '',
      },
      '2026-12-04',
    );
    expect(change).to.deep.equal({
      openingHours: { fri: [['18:00', '01:30']], sat: [['11:30', '14:30']] },
      closures: [{ from: '2026-12-24', to: '2026-12-24', reason: 'Noël' }],
      freeDeliveryThresholdCents: null,
    });
  });
});
