// The privacy log: one row per export or erasure of a customer's personal data (by the customer, by the group
// admin on request with a reason, by the retention job). It keeps the customer's number, never their data.
// Written by the privacy module only; read-only in the back office (« Demandes RGPD »).
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

export const PRIVACY_REQUEST_KINDS = ['export', 'erasure'] as const;
export const PRIVACY_REQUEST_ORIGINS = ['customer', 'admin', 'retention'] as const;

export class PrivacyRequest extends Model<
  InferAttributes<PrivacyRequest>,
  InferCreationAttributes<PrivacyRequest>
> {
  declare id: CreationOptional<string>;
  declare kind: (typeof PRIVACY_REQUEST_KINDS)[number];
  declare origin: (typeof PRIVACY_REQUEST_ORIGINS)[number];
  /** The customer's number (no foreign key: after an erasure the customer row is gone). */
  declare customerId: number;
  /** The group admin who erased on request. */
  declare employeeId: CreationOptional<number | null>;
  declare reason: CreationOptional<string | null>;
  /** Rows touched per table (erasure), sections exported (export). */
  declare summary: CreationOptional<Record<string, unknown>>;
  declare createdAt: CreationOptional<Date>;

  declare employee?: NonAttribute<Employee | null>;
}

export function initPrivacyRequest(sequelize: Sequelize): typeof PrivacyRequest {
  const columns: ModelAttributes<PrivacyRequest, Omit<InferAttributes<PrivacyRequest>, 'createdAt'>> = {
    id: { type: DataTypes.BIGINT, autoIncrement: true, primaryKey: true },
    kind: { type: DataTypes.ENUM(...PRIVACY_REQUEST_KINDS), allowNull: false },
    origin: { type: DataTypes.ENUM(...PRIVACY_REQUEST_ORIGINS), allowNull: false },
    customerId: { type: DataTypes.INTEGER, allowNull: false },
    employeeId: { type: DataTypes.INTEGER, allowNull: true },
    reason: { type: DataTypes.STRING(500), allowNull: true },
    summary: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
  };
  return PrivacyRequest.init(columns as ModelAttributes<PrivacyRequest, InferAttributes<PrivacyRequest>>, {
    sequelize,
    tableName: 'privacy_requests',
    underscored: true,
    timestamps: true,
    updatedAt: false,
  });
}
