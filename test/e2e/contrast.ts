// WCAG 2.x contrast of what the browser actually paints: the computed text colour against the first opaque
// background found up the tree (a translucent one is blended over it). axe only reports such cases as
// "incomplete"; this reads the computed styles instead.
import type { Locator, Page } from 'playwright-core';

export type Rgba = [number, number, number, number];

export function parseColour(css: string): Rgba {
  const m = /rgba?\(([^)]+)\)/.exec(css);
  if (!m) throw new Error(`unreadable colour ${css}`);
  const [r, g, b, a = 1] = m[1]
    .split(/[ ,/]+/)
    .filter(Boolean)
    .map(Number);
  return [r, g, b, a];
}

/** `top` painted over the opaque `bottom`. */
export function blend(top: Rgba, bottom: Rgba): Rgba {
  const a = top[3];
  return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat(1) as Rgba;
}

function luminance([r, g, b]: Rgba): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** The WCAG contrast ratio, from 1 (same colour) to 21 (black on white). */
export function contrastRatio(a: Rgba, b: Rgba): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

export interface PaintedText {
  text: string;
  colour: string;
  background: string;
  ratio: number;
}

/** The computed text colour and effective background of each element of `locator`, with their ratio. */
export async function paintedColours(locator: Locator): Promise<PaintedText[]> {
  // Runs in the page (the tests' TypeScript has no DOM types).
  const raw: { text: string; colour: string; layers: string[] }[] = await locator.evaluateAll((elements) =>
    elements.map((el: any) => {
      const { getComputedStyle } = globalThis as any;
      const layers: string[] = [];
      for (let node = el; node; node = node.parentElement) {
        const bg: string = getComputedStyle(node).backgroundColor;
        layers.push(bg);
        if (!/rgba\(.*,\s*0\)$/.test(bg) && !bg.startsWith('rgba') && bg !== 'transparent') break;
      }
      return {
        text: (el.textContent ?? '').trim(),
        colour: getComputedStyle(el).color,
        layers,
      };
    }),
  );
  return raw.map(({ text, colour, layers }) => {
    // Paint from the page (white when nothing is opaque) up to the element.
    let background: Rgba = [255, 255, 255, 1];
    for (const layer of layers.reverse()) {
      if (layer === 'transparent') continue;
      background = blend(parseColour(layer), background);
    }
    const fg = blend(parseColour(colour), background);
    return {
      text,
      colour,
      background: `rgb(${background.slice(0, 3).join(', ')})`,
      ratio: contrastRatio(fg, background),
    };
  });
}

/** Every enabled button and link visible on the page (WCAG exempts disabled controls), with its colours. */
export async function pageControlColours(page: Page): Promise<PaintedText[]> {
  return paintedColours(page.locator('button:visible:not(:disabled), a:visible, summary:visible'));
}
