// The background jobs' timer: first check when asked, never two checks at once in a process, an error handed to
// the job and the next tick tried again, nothing after the stop.
import { expect } from 'chai';
import { startPeriodic } from '../../../src/shared/periodic.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `condition` holds (at most 5 s): the ticks are real timers, a loaded machine only delays them. */
async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > 5000) throw new Error('condition not reached in 5 s');
    await pause(5);
  }
}

describe('shared: startPeriodic', () => {
  it('when firstMs is 0, then the first check runs at once; without it, not before the first interval', () => {
    let now = 0;
    const stopNow = startPeriodic(async () => void (now += 1), { everyMs: 60_000, firstMs: 0, onError() {} });
    let later = 0;
    const stopLater = startPeriodic(async () => void (later += 1), { everyMs: 60_000, onError() {} });
    stopNow();
    stopLater();
    expect({ now, later }).to.deep.equal({ now: 1, later: 0 });
  });

  it('when a check is slower than the interval, then no second check starts until it ends', async () => {
    let calls = 0;
    let running = 0;
    let most = 0;
    let release!: () => void;
    const stop = startPeriodic(
      async () => {
        calls += 1;
        running += 1;
        most = Math.max(most, running);
        if (calls === 1) await new Promise<void>((resolve) => (release = resolve));
        running -= 1;
      },
      { everyMs: 2, firstMs: 0, onError() {} },
    );
    await pause(40); // many intervals go by while the first check waits
    expect(calls).to.equal(1);
    release();
    await until(() => calls >= 3);
    stop();
    expect(most).to.equal(1);
  });

  it('when a check fails, then the job gets the error and the next tick checks again; after the stop, none', async () => {
    const errors: string[] = [];
    let calls = 0;
    const stop = startPeriodic(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('database down');
      },
      { everyMs: 2, firstMs: 0, onError: (e) => errors.push(e.message) },
    );
    await until(() => calls >= 2);
    stop();
    const atStop = calls;
    await pause(30);
    expect(errors).to.deep.equal(['database down']);
    expect(calls).to.equal(atStop);
  });
});
