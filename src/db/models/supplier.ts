// A supplier: of the whole group (pizzeria_id NULL, managed by the group admin) or of one shop. What it sells
// lives in supplier_items. Written by the purchasing module only.
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
import type { Pizzeria } from './pizzeria.js';
import type { SupplierItem } from './supplier-item.js';

export const SUPPLIER_DELIVERY_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type SupplierDeliveryDay = (typeof SUPPLIER_DELIVERY_DAYS)[number];

export class Supplier extends Model<InferAttributes<Supplier>, InferCreationAttributes<Supplier>> {
  declare id: CreationOptional<number>;
  /** Null: a supplier of the whole group. */
  declare pizzeriaId: CreationOptional<number | null>;
  declare name: string;
  declare contactName: CreationOptional<string | null>;
  declare email: string;
  declare phone: CreationOptional<string | null>;
  declare deliveryDays: SupplierDeliveryDay[];
  declare leadTimeDays: number;
  declare minimumOrderCents: CreationOptional<number>;
  declare active: CreationOptional<boolean>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  declare pizzeria?: NonAttribute<Pizzeria | null>;
  declare items?: NonAttribute<SupplierItem[]>;
}

export function initSupplier(sequelize: Sequelize): typeof Supplier {
  // Timestamps are left for Sequelize to add; the typings of Model.init do not know it, hence the cast.
  const columns: ModelAttributes<Supplier, Omit<InferAttributes<Supplier>, 'createdAt' | 'updatedAt'>> = {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    pizzeriaId: { type: DataTypes.INTEGER, allowNull: true },
    name: { type: DataTypes.STRING(120), allowNull: false, validate: { is: /\S/ } },
    contactName: { type: DataTypes.STRING(120), allowNull: true },
    email: { type: DataTypes.STRING(254), allowNull: false, validate: { isEmail: true } },
    phone: { type: DataTypes.STRING(30), allowNull: true },
    deliveryDays: {
      type: DataTypes.ARRAY(DataTypes.STRING(3)),
      allowNull: false,
      validate: {
        deliveryDays(value: unknown) {
          const known = new Set<string>(SUPPLIER_DELIVERY_DAYS);
          if (!Array.isArray(value) || value.length === 0 || !value.every((d) => known.has(String(d)))) {
            throw new Error('delivery days must be a non-empty list of mon … sun');
          }
        },
      },
    },
    leadTimeDays: { type: DataTypes.SMALLINT, allowNull: false, validate: { min: 0, max: 60 } },
    minimumOrderCents: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0, validate: { min: 0 } },
    active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
  };
  return Supplier.init(columns as ModelAttributes<Supplier, InferAttributes<Supplier>>, {
    sequelize,
    tableName: 'suppliers',
    underscored: true,
    timestamps: true,
  });
}
