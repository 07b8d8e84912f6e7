// The stock ledger: append-only, so it has no updated_at. The sign of the quantity follows the kind
// (see the stock migration); a consumption lowers both on_hand and reserved.
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
import type { PurchaseOrder } from './purchase-order.js';
import type { StockItem } from './stock-item.js';

export const STOCK_MOVEMENT_KINDS = [
  'receipt',
  'reservation',
  'release',
  'consumption',
  'waste',
  'adjustment',
] as const;
export type StockMovementKind = (typeof STOCK_MOVEMENT_KINDS)[number];

const POSITIVE_KINDS: readonly StockMovementKind[] = ['receipt', 'reservation'];
const NEGATIVE_KINDS: readonly StockMovementKind[] = ['release', 'consumption', 'waste'];

export class StockMovement extends Model<
  InferAttributes<StockMovement>,
  InferCreationAttributes<StockMovement>
> {
  declare id: CreationOptional<number>;
  declare stockItemId: number;
  declare kind: StockMovementKind;
  /** Signed, in the ingredient's unit. */
  declare quantity: number;
  declare orderId: CreationOptional<string | null>;
  declare employeeId: CreationOptional<number | null>;
  /** The purchase order whose reception brought this receipt. */
  declare purchaseOrderId: CreationOptional<number | null>;
  declare note: CreationOptional<string | null>;
  declare createdAt: CreationOptional<Date>;

  declare stockItem?: NonAttribute<StockItem>;
  declare order?: NonAttribute<Order | null>;
  declare employee?: NonAttribute<Employee | null>;
  declare purchaseOrder?: NonAttribute<PurchaseOrder | null>;
}

export function initStockMovement(sequelize: Sequelize): typeof StockMovement {
  // Timestamps are left for Sequelize to add (set on save, read-only in the admin); the typings of
  // Model.init do not know it, hence the cast.
  const columns: ModelAttributes<StockMovement, Omit<InferAttributes<StockMovement>, 'createdAt'>> = {
    id: { type: DataTypes.BIGINT, autoIncrement: true, primaryKey: true },
    stockItemId: { type: DataTypes.INTEGER, allowNull: false },
    kind: { type: DataTypes.ENUM(...STOCK_MOVEMENT_KINDS), allowNull: false },
    quantity: { type: DataTypes.INTEGER, allowNull: false },
    orderId: { type: DataTypes.UUID, allowNull: true },
    employeeId: { type: DataTypes.INTEGER, allowNull: true },
    purchaseOrderId: { type: DataTypes.INTEGER, allowNull: true },
    note: { type: DataTypes.STRING(500), allowNull: true },
  };
  return StockMovement.init(columns as ModelAttributes<StockMovement, InferAttributes<StockMovement>>, {
    sequelize,
    tableName: 'stock_movements',
    underscored: true,
    timestamps: true,
    updatedAt: false,
    validate: {
      signMatchesKind(this: StockMovement) {
        const ok = POSITIVE_KINDS.includes(this.kind)
          ? this.quantity > 0
          : NEGATIVE_KINDS.includes(this.kind)
            ? this.quantity < 0
            : this.quantity !== 0;
        if (!ok) throw new Error(`a ${this.kind} movement has the wrong sign or a zero quantity`);
      },
    },
  });
}
