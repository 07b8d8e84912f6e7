// Binds every model to a Sequelize instance. Sequelize 6 models are module-level classes, so they can be
// bound to one instance at a time: the last call wins (the app and the tests each use a single instance).
import type { Sequelize } from 'sequelize';
import { applyAssociations } from '../associations.js';
import { Address, initAddress } from './address.js';
import { AuthToken, initAuthToken } from './auth-token.js';
import { Customer, initCustomer } from './customer.js';
import { Employee, initEmployee } from './employee.js';
import { Extra, initExtra } from './extra.js';
import { Ingredient, initIngredient } from './ingredient.js';
import { OrderCounter, initOrderCounter } from './order-counter.js';
import { OrderLine, initOrderLine } from './order-line.js';
import { OrderStatusEvent, initOrderStatusEvent } from './order-status-event.js';
import { Order, initOrder } from './order.js';
import { OutboxMessage, initOutboxMessage } from './outbox-message.js';
import { Payment, initPayment } from './payment.js';
import { PaymentCorrection, initPaymentCorrection } from './payment-correction.js';
import { PrivacyRequest, initPrivacyRequest } from './privacy-request.js';
import { Pizzeria, initPizzeria } from './pizzeria.js';
import { ProcessedWebhookEvent, initProcessedWebhookEvent } from './processed-webhook-event.js';
import { ProductSize, initProductSize } from './product-size.js';
import { PurchaseOrderCounter, initPurchaseOrderCounter } from './purchase-order-counter.js';
import { PurchaseOrderLine, initPurchaseOrderLine } from './purchase-order-line.js';
import { PurchaseOrder, initPurchaseOrder } from './purchase-order.js';
import { PurchaseReceiptLine, initPurchaseReceiptLine } from './purchase-receipt-line.js';
import { PurchaseReceipt, initPurchaseReceipt } from './purchase-receipt.js';
import { Product, initProduct } from './product.js';
import { RecipeLine, initRecipeLine } from './recipe-line.js';
import { Refund, initRefund } from './refund.js';
import { MenuRupture, ShopProduct, ShopSize, initShopMenu } from './shop-menu.js';
import { StockItem, initStockItem } from './stock-item.js';
import { StockMovement, initStockMovement } from './stock-movement.js';
import { SupplierItem, initSupplierItem } from './supplier-item.js';
import { Supplier, initSupplier } from './supplier.js';

export const models = {
  Pizzeria,
  Ingredient,
  Product,
  ProductSize,
  RecipeLine,
  Extra,
  ShopProduct,
  ShopSize,
  MenuRupture,
  StockItem,
  StockMovement,
  Customer,
  Address,
  Employee,
  AuthToken,
  OrderCounter,
  Order,
  OrderLine,
  OrderStatusEvent,
  Payment,
  Refund,
  PaymentCorrection,
  PrivacyRequest,
  ProcessedWebhookEvent,
  OutboxMessage,
  Supplier,
  SupplierItem,
  PurchaseOrderCounter,
  PurchaseOrder,
  PurchaseOrderLine,
  PurchaseReceipt,
  PurchaseReceiptLine,
} as const;

export type Models = typeof models;

let boundTo: Sequelize | undefined;

export function initModels(sequelize: Sequelize): Models {
  if (boundTo === sequelize) return models;
  initPizzeria(sequelize);
  initIngredient(sequelize);
  initProduct(sequelize);
  initProductSize(sequelize);
  initRecipeLine(sequelize);
  initExtra(sequelize);
  initShopMenu(sequelize);
  initStockItem(sequelize);
  initStockMovement(sequelize);
  initCustomer(sequelize);
  initAddress(sequelize);
  initEmployee(sequelize);
  initAuthToken(sequelize);
  initOrderCounter(sequelize);
  initOrder(sequelize);
  initOrderLine(sequelize);
  initOrderStatusEvent(sequelize);
  initPayment(sequelize);
  initRefund(sequelize);
  initPaymentCorrection(sequelize);
  initPrivacyRequest(sequelize);
  initProcessedWebhookEvent(sequelize);
  initOutboxMessage(sequelize);
  initSupplier(sequelize);
  initSupplierItem(sequelize);
  initPurchaseOrderCounter(sequelize);
  initPurchaseOrder(sequelize);
  initPurchaseOrderLine(sequelize);
  initPurchaseReceipt(sequelize);
  initPurchaseReceiptLine(sequelize);
  // Model.init clears a model's associations, so re-binding to another instance can associate again.
  applyAssociations();
  boundTo = sequelize;
  return models;
}

export {
  Address,
  AuthToken,
  Customer,
  Employee,
  Extra,
  Ingredient,
  MenuRupture,
  Order,
  OrderCounter,
  OrderLine,
  OrderStatusEvent,
  OutboxMessage,
  Payment,
  PaymentCorrection,
  PrivacyRequest,
  Pizzeria,
  ProcessedWebhookEvent,
  Product,
  ProductSize,
  PurchaseOrder,
  PurchaseOrderCounter,
  PurchaseOrderLine,
  PurchaseReceipt,
  PurchaseReceiptLine,
  RecipeLine,
  Refund,
  ShopProduct,
  ShopSize,
  StockItem,
  StockMovement,
  Supplier,
  SupplierItem,
};
