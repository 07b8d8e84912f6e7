// How much of one ingredient a product uses at 100 % size; availability and stock reservation read it.
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
import type { Ingredient } from './ingredient.js';
import type { Product } from './product.js';

export class RecipeLine extends Model<InferAttributes<RecipeLine>, InferCreationAttributes<RecipeLine>> {
  declare id: CreationOptional<number>;
  declare productId: number;
  declare ingredientId: number;
  /** In the ingredient's unit. */
  declare quantity: number;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  declare product?: NonAttribute<Product>;
  declare ingredient?: NonAttribute<Ingredient>;
}

export function initRecipeLine(sequelize: Sequelize): typeof RecipeLine {
  // Timestamps are left for Sequelize to add (set on save, read-only in the admin); the typings of
  // Model.init do not know it, hence the cast.
  const columns: ModelAttributes<RecipeLine, Omit<InferAttributes<RecipeLine>, 'createdAt' | 'updatedAt'>> = {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    productId: { type: DataTypes.INTEGER, allowNull: false },
    ingredientId: { type: DataTypes.INTEGER, allowNull: false },
    quantity: { type: DataTypes.INTEGER, allowNull: false, validate: { min: 1 } },
  };
  return RecipeLine.init(columns as ModelAttributes<RecipeLine, InferAttributes<RecipeLine>>, {
    sequelize,
    tableName: 'recipe_lines',
    underscored: true,
    timestamps: true,
  });
}
