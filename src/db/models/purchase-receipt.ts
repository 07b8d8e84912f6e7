// One reception of goods against a purchase order (a delivery, complete or not). Append-only: no updated_at.
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
import type { PurchaseOrder } from './purchase-order.js';
import type { PurchaseReceiptLine } from './purchase-receipt-line.js';

export class PurchaseReceipt extends Model<
  InferAttributes<PurchaseReceipt>,
  InferCreationAttributes<PurchaseReceipt>
> {
  declare id: CreationOptional<number>;
  declare purchaseOrderId: number;
  declare employeeId: CreationOptional<number | null>;
  declare note: CreationOptional<string | null>;
  declare createdAt: CreationOptional<Date>;

  declare purchaseOrder?: NonAttribute<PurchaseOrder>;
  declare employee?: NonAttribute<Employee | null>;
  declare lines?: NonAttribute<PurchaseReceiptLine[]>;
}

export function initPurchaseReceipt(sequelize: Sequelize): typeof PurchaseReceipt {
  const columns: ModelAttributes<PurchaseReceipt, Omit<InferAttributes<PurchaseReceipt>, 'createdAt'>> = {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    purchaseOrderId: { type: DataTypes.INTEGER, allowNull: false },
    employeeId: { type: DataTypes.INTEGER, allowNull: true },
    note: { type: DataTypes.STRING(500), allowNull: true },
  };
  return PurchaseReceipt.init(columns as ModelAttributes<PurchaseReceipt, InferAttributes<PurchaseReceipt>>, {
    sequelize,
    tableName: 'purchase_receipts',
    underscored: true,
    timestamps: true,
    updatedAt: false,
  });
}
