// The last purchase order number handed out per shop; a new order locks this row to number itself without
// gaps or races (as order_counters does for customer orders).
import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type NonAttribute,
  type Sequelize,
} from 'sequelize';
import type { Pizzeria } from './pizzeria.js';

export class PurchaseOrderCounter extends Model<
  InferAttributes<PurchaseOrderCounter>,
  InferCreationAttributes<PurchaseOrderCounter>
> {
  declare pizzeriaId: number;
  declare lastNumber: CreationOptional<number>;

  declare pizzeria?: NonAttribute<Pizzeria>;
}

export function initPurchaseOrderCounter(sequelize: Sequelize): typeof PurchaseOrderCounter {
  return PurchaseOrderCounter.init(
    {
      pizzeriaId: { type: DataTypes.INTEGER, primaryKey: true },
      lastNumber: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0, validate: { min: 0 } },
    },
    { sequelize, tableName: 'purchase_order_counters', underscored: true, timestamps: false },
  );
}
