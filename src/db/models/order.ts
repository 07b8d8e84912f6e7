// An order with snapshots of everything it depends on (address, prices, VAT) so that later edits to the
// catalogue or the customer's addresses never rewrite history.
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
import type { OrderLine } from './order-line.js';
import type { OrderStatusEvent } from './order-status-event.js';
import type { Payment } from './payment.js';
import type { Pizzeria } from './pizzeria.js';
import type { Refund } from './refund.js';
import type { StockMovement } from './stock-movement.js';

export const ORDER_CHANNELS = ['web', 'phone', 'counter'] as const;
export type OrderChannel = (typeof ORDER_CHANNELS)[number];
export const ORDER_FULFILMENTS = ['delivery', 'takeaway'] as const;
export type OrderFulfilment = (typeof ORDER_FULFILMENTS)[number];
// Statuses and payment methods are defined once, by the order rules.
import { ORDER_STATUSES, PAYMENT_METHODS, type OrderStatus } from '../../modules/orders/index.js';
export { ORDER_STATUSES, PAYMENT_METHODS, type OrderStatus };
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const ORDER_PAYMENT_STATUSES = [
  'unpaid',
  'pending',
  'authorized',
  'paid',
  'partially_refunded',
  'refunded',
  'failed',
  'voided',
] as const;
export type OrderPaymentStatus = (typeof ORDER_PAYMENT_STATUSES)[number];
/** Shape owned by the pricing code; the schema only requires a JSON array. */
export type VatBreakdown = Record<string, unknown>[];

export class Order extends Model<InferAttributes<Order>, InferCreationAttributes<Order>> {
  declare id: CreationOptional<string>;
  declare number: string;
  declare pizzeriaId: number;
  declare customerId: CreationOptional<number | null>;
  declare customerName: string;
  declare customerPhone: CreationOptional<string | null>;
  declare channel: OrderChannel;
  declare fulfilment: OrderFulfilment;
  declare status: OrderStatus;
  declare deliveryLine1: CreationOptional<string | null>;
  declare deliveryLine2: CreationOptional<string | null>;
  declare deliveryPostcode: CreationOptional<string | null>;
  declare deliveryCity: CreationOptional<string | null>;
  declare deliveryInstructions: CreationOptional<string | null>;
  declare deliveryLat: CreationOptional<number | null>;
  declare deliveryLng: CreationOptional<number | null>;
  declare distanceM: CreationOptional<number | null>;
  declare travelSeconds: CreationOptional<number | null>;
  declare estimateApproximate: CreationOptional<boolean>;
  declare estimatedReadyAt: CreationOptional<Date | null>;
  declare estimatedDeliveryAt: CreationOptional<Date | null>;
  declare scheduledFor: CreationOptional<Date | null>;
  /** When its name, phone, address and notes were erased (RGPD erasure or retention); null while it holds them. */
  declare personalDataErasedAt: CreationOptional<Date | null>;
  declare subtotalCents: number;
  declare deliveryFeeCents: CreationOptional<number>;
  declare totalCents: number;
  declare vatBreakdown: CreationOptional<VatBreakdown>;
  declare paymentMethod: PaymentMethod;
  declare paymentStatus: CreationOptional<OrderPaymentStatus>;
  declare paymentFailureReason: CreationOptional<string | null>;
  declare idempotencyKey: CreationOptional<string | null>;
  /** Hash of the placement request, to tell a retry from a different request reusing the idempotency key. */
  declare requestHash: CreationOptional<string | null>;
  declare note: CreationOptional<string | null>;
  declare version: CreationOptional<number>;
  declare placedByEmployeeId: CreationOptional<number | null>;
  declare preparedByEmployeeId: CreationOptional<number | null>;
  declare deliveredByEmployeeId: CreationOptional<number | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  declare pizzeria?: NonAttribute<Pizzeria>;
  declare customer?: NonAttribute<Customer | null>;
  declare placedBy?: NonAttribute<Employee | null>;
  declare preparedBy?: NonAttribute<Employee | null>;
  declare deliveredBy?: NonAttribute<Employee | null>;
  declare lines?: NonAttribute<OrderLine[]>;
  declare statusEvents?: NonAttribute<OrderStatusEvent[]>;
  declare payments?: NonAttribute<Payment[]>;
  declare refunds?: NonAttribute<Refund[]>;
  declare stockMovements?: NonAttribute<StockMovement[]>;
}

