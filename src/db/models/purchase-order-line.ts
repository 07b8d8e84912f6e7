// One ingredient of a purchase order: the supplier's pack terms copied when the line is written, the packs
// ordered, and what the receptions accepted and refused so far (base units).
import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type NonAttribute,
  type Sequelize,
} from 'sequelize';
import type { Ingredient } from './ingredient.js';
import type { PurchaseOrder } from './purchase-order.js';
import type { SupplierItem } from './supplier-item.js';

export class PurchaseOrderLine extends Model<
  InferAttributes<PurchaseOrderLine>,
  InferCreationAttributes<PurchaseOrderLine>
> {
  declare id: CreationOptional<number>;
  declare purchaseOrderId: number;
  declare ingredientId: number;
  declare supplierItemId: CreationOptional<number | null>;
  declare reference: CreationOptional<string | null>;
  declare packLabel: string;
  declare packQuantity: number;
  declare packPriceCents: number;
  declare packs: number;
  /** What the suggestion proposed; null for a line added by hand. */
  declare suggestedPacks: CreationOptional<number | null>;
  declare receivedQuantity: CreationOptional<number>;
  declare refusedQuantity: CreationOptional<number>;

  declare purchaseOrder?: NonAttribute<PurchaseOrder>;
  declare ingredient?: NonAttribute<Ingredient>;
  declare supplierItem?: NonAttribute<SupplierItem | null>;
}

export function initPurchaseOrderLine(sequelize: Sequelize): typeof PurchaseOrderLine {
  return PurchaseOrderLine.init(
    {
      id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
      purchaseOrderId: { type: DataTypes.INTEGER, allowNull: false },
      ingredientId: { type: DataTypes.INTEGER, allowNull: false },
      supplierItemId: { type: DataTypes.INTEGER, allowNull: true },
      reference: { type: DataTypes.STRING(60), allowNull: true },
      packLabel: { type: DataTypes.STRING(80), allowNull: false },
      packQuantity: { type: DataTypes.INTEGER, allowNull: false, validate: { min: 1 } },
      packPriceCents: { type: DataTypes.INTEGER, allowNull: false, validate: { min: 0 } },
      packs: { type: DataTypes.INTEGER, allowNull: false, validate: { min: 1 } },
      suggestedPacks: { type: DataTypes.INTEGER, allowNull: true, validate: { min: 0 } },
      receivedQuantity: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0, validate: { min: 0 } },
      refusedQuantity: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0, validate: { min: 0 } },
    },
    { sequelize, tableName: 'purchase_order_lines', underscored: true, timestamps: false },
  );
}
