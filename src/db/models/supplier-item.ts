// What a supplier sells: packs of one ingredient (pack_quantity base units) at a price per pack, HT.
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
import type { Ingredient } from './ingredient.js';
import type { Supplier } from './supplier.js';

export class SupplierItem extends Model<
  InferAttributes<SupplierItem>,
  InferCreationAttributes<SupplierItem>
> {
  declare id: CreationOptional<number>;
  declare supplierId: number;
  declare ingredientId: number;
  declare reference: CreationOptional<string | null>;
  declare packLabel: string;
  /** Base units of the ingredient (g, ml, piece) in one pack. */
  declare packQuantity: number;
  /** Excluding VAT. */
  declare packPriceCents: number;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  declare supplier?: NonAttribute<Supplier>;
  declare ingredient?: NonAttribute<Ingredient>;
}

export function initSupplierItem(sequelize: Sequelize): typeof SupplierItem {
  const columns: ModelAttributes<
    SupplierItem,
    Omit<InferAttributes<SupplierItem>, 'createdAt' | 'updatedAt'>
  > = {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    supplierId: { type: DataTypes.INTEGER, allowNull: false },
    ingredientId: { type: DataTypes.INTEGER, allowNull: false },
    reference: { type: DataTypes.STRING(60), allowNull: true },
    packLabel: { type: DataTypes.STRING(80), allowNull: false, validate: { is: /\S/ } },
    packQuantity: { type: DataTypes.INTEGER, allowNull: false, validate: { min: 1 } },
    packPriceCents: { type: DataTypes.INTEGER, allowNull: false, validate: { min: 0 } },
  };
  return SupplierItem.init(columns as ModelAttributes<SupplierItem, InferAttributes<SupplierItem>>, {
    sequelize,
    tableName: 'supplier_items',
    underscored: true,
    timestamps: true,
  });
}
