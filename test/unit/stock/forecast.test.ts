// The forecast against histories whose true pattern is known: a weekday cycle (Mon × 0.6, Fri/Sat × 1.8) with
// ±15 % uniform noise from a seeded generator, so every run sees the same numbers. The error is measured against
// the true expected use of the next 14 days, not against the noisy draws.
import { expect } from 'chai';
import { forecastStock, type ForecastInput } from '../../../src/modules/stock/forecast.js';

const TODAY = '2026-12-07'; // a Monday
const DAY = 86_400_000;
const dayNumber = (day: string) => Math.round(Date.parse(`${day}T00:00:00Z`) / DAY);
const dayOf = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);
const TODAY_N = dayNumber(TODAY);
/** Sunday … Saturday. */
const WEEKDAY_FACTOR = [1, 0.6, 0.9, 1, 1.1, 1.8, 1.8];
const dow = (n: number) => (((n + 4) % 7) + 7) % 7;

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Pattern {
  base?: number;
  /** Growth per week (0.03: +3 %/week). */
  growth?: number;
  noise?: number;
  weeks?: number;
  seed?: number;
}

/** The true expected use of day number n, and a history of `weeks` weeks drawn around it. */
function generated({ base = 5000, growth = 0, noise = 0.15, weeks = 8, seed = 1 }: Pattern) {
  const truth = (n: number) => base * WEEKDAY_FACTOR[dow(n)] * (1 + growth) ** ((n - TODAY_N) / 7);
  const random = prng(seed);
  const history = [];
  for (let n = TODAY_N - 7 * weeks; n < TODAY_N; n++) {
    history.push({ day: dayOf(n), use: Math.round(truth(n) * (1 + (random() * 2 - 1) * noise)) });
  }
  return { truth, history, knownSince: history[0].day };
}

function input(over: Partial<ForecastInput> & Pick<ForecastInput, 'history'>): ForecastInput {
  return { today: TODAY, knownSince: over.history[0]?.day ?? null, onHand: 1e9, reserved: 0, ...over };
}

/** Mean absolute percentage error of 14 forecast days against the truth. */
function mape(expected: number[], truth: (n: number) => number): number {
  return expected.reduce((a, e, h) => a + Math.abs(e - truth(TODAY_N + h)) / truth(TODAY_N + h), 0) / 14;
}

