'use strict';
// Allergens of EU regulation 1169/2011, annex II, on ingredients: a set of codes the database itself restricts to
// the 14 of the regulation, whether someone has reviewed the ingredient (an empty set means "none" only once
// reviewed: until then the ingredient is « à renseigner »), and the country of origin of beef (French rule for
// restaurants), set on beef ingredients only.
//
// The free text of the old `allergens` column is mapped to codes with a keyword map (case and accent
// insensitive). A row is marked reviewed only when every part of its text was understood; otherwise it keeps the
// codes found and stays « à renseigner », so that a manager checks it. down() writes the codes back as French
// text. The codes are restated here on purpose: a migration is history and must not change when
// src/shared/allergens.ts does (test/integration/db/allergens-migration.test.ts checks both lists agree today).

const CODES = [
  'gluten',
  'crustaceans',
  'eggs',
  'fish',
  'peanuts',
  'soybeans',
  'milk',
  'nuts',
  'celery',
  'mustard',
  'sesame',
  'sulphites',
  'lupin',
  'molluscs',
];

// Keywords after normalize(): lower case, accents stripped, œ → oe. A keyword matches at a word start and may
// take a plural s or x.
const KEYWORDS = {
  gluten: [
    'gluten',
    'ble',
    'farine',
    'seigle',
    'orge',
    'avoine',
    'epeautre',
    'kamut',
    'pate',
    'pain',
    'biere',
  ],
  crustaceans: ['crustace', 'crevette', 'homard', 'crabe', 'langoustine', 'ecrevisse', 'gambas'],
  eggs: ['oeuf', 'egg'],
  fish: ['poisson', 'anchois', 'thon', 'saumon', 'cabillaud', 'sardine', 'fish'],
  peanuts: ['arachide', 'cacahuete', 'peanut'],
  soybeans: ['soja', 'soy'],
  milk: [
    'lait',
    'lactose',
    'laitier',
    'fromage',
    'mozzarella',
    'creme',
    'beurre',
    'parmesan',
    'gorgonzola',
    'emmental',
    'reblochon',
    'chevre',
    'ricotta',
    'mascarpone',
    'milk',
  ],
  nuts: [
    'fruits a coque',
    'fruit a coque',
    'noix',
    'noisette',
    'amande',
    'pistache',
    'cajou',
    'pecan',
    'macadamia',
  ],
  celery: ['celeri', 'celery'],
  mustard: ['moutarde', 'mustard'],
  sesame: ['sesame'],
  sulphites: ['sulfite', 'sulphite', 'anhydride sulfureux', 'vin'],
  lupin: ['lupin'],
  molluscs: ['mollusque', 'moule', 'calamar', 'seiche', 'poulpe', 'huitre', 'coquillage'],
};
// Text that says "no allergen": reviewed with an empty set.
const NONE = /^(aucun|aucune|neant|sans allergenes?|none|-)$/;
const HEDGED = /\b(sans|traces?|peut contenir)\b/;

// The text down() writes back, which up() reads again to the same codes.
const FRENCH = {
  gluten: 'gluten',
  crustaceans: 'crustacés',
  eggs: 'œufs',
  fish: 'poissons',
  peanuts: 'arachides',
  soybeans: 'soja',
  milk: 'lait',
  nuts: 'fruits à coque',
  celery: 'céleri',
  mustard: 'moutarde',
  sesame: 'sésame',
  sulphites: 'sulfites',
  lupin: 'lupin',
  molluscs: 'mollusques',
};

const normalize = (text) =>
  text
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’'`-]/g, ' ');

const PATTERNS = CODES.map((code) => ({
  code,
  re: new RegExp(`(^|[^a-z])(${KEYWORDS[code].join('|')})[sx]?(?![a-z])`),
}));

/** Codes found in a free text, in the regulation's order, and whether every part of it was understood. */
function mapFreeText(text) {
  const parts = normalize(text)
    .split(/[,;/+&()\n]|\bet\b|\bou\b/)
    .map((p) => p.trim())
    .filter(Boolean);
  const found = new Set();
  let understood = parts.length > 0;
  for (const part of parts) {
    const codes = PATTERNS.filter((p) => p.re.test(part)).map((p) => p.code);
    codes.forEach((c) => found.add(c));
    if (codes.length === 0 && !NONE.test(part)) understood = false;
    // « sans gluten », « traces de noix »: the codes found are kept (the safe side), but a person decides.
    if (HEDGED.test(part) && !NONE.test(part)) understood = false;
  }
  return { codes: CODES.filter((c) => found.has(c)), reviewed: understood };
}

/** @type {import('sequelize-cli').Migration} */
module.exports = {
  mapFreeText,
  CODES,

  async up(queryInterface) {
    await queryInterface.sequelize.transaction(async (transaction) => {
      const q = (sql, bind) => queryInterface.sequelize.query(sql, { transaction, bind });
      await q(`ALTER TABLE ingredients RENAME COLUMN allergens TO allergens_text`);
      const list = CODES.map((c) => `'${c}'`).join(', ');
      await q(`
        ALTER TABLE ingredients
          ADD COLUMN allergens text[] NOT NULL DEFAULT '{}'
            CONSTRAINT ingredients_allergens_known CHECK (allergens <@ ARRAY[${list}]::text[]),
          ADD COLUMN allergens_reviewed boolean NOT NULL DEFAULT false,
          ADD COLUMN beef_origin text
            CONSTRAINT ingredients_beef_origin_not_blank CHECK (btrim(beef_origin) <> '')`);
      const [rows] = await q(`SELECT id, allergens_text FROM ingredients WHERE btrim(allergens_text) <> ''`);
      const mapped = rows.map((r) => ({ id: r.id, ...mapFreeText(r.allergens_text) }));
      if (mapped.length > 0) {
        await q(
          `UPDATE ingredients i
              SET allergens = ARRAY(SELECT jsonb_array_elements_text(m.codes)), allergens_reviewed = m.reviewed
             FROM jsonb_to_recordset($1::jsonb) AS m(id int, codes jsonb, reviewed boolean)
            WHERE i.id = m.id`,
          [JSON.stringify(mapped)],
        );
      }
      await q(`ALTER TABLE ingredients DROP COLUMN allergens_text`);
    });
  },

  async down(queryInterface) {
    await queryInterface.sequelize.transaction(async (transaction) => {
      const q = (sql, bind) => queryInterface.sequelize.query(sql, { transaction, bind });
      await q(`ALTER TABLE ingredients ADD COLUMN allergens_text varchar(200)`);
      const [rows] = await q(`SELECT id, allergens FROM ingredients WHERE cardinality(allergens) > 0`);
      const texts = rows.map((r) => ({
        id: r.id,
        text: CODES.filter((c) => r.allergens.includes(c))
          .map((c) => FRENCH[c])
          .join(', '),
      }));
      if (texts.length > 0) {
        await q(
          `UPDATE ingredients i SET allergens_text = m.text
             FROM jsonb_to_recordset($1::jsonb) AS m(id int, text text) WHERE i.id = m.id`,
          [JSON.stringify(texts)],
        );
      }
      await q(
        `ALTER TABLE ingredients DROP COLUMN allergens, DROP COLUMN allergens_reviewed, DROP COLUMN beef_origin`,
      );
      await q(`ALTER TABLE ingredients RENAME COLUMN allergens_text TO allergens`);
    });
  },
};
