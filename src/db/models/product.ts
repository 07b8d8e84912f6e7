// A sellable item. Prices live on its sizes; the VAT rate lives here and is copied onto each order line.
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
import type { ProductSize } from './product-size.js';
import type { RecipeLine } from './recipe-line.js';

export const PRODUCT_CATEGORIES = ['pizza', 'drink', 'dessert', 'side'] as const;
export type ProductCategory = (typeof PRODUCT_CATEGORIES)[number];
/** French VAT rates in basis points (1000 = 10 %), the only ones the schema accepts. */
export const VAT_RATES_BP = [0, 210, 550, 1000, 2000] as const;

export class Product extends Model<InferAttributes<Product>, InferCreationAttributes<Product>> {
  declare id: CreationOptional<number>;
  declare name: string;
  declare description: CreationOptional<string>;
  declare category: ProductCategory;
  declare vatRateBp: number;
  declare recipeSteps: CreationOptional<string>;
  declare sortOrder: CreationOptional<number>;
  declare active: CreationOptional<boolean>;
  /** Key of the picture's WebP variants under MEDIA_DIR, written only by the catalog's picture upload. */
  declare imageKey: CreationOptional<string | null>;
  /** null: the group catalogue; a shop: that shop's « spécialité de la maison », on its menu only. */
  declare pizzeriaId: CreationOptional<number | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  declare sizes?: NonAttribute<ProductSize[]>;
  declare recipeLines?: NonAttribute<RecipeLine[]>;
}

export function initProduct(sequelize: Sequelize): typeof Product {
  // Timestamps are left for Sequelize to add (set on save, read-only in the admin); the typings of
  // Model.init do not know it, hence the cast.
  const columns: ModelAttributes<Product, Omit<InferAttributes<Product>, 'createdAt' | 'updatedAt'>> = {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    // Unique case-insensitively (index on lower(name)).
    name: { type: DataTypes.STRING(120), allowNull: false, validate: { notEmpty: true } },
    description: { type: DataTypes.TEXT, allowNull: false, defaultValue: '' },
    category: { type: DataTypes.ENUM(...PRODUCT_CATEGORIES), allowNull: false },
    vatRateBp: { type: DataTypes.INTEGER, allowNull: false, validate: { isIn: [[...VAT_RATES_BP]] } },
    recipeSteps: { type: DataTypes.TEXT, allowNull: false, defaultValue: '' },
    sortOrder: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    imageKey: { type: DataTypes.TEXT, allowNull: true },
    pizzeriaId: { type: DataTypes.INTEGER, allowNull: true },
  };
  return Product.init(columns as ModelAttributes<Product, InferAttributes<Product>>, {
    sequelize,
    tableName: 'products',
    underscored: true,
    timestamps: true,
  });
}