/** The naive rival: each weekday's plain mean over the whole history. */
function flatWeekdayMean(history: { day: string; use: number }[], n: number): number {
  const same = history.filter((d) => dow(dayNumber(d.day)) === dow(n));
  return same.reduce((a, d) => a + d.use, 0) / same.length;
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const SEEDS = Array.from({ length: 50 }, (_, i) => i + 1);

function errors(pattern: Pattern) {
  return SEEDS.map((seed) => {
    const g = generated({ ...pattern, seed });
    const f = forecastStock(input(g));
    const ours = mape(
      f.days.map((d) => d.expectedUse),
      g.truth,
    );
    const flat = mape(
      f.days.map((_, h) => flatWeekdayMean(g.history, TODAY_N + h)),
      g.truth,
    );
    return { ours, flat, wape: f.error?.wape ?? NaN, method: f.method };
  });
}
const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;

describe('stock forecast (pure)', () => {
  // Stated bound: mean MAPE under 5 % over 50 seeds, and under 12 % for every seed.
  const cycle = errors({});
  const cycleMean = mean(cycle.map((e) => e.ours));
  const cycleMax = Math.max(...cycle.map((e) => e.ours));
  it(`when 8 weeks follow a weekday cycle with ±15 % noise, then the 14 days' MAPE against the true pattern is under 5 % on average and 12 % at worst (measured over 50 seeds: ${pct(cycleMean)} mean, ${pct(cycleMax)} worst)`, () => {
    expect(cycle.every((e) => e.method === 'weekday-trend')).to.equal(true);
    expect(cycleMean).to.be.below(0.05);
    expect(cycleMax).to.be.below(0.12);
  });

  it('when the weekday cycle is forecast, then the 14 days start today, carry their weekday and keep the peaks', () => {
    const f = forecastStock(input(generated({ noise: 0 })));
    expect(f.days.map((d) => d.day)).to.deep.equal(Array.from({ length: 14 }, (_, h) => dayOf(TODAY_N + h)));
    expect(f.days.slice(0, 7).map((d) => d.weekday)).to.deep.equal([
      'mon',
      'tue',
      'wed',
      'thu',
      'fri',
      'sat',
      'sun',
    ]);
    // Without noise the pattern comes back exactly: 0.6, 0.9, 1, 1.1, 1.8, 1.8, 1 × 5000.
    expect(f.days.slice(0, 7).map((d) => d.expectedUse)).to.deep.equal([
      3000, 4500, 5000, 5500, 9000, 9000, 5000,
    ]);
    expect(f.expectedUse).to.equal(2 * 41_000);
  });

  const trend = errors({ growth: 0.03 });
  const trendMean = mean(trend.map((e) => e.ours));
  const flatMean = mean(trend.map((e) => e.flat));
  it(`when use grows 3 % a week, then the forecast follows it better than a flat weekday mean on every seed (measured MAPE: ${pct(trendMean)} vs ${pct(flatMean)})`, () => {
    expect(trend.every((e) => e.ours < e.flat)).to.equal(true);
    expect(trendMean).to.be.below(0.05);
    expect(flatMean).to.be.above(0.1);
    const falling = errors({ growth: -0.03 });
    expect(mean(falling.map((e) => e.ours))).to.be.below(0.05);
  });

  it('when the history is noisy, then the backtest error reported is about the noise; without noise, about zero', () => {
    // ±15 % uniform noise alone is a 7.5 % mean absolute deviation: the backtest against the draws sees it.
    const noisy = mean(cycle.map((e) => e.wape));
    expect(noisy).to.be.within(0.06, 0.12);
    const clean = forecastStock(input(generated({ noise: 0 })));
    expect(clean.error?.days).to.equal(42);
    expect(clean.error?.wape).to.be.below(0.005);
    expect(clean.error?.mae).to.be.below(20);
  });

  it('when fewer than 2 weeks are known, then every day is the daily mean of the known days', () => {
    const history = [100, 0, 200, 300, 0, 250, 150, 100, 50, 50].map((use, i) => ({
      day: dayOf(TODAY_N - 10 + i),
      use,
    }));
    const f = forecastStock(input({ history }));
    expect(f.method).to.equal('daily-mean');
    expect(f.days.map((d) => d.expectedUse)).to.deep.equal(new Array(14).fill(120));
  });

  it('when the ingredient first moved 3 weeks ago, then the weeks before are unknown, not zeros', () => {
    const g = generated({ noise: 0, weeks: 3 });
    const f = forecastStock(input({ ...g, knownSince: g.history[0].day }));
    const week = [3000, 4500, 5000, 5500, 9000, 9000, 5000];
    expect(f.method).to.equal('weekday-trend');
    expect(f.days.map((d) => d.expectedUse)).to.deep.equal([...week, ...week]);
    // The same 3 weeks read as 8 weeks whose first 5 used nothing: a different (wrong) forecast.
    const zeros = forecastStock(input({ ...g, knownSince: dayOf(TODAY_N - 56) }));
    expect(zeros.days.map((d) => d.expectedUse)).not.to.deep.equal([...week, ...week]);
  });

  it('when the shop closes every Monday, then Mondays forecast nothing and the other days are not diluted', () => {
    const g = generated({ noise: 0 });
    const history = g.history.map((d) => (dow(dayNumber(d.day)) === 1 ? { ...d, use: 0 } : d));
    const f = forecastStock(input({ history }));
    expect(f.days.filter((d) => d.weekday === 'mon').map((d) => d.expectedUse)).to.deep.equal([0, 0]);
    expect(f.days.find((d) => d.weekday === 'sat')?.expectedUse).to.equal(9000);
  });

  it('when the shop was closed for a week and will close on a day ahead, then the closure is unknown behind and zero ahead', () => {
    const g = generated({ noise: 0 });
    const closed = new Set([
      ...Array.from({ length: 7 }, (_, i) => dayOf(TODAY_N - 14 + i)),
      dayOf(TODAY_N + 4),
    ]);
    const history = g.history.filter((d) => !closed.has(d.day));
    const f = forecastStock(input({ history, knownSince: g.knownSince, isClosed: (day) => closed.has(day) }));
    expect(f.days.map((d) => d.expectedUse).slice(0, 6)).to.deep.equal([3000, 4500, 5000, 5500, 0, 9000]);
  });

  describe('stock left', () => {
    const steady = (use = 100) =>
      Array.from({ length: 56 }, (_, i) => ({ day: dayOf(TODAY_N - 56 + i), use }));

    it('when nothing is in stock, then the stock runs out today', () => {
      const f = forecastStock(input({ history: steady(), onHand: 0 }));
      expect([f.stockOutDate, f.daysOfStockLeft, f.available]).to.deep.equal([TODAY, 0, 0]);
    });

    it('when everything on hand is reserved, then the stock runs out today', () => {
      const f = forecastStock(input({ history: steady(), onHand: 300, reserved: 300 }));
      expect([f.stockOutDate, f.daysOfStockLeft]).to.deep.equal([TODAY, 0]);
    });

    it('when part of the stock is reserved, then fewer days are left and it runs out sooner', () => {
      const free = forecastStock(input({ history: steady(), onHand: 1000 }));
      expect([free.stockOutDate, free.daysOfStockLeft]).to.deep.equal([dayOf(TODAY_N + 10), 10]);
      const held = forecastStock(input({ history: steady(), onHand: 1000, reserved: 250 }));
      expect([held.available, held.stockOutDate, held.daysOfStockLeft]).to.deep.equal([
        750,
        dayOf(TODAY_N + 7),
        7.5,
      ]);
    });

    it('when part of today was already used, then only the rest of today counts', () => {
      const f = forecastStock(input({ history: [...steady(), { day: TODAY, use: 60 }], onHand: 1000 }));
      expect(f.usedToday).to.equal(60);
      expect(f.days[0].expectedUse).to.equal(100);
      expect([f.stockOutDate, f.daysOfStockLeft]).to.deep.equal([dayOf(TODAY_N + 10), 10.6]);
    });

    it('when the stock covers the 14 days, then there is no stock-out date and the days left are extrapolated', () => {
      const f = forecastStock(input({ history: steady(), onHand: 5000, reserved: 20 }));
      expect([f.stockOutDate, f.daysOfStockLeft]).to.deep.equal([null, 49.8]);
    });

    it('when the ingredient never moved, then nothing is expected and no stock-out is foreseen', () => {
      const f = forecastStock(input({ history: [], knownSince: null, onHand: 10 }));
      expect([f.method, f.expectedUse, f.stockOutDate, f.daysOfStockLeft, f.error]).to.deep.equal([
        'no-history',
        0,
        null,
        null,
        null,
      ]);
    });
  });
});
