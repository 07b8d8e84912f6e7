import { expect } from 'chai';
import { pino } from 'pino';
import { QueryTypes, type Sequelize } from 'sequelize';
import type { Database } from '../../../src/db/executor.js';
import { testDatabase, testDb } from '../../helpers/db.js';
import { DEMO_CUSTOMERS, DEMO_PIZZERIAS } from '../../../seeders/demo-data.js';
import { seedDemo } from '../../../seeders/seed.js';
import { SERVED_AREA_PLACES, type ServedAreaPlace } from '../../../seeders/served-area.js';
import { streetKey, type PostalAddress } from '../../../src/modules/delivery/address-key.js';
import type { GeoPoint } from '../../../src/modules/delivery/maps.types.js';
import {
  APPROXIMATE_MARK,
  AVERAGE_URBAN_SPEED_KMH,
  createOfflineMaps,
  DETOUR_FACTOR,
  EARTH_RADIUS_M,
} from '../../../src/modules/delivery/offline-maps.js';
import { AppError } from '../../../src/shared/errors.js';
import { log, setLogger } from '../../../src/shared/logger.js';

/** The test's own great-circle distance (haversine), in metres, not rounded. */
function haversineM(a: GeoPoint, b: GeoPoint): number {
  const toRad = (d: number) => (d * Math.PI) / 180;
  const dLat = toRad(b.lat - a.lat);
  const dLng = toRad(b.lng - a.lng);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(h));
}

/** Inserts served-area places as the seed does (street_key from the street). */
async function insertPlaces(db: Sequelize, places: readonly ServedAreaPlace[]): Promise<void> {
  for (const p of places)
    await db.query(
      `INSERT INTO served_area_places (postcode, city, street, street_key, lat, lng) VALUES ($1, $2, $3, $4, $5, $6)`,
      {
        bind: [p.postcode, p.city, p.street, p.street === null ? null : streetKey(p.street), p.lat, p.lng],
      },
    );
}

const place = (postcode: string, street: string | null): ServedAreaPlace => {
  const found = SERVED_AREA_PLACES.find((p) => p.postcode === postcode && p.street === street);
  if (!found) throw new Error(`no served-area place ${postcode} ${street}`);
  return found;
};

const paris = (line1: string, postcode = '75011'): PostalAddress => ({ line1, postcode, city: 'Paris' });

async function geocodeError(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected the geocode to fail');
}

