// A shop of the group; its delivery rules sit next to its position because quoting a delivery needs both.
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
import {
  isValidClosures,
  isValidOpeningHours,
  type Closure,
  type OpeningHours,
} from '../../modules/pizzerias/index.js';
import type { Employee } from './employee.js';
import type { OrderCounter } from './order-counter.js';
import type { Order } from './order.js';
import type { StockItem } from './stock-item.js';

export class Pizzeria extends Model<InferAttributes<Pizzeria>, InferCreationAttributes<Pizzeria>> {
  declare id: CreationOptional<number>;
  declare code: string;
  declare name: string;
  declare addressLine: string;
  declare postcode: string;
  declare city: string;
  declare lat: number;
  declare lng: number;
  declare phone: string;
  /** Printed on receipts with the company's name and VAT number; 14 digits. */
  declare siret: CreationOptional<string | null>;
  declare email: CreationOptional<string | null>;
  declare timezone: CreationOptional<string>;
  declare openingHours: CreationOptional<OpeningHours>;
  declare closures: CreationOptional<Closure[]>;
  declare deliveryRadiusM: number;
  declare minDeliveryOrderCents: CreationOptional<number>;
  declare deliveryFeeCents: CreationOptional<number>;
  declare freeDeliveryThresholdCents: CreationOptional<number | null>;
  declare prepMinutesPerOrder: CreationOptional<number>;
  declare slotCapacity: CreationOptional<number>;
  declare active: CreationOptional<boolean>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  declare employees?: NonAttribute<Employee[]>;
  declare stockItems?: NonAttribute<StockItem[]>;
  declare orders?: NonAttribute<Order[]>;
  declare orderCounter?: NonAttribute<OrderCounter | null>;
}

export function initPizzeria(sequelize: Sequelize): typeof Pizzeria {
  // Timestamps are left for Sequelize to add (set on save, read-only in the admin); the typings of
  // Model.init do not know it, hence the cast.
  const columns: ModelAttributes<Pizzeria, Omit<InferAttributes<Pizzeria>, 'createdAt' | 'updatedAt'>> = {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    code: { type: DataTypes.STRING(8), allowNull: false, unique: true, validate: { is: /^P[0-9]{2}$/ } },
    name: { type: DataTypes.STRING(120), allowNull: false },
    addressLine: { type: DataTypes.STRING(200), allowNull: false },
    postcode: { type: DataTypes.STRING(10), allowNull: false },
    city: { type: DataTypes.STRING(100), allowNull: false },
    lat: { type: DataTypes.DOUBLE, allowNull: false, validate: { min: -90, max: 90 } },
    lng: { type: DataTypes.DOUBLE, allowNull: false, validate: { min: -180, max: 180 } },
    phone: { type: DataTypes.STRING(30), allowNull: false },
    siret: { type: DataTypes.CHAR(14), allowNull: true, validate: { is: /^[0-9]{14}$/ } },
    email: { type: DataTypes.STRING(200), allowNull: true },
    timezone: { type: DataTypes.STRING(60), allowNull: false, defaultValue: 'Europe/Paris' },
    openingHours: {
      type: DataTypes.JSONB,
      allowNull: false,
      defaultValue: {},
      // The database only knows it is JSON; the admin edits it by hand, so refuse shapes isOpenAt cannot read.
      validate: {
        isOpeningHours(value: unknown) {
          if (!isValidOpeningHours(value)) {
            throw new Error('opening hours must map weekdays to [open, close] pairs');
          }
        },
      },
    },
    // Exceptional closures: set in the back office's « Réglages » through the pizzerias module, which checks them.
    closures: {
      type: DataTypes.JSONB,
      allowNull: false,
      defaultValue: [],
      validate: {
        isClosures(value: unknown) {
          if (!isValidClosures(value)) throw new Error('closures must be [{ from, to, reason }] date ranges');
        },
      },
    },
    deliveryRadiusM: { type: DataTypes.INTEGER, allowNull: false, validate: { min: 0 } },
    minDeliveryOrderCents: {
      type: DataTypes.INTEGER,
      allowNull: false,
      defaultValue: 0,
      validate: { min: 0 },
    },
    deliveryFeeCents: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0, validate: { min: 0 } },
    freeDeliveryThresholdCents: { type: DataTypes.INTEGER, allowNull: true, validate: { min: 0 } },
    prepMinutesPerOrder: {
      type: DataTypes.INTEGER,
      allowNull: false,
      defaultValue: 10,
      validate: { min: 1 },
    },
    // Orders for later the kitchen can take per 15-minute slot (0: no order for later).
    slotCapacity: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 6, validate: { min: 0 } },
    active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
  };
  return Pizzeria.init(columns as ModelAttributes<Pizzeria, InferAttributes<Pizzeria>>, {
    sequelize,
    tableName: 'pizzerias',
    underscored: true,
    timestamps: true,
  });
}
