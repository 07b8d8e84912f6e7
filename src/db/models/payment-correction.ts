// « Corriger le moyen de paiement »: one row per correction of how a collected payment was taken (the payment
// row then holds the corrected means). Written by the payments module only; read-only in the back office.
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
import { PAYMENT_PROVIDERS, type Payment, type PaymentProvider } from './payment.js';

export class PaymentCorrection extends Model<
  InferAttributes<PaymentCorrection>,
  InferCreationAttributes<PaymentCorrection>
> {
  declare id: CreationOptional<number>;
  declare paymentId: number;
  declare orderId: string;
  declare fromProvider: PaymentProvider;
  declare toProvider: PaymentProvider;
  declare amountCents: number;
  declare reason: string;
  /** The manager who corrected it. */
  declare employeeId: CreationOptional<number | null>;
  declare createdAt: CreationOptional<Date>;

  declare payment?: NonAttribute<Payment>;
  declare order?: NonAttribute<Order>;
  declare employee?: NonAttribute<Employee | null>;
}

export function initPaymentCorrection(sequelize: Sequelize): typeof PaymentCorrection {
  const columns: ModelAttributes<PaymentCorrection, Omit<InferAttributes<PaymentCorrection>, 'createdAt'>> = {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    paymentId: { type: DataTypes.INTEGER, allowNull: false },
    orderId: { type: DataTypes.UUID, allowNull: false },
    fromProvider: { type: DataTypes.ENUM(...PAYMENT_PROVIDERS), allowNull: false },
    toProvider: { type: DataTypes.ENUM(...PAYMENT_PROVIDERS), allowNull: false },
    amountCents: { type: DataTypes.INTEGER, allowNull: false, validate: { min: 1 } },
    reason: { type: DataTypes.STRING(500), allowNull: false, validate: { is: /\S/ } },
    employeeId: { type: DataTypes.INTEGER, allowNull: true },
  };
  return PaymentCorrection.init(
    columns as ModelAttributes<PaymentCorrection, InferAttributes<PaymentCorrection>>,
    { sequelize, tableName: 'payment_corrections', underscored: true, timestamps: true, updatedAt: false },
  );
}