describe('offline maps approximation', () => {
  let db: Sequelize;
  let database: Database;
  const silent = pino({ level: 'silent' });
  let previousLogger: ReturnType<typeof log>;

  before(async () => {
    db = await testDb();
    database = await testDatabase();
    previousLogger = log();
    setLogger(silent);
  });

  after(() => setLogger(previousLogger));

  const oberkampf = place('75011', 'rue Oberkampf');
  const centroid11 = place('75011', null);

  describe('geocode', () => {
    beforeEach(async () => {
      await insertPlaces(db, [
        centroid11,
        oberkampf,
        place('75011', 'avenue de la République'),
        place('75011', 'boulevard Voltaire'),
        place('75011', 'rue du Faubourg Saint-Antoine'),
        place('93100', null),
        place('93100', 'rue de Paris'),
        place('92100', null),
        place('92100', 'rue de Paris'),
      ]);
    });

    it('when the street is known in the postcode, then the address is placed at the street centroid, marked approximate', async () => {
      const maps = createOfflineMaps(database);

      const result = await maps.geocode(paris('112 rue Oberkampf'));

      expect(maps.approximate).to.equal(true);
      expect(result.point).to.deep.equal({ lat: oberkampf.lat, lng: oberkampf.lng });
      expect(result.formattedAddress).to.equal(`112 rue Oberkampf, 75011 Paris, France ${APPROXIMATE_MARK}`);
      expect(result.formattedAddress).to.include('(position approchée)');
    });

    it('when the street is not known but the postcode is served, then the address is placed at the postcode centroid', async () => {
      const result = await createOfflineMaps(database).geocode(paris('7 passage Saint-Pierre Amelot'));

      expect(result.point).to.deep.equal({ lat: centroid11.lat, lng: centroid11.lng });
      expect(result.formattedAddress).to.include('75011 Paris').and.include(APPROXIMATE_MARK);
    });

    it('when the postcode is outside the served area, then 422 address_not_found explains the offline mode in French', async () => {
      const error = await geocodeError(
        createOfflineMaps(database).geocode({ line1: '1 place Bellecour', postcode: '69002', city: 'Lyon' }),
      );

      expect(error.status).to.equal(422);
      expect(error.code).to.equal('address_not_found');
      expect(error.message)
        .to.match(/hors ligne/)
        .and.match(/zone desservie/)
        .and.include('69002');
      expect(error.details).to.deep.equal({ postcode: '69002' });
    });

    it('when the postcode has streets but neither the street nor a centroid, then 422 address_not_found', async () => {
      await db.query(`DELETE FROM served_area_places WHERE postcode = '75011' AND street_key IS NULL`);

      const error = await geocodeError(createOfflineMaps(database).geocode(paris('3 rue Inconnue')));

      expect(error).to.include({ status: 422, code: 'address_not_found' });
      expect(error.message).to.include('75011');
    });

    it('when the line varies in accents, case, number suffix, articles or abbreviations, then the same street is found', async () => {
      const maps = createOfflineMaps(database);
      const variations: [string, string][] = [
        ["12 bis Rue d'Oberkampf", 'rue Oberkampf'],
        ['112, RUE OBERKAMPF', 'rue Oberkampf'],
        ['112-114 rue Oberkampf', 'rue Oberkampf'],
        ['rue Oberkampf', 'rue Oberkampf'],
        ['Résidence Les Tilleuls 12 rue Oberkampf', 'rue Oberkampf'],
        ['3 ter bd Voltaire', 'boulevard Voltaire'],
        ['40 av. de la Republique', 'avenue de la République'],
        ['5 Avenue République', 'avenue de la République'],
        ['200 r. du fg St-Antoine', 'rue du Faubourg Saint-Antoine'],
        ['200 rue du faubourg saint antoine', 'rue du Faubourg Saint-Antoine'],
      ];

      for (const [line1, street] of variations) {
        const { point } = await maps.geocode(paris(line1, ' 75 011 '));
        const expected = place('75011', street);
        expect(point, line1).to.deep.equal({ lat: expected.lat, lng: expected.lng });
      }
    });

    it('when two towns have a street of the same name, then the postcode decides', async () => {
      const maps = createOfflineMaps(database);

      const montreuil = await maps.geocode({
        line1: '112 rue de Paris',
        postcode: '93100',
        city: 'Montreuil',
      });
      const boulogne = await maps.geocode({
        line1: '112 rue de Paris',
        postcode: '92100',
        city: 'boulogne billancourt',
      });

      const rueDeParis = place('93100', 'rue de Paris');
      expect(montreuil.point).to.deep.equal({ lat: rueDeParis.lat, lng: rueDeParis.lng });
      expect(boulogne.point.lng).to.be.below(2.26);
      expect(boulogne.formattedAddress).to.include('92100 Boulogne-Billancourt');
    });
  });

  describe('travel', () => {
    it('when travel is asked from several shops, then each gets the great-circle distance × the detour factor at the average speed, in order', async () => {
      const [p01, p02] = DEMO_PIZZERIAS;
      const destination = { lat: 48.8532, lng: 2.3691 }; // place de la Bastille
      const speedMs = (AVERAGE_URBAN_SPEED_KMH * 1000) / 3600;
      const expected = [p01, p02].map((shop, originIndex) => {
        const roadM = haversineM(shop, destination) * DETOUR_FACTOR;
        return { originIndex, distanceM: Math.round(roadM), durationS: Math.round(roadM / speedMs) };
      });

      const estimates = await createOfflineMaps(database).travel(
        [p01, p02].map(({ lat, lng }) => ({ lat, lng })),
        destination,
      );

      expect(estimates).to.deep.equal(expected);
      // Oberkampf → Bastille: about 1.6 km as the crow flies, so about 2.1 km by road and 7 minutes.
      expect(estimates[0].distanceM).to.be.within(1950, 2250);
      expect(estimates[0].durationS).to.be.within(390, 450);
      for (const e of estimates) {
        expect(Number.isInteger(e.distanceM) && Number.isInteger(e.durationS)).to.equal(true);
      }
    });

    it('when the origin is the destination or there is no origin, then 0 m, 0 s and an empty list', async () => {
      const maps = createOfflineMaps(database);
      const here = { lat: 48.866, lng: 2.3787 };

      expect(await maps.travel([here], here)).to.deep.equal([{ originIndex: 0, distanceM: 0, durationS: 0 }]);
      expect(await maps.travel([], here)).to.deep.equal([]);
    });
  });

  describe('creation', () => {
    it('when the offline provider is created, then one warning says the approximation is in use', () => {
      const lines: { level: number; msg: string }[] = [];
      setLogger(pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) }));
      try {
        createOfflineMaps(database);
      } finally {
        setLogger(silent);
      }

      expect(lines).to.have.length(1);
      expect(lines[0].level).to.equal(40);
      expect(lines[0].msg).to.include('OFFLINE APPROXIMATION').and.include('MAPS_API_KEY');
    });
  });

  describe('served-area data', () => {
    const centroids = new Map(
      SERVED_AREA_PLACES.filter((p) => p.street === null).map((p) => [p.postcode, p]),
    );

    it('when the data is read, then each (postcode, street) is unique and every street has its postcode centroid nearby', () => {
      const keys = SERVED_AREA_PLACES.map(
        (p) => `${p.postcode}|${p.street === null ? '' : streetKey(p.street)}`,
      );
      expect(new Set(keys).size).to.equal(keys.length);
      for (const p of SERVED_AREA_PLACES.filter((s) => s.street !== null)) {
        const centroid = centroids.get(p.postcode);
        expect(centroid, `${p.postcode} centroid`).to.not.equal(undefined);
        expect(haversineM(p, centroid!), `${p.street} ${p.postcode}`).to.be.below(2000);
        expect(p.city).to.equal(centroid!.city);
      }
    });

    it("when the data is read, then each shop's postcode has 10 to 20 streets and every centroid is near a shop's zone", () => {
      for (const shop of DEMO_PIZZERIAS) {
        const streets = SERVED_AREA_PLACES.filter((p) => p.postcode === shop.postcode && p.street !== null);
        expect(streets.length, shop.code).to.be.within(10, 20);
      }
      for (const c of centroids.values()) {
        const beyond = Math.min(...DEMO_PIZZERIAS.map((s) => haversineM(s, c) - s.deliveryRadiusM));
        expect(beyond, `${c.postcode} ${c.city}`).to.be.below(500);
      }
    });

    it("when the demo is seeded, then every shop's and customer's address is found offline by its street, inside a shop's zone", async () => {
      const counts = await seedDemo(database);
      expect(counts.served_area_places).to.equal(SERVED_AREA_PLACES.length);
      const maps = createOfflineMaps(database);
      const addresses = [
        ...DEMO_PIZZERIAS.map((s) => ({ line1: s.addressLine, postcode: s.postcode, city: s.city, at: s })),
        ...DEMO_CUSTOMERS.flatMap((c) => c.addresses.map((a) => ({ ...a, at: a }))),
      ];

      for (const a of addresses) {
        const { point } = await maps.geocode(a);
        const [street] = await db.query<{ lat: number; lng: number }>(
          `SELECT lat, lng FROM served_area_places WHERE postcode = $1 AND street_key = $2`,
          { bind: [a.postcode, streetKey(a.line1)], type: QueryTypes.SELECT },
        );
        expect(street, a.line1).to.not.equal(undefined);
        expect(point, a.line1).to.deep.equal({ lat: street.lat, lng: street.lng });
        expect(haversineM(point, a.at), a.line1).to.be.below(800);
        const inZone = DEMO_PIZZERIAS.some((s) => haversineM(s, point) <= s.deliveryRadiusM);
        expect(inZone, a.line1).to.equal(true);
      }
    });
  });
});
