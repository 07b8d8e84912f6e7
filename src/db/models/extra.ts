// A paid topping. Extras are global (any pizza may take any extra); each one consumes one ingredient.
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

export class Extra extends Model<InferAttributes<Extra>, InferCreationAttributes<Extra>> {
  declare id: CreationOptional<number>;
  declare name: string;
  declare ingredientId: number;
  /** In the ingredient's unit. */
  declare quantity: number;
  declare priceCents: number;
  declare active: CreationOptional<boolean>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  declare ingredient?: NonAttribute<Ingredient>;
}

export function initExtra(sequelize: Sequelize): typeof Extra {
  // Timestamps are left for Sequelize to add (set on save, read-only in the admin); the typings of
  // Model.init do not know it, hence the cast.
  const columns: ModelAttributes<Extra, Omit<InferAttributes<Extra>, 'createdAt' | 'updatedAt'>> = {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    // Unique case-insensitively (index on lower(name)).
    name: { type: DataTypes.STRING(120), allowNull: false, validate: { notEmpty: true } },
    ingredientId: { type: DataTypes.INTEGER, allowNull: false },
    quantity: { type: DataTypes.INTEGER, allowNull: false, validate: { min: 1 } },
    priceCents: { type: DataTypes.INTEGER, allowNull: false, validate: { min: 0 } },
    active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
  };
  return Extra.init(columns as ModelAttributes<Extra, InferAttributes<Extra>>, {
    sequelize,
    tableName: 'extras',
    underscored: true,
    timestamps: true,
  });
}
