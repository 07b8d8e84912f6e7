// A priced variant of a product; its factor scales the recipe so one recipe serves every size.
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
import type { Product } from './product.js';

export class ProductSize extends Model<InferAttributes<ProductSize>, InferCreationAttributes<ProductSize>> {
  declare id: CreationOptional<number>;
  declare productId: number;
  declare code: string;
  declare label: string;
  declare priceCents: number;
  /** Percentage of the recipe quantities this size uses (100 = as written). */
  declare recipeFactorPct: CreationOptional<number>;
  declare sortOrder: CreationOptional<number>;
  declare active: CreationOptional<boolean>;
  /** Bounds of a shop's price for this size, set by the group admin; null: the group price on that side. */
  declare shopPriceMinCents: CreationOptional<number | null>;
  declare shopPriceMaxCents: CreationOptional<number | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  declare product?: NonAttribute<Product>;
}

export function initProductSize(sequelize: Sequelize): typeof ProductSize {
  // Timestamps are left for Sequelize to add (set on save, read-only in the admin); the typings of
  // Model.init do not know it, hence the cast.
  const columns: ModelAttributes<
    ProductSize,
    Omit<InferAttributes<ProductSize>, 'createdAt' | 'updatedAt'>
  > = {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    productId: { type: DataTypes.INTEGER, allowNull: false },
    code: { type: DataTypes.STRING(10), allowNull: false, validate: { notEmpty: true } },
    label: { type: DataTypes.STRING(60), allowNull: false, validate: { notEmpty: true } },
    priceCents: { type: DataTypes.INTEGER, allowNull: false, validate: { min: 0 } },
    recipeFactorPct: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 100, validate: { min: 1 } },
    sortOrder: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    shopPriceMinCents: { type: DataTypes.INTEGER, allowNull: true, validate: { min: 0 } },
    shopPriceMaxCents: { type: DataTypes.INTEGER, allowNull: true, validate: { min: 0 } },
  };
  return ProductSize.init(columns as ModelAttributes<ProductSize, InferAttributes<ProductSize>>, {
    sequelize,
    tableName: 'product_sizes',
    underscored: true,
    timestamps: true,
  });
}
