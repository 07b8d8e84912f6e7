// axe-core run inside the page: the rules it can decide (contrast it cannot compute is "incomplete", hence
// contrast.ts). Each violation as « rule: selectors » (with its impact when only some impacts are asked for).
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export type AxeImpact = 'minor' | 'moderate' | 'serious' | 'critical';

/** Every violation, or only those of the given impacts (the back office's bar: critical and serious). */
export async function axeViolations(page: Page, impacts?: AxeImpact[]): Promise<string[]> {
  await page.addScriptTag({ path: AXE_SOURCE });
  return page.evaluate(async (only) => {
    const result = await (globalThis as any).axe.run();
    return result.violations
      .filter((v: any) => !only || only.includes(v.impact))
      .map(
        (v: any) => `${only ? `${v.impact} ` : ''}${v.id}: ${v.nodes.map((n: any) => n.target).join(' ')}`,
      );
  }, impacts ?? null);
}
