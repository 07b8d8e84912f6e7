'use strict';
// A product's picture: the content-hash key of its WebP variants under MEDIA_DIR (products/<hash>-<width>.webp,
// see src/modules/catalog/pictures.ts). NULL: no picture, the site shows none.

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  async up(queryInterface) {
    await queryInterface.sequelize.query(
      `ALTER TABLE products ADD COLUMN image_key text NULL
         CONSTRAINT products_image_key_format CHECK (image_key ~ '^products/[0-9a-f]{16,64}$')`,
    );
  },

  async down(queryInterface) {
    await queryInterface.sequelize.query(`ALTER TABLE products DROP COLUMN image_key`);
  },
};
