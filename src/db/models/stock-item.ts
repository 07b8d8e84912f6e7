// One ingredient's stock at one shop. on_hand and reserved are caches of the movements' sums, kept in step
// by the stock service; the database CHECKs hold 0 <= reserved <= on_hand at every commit.
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
import type { Pizzeria } from './pizzeria.js';
import type { StockMovement } from './stock-movement.js';

export class StockItem extends Model<InferAttributes<StockItem>, InferCreationAttributes<StockItem>> {
  declare id: CreationOptional<number>;
  declare pizzeriaId: number;
  declare ingredientId: number;
  declare onHand: CreationOptional<number>;
  declare reserved: CreationOptional<number>;
  declare alertThreshold: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  declare pizzeria?: NonAttribute<Pizzeria>;
  declare ingredient?: NonAttribute<Ingredient>;
  declare movements?: NonAttribute<StockMovement[]>;
}

export function initStockItem(sequelize: Sequelize): typeof StockItem {
  // Timestamps are left for Sequelize to add (set on save, read-only in the admin); the typings of
  // Model.init do not know it, hence the cast.
  const columns: ModelAttributes<StockItem, Omit<InferAttributes<StockItem>, 'createdAt' | 'updatedAt'>> = {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    pizzeriaId: { type: DataTypes.INTEGER, allowNull: false },
    ingredientId: { type: DataTypes.INTEGER, allowNull: false },
    onHand: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0, validate: { min: 0 } },
    reserved: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0, validate: { min: 0 } },
    alertThreshold: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0, validate: { min: 0 } },
  };
  return StockItem.init(columns as ModelAttributes<StockItem, InferAttributes<StockItem>>, {
    sequelize,
    tableName: 'stock_items',
    underscored: true,
    timestamps: true,
    validate: {
      reservedWithinOnHand(this: StockItem) {
        if (this.reserved > this.onHand) throw new Error('reserved cannot exceed on hand');
      },
    },
  });
}
