// How documents name a shop for customers and suppliers: under the brand, once. Shops are named after their
// street (« Oberkampf ») or already with the brand (« OC Pizza Oberkampf », as the demo names them); e-mails,
// receipts and purchase orders write « OC Pizza Oberkampf » either way.

/** « OC Pizza Oberkampf » for « Oberkampf » and for « OC Pizza Oberkampf ». */
export function brandedShop(name: string): string {
  const trimmed = name.trim();
  return /^oc pizza\b/i.test(trimmed) ? trimmed : `OC Pizza ${trimmed}`;
}
