// The status history of an order, append-only: who moved it from which status to which, and when.
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
import type { Customer } from './customer.js';
import type { Employee } from './employee.js';
import { ORDER_STATUSES, type Order, type OrderStatus } from './order.js';

export const ACTOR_TYPES = ['customer', 'employee', 'system'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

export class OrderStatusEvent extends Model<
  InferAttributes<OrderStatusEvent>,
  InferCreationAttributes<OrderStatusEvent>
> {
  declare id: CreationOptional<number>;
  declare orderId: string;
  /** Null for the event that creates the order. */
  declare fromStatus: CreationOptional<OrderStatus | null>;
  declare toStatus: OrderStatus;
  declare actorType: ActorType;
  declare actorCustomerId: CreationOptional<number | null>;
  declare actorEmployeeId: CreationOptional<number | null>;
  declare note: CreationOptional<string | null>;
  declare createdAt: CreationOptional<Date>;

  declare order?: NonAttribute<Order>;
  declare actorCustomer?: NonAttribute<Customer | null>;
  declare actorEmployee?: NonAttribute<Employee | null>;
}

export function initOrderStatusEvent(sequelize: Sequelize): typeof OrderStatusEvent {
  // Timestamps are left for Sequelize to add (set on save, read-only in the admin); the typings of
  // Model.init do not know it, hence the cast.
  const columns: ModelAttributes<OrderStatusEvent, Omit<InferAttributes<OrderStatusEvent>, 'createdAt'>> = {
    id: { type: DataTypes.BIGINT, autoIncrement: true, primaryKey: true },
    orderId: { type: DataTypes.UUID, allowNull: false },
    fromStatus: { type: DataTypes.ENUM(...ORDER_STATUSES), allowNull: true },
    toStatus: { type: DataTypes.ENUM(...ORDER_STATUSES), allowNull: false },
    actorType: { type: DataTypes.ENUM(...ACTOR_TYPES), allowNull: false },
    actorCustomerId: { type: DataTypes.INTEGER, allowNull: true },
    actorEmployeeId: { type: DataTypes.INTEGER, allowNull: true },
    note: { type: DataTypes.STRING(500), allowNull: true },
  };
  return OrderStatusEvent.init(
    columns as ModelAttributes<OrderStatusEvent, InferAttributes<OrderStatusEvent>>,
    { sequelize, tableName: 'order_status_events', underscored: true, timestamps: true, updatedAt: false },
  );
}
