// Module hooks of the baseline (see no-order-messages.mjs): every import of the compiled notifications module
// gets the stub instead, except the stub's own.
const TARGET = new URL('../../dist/src/modules/notifications/index.js', import.meta.url).href;
const STUB = new URL('./no-order-messages-stub.mjs', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (resolved.url === TARGET && context.parentURL !== STUB) return { ...resolved, url: STUB };
  return resolved;
}
