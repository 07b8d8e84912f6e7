import { expect } from 'chai';
import { REDACTED, scrub, scrubQueryString } from '../../../src/shared/scrub.js';

describe('scrub', () => {
  it('when an object holds credentials at any depth, then their values are replaced', () => {
    const out = scrub({
      email: 'a@b.fr',
      password: 'hunter2-secret',
      nested: { Authorization: 'Bearer abc', list: [{ token: 't' }, { apiKey: 'k' }] },
      headers: { cookie: 'sid=1', 'user-agent': 'curl' },
    });
    expect(out).to.deep.equal({
      email: 'a@b.fr',
      password: REDACTED,
      nested: { Authorization: REDACTED, list: [{ token: REDACTED }, { apiKey: REDACTED }] },
      headers: { cookie: REDACTED, 'user-agent': 'curl' },
    });
  });

  it('when free text holds a card number or a bearer token, then they are masked', () => {
    const out = scrub({ note: 'carte 4242 4242 4242 4242, header Bearer eyJhbGci.payload.sig' });
    expect(out.note).not.to.match(/4242|eyJ/);
  });

  it('when a query string has sensitive parameters, then names stay and values are masked', () => {
    const q = scrubQueryString('page=2&token=abc&password=x&q=margherita');
    const params = new URLSearchParams(q);
    expect(params.get('page')).to.equal('2');
    expect(params.get('q')).to.equal('margherita');
    expect(params.get('token')).to.equal(REDACTED);
    expect(params.get('password')).to.equal(REDACTED);
  });
});
