// A bearer token, stored only as a hash so that a database leak yields no usable token. Append-only apart
// from revocation, hence no updated_at.
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
import type { Employee } from './employee.js';

export const TOKEN_SUBJECTS = ['customer', 'employee'] as const;
export type TokenSubject = (typeof TOKEN_SUBJECTS)[number];

export class AuthToken extends Model<InferAttributes<AuthToken>, InferCreationAttributes<AuthToken>> {
  declare id: CreationOptional<number>;
  /** 64 characters (a hex SHA-256). */
  declare tokenHash: string;
  declare subject: TokenSubject;
  declare customerId: CreationOptional<number | null>;
  declare employeeId: CreationOptional<number | null>;
  declare expiresAt: Date;
  declare revokedAt: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;

  declare customer?: NonAttribute<Customer | null>;
  declare employee?: NonAttribute<Employee | null>;
}

export function initAuthToken(sequelize: Sequelize): typeof AuthToken {
  // Timestamps are left for Sequelize to add (set on save, read-only in the admin); the typings of
  // Model.init do not know it, hence the cast.
  const columns: ModelAttributes<AuthToken, Omit<InferAttributes<AuthToken>, 'createdAt'>> = {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    tokenHash: { type: DataTypes.CHAR(64), allowNull: false, unique: true, validate: { len: [64, 64] } },
    subject: { type: DataTypes.ENUM(...TOKEN_SUBJECTS), allowNull: false },
    customerId: { type: DataTypes.INTEGER, allowNull: true },
    employeeId: { type: DataTypes.INTEGER, allowNull: true },
    expiresAt: { type: DataTypes.DATE, allowNull: false },
    revokedAt: { type: DataTypes.DATE, allowNull: true },
  };
  return AuthToken.init(columns as ModelAttributes<AuthToken, InferAttributes<AuthToken>>, {
    sequelize,
    tableName: 'auth_tokens',
    underscored: true,
    timestamps: true,
    updatedAt: false,
    validate: {
      oneSubject(this: AuthToken) {
        const ok =
          this.subject === 'customer'
            ? this.customerId != null && this.employeeId == null
            : this.employeeId != null && this.customerId == null;
        if (!ok) throw new Error(`a ${this.subject} token must reference exactly its ${this.subject}`);
      },
    },
  });
}
