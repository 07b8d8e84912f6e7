// A staff member. Admins and accountants work group-wide; every other role belongs to one shop.
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
import type { AuthToken } from './auth-token.js';
import type { Pizzeria } from './pizzeria.js';

import {
  ROLES as EMPLOYEE_ROLES,
  GROUP_WIDE_ROLES,
  type Role as EmployeeRole,
} from '../../modules/staff/index.js';

// Roles and group-wide roles come from the permission table (GROUP_WIDE_ROLES mirrors the
// employees_shop_staff_have_shop CHECK).
export {
  ROLES as EMPLOYEE_ROLES,
  GROUP_WIDE_ROLES,
  type Role as EmployeeRole,
} from '../../modules/staff/index.js';

export class Employee extends Model<InferAttributes<Employee>, InferCreationAttributes<Employee>> {
  declare id: CreationOptional<number>;
  /** Stored lower-cased so that the unique key is case-insensitive. */
  declare email: string;
  /** bcrypt. */
  declare passwordHash: string;
  declare firstName: string;
  declare lastName: string;
  declare phone: CreationOptional<string | null>;
  declare role: EmployeeRole;
  declare pizzeriaId: CreationOptional<number | null>;
  declare active: CreationOptional<boolean>;
  /** When the employee left (deactivated); the retention job anonymises the row after the set period. */
  declare deactivatedAt: CreationOptional<Date | null>;
  /** When name, e-mail and phone were replaced; the row stays so the history keeps a role and a shop. */
  declare anonymisedAt: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  declare pizzeria?: NonAttribute<Pizzeria | null>;
  declare authTokens?: NonAttribute<AuthToken[]>;
}

export function initEmployee(sequelize: Sequelize): typeof Employee {
  // Timestamps are left for Sequelize to add (set on save, read-only in the admin); the typings of
  // Model.init do not know it, hence the cast.
  const columns: ModelAttributes<Employee, Omit<InferAttributes<Employee>, 'createdAt' | 'updatedAt'>> = {
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
    role: { type: DataTypes.ENUM(...EMPLOYEE_ROLES), allowNull: false },
    pizzeriaId: { type: DataTypes.INTEGER, allowNull: true },
    active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    deactivatedAt: { type: DataTypes.DATE, allowNull: true },
    anonymisedAt: { type: DataTypes.DATE, allowNull: true },
  };
  return Employee.init(columns as ModelAttributes<Employee, InferAttributes<Employee>>, {
    sequelize,
    tableName: 'employees',
    underscored: true,
    timestamps: true,
    validate: {
      shopStaffHaveShop(this: Employee) {
        if (!GROUP_WIDE_ROLES.includes(this.role) && this.pizzeriaId == null) {
          throw new Error(`a ${this.role} must belong to a pizzeria`);
        }
      },
    },
  });
}
