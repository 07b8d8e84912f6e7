// Money actually taken (or being taken) for an order: one row per attempt with a provider, so a card
// retry or a cash payment after a failed card leaves a trail.
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
import type { Refund } from './refund.js';

export const PAYMENT_PROVIDERS = ['stripe', 'cash', 'card_terminal', 'meal_voucher'] as const;
export type PaymentProvider = (typeof PAYMENT_PROVIDERS)[number];
export const PAYMENT_RECORD_STATUSES = [
  'pending',
  'requires_capture',
  'succeeded',
  'failed',
  'canceled',
] as const;
export type PaymentRecordStatus = (typeof PAYMENT_RECORD_STATUSES)[number];

export class Payment extends Model<InferAttributes<Payment>, InferCreationAttributes<Payment>> {
  declare id: CreationOptional<number>;
  declare orderId: string;
  declare provider: PaymentProvider;
  /** E.g. the Stripe PaymentIntent id; unique per provider. */
  declare providerReference: CreationOptional<string | null>;
  declare amountCents: number;
  /** What its refunds that did not fail add up to: kept by the database (a trigger on refunds), never above
   * amount_cents (CHECK). */
  declare refundedCents: CreationOptional<number>;
  /** Cash handed over, when change was given. */
  declare amountReceivedCents: CreationOptional<number | null>;
  declare changeCents: CreationOptional<number | null>;
  declare status: PaymentRecordStatus;
  declare failureReason: CreationOptional<string | null>;
  declare collectedByEmployeeId: CreationOptional<number | null>;
  /** Online: when the preparation start claimed the capture (modifications are refused from then on). */
  declare captureRequestedAt: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  declare order?: NonAttribute<Order>;
  declare collectedBy?: NonAttribute<Employee | null>;
  declare refunds?: NonAttribute<Refund[]>;
}

export function initPayment(sequelize: Sequelize): typeof Payment {
  // Timestamps are left for Sequelize to add (set on save, read-only in the admin); the typings of
  // Model.init do not know it, hence the cast.
  const columns: ModelAttributes<Payment, Omit<InferAttributes<Payment>, 'createdAt' | 'updatedAt'>> = {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    orderId: { type: DataTypes.UUID, allowNull: false },
    provider: { type: DataTypes.ENUM(...PAYMENT_PROVIDERS), allowNull: false },
    providerReference: { type: DataTypes.STRING(100), allowNull: true },
    amountCents: { type: DataTypes.INTEGER, allowNull: false, validate: { min: 0 } },
    refundedCents: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    amountReceivedCents: { type: DataTypes.INTEGER, allowNull: true, validate: { min: 0 } },
    changeCents: { type: DataTypes.INTEGER, allowNull: true, validate: { min: 0 } },
    status: { type: DataTypes.ENUM(...PAYMENT_RECORD_STATUSES), allowNull: false },
    failureReason: { type: DataTypes.STRING(300), allowNull: true },
    collectedByEmployeeId: { type: DataTypes.INTEGER, allowNull: true },
    captureRequestedAt: { type: DataTypes.DATE, allowNull: true },
  };
  return Payment.init(columns as ModelAttributes<Payment, InferAttributes<Payment>>, {
    sequelize,
    tableName: 'payments',
    underscored: true,
    timestamps: true,
  });
}
