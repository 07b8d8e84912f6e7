// The Google Maps gateway with the real @googlemaps/google-maps-services-js client, over HTTP, against the local
// fake Maps server (per-request `url` override). No database is used.
import { expect } from 'chai';
import { createServer } from 'node:net';
import { AddressNotFoundError, MapsUnavailableError } from '../../../src/modules/delivery/maps-errors.js';
import {
  createGoogleMapsGateway,
  type GoogleMapsGatewayOptions,
  type MapsLogger,
} from '../../../src/modules/delivery/maps.gateway.js';
import type { GeoPoint, MapsProvider } from '../../../src/modules/delivery/maps.types.js';
import { haversineM, startFakeMaps, type FakeMapsServer } from '../../fakes/maps-server.js';

const API_KEY = 'AIzaSyFAKE-ocpizza-maps-key-7391';
const OBERKAMPF = { line1: '12, rue Oberkampf', postcode: '75011', city: 'Paris' };
const OBERKAMPF_POINT = { lat: 48.8649, lng: 2.3722 };
// Three of the group's shops (real neighbourhoods): Bastille, République, Montparnasse.
const SHOPS: GeoPoint[] = [
  { lat: 48.8533, lng: 2.3692 },
  { lat: 48.8674, lng: 2.3636 },
  { lat: 48.8421, lng: 2.3219 },
];

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Keeps every log line as JSON, to check what is logged and that the key never is. */
function capturingLogger(): MapsLogger & {
  lines: { level: string; obj: object; msg: string }[];
  text(): string;
} {
  const lines: { level: string; obj: object; msg: string }[] = [];
  return {
    lines,
    warn: (obj, msg) => lines.push({ level: 'warn', obj, msg }),
    error: (obj, msg) => lines.push({ level: 'error', obj, msg }),
    text: () => JSON.stringify(lines),
  };
}

function expectNoKey(error: Error, logs: string, key = API_KEY): void {
  for (const text of [error.message, String(error.stack), JSON.stringify(error), logs]) {
    expect(text).not.to.include(key);
  }
}

