// A stock-kept ingredient. Quantities everywhere are integers in its unit so that stock sums stay exact.
import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type ModelAttributes,
  type NonAttribute,
  type Sequelize,
} from 'sequelize';
import { ALLERGEN_CODES, type AllergenCode } from '../../shared/allergens.js';
import type { Extra } from './extra.js';
import type { RecipeLine } from './recipe-line.js';
import type { StockItem } from './stock-item.js';

export const INGREDIENT_UNITS = ['g', 'ml', 'piece'] as const;
export type IngredientUnit = (typeof INGREDIENT_UNITS)[number];

export class Ingredient extends Model<InferAttributes<Ingredient>, InferCreationAttributes<Ingredient>> {
  declare id: CreationOptional<number>;
  declare name: string;
  declare unit: IngredientUnit;
  /** Annex II codes (CHECKed by the database too); [] means "none" only once `allergensReviewed`. */
  declare allergens: CreationOptional<AllergenCode[]>;
  declare allergensReviewed: CreationOptional<boolean>;
  /** Country of origin of beef (French rule for restaurants); only on beef ingredients. */
  declare beefOrigin: CreationOptional<string | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  declare recipeLines?: NonAttribute<RecipeLine[]>;
  declare extras?: NonAttribute<Extra[]>;
  declare stockItems?: NonAttribute<StockItem[]>;
}

export function initIngredient(sequelize: Sequelize): typeof Ingredient {
  // Timestamps are left for Sequelize to add (set on save, read-only in the admin); the typings of
  // Model.init do not know it, hence the cast.
  const columns: ModelAttributes<Ingredient, Omit<InferAttributes<Ingredient>, 'createdAt' | 'updatedAt'>> = {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    // Unique case-insensitively (index on lower(name)), which a model-level `unique` cannot express.
    name: { type: DataTypes.STRING(120), allowNull: false, validate: { notEmpty: true } },
    unit: { type: DataTypes.ENUM(...INGREDIENT_UNITS), allowNull: false },
    allergens: {
      type: DataTypes.ARRAY(DataTypes.TEXT),
      allowNull: false,
      defaultValue: [],
      // Stored once each, in the regulation's order; a blank form value means none. Unknown codes are kept
      // (at the end) so that the validator below names the mistake instead of dropping it silently.
      set(value: unknown) {
        const given = Array.isArray(value) ? value.map(String) : value ? [String(value)] : [];
        const unique = [...new Set(given.map((c) => c.trim()).filter(Boolean))];
        const known = new Set<string>(ALLERGEN_CODES);
        this.setDataValue('allergens', [
          ...ALLERGEN_CODES.filter((c) => unique.includes(c)),
          ...unique.filter((c) => !known.has(c)),
        ] as AllergenCode[]);
      },
      validate: {
        // The back office words this validator's refusal in French (admin/scoped-resource.ts).
        allergenCodes(value: unknown) {
          const known = new Set<string>(ALLERGEN_CODES);
          if (!Array.isArray(value) || !value.every((code) => typeof code === 'string' && known.has(code))) {
            throw new Error('unknown allergen code: not one of the 14 of annex II');
          }
        },
      },
    },
    allergensReviewed: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    beefOrigin: {
      type: DataTypes.TEXT,
      allowNull: true,
      // A blank field of a form means "no origin", never an empty one (the table refuses blanks).
      set(value: string | null | undefined) {
        this.setDataValue('beefOrigin', typeof value === 'string' && value.trim() ? value.trim() : null);
      },
    },
  };
  return Ingredient.init(columns as ModelAttributes<Ingredient, InferAttributes<Ingredient>>, {
    sequelize,
    tableName: 'ingredients',
    underscored: true,
    timestamps: true,
  });
}
