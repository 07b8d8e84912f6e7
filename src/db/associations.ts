// Every association between the models, in one place so that aliases stay unique and both sides agree.
// Foreign keys are named by their attribute (e.g. 'pizzeriaId'), which already maps to the snake_case
// column; aliases are what `include: [{ association: 'sizes' }]` and AdminJS use.
// The schema's ON DELETE rules live in the migrations; these declarations never create constraints.
import { Address } from './models/address.js';
import { AuthToken } from './models/auth-token.js';
import { Customer } from './models/customer.js';
import { Employee } from './models/employee.js';
import { Extra } from './models/extra.js';
import { Ingredient } from './models/ingredient.js';
import { OrderCounter } from './models/order-counter.js';
import { OrderLine } from './models/order-line.js';
import { OrderStatusEvent } from './models/order-status-event.js';
import { Order } from './models/order.js';
import { Payment } from './models/payment.js';
import { Pizzeria } from './models/pizzeria.js';
import { ProductSize } from './models/product-size.js';
import { PurchaseOrderCounter } from './models/purchase-order-counter.js';
import { PurchaseOrderLine } from './models/purchase-order-line.js';
import { PurchaseOrder } from './models/purchase-order.js';
import { PurchaseReceiptLine } from './models/purchase-receipt-line.js';
import { PurchaseReceipt } from './models/purchase-receipt.js';
import { Product } from './models/product.js';
import { RecipeLine } from './models/recipe-line.js';
import { PaymentCorrection } from './models/payment-correction.js';
import { PrivacyRequest } from './models/privacy-request.js';
import { Refund } from './models/refund.js';
import { MenuRupture, ShopProduct, ShopSize } from './models/shop-menu.js';
import { StockItem } from './models/stock-item.js';
import { StockMovement } from './models/stock-movement.js';
import { SupplierItem } from './models/supplier-item.js';
import { Supplier } from './models/supplier.js';

