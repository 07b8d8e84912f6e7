// A saved delivery address. Coordinates are optional until geocoded; orders copy the address, so editing
// or deleting one never rewrites an order's history.
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

export class Address extends Model<InferAttributes<Address>, InferCreationAttributes<Address>> {
  declare id: CreationOptional<number>;
  declare customerId: number;
  declare label: CreationOptional<string>;
  declare line1: string;
  declare line2: CreationOptional<string | null>;
  declare postcode: string;
  declare city: string;
  declare instructions: CreationOptional<string | null>;
  declare lat: CreationOptional<number | null>;
  declare lng: CreationOptional<number | null>;
  declare isDefault: CreationOptional<boolean>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  declare customer?: NonAttribute<Customer>;
}

export function initAddress(sequelize: Sequelize): typeof Address {
  // Timestamps are left for Sequelize to add (set on save, read-only in the admin); the typings of
  // Model.init do not know it, hence the cast.
  const columns: ModelAttributes<Address, Omit<InferAttributes<Address>, 'createdAt' | 'updatedAt'>> = {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    customerId: { type: DataTypes.INTEGER, allowNull: false },
    label: { type: DataTypes.STRING(60), allowNull: false, defaultValue: 'Domicile' },
    line1: { type: DataTypes.STRING(200), allowNull: false, validate: { notEmpty: true } },
    line2: { type: DataTypes.STRING(200), allowNull: true },
    postcode: { type: DataTypes.STRING(10), allowNull: false },
    city: { type: DataTypes.STRING(100), allowNull: false },
    instructions: { type: DataTypes.STRING(300), allowNull: true },
    lat: { type: DataTypes.DOUBLE, allowNull: true, validate: { min: -90, max: 90 } },
    lng: { type: DataTypes.DOUBLE, allowNull: true, validate: { min: -180, max: 180 } },
    isDefault: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
  };
  return Address.init(columns as ModelAttributes<Address, InferAttributes<Address>>, {
    sequelize,
    tableName: 'addresses',
    underscored: true,
    timestamps: true,
  });
}
