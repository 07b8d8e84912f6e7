import { expect } from 'chai';
import {
  maskEmails,
  REDACTED,
  scrub,
  scrubLoggedUrl,
  scrubPath,
  scrubQueryString,
  scrubString,
} from '../../../src/shared/scrub.js';

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

  it('when a spaced card number is a value of an ordinary parameter, then it is masked before re-encoding', () => {
    const q = scrubQueryString(`q=${encodeURIComponent('4242 4242 4242 4242')}&page=2`);
    expect(q).not.to.match(/4242/);
    expect(new URLSearchParams(q).get('page')).to.equal('2');
  });

  it('when a path holds a card number, plain or percent-encoded, then it is masked; other paths are kept', () => {
    expect(scrubPath('/api/orders/4242424242424242')).to.equal(`/api/orders/${REDACTED}`);
    expect(scrubPath('/api/4242%204242%204242%204242')).not.to.match(/4242/);
    expect(scrubPath('/api/orders/8f2c1e6a-4b5d-4c3e-9a1b-2d3e4f5a6b7c')).to.equal(
      '/api/orders/8f2c1e6a-4b5d-4c3e-9a1b-2d3e4f5a6b7c',
    );
    expect(scrubPath('/api/%E0%A4%A')).to.equal('/api/%E0%A4%A');
  });

  it('when free text holds one of our tokens or a Stripe secret, then it is masked wherever it stands', () => {
    const token = `ocp_${'a'.repeat(43)}`;
    const out = scrubString(`UA (${token}; sk_live_abcdef123456 whsec_abcdef123456 pi_123_secret_456)`);
    expect(out).to.equal(`UA (${REDACTED}; ${REDACTED} ${REDACTED} ${REDACTED})`);
  });

  it('when a log line names e-mail addresses, then each keeps its first letter and its domain only', () => {
    expect(maskEmails('550 5.1.1 <camille.martin@example.fr>: Recipient address rejected')).to.equal(
      '550 5.1.1 <c***@example.fr>: Recipient address rejected',
    );
    expect(maskEmails('to a.b@x.org and z@y.co.uk')).to.equal('to a***@x.org and z***@y.co.uk');
    expect(maskEmails('no address here @ all')).to.equal('no address here @ all');
  });

  it('when an address is percent-encoded in a URL, then it is masked the same way', () => {
    expect(maskEmails('/x?filters.email=camille.martin%40example.fr&page=2')).to.equal(
      '/x?filters.email=c***%40example.fr&page=2',
    );
  });

  it('when the access log keeps a URL, then personal query values and the back office’s search text are replaced', () => {
    expect(
      scrubLoggedUrl(
        '/gestion/api/resources/customers/actions/list?filters.lastName=Martin&filters.phone=0612345678' +
          '&filters.email=c%40x.fr&sortBy=lastName&page=2',
      ),
    ).to.equal(
      '/gestion/api/resources/customers/actions/list?filters.lastName=%5Bredacted%5D' +
        '&filters.phone=%5Bredacted%5D&filters.email=%5Bredacted%5D&sortBy=lastName&page=2',
    );
    expect(scrubLoggedUrl('/api/pizzerias/nearest?address=12+rue+Oberkampf&lat=48.86&lng=2.37')).to.equal(
      '/api/pizzerias/nearest?address=%5Bredacted%5D&lat=%5Bredacted%5D&lng=%5Bredacted%5D',
    );
    expect(scrubLoggedUrl('/gestion/api/resources/customers/actions/search/Camille%20Martin')).to.equal(
      `/gestion/api/resources/customers/actions/search/${REDACTED}`,
    );
    expect(scrubLoggedUrl('/api/menu?pizzeriaId=3')).to.equal('/api/menu?pizzeriaId=3');
  });
});
