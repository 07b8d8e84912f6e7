// What one reception accepted and refused of one purchase order line (base units); a refusal has a reason.
import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type NonAttribute,
  type Sequelize,
} from 'sequelize';
import type { PurchaseOrderLine } from './purchase-order-line.js';
import type { PurchaseReceipt } from './purchase-receipt.js';

export class PurchaseReceiptLine extends Model<
  InferAttributes<PurchaseReceiptLine>,
  InferCreationAttributes<PurchaseReceiptLine>
> {
  declare id: CreationOptional<number>;
  declare purchaseReceiptId: number;
  declare purchaseOrderLineId: number;
  declare receivedQuantity: number;
  declare refusedQuantity: CreationOptional<number>;
  declare refusedReason: CreationOptional<string | null>;

  declare receipt?: NonAttribute<PurchaseReceipt>;
  declare purchaseOrderLine?: NonAttribute<PurchaseOrderLine>;
}

export function initPurchaseReceiptLine(sequelize: Sequelize): typeof PurchaseReceiptLine {
  return PurchaseReceiptLine.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      purchaseReceiptId: { type: DataTypes.INTEGER, allowNull: false },
      purchaseOrderLineId: { type: DataTypes.INTEGER, allowNull: false },
      receivedQuantity: { type: DataTypes.INTEGER, allowNull: false, validate: { min: 0 } },
      refusedQuantity: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0, validate: { min: 0 } },
      refusedReason: { type: DataTypes.STRING(300), allowNull: true },
    },
    {
      sequelize,
      tableName: 'purchase_receipt_lines',
      underscored: true,
      timestamps: false,
      validate: {
        reasonForRefusal(this: PurchaseReceiptLine) {
          if ((this.refusedQuantity ?? 0) > 0 && !this.refusedReason?.trim()) {
            throw new Error('a refused quantity needs a reason');
          }
        },
      },
    },
  );
}
