// One line of an order. Names, prices and the VAT rate are copied from the catalogue at ordering time, so
// the line stays true after the menu changes; the product and size ids are kept for stock and statistics.
import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type NonAttribute,
  type Sequelize,
} from 'sequelize';
import type { Order } from './order.js';
import type { ProductSize } from './product-size.js';
import type { Product } from './product.js';

/** Shape owned by the ordering code; the schema only requires a JSON array. */
export type OrderLineExtras = Record<string, unknown>[];

export class OrderLine extends Model<InferAttributes<OrderLine>, InferCreationAttributes<OrderLine>> {
  declare id: CreationOptional<number>;
  declare orderId: string;
  /** 1-based, unique within the order. */
  declare position: number;
  declare productId: number;
  declare productSizeId: number;
  declare productName: string;
  declare sizeLabel: string;
  declare unitPriceCents: number;
  declare extras: CreationOptional<OrderLineExtras>;
  declare quantity: number;
  declare vatRateBp: number;
  declare lineTotalCents: number;

  declare order?: NonAttribute<Order>;
  declare product?: NonAttribute<Product>;
  declare size?: NonAttribute<ProductSize>;
}

export function initOrderLine(sequelize: Sequelize): typeof OrderLine {
  return OrderLine.init(
    {
      id: { type: DataTypes.BIGINT, autoIncrement: true, primaryKey: true },
      orderId: { type: DataTypes.UUID, allowNull: false },
      position: { type: DataTypes.INTEGER, allowNull: false, validate: { min: 1 } },
      productId: { type: DataTypes.INTEGER, allowNull: false },
      productSizeId: { type: DataTypes.INTEGER, allowNull: false },
      productName: { type: DataTypes.STRING(120), allowNull: false },
      sizeLabel: { type: DataTypes.STRING(60), allowNull: false },
      unitPriceCents: { type: DataTypes.INTEGER, allowNull: false, validate: { min: 0 } },
      extras: { type: DataTypes.JSONB, allowNull: false, defaultValue: [] },
      quantity: { type: DataTypes.INTEGER, allowNull: false, validate: { min: 1 } },
      vatRateBp: { type: DataTypes.INTEGER, allowNull: false, validate: { min: 0 } },
      lineTotalCents: { type: DataTypes.INTEGER, allowNull: false, validate: { min: 0 } },
    },
    // Lines are written once with their order and never edited in place: the table has no timestamps.
    { sequelize, tableName: 'order_lines', underscored: true, timestamps: false },
  );
}