export function initOrder(sequelize: Sequelize): typeof Order {
  // Timestamps are left for Sequelize to add (set on save, read-only in the admin); the typings of
  // Model.init do not know it, hence the cast.
  const columns: ModelAttributes<Order, Omit<InferAttributes<Order>, 'createdAt' | 'updatedAt'>> = {
    id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
    number: { type: DataTypes.STRING(20), allowNull: false, unique: true },
    pizzeriaId: { type: DataTypes.INTEGER, allowNull: false },
    customerId: { type: DataTypes.INTEGER, allowNull: true },
    customerName: { type: DataTypes.STRING(160), allowNull: false, validate: { notEmpty: true } },
    customerPhone: { type: DataTypes.STRING(30), allowNull: true },
    channel: { type: DataTypes.ENUM(...ORDER_CHANNELS), allowNull: false },
    fulfilment: { type: DataTypes.ENUM(...ORDER_FULFILMENTS), allowNull: false },
    status: { type: DataTypes.ENUM(...ORDER_STATUSES), allowNull: false },
    deliveryLine1: { type: DataTypes.STRING(200), allowNull: true },
    deliveryLine2: { type: DataTypes.STRING(200), allowNull: true },
    deliveryPostcode: { type: DataTypes.STRING(10), allowNull: true },
    deliveryCity: { type: DataTypes.STRING(100), allowNull: true },
    deliveryInstructions: { type: DataTypes.STRING(300), allowNull: true },
    deliveryLat: { type: DataTypes.DOUBLE, allowNull: true },
    deliveryLng: { type: DataTypes.DOUBLE, allowNull: true },
    distanceM: { type: DataTypes.INTEGER, allowNull: true, validate: { min: 0 } },
    travelSeconds: { type: DataTypes.INTEGER, allowNull: true, validate: { min: 0 } },
    estimateApproximate: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    estimatedReadyAt: { type: DataTypes.DATE, allowNull: true },
    estimatedDeliveryAt: { type: DataTypes.DATE, allowNull: true },
    // The slot the order is wanted in (delivered or collected then); null: as soon as possible.
    scheduledFor: { type: DataTypes.DATE, allowNull: true },
    personalDataErasedAt: { type: DataTypes.DATE, allowNull: true },
    subtotalCents: { type: DataTypes.INTEGER, allowNull: false, validate: { min: 0 } },
    deliveryFeeCents: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0, validate: { min: 0 } },
    totalCents: { type: DataTypes.INTEGER, allowNull: false, validate: { min: 0 } },
    vatBreakdown: { type: DataTypes.JSONB, allowNull: false, defaultValue: [] },
    paymentMethod: { type: DataTypes.ENUM(...PAYMENT_METHODS), allowNull: false },
    paymentStatus: {
      type: DataTypes.ENUM(...ORDER_PAYMENT_STATUSES),
      allowNull: false,
      defaultValue: 'unpaid',
    },
    paymentFailureReason: { type: DataTypes.STRING(300), allowNull: true },
    idempotencyKey: { type: DataTypes.STRING(100), allowNull: true, unique: true },
    requestHash: { type: DataTypes.CHAR(64), allowNull: true },
    note: { type: DataTypes.STRING(500), allowNull: true },
    version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1, validate: { min: 1 } },
    placedByEmployeeId: { type: DataTypes.INTEGER, allowNull: true },
    preparedByEmployeeId: { type: DataTypes.INTEGER, allowNull: true },
    deliveredByEmployeeId: { type: DataTypes.INTEGER, allowNull: true },
  };
  return Order.init(columns as ModelAttributes<Order, InferAttributes<Order>>, {
    sequelize,
    tableName: 'orders',
    underscored: true,
    timestamps: true,
    // Saves through the model (the admin) bump `version` and fail on a stale copy, like the services'
    // conditional updates, so a back-office edit cannot silently undo a customer's modification.
    version: 'version',
    validate: {
      totalIsSum(this: Order) {
        if (this.totalCents !== this.subtotalCents + (this.deliveryFeeCents ?? 0)) {
          throw new Error('total must equal subtotal + delivery fee');
        }
      },
      deliveryHasAddress(this: Order) {
        if (
          this.fulfilment === 'delivery' &&
          (!this.deliveryLine1 || !this.deliveryPostcode || !this.deliveryCity)
        ) {
          throw new Error('a delivery order needs line 1, postcode and city');
        }
      },
    },
  });
}
