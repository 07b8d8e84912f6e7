// Money given back against one payment. The order id is repeated so accounting can list an order's refunds
// without going through its payments.
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
import type { Employee } from './employee.js';
import type { Order } from './order.js';
import type { Payment } from './payment.js';

export const REFUND_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

export class Refund extends Model<InferAttributes<Refund>, InferCreationAttributes<Refund>> {
  declare id: CreationOptional<number>;
  declare paymentId: number;
  declare orderId: string;
  declare amountCents: number;
  declare reason: string;
  declare providerReference: CreationOptional<string | null>;
  declare status: RefundStatus;
  /** Who granted it; null for automatic refunds. */
  declare employeeId: CreationOptional<number | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  declare payment?: NonAttribute<Payment>;
  declare order?: NonAttribute<Order>;
  declare employee?: NonAttribute<Employee | null>;
}

export function initRefund(sequelize: Sequelize): typeof Refund {
  // Timestamps are left for Sequelize to add (set on save, read-only in the admin); the typings of
  // Model.init do not know it, hence the cast.
  const columns: ModelAttributes<Refund, Omit<InferAttributes<Refund>, 'createdAt' | 'updatedAt'>> = {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    paymentId: { type: DataTypes.INTEGER, allowNull: false },
    orderId: { type: DataTypes.UUID, allowNull: false },
    amountCents: { type: DataTypes.INTEGER, allowNull: false, validate: { min: 1 } },
    reason: { type: DataTypes.STRING(500), allowNull: false, validate: { is: /\S/ } },
    providerReference: { type: DataTypes.STRING(100), allowNull: true },
    status: { type: DataTypes.ENUM(...REFUND_STATUSES), allowNull: false },
    employeeId: { type: DataTypes.INTEGER, allowNull: true },
  };
  return Refund.init(columns as ModelAttributes<Refund, InferAttributes<Refund>>, {
    sequelize,
    tableName: 'refunds',
    underscored: true,
    timestamps: true,
  });
}