describe('Google Maps gateway (real client against the fake Maps server)', function () {
  this.timeout(15_000);
  let fake: FakeMapsServer;
  let logger: ReturnType<typeof capturingLogger>;
  let gateway: MapsProvider;
  const make = (options: Partial<GoogleMapsGatewayOptions> = {}) =>
    createGoogleMapsGateway({
      apiKey: API_KEY,
      baseUrl: fake.baseUrl,
      timeoutMs: 1_000,
      retryBaseMs: 5,
      logger,
      ...options,
    });

  before(async () => {
    fake = await startFakeMaps({ apiKey: API_KEY });
  });
  beforeEach(() => {
    fake.reset();
    logger = capturingLogger();
    gateway = make();
    fake.addPlace('12 rue Oberkampf 75011', {
      ...OBERKAMPF_POINT,
      formatted: '12 Rue Oberkampf, 75011 Paris, France',
    });
  });
  after(async () => {
    await fake?.close();
  });

  describe('geocoding', () => {
    it('when the address is known, then its point and Google’s spelling come back from one keyed request', async () => {
      const result = await gateway.geocode(OBERKAMPF);

      expect(gateway.approximate).to.equal(false);
      expect(result).to.deep.equal({
        point: OBERKAMPF_POINT,
        formattedAddress: '12 Rue Oberkampf, 75011 Paris, France',
      });
      expect(fake.requests).to.have.length(1);
      const [request] = fake.requests;
      expect(request).to.include({
        method: 'GET',
        path: '/maps/api/geocode/json',
        key: API_KEY,
        address: '12, rue Oberkampf, 75011 Paris, France',
      });
      expect(request.query).to.include({ region: 'fr', language: 'fr', components: 'country:FR' });
      expect(logger.lines).to.deep.equal([]);
    });

    it('when Google knows no such address, then 422 address_not_found in French and no retry', async () => {
      const error = await rejection(
        gateway.geocode({ line1: '999 rue Imaginaire', postcode: '75011', city: 'Paris' }),
      );

      expect(error).to.be.instanceOf(AddressNotFoundError);
      expect(error).to.include({
        status: 422,
        code: 'address_not_found',
        message: 'Adresse introuvable : vérifiez le numéro, la rue et le code postal.',
      });
      expect(fake.requests.map((r) => r.answer)).to.deep.equal(['ZERO_RESULTS']);
    });

    it('when the quota is exceeded once, then the gateway succeeds after exactly one retry', async () => {
      fake.failNext('over_query_limit');
      const result = await gateway.geocode(OBERKAMPF);

      expect(result.point).to.deep.equal(OBERKAMPF_POINT);
      expect(fake.requests.map((r) => r.answer)).to.deep.equal(['OVER_QUERY_LIMIT', 'OK']);
      expect(
        fake.requests.every((r) => r.key === API_KEY && r.address === fake.requests[0].address),
      ).to.equal(true);
      expect(logger.lines.map((l) => l.level)).to.deep.equal(['warn']);
    });

    it('when Google answers 500 every time, then 503 maps_unavailable after 1 + 2 attempts, not more', async () => {
      fake.failNext('server_error', 5);
      const error = await rejection(gateway.geocode(OBERKAMPF));

      expect(error).to.be.instanceOf(MapsUnavailableError);
      expect(error).to.include({
        status: 503,
        code: 'maps_unavailable',
        reason: 'server_error',
        attempts: 3,
      });
      expect(error.message).to.match(/^Le calcul d’itinéraire est momentanément indisponible/);
      expect(fake.requests.map((r) => r.answer)).to.deep.equal(['HTTP 500', 'HTTP 500', 'HTTP 500']);
      expectNoKey(error, logger.text());
    });

    it('when retries are set to 0, then one failed request is the end of it', async () => {
      fake.failNext('server_error', 2);
      const error = await rejection(make({ maxRetries: 0 }).geocode(OBERKAMPF));

      expect(error).to.include({ code: 'maps_unavailable', attempts: 1 });
      expect(fake.requests).to.have.length(1);
    });

    it('when every answer comes after the timeout, then 503 within a bounded time', async () => {
      fake.failNext('slow', 5, { delayMs: 5_000 });
      const impatient = make({ timeoutMs: 200, maxRetries: 1, retryBaseMs: 20 });
      const started = Date.now();
      const error = await rejection(impatient.geocode(OBERKAMPF));
      const elapsed = Date.now() - started;

      expect(error).to.include({ status: 503, code: 'maps_unavailable', reason: 'timeout', attempts: 2 });
      // Two attempts of 200 ms and one wait of about 20 ms, with room for a slow machine.
      expect(elapsed).to.be.below(1_500);
      expect(fake.requests).to.have.length(2);
      expectNoKey(error, logger.text());
    });

    it('when only the first answer is too slow, then the retry gets the place', async () => {
      fake.failNext('slow', 1, { delayMs: 3_000 });
      const result = await make({ timeoutMs: 200 }).geocode(OBERKAMPF);

      expect(result.point).to.deep.equal(OBERKAMPF_POINT);
      expect(fake.requests.map((r) => r.delayed)).to.deep.equal([true, false]);
    });

    it('when the key is refused, then 503 at once, logged as a configuration problem that never shows the key', async () => {
      const wrongKey = 'AIzaSyWRONG-key-never-echoed-5150';
      const logs = capturingLogger();
      const error = await rejection(make({ apiKey: wrongKey, logger: logs }).geocode(OBERKAMPF));

      expect(error).to.include({
        status: 503,
        code: 'maps_unavailable',
        reason: 'request_denied',
        attempts: 1,
      });
      expect(fake.requests.map((r) => [r.key, r.answer])).to.deep.equal([[wrongKey, 'REQUEST_DENIED']]);
      expect(logs.lines).to.have.length(1);
      expect(logs.lines[0]).to.deep.include({ level: 'error' });
      expect(logs.lines[0].obj).to.include({ problem: 'configuration', providerStatus: 'REQUEST_DENIED' });
      expect(logs.lines[0].msg).to.match(/configuration/);
      expectNoKey(error, logs.text(), wrongKey);
    });

    it('when the API is not enabled for the project, then REQUEST_DENIED is not retried either', async () => {
      fake.failNext('request_denied', 3);
      const error = await rejection(gateway.geocode(OBERKAMPF));

      expect(error).to.include({ code: 'maps_unavailable', reason: 'request_denied' });
      expect(fake.requests).to.have.length(1);
    });

    it('when nothing listens at the address, then 503 maps_unavailable (network) after the retries', async () => {
      const unreachable = make({ baseUrl: `http://127.0.0.1:${await closedPort()}` });
      const error = await rejection(unreachable.geocode(OBERKAMPF));

      expect(error).to.include({ status: 503, code: 'maps_unavailable', reason: 'network', attempts: 3 });
      expectNoKey(error, logger.text());
    });
  });

  describe('travel times (Distance Matrix)', () => {
    it('when three shops are asked, then one keyed driving request gives their estimates in order', async () => {
      const estimates = await gateway.travel(SHOPS, OBERKAMPF_POINT);

      expect(estimates.map((e) => e.originIndex)).to.deep.equal([0, 1, 2]);
      estimates.forEach((e, i) => {
        const straight = haversineM(SHOPS[i], OBERKAMPF_POINT);
        expect(e.distanceM).to.be.within(straight, straight * 1.5);
        // Between 5 and 60 km/h through Paris.
        expect(e.durationS).to.be.within(e.distanceM / (60 / 3.6), e.distanceM / (5 / 3.6));
      });
      // Montparnasse is the farthest from Oberkampf, République the nearest.
      expect(estimates[2].durationS).to.be.above(estimates[0].durationS);
      expect(estimates[1].durationS).to.be.below(estimates[0].durationS);

      expect(fake.requests).to.have.length(1);
      const [request] = fake.requests;
      expect(request).to.include({ path: '/maps/api/distancematrix/json', key: API_KEY });
      expect(request.origins).to.deep.equal(SHOPS.map((s) => `${s.lat},${s.lng}`));
      expect(request.destinations).to.deep.equal([`${OBERKAMPF_POINT.lat},${OBERKAMPF_POINT.lng}`]);
      expect(request.query).to.include({ mode: 'driving', units: 'metric' });
      expect(Number(request.query.departure_time)).to.be.at.least(Math.floor(Date.now() / 1000) - 5);
    });

    it('when Google gives a time in traffic, then that is the duration used', async () => {
      fake.setRoute(SHOPS[0], OBERKAMPF_POINT, { distanceM: 2_100, durationS: 420, durationInTrafficS: 660 });
      const [first] = await gateway.travel([SHOPS[0]], OBERKAMPF_POINT);

      expect(first).to.deep.equal({ originIndex: 0, distanceM: 2_100, durationS: 660 });
    });

    it('when one shop cannot reach the address, then it is left out and the others keep their index', async () => {
      fake.setRoute(SHOPS[1], OBERKAMPF_POINT, { status: 'ZERO_RESULTS' });
      const estimates = await gateway.travel(SHOPS, OBERKAMPF_POINT);

      expect(estimates.map((e) => e.originIndex)).to.deep.equal([0, 2]);
    });

    it('when the quota is exceeded once, then the matrix is asked again once', async () => {
      fake.failNext('over_query_limit');
      const estimates = await gateway.travel(SHOPS, OBERKAMPF_POINT);

      expect(estimates).to.have.length(3);
      expect(fake.requestsTo('distancematrix').map((r) => r.answer)).to.deep.equal([
        'OVER_QUERY_LIMIT',
        'OK',
      ]);
    });

    it('when Google keeps failing, then 503 maps_unavailable without the key', async () => {
      fake.failNext('server_error', 3);
      const error = await rejection(gateway.travel(SHOPS, OBERKAMPF_POINT));

      expect(error).to.include({ status: 503, code: 'maps_unavailable', attempts: 3 });
      expect(fake.requests).to.have.length(3);
      expectNoKey(error, logger.text());
    });

    it('when there is no origin, then nothing is asked', async () => {
      expect(await gateway.travel([], OBERKAMPF_POINT)).to.deep.equal([]);
      expect(fake.requests).to.have.length(0);
    });
  });
});
