// Provider events already handled. Providers deliver webhooks at least once; inserting the event id in the
// same transaction as its effect makes a redelivery a no-op.
import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type ModelAttributes,
  type Sequelize,
} from 'sequelize';
import { PAYMENT_PROVIDERS, type PaymentProvider } from './payment.js';

export class ProcessedWebhookEvent extends Model<
  InferAttributes<ProcessedWebhookEvent>,
  InferCreationAttributes<ProcessedWebhookEvent>
> {
  declare id: CreationOptional<number>;
  declare provider: PaymentProvider;
  declare eventId: string;
  declare eventType: string;
  declare processedAt: CreationOptional<Date>;
}

export function initProcessedWebhookEvent(sequelize: Sequelize): typeof ProcessedWebhookEvent {
  // Timestamps are left for Sequelize to add (set on save, read-only in the admin); the typings of
  // Model.init do not know it, hence the cast.
  const columns: ModelAttributes<
    ProcessedWebhookEvent,
    Omit<InferAttributes<ProcessedWebhookEvent>, 'processedAt'>
  > = {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    provider: { type: DataTypes.ENUM(...PAYMENT_PROVIDERS), allowNull: false },
    eventId: { type: DataTypes.STRING(100), allowNull: false },
    eventType: { type: DataTypes.STRING(100), allowNull: false },
  };
  return ProcessedWebhookEvent.init(
    columns as ModelAttributes<ProcessedWebhookEvent, InferAttributes<ProcessedWebhookEvent>>,
    {
      sequelize,
      tableName: 'processed_webhook_events',
      underscored: true,
      // The insert time is the processing time: let Sequelize stamp it as the creation timestamp.
      timestamps: true,
      createdAt: 'processedAt',
      updatedAt: false,
    },
  );
}