/** Call once, after every model has been initialised. */
export function applyAssociations(): void {
  // Catalogue
  Product.hasMany(ProductSize, { as: 'sizes', foreignKey: 'productId' });
  ProductSize.belongsTo(Product, { as: 'product', foreignKey: 'productId' });
  Product.hasMany(RecipeLine, { as: 'recipeLines', foreignKey: 'productId' });
  RecipeLine.belongsTo(Product, { as: 'product', foreignKey: 'productId' });
  Ingredient.hasMany(RecipeLine, { as: 'recipeLines', foreignKey: 'ingredientId' });
  RecipeLine.belongsTo(Ingredient, { as: 'ingredient', foreignKey: 'ingredientId' });
  Ingredient.hasMany(Extra, { as: 'extras', foreignKey: 'ingredientId' });
  Extra.belongsTo(Ingredient, { as: 'ingredient', foreignKey: 'ingredientId' });

  // A shop's menu over the catalogue
  Product.belongsTo(Pizzeria, { as: 'pizzeria', foreignKey: 'pizzeriaId' });
  ShopProduct.belongsTo(Pizzeria, { as: 'pizzeria', foreignKey: 'pizzeriaId' });
  ShopProduct.belongsTo(Product, { as: 'product', foreignKey: 'productId' });
  ShopSize.belongsTo(Pizzeria, { as: 'pizzeria', foreignKey: 'pizzeriaId' });
  ShopSize.belongsTo(ProductSize, { as: 'size', foreignKey: 'sizeId' });
  MenuRupture.belongsTo(Pizzeria, { as: 'pizzeria', foreignKey: 'pizzeriaId' });
  MenuRupture.belongsTo(ProductSize, { as: 'size', foreignKey: 'sizeId' });
  MenuRupture.belongsTo(Extra, { as: 'extra', foreignKey: 'extraId' });
  MenuRupture.belongsTo(Employee, { as: 'employee', foreignKey: 'employeeId' });

  // Stock
  Pizzeria.hasMany(StockItem, { as: 'stockItems', foreignKey: 'pizzeriaId' });
  StockItem.belongsTo(Pizzeria, { as: 'pizzeria', foreignKey: 'pizzeriaId' });
  Ingredient.hasMany(StockItem, { as: 'stockItems', foreignKey: 'ingredientId' });
  StockItem.belongsTo(Ingredient, { as: 'ingredient', foreignKey: 'ingredientId' });
  StockItem.hasMany(StockMovement, { as: 'movements', foreignKey: 'stockItemId' });
  StockMovement.belongsTo(StockItem, { as: 'stockItem', foreignKey: 'stockItemId' });
  Order.hasMany(StockMovement, { as: 'stockMovements', foreignKey: 'orderId' });
  StockMovement.belongsTo(Order, { as: 'order', foreignKey: 'orderId' });
  StockMovement.belongsTo(Employee, { as: 'employee', foreignKey: 'employeeId' });

  // People
  Customer.hasMany(Address, { as: 'addresses', foreignKey: 'customerId' });
  Address.belongsTo(Customer, { as: 'customer', foreignKey: 'customerId' });
  Pizzeria.hasMany(Employee, { as: 'employees', foreignKey: 'pizzeriaId' });
  Employee.belongsTo(Pizzeria, { as: 'pizzeria', foreignKey: 'pizzeriaId' });
  Customer.hasMany(AuthToken, { as: 'authTokens', foreignKey: 'customerId' });
  AuthToken.belongsTo(Customer, { as: 'customer', foreignKey: 'customerId' });
  Employee.hasMany(AuthToken, { as: 'authTokens', foreignKey: 'employeeId' });
  AuthToken.belongsTo(Employee, { as: 'employee', foreignKey: 'employeeId' });

  // Orders
  Pizzeria.hasOne(OrderCounter, { as: 'orderCounter', foreignKey: 'pizzeriaId' });
  OrderCounter.belongsTo(Pizzeria, { as: 'pizzeria', foreignKey: 'pizzeriaId' });
  Pizzeria.hasMany(Order, { as: 'orders', foreignKey: 'pizzeriaId' });
  Order.belongsTo(Pizzeria, { as: 'pizzeria', foreignKey: 'pizzeriaId' });
  Customer.hasMany(Order, { as: 'orders', foreignKey: 'customerId' });
  Order.belongsTo(Customer, { as: 'customer', foreignKey: 'customerId' });
  Order.belongsTo(Employee, { as: 'placedBy', foreignKey: 'placedByEmployeeId' });
  Order.belongsTo(Employee, { as: 'preparedBy', foreignKey: 'preparedByEmployeeId' });
  Order.belongsTo(Employee, { as: 'deliveredBy', foreignKey: 'deliveredByEmployeeId' });
  Order.hasMany(OrderLine, { as: 'lines', foreignKey: 'orderId' });
  OrderLine.belongsTo(Order, { as: 'order', foreignKey: 'orderId' });
  OrderLine.belongsTo(Product, { as: 'product', foreignKey: 'productId' });
  OrderLine.belongsTo(ProductSize, { as: 'size', foreignKey: 'productSizeId' });
  Order.hasMany(OrderStatusEvent, { as: 'statusEvents', foreignKey: 'orderId' });
  OrderStatusEvent.belongsTo(Order, { as: 'order', foreignKey: 'orderId' });
  OrderStatusEvent.belongsTo(Customer, { as: 'actorCustomer', foreignKey: 'actorCustomerId' });
  OrderStatusEvent.belongsTo(Employee, { as: 'actorEmployee', foreignKey: 'actorEmployeeId' });

  // Payments
  Order.hasMany(Payment, { as: 'payments', foreignKey: 'orderId' });
  Payment.belongsTo(Order, { as: 'order', foreignKey: 'orderId' });
  Payment.belongsTo(Employee, { as: 'collectedBy', foreignKey: 'collectedByEmployeeId' });
  Payment.hasMany(Refund, { as: 'refunds', foreignKey: 'paymentId' });
  Refund.belongsTo(Payment, { as: 'payment', foreignKey: 'paymentId' });
  Order.hasMany(Refund, { as: 'refunds', foreignKey: 'orderId' });
  Refund.belongsTo(Order, { as: 'order', foreignKey: 'orderId' });
  Refund.belongsTo(Employee, { as: 'employee', foreignKey: 'employeeId' });
  Payment.hasMany(PaymentCorrection, { as: 'corrections', foreignKey: 'paymentId' });
  PaymentCorrection.belongsTo(Payment, { as: 'payment', foreignKey: 'paymentId' });
  PaymentCorrection.belongsTo(Order, { as: 'order', foreignKey: 'orderId' });
  PaymentCorrection.belongsTo(Employee, { as: 'employee', foreignKey: 'employeeId' });
  PrivacyRequest.belongsTo(Employee, { as: 'employee', foreignKey: 'employeeId' });

  // Purchasing
  Pizzeria.hasMany(Supplier, { as: 'suppliers', foreignKey: 'pizzeriaId' });
  Supplier.belongsTo(Pizzeria, { as: 'pizzeria', foreignKey: 'pizzeriaId' });
  Supplier.hasMany(SupplierItem, { as: 'items', foreignKey: 'supplierId' });
  SupplierItem.belongsTo(Supplier, { as: 'supplier', foreignKey: 'supplierId' });
  SupplierItem.belongsTo(Ingredient, { as: 'ingredient', foreignKey: 'ingredientId' });
  Pizzeria.hasOne(PurchaseOrderCounter, { as: 'purchaseOrderCounter', foreignKey: 'pizzeriaId' });
  PurchaseOrderCounter.belongsTo(Pizzeria, { as: 'pizzeria', foreignKey: 'pizzeriaId' });
  PurchaseOrder.belongsTo(Pizzeria, { as: 'pizzeria', foreignKey: 'pizzeriaId' });
  Supplier.hasMany(PurchaseOrder, { as: 'purchaseOrders', foreignKey: 'supplierId' });
  PurchaseOrder.belongsTo(Supplier, { as: 'supplier', foreignKey: 'supplierId' });
  PurchaseOrder.belongsTo(Employee, { as: 'createdBy', foreignKey: 'createdByEmployeeId' });
  PurchaseOrder.belongsTo(Employee, { as: 'sentBy', foreignKey: 'sentByEmployeeId' });
  PurchaseOrder.hasMany(PurchaseOrderLine, { as: 'lines', foreignKey: 'purchaseOrderId' });
  PurchaseOrderLine.belongsTo(PurchaseOrder, { as: 'purchaseOrder', foreignKey: 'purchaseOrderId' });
  PurchaseOrderLine.belongsTo(Ingredient, { as: 'ingredient', foreignKey: 'ingredientId' });
  PurchaseOrderLine.belongsTo(SupplierItem, { as: 'supplierItem', foreignKey: 'supplierItemId' });
  PurchaseOrder.hasMany(PurchaseReceipt, { as: 'receipts', foreignKey: 'purchaseOrderId' });
  PurchaseReceipt.belongsTo(PurchaseOrder, { as: 'purchaseOrder', foreignKey: 'purchaseOrderId' });
  PurchaseReceipt.belongsTo(Employee, { as: 'employee', foreignKey: 'employeeId' });
  PurchaseReceipt.hasMany(PurchaseReceiptLine, { as: 'lines', foreignKey: 'purchaseReceiptId' });
  PurchaseReceiptLine.belongsTo(PurchaseReceipt, { as: 'receipt', foreignKey: 'purchaseReceiptId' });
  PurchaseReceiptLine.belongsTo(PurchaseOrderLine, {
    as: 'purchaseOrderLine',
    foreignKey: 'purchaseOrderLineId',
  });
  // A receipt movement names its purchase order: the ledger's record page links to it (AdminJS resolves the
  // reference through the back office's purchase_orders resource, which must stay registered).
  PurchaseOrder.hasMany(StockMovement, { as: 'stockMovements', foreignKey: 'purchaseOrderId' });
  StockMovement.belongsTo(PurchaseOrder, { as: 'purchaseOrder', foreignKey: 'purchaseOrderId' });
}
