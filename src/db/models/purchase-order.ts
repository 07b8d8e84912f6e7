// A purchase order of one shop to one supplier (« BC-P01-0001 »). Its lines keep their own copy of the pack
// terms; receptions (purchase_receipts) bring the goods into stock. Written by the purchasing module only.
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
import type { Pizzeria } from './pizzeria.js';
import type { PurchaseOrderLine } from './purchase-order-line.js';
import type { PurchaseReceipt } from './purchase-receipt.js';
import type { StockMovement } from './stock-movement.js';
import type { Supplier } from './supplier.js';

export const PURCHASE_ORDER_STATUSES = [
  'draft',
  'sent',
  'partially_received',
  'received',
  'cancelled',
] as const;
export type PurchaseOrderStatus = (typeof PURCHASE_ORDER_STATUSES)[number];

export class PurchaseOrder extends Model<
  InferAttributes<PurchaseOrder>,
  InferCreationAttributes<PurchaseOrder>
> {
  declare id: CreationOptional<number>;
  declare number: string;
  declare pizzeriaId: number;
  declare supplierId: number;
  declare status: CreationOptional<PurchaseOrderStatus>;
  /** The delivery day asked for ('YYYY-MM-DD'). */
  declare expectedOn: CreationOptional<string | null>;
  declare note: CreationOptional<string | null>;
  /** Sum of the lines (packs × pack price), HT. */
  declare totalCents: CreationOptional<number>;
  declare createdByEmployeeId: CreationOptional<number | null>;
  declare sentAt: CreationOptional<Date | null>;
  declare sentByEmployeeId: CreationOptional<number | null>;
  declare receivedAt: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  declare pizzeria?: NonAttribute<Pizzeria>;
  declare supplier?: NonAttribute<Supplier>;
  declare lines?: NonAttribute<PurchaseOrderLine[]>;
  declare receipts?: NonAttribute<PurchaseReceipt[]>;
  declare createdBy?: NonAttribute<Employee | null>;
  declare sentBy?: NonAttribute<Employee | null>;
  declare stockMovements?: NonAttribute<StockMovement[]>;
}

export function initPurchaseOrder(sequelize: Sequelize): typeof PurchaseOrder {
  const columns: ModelAttributes<
    PurchaseOrder,
    Omit<InferAttributes<PurchaseOrder>, 'createdAt' | 'updatedAt'>
  > = {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    number: { type: DataTypes.STRING(40), allowNull: false, unique: true },
    pizzeriaId: { type: DataTypes.INTEGER, allowNull: false },
    supplierId: { type: DataTypes.INTEGER, allowNull: false },
    status: {
      type: DataTypes.ENUM(...PURCHASE_ORDER_STATUSES),
      allowNull: false,
      defaultValue: 'draft',
    },
    expectedOn: { type: DataTypes.DATEONLY, allowNull: true },
    note: { type: DataTypes.STRING(500), allowNull: true },
    totalCents: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0, validate: { min: 0 } },
    createdByEmployeeId: { type: DataTypes.INTEGER, allowNull: true },
    sentAt: { type: DataTypes.DATE, allowNull: true },
    sentByEmployeeId: { type: DataTypes.INTEGER, allowNull: true },
    receivedAt: { type: DataTypes.DATE, allowNull: true },
  };
  return PurchaseOrder.init(columns as ModelAttributes<PurchaseOrder, InferAttributes<PurchaseOrder>>, {
    sequelize,
    tableName: 'purchase_orders',
    underscored: true,
    timestamps: true,
  });
}
