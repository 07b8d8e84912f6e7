// A customer account of the web site. Phone and counter orders need no account (the order keeps a name).
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
import type { Address } from './address.js';
import type { AuthToken } from './auth-token.js';
import type { Order } from './order.js';

export class Customer extends Model<InferAttributes<Customer>, InferCreationAttributes<Customer>> {
  declare id: CreationOptional<number>;
  /** Stored lower-cased so that the unique key is case-insensitive. */
  declare email: string;
  /** bcrypt. */
  declare passwordHash: string;
  declare firstName: string;
  declare lastName: string;
  declare phone: CreationOptional<string | null>;
  /** Order status e-mails (preparation, delivery…); confirmation, cancellation, refund and reset always go. */
  declare statusEmails: CreationOptional<boolean>;
  /** The last sign-in (the retention job's inactivity reads it; the tokens themselves are purged). */
  declare lastLoginAt: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  declare addresses?: NonAttribute<Address[]>;
  declare orders?: NonAttribute<Order[]>;
  declare authTokens?: NonAttribute<AuthToken[]>;
}

export function initCustomer(sequelize: Sequelize): typeof Customer {
  // Timestamps are left for Sequelize to add (set on save, read-only in the admin); the typings of
  // Model.init do not know it, hence the cast.
  const columns: ModelAttributes<Customer, Omit<InferAttributes<Customer>, 'createdAt' | 'updatedAt'>> = {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    email: {
      type: DataTypes.STRING(254),
      allowNull: false,
      unique: true,
      validate: { isEmail: true, isLowercase: true },
    },
    passwordHash: { type: DataTypes.STRING(100), allowNull: false },
    firstName: { type: DataTypes.STRING(80), allowNull: false, validate: { notEmpty: true } },
    lastName: { type: DataTypes.STRING(80), allowNull: false, validate: { notEmpty: true } },
    phone: { type: DataTypes.STRING(30), allowNull: true },
    statusEmails: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    lastLoginAt: { type: DataTypes.DATE, allowNull: true },
  };
  return Customer.init(columns as ModelAttributes<Customer, InferAttributes<Customer>>, {
    sequelize,
    tableName: 'customers',
    underscored: true,
    timestamps: true,
  });
}
