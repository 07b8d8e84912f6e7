// The last order number handed out per shop; orders lock this row to number themselves without gaps or races.
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

export class OrderCounter extends Model<
  InferAttributes<OrderCounter>,
  InferCreationAttributes<OrderCounter>
> {
  declare pizzeriaId: number;
  declare lastValue: CreationOptional<number>;

  declare pizzeria?: NonAttribute<Pizzeria>;
}

export function initOrderCounter(sequelize: Sequelize): typeof OrderCounter {
  return OrderCounter.init(
    {
      pizzeriaId: { type: DataTypes.INTEGER, primaryKey: true },
      lastValue: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0, validate: { min: 0 } },
    },
    { sequelize, tableName: 'order_counters', underscored: true, timestamps: false },
  );
}
