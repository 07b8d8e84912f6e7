// The outbox worker's pure rules: when a failed message is tried again (exponential backoff with jitter, capped),
// what the back office is told of a failure (no credentials, bounded), and the Message-ID of a message's key.
import { expect } from 'chai';
import { failureReason, retryDelayMs } from '../../../src/modules/notifications/worker.js';
import { messageIdOf } from '../../../src/modules/notifications/outbox.repository.js';

/** A seeded generator (mulberry32): the spread of the jitter is checked on the same draws every run. */
function seeded(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('outbox worker: retry delays', () => {
  const BASE = 30_000;
  const MAX = 3_600_000;

  it('when the draw is lowest or highest, then the delay is half the base or the attempt’s ceiling', () => {
    expect(retryDelayMs(1, BASE, MAX, () => 0)).to.equal(BASE / 2);
    expect(retryDelayMs(1, BASE, MAX, () => 1)).to.equal(BASE);
    expect(retryDelayMs(3, BASE, MAX, () => 0)).to.equal(BASE / 2);
    expect(retryDelayMs(3, BASE, MAX, () => 1)).to.equal(4 * BASE);
  });

  it('when attempts follow one another, then the ceiling doubles each time', () => {
    const ceilings = [1, 2, 3, 4, 5, 6].map((n) => retryDelayMs(n, BASE, MAX, () => 1));
    expect(ceilings).to.deep.equal([1, 2, 4, 8, 16, 32].map((k) => k * BASE));
  });

  it('when the doubling passes the maximum, then the delay is capped, even after a huge number of attempts', () => {
    expect(retryDelayMs(8, BASE, MAX, () => 1)).to.equal(MAX);
    expect(retryDelayMs(10, BASE, MAX, () => 1)).to.equal(MAX);
    for (const attempt of [31, 100, 10_000]) {
      const top = retryDelayMs(attempt, BASE, MAX, () => 1);
      expect(top, `attempt ${attempt}`).to.equal(MAX);
      expect(Number.isFinite(top)).to.equal(true);
      expect(retryDelayMs(attempt, BASE, MAX, () => 0)).to.equal(BASE / 2);
    }
  });

  it('when many messages fail at the same attempt, then their delays spread over the whole range (no herd)', () => {
    const random = seeded(18);
    const attempt = 5;
    const low = BASE / 2;
    const high = 16 * BASE;
    const delays = Array.from({ length: 2000 }, () => retryDelayMs(attempt, BASE, MAX, random));
    for (const d of delays) {
      expect(d).to.be.at.least(low);
      expect(d).to.be.at.most(high);
      expect(Number.isInteger(d)).to.equal(true);
    }
    // Each quarter of the range gets roughly a quarter of the draws.
    const quarters = [0, 0, 0, 0];
    for (const d of delays) quarters[Math.min(3, Math.floor(((d - low) / (high - low)) * 4))]++;
    for (const q of quarters) expect(q).to.be.within(400, 600);
    expect(new Set(delays).size).to.be.greaterThan(1900);
  });

  it('when the base is set above the maximum, then the delay still never exceeds the maximum', () => {
    for (const draw of [0, 0.5, 1]) expect(retryDelayMs(1, 5000, 1000, () => draw)).to.equal(1000);
    expect(retryDelayMs(3, 1500, 1000, () => 0)).to.equal(750);
    expect(retryDelayMs(4, 100, 1000, () => 1)).to.equal(800);
    expect(retryDelayMs(5, 100, 1000, () => 1)).to.equal(1000);
  });
});

describe('outbox worker: the reason of a failure shown in the back office', () => {
  it('when the error names an SMTP URL with a user and password, then neither is kept', () => {
    const reason = failureReason(
      Object.assign(new Error('connect to smtps://mailer:S3cr3t-p4ss@smtp.example.com:465 failed'), {
        code: 'ECONNECTION',
      }),
    );
    expect(reason).to.equal('ECONNECTION: connect to smtps://smtp.example.com:465 failed');
    expect(reason).to.not.include('S3cr3t');
    expect(reason).to.not.include('mailer');
  });

  it('when several URLs carry credentials, then each is stripped and the rest of the message kept', () => {
    const reason = failureReason(
      new Error('tried smtp://a:b@one.example:25 then smtp://c:d@two.example:587/x, gave up'),
    );
    expect(reason).to.equal('tried smtp://one.example:25 then smtp://two.example:587/x, gave up');
  });

  it('when the message is very long, then it is cut to fit the column (500 characters)', () => {
    const reason = failureReason(new Error('x'.repeat(5000)));
    expect(reason.length).to.equal(480);
  });

  it('when what failed is not an Error, then its text is the reason', () => {
    expect(failureReason('plain text')).to.equal('plain text');
    expect(failureReason({ code: 'ETIMEDOUT', message: 'Greeting never received' })).to.equal(
      'ETIMEDOUT: Greeting never received',
    );
  });
});

describe('outbox: the Message-ID of a message', () => {
  const FROM = 'OC Pizza <commandes@ocpizza.fr>';

  it('when the same key is given twice, then the Message-ID is the same (a resend is recognisable)', () => {
    const id = messageIdOf('order:0b5a:confirmation:1', FROM);
    expect(messageIdOf('order:0b5a:confirmation:1', FROM)).to.equal(id);
    expect(id).to.match(/^<[0-9a-f]{40}@ocpizza\.fr>$/);
  });

  it('when the keys differ, even by one character, then the Message-IDs differ', () => {
    const keys = Array.from({ length: 500 }, (_, i) => `order:${i}:confirmation:1`);
    keys.push('order:1:confirmation:2', 'order:1:preparing:1');
    expect(new Set(keys.map((k) => messageIdOf(k, FROM))).size).to.equal(keys.length);
  });

  it('when the sender is written with or without a name, then the domain is the sender’s', () => {
    expect(messageIdOf('k', 'commandes@pizza.example')).to.match(/@pizza\.example>$/);
    expect(messageIdOf('k', '"OC Pizza, Paris" <no-reply@mail.ocpizza.fr> ')).to.match(
      /@mail\.ocpizza\.fr>$/,
    );
    expect(messageIdOf('k', 'OC Pizza')).to.match(/@ocpizza\.invalid>$/);
    // The domain does not change the part made from the key.
    expect(messageIdOf('k', 'a@x.example').split('@')[0]).to.equal(messageIdOf('k', FROM).split('@')[0]);
  });
});
