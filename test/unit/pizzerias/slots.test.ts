import { expect } from 'chai';
import { slotDay, slotTimes } from '../../../src/modules/pizzerias/slots.js';

const ALWAYS = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [
    d,
    [['00:00', '00:00']] as [string, string][],
  ]),
);
const shop = (openingHours = ALWAYS, timezone = 'Europe/Paris') => ({
  openingHours,
  timezone,
  prepMinutesPerOrder: 10,
});

describe('slots of a shop (pure time arithmetic)', () => {
  it('when the clocks go forward or back in Paris, then the local day has 92 or 100 quarter-hours, each on a local quarter-hour', () => {
    // Saturday 28 March 2026 noon: tomorrow (29 March) loses 02:00–03:00; 25 October gains 02:00–03:00 again.
    const spring = slotTimes(shop(), '2026-03-29', new Date('2026-03-28T12:00:00+01:00'), 0);
    const autumn = slotTimes(shop(), '2026-10-25', new Date('2026-10-24T12:00:00+02:00'), 0);
    const normal = slotTimes(shop(), '2026-12-08', new Date('2026-12-07T12:00:00+01:00'), 0);
    expect([spring.length, autumn.length, normal.length]).to.deep.equal([92, 100, 96]);
    expect(spring[0].toISOString()).to.equal('2026-03-28T23:00:00.000Z'); // 00:00 in Paris (UTC+1)
    expect(spring.at(-1)!.toISOString()).to.equal('2026-03-29T21:45:00.000Z'); // 23:45 in Paris (UTC+2)
  });

  it('when the shop is in a zone 45 minutes off the hour, then the slots are its local quarter-hours', () => {
    const nepal = slotTimes(
      shop(ALWAYS, 'Asia/Kathmandu'),
      '2026-12-08',
      new Date('2026-12-07T06:00:00Z'),
      0,
    );
    expect(nepal.length).to.equal(96);
    expect(nepal[0].toISOString()).to.equal('2026-12-07T18:15:00.000Z'); // 00:00 at UTC+5:45
  });

  it('when a delivery drive is counted, then the first slot leaves preparation and drive after now', () => {
    const now = new Date('2026-12-07T19:02:00+01:00');
    const [takeaway] = slotTimes(shop(), '2026-12-07', now, 0);
    const [delivery] = slotTimes(shop(), '2026-12-07', now, 13 * 60);
    expect([takeaway.toISOString(), delivery.toISOString()]).to.deep.equal([
      new Date('2026-12-07T19:15:00+01:00').toISOString(), // 19:02 + 10 min → 19:12 → 19:15
      new Date('2026-12-07T19:30:00+01:00').toISOString(), // 19:02 + 23 min → 19:25 → 19:30
    ]);
  });

  it('when a day other than today or tomorrow (shop time) is asked, then 400 slot_date_out_of_range', () => {
    const now = new Date('2026-12-07T23:30:00Z'); // already the 8th in Paris
    expect(slotDay(shop(), now)).to.equal('2026-12-08');
    expect(slotDay(shop(), now, '2026-12-09')).to.equal('2026-12-09');
    for (const day of ['2026-12-07', '2026-12-10']) {
      expect(() => slotDay(shop(), now, day))
        .to.throw()
        .with.property('code', 'slot_date_out_of_range');
    }
  });
});
