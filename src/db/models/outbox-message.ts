// A message of the notifications outbox (written by the notifications module only). The back office reads it
// (« Messages ») and puts a failed one back in the queue through the notifications service, never by a save.
import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type ModelAttributes,
  type Sequelize,
} from 'sequelize';

export const OUTBOX_STATUSES = ['pending', 'sent', 'failed'] as const;
export type OutboxMessageStatus = (typeof OUTBOX_STATUSES)[number];

export class OutboxMessage extends Model<
  InferAttributes<OutboxMessage>,
  InferCreationAttributes<OutboxMessage>
> {
  declare id: CreationOptional<number>;
  declare key: string;
  declare kind: string;
  declare recipient: string;
  declare recipientName: CreationOptional<string | null>;
  /** What the template needs (may hold a password reset token): never shown. */
  declare payload: CreationOptional<Record<string, unknown>>;
  declare orderId: CreationOptional<string | null>;
  declare customerId: CreationOptional<number | null>;
  declare employeeId: CreationOptional<number | null>;
  declare pizzeriaId: CreationOptional<number | null>;
  declare status: CreationOptional<OutboxMessageStatus>;
  declare attempts: CreationOptional<number>;
  declare nextAttemptAt: CreationOptional<Date>;
  declare lockedUntil: CreationOptional<Date | null>;
  declare lastError: CreationOptional<string | null>;
  declare messageId: string | null;
  declare subject: CreationOptional<string | null>;
  declare sentAt: CreationOptional<Date | null>;
  declare failedAt: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export function initOutboxMessage(sequelize: Sequelize): typeof OutboxMessage {
  // Timestamps are left for Sequelize to add; the typings of Model.init do not know it, hence the cast.
  const columns: ModelAttributes<
    OutboxMessage,
    Omit<InferAttributes<OutboxMessage>, 'createdAt' | 'updatedAt'>
  > = {
    id: { type: DataTypes.BIGINT, autoIncrement: true, primaryKey: true },
    key: { type: DataTypes.STRING(200), allowNull: false },
    kind: { type: DataTypes.STRING(40), allowNull: false },
    recipient: { type: DataTypes.STRING(254), allowNull: false },
    recipientName: { type: DataTypes.STRING(170), allowNull: true },
    payload: { type: DataTypes.JSONB, allowNull: false },
    orderId: { type: DataTypes.UUID, allowNull: true },
    customerId: { type: DataTypes.INTEGER, allowNull: true },
    employeeId: { type: DataTypes.INTEGER, allowNull: true },
    pizzeriaId: { type: DataTypes.INTEGER, allowNull: true },
    status: { type: DataTypes.ENUM(...OUTBOX_STATUSES), allowNull: false },
    attempts: { type: DataTypes.INTEGER, allowNull: false },
    nextAttemptAt: { type: DataTypes.DATE, allowNull: false },
    lockedUntil: { type: DataTypes.DATE, allowNull: true },
    lastError: { type: DataTypes.STRING(500), allowNull: true },
    messageId: { type: DataTypes.STRING(300), allowNull: true },
    subject: { type: DataTypes.STRING(300), allowNull: true },
    sentAt: { type: DataTypes.DATE, allowNull: true },
    failedAt: { type: DataTypes.DATE, allowNull: true },
  };
  return OutboxMessage.init(columns as ModelAttributes<OutboxMessage, InferAttributes<OutboxMessage>>, {
    sequelize,
    tableName: 'outbox',
    underscored: true,
    timestamps: true,
  });
}
