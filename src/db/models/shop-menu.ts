// A shop's menu over the group catalogue (migration 20261204000017): withdrawn products (shop_products), sizes
// withdrawn or at the shop's price (shop_sizes), and « ruptures » (menu_ruptures). The menu, quote and placement
// read them in SQL (src/modules/catalog); these models serve the back office.
import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type ModelAttributes,
  type Sequelize,
} from 'sequelize';

export class ShopProduct extends Model<InferAttributes<ShopProduct>, InferCreationAttributes<ShopProduct>> {
  declare id: CreationOptional<number>;
  declare pizzeriaId: number;
  declare productId: number;
  /** false: withdrawn from this shop's menu. */
  declare offered: CreationOptional<boolean>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class ShopSize extends Model<InferAttributes<ShopSize>, InferCreationAttributes<ShopSize>> {
  declare id: CreationOptional<number>;
  declare pizzeriaId: number;
  declare sizeId: number;
  declare offered: CreationOptional<boolean>;
  /** The shop's price; null: the group's. Read through shop_price() (within the size's bounds). */
  declare priceCents: CreationOptional<number | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class MenuRupture extends Model<InferAttributes<MenuRupture>, InferCreationAttributes<MenuRupture>> {
  declare id: CreationOptional<number>;
  declare pizzeriaId: number;
  declare sizeId: CreationOptional<number | null>;
  declare extraId: CreationOptional<number | null>;
  declare reason: string;
  declare until: CreationOptional<Date | null>;
  declare startedAt: CreationOptional<Date>;
  declare endedAt: CreationOptional<Date | null>;
  declare employeeId: CreationOptional<number | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

const options = (sequelize: Sequelize, tableName: string) => ({
  sequelize,
  tableName,
  underscored: true,
  timestamps: true,
});

// Timestamps are left for Sequelize to add (the typings of Model.init do not know it, hence the casts).
export function initShopMenu(sequelize: Sequelize): void {
  const id = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true };
  const shop = { type: DataTypes.INTEGER, allowNull: false };
  ShopProduct.init(
    {
      id,
      pizzeriaId: shop,
      productId: { type: DataTypes.INTEGER, allowNull: false },
      offered: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    } as unknown as ModelAttributes<ShopProduct, InferAttributes<ShopProduct>>,
    options(sequelize, 'shop_products'),
  );
  ShopSize.init(
    {
      id,
      pizzeriaId: shop,
      sizeId: { type: DataTypes.INTEGER, allowNull: false },
      offered: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      priceCents: { type: DataTypes.INTEGER, allowNull: true, validate: { min: 0 } },
    } as unknown as ModelAttributes<ShopSize, InferAttributes<ShopSize>>,
    options(sequelize, 'shop_sizes'),
  );
  MenuRupture.init(
    {
      id,
      pizzeriaId: shop,
      sizeId: { type: DataTypes.INTEGER, allowNull: true },
      extraId: { type: DataTypes.INTEGER, allowNull: true },
      reason: { type: DataTypes.STRING(200), allowNull: false, validate: { notEmpty: true } },
      until: { type: DataTypes.DATE, allowNull: true },
      startedAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
      endedAt: { type: DataTypes.DATE, allowNull: true },
      employeeId: { type: DataTypes.INTEGER, allowNull: true },
    } as unknown as ModelAttributes<MenuRupture, InferAttributes<MenuRupture>>,
    options(sequelize, 'menu_ruptures'),
  );
}
