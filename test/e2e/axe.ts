// axe-core run inside the page: the rules it can decide (contrast it cannot compute is "incomplete", hence
// contrast.ts). Each violation as « rule: selectors ».
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_SOURCE });
  return page.evaluate(async () => {
    const result = await (globalThis as any).axe.run();
    return result.violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target).join(' ')}`);
  });
}
