'use strict';
// Geocoding: a cache of the provider's answers (one paid call per normalised address) and, for development
// without a Maps key, a table of places of the served area (postcode and street centroids) used to approximate.

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface) {
    const q = (sql) => queryInterface.sequelize.query(sql);
    await q(`
      CREATE TABLE geocode_cache (
        address_key varchar(300) PRIMARY KEY,
        query text NOT NULL,
        found boolean NOT NULL,
        lat double precision CHECK (lat BETWEEN -90 AND 90),
        lng double precision CHECK (lng BETWEEN -180 AND 180),
        formatted_address varchar(300),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT geocode_cache_found_has_point CHECK (NOT found OR (lat IS NOT NULL AND lng IS NOT NULL))
      )`);
    await q(`
      CREATE TABLE served_area_places (
        id serial PRIMARY KEY,
        postcode varchar(10) NOT NULL,
        city varchar(100) NOT NULL,
        street varchar(200),
        street_key varchar(200),
        lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
        lng double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
        CONSTRAINT served_area_places_key UNIQUE (postcode, street_key)
      )`);
    await q(
      `CREATE UNIQUE INDEX served_area_places_postcode_centroid ON served_area_places (postcode) WHERE street_key IS NULL`,
    );
  },

  async down(queryInterface) {
    await queryInterface.sequelize.query(`DROP TABLE served_area_places, geocode_cache`);
  },
};
