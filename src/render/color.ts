/** Colours as PDF operators in DeviceCMYK: black is 100% K, never RGB black. */

export type Cmyk = [number, number, number, number];

/** Parse #rrggbb or cmyk(c, m, y, k) (0–100) to CMYK fractions. Pure black and grays become K only. */
export function toCmyk(color: string): Cmyk {
  const m = /^cmyk\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*\)$/.exec(color);
  if (m) return [m[1], m[2], m[3], m[4]].map((v) => Math.min(100, Number(v)) / 100) as Cmyk;
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (!hex) return [0, 0, 0, 1];
  const [r, g, b] = [hex[1], hex[2], hex[3]].map((h) => parseInt(h, 16) / 255);
  if (r === g && g === b) return [0, 0, 0, round(1 - r)];
  const k = 1 - Math.max(r, g, b);
  const d = 1 - k || 1;
  return [round((1 - r - k) / d), round((1 - g - k) / d), round((1 - b - k) / d), round(k)];
}

const round = (n: number) => Math.round(n * 1000) / 1000;

export const fillOp = (c: Cmyk) => `${c.join(' ')} k`;
export const strokeOp = (c: Cmyk) => `${c.join(' ')} K`;
export const BLACK: Cmyk = [0, 0, 0, 1];
/** 100% K and nothing else: what overprints under PDF/X (tints and colours knock out). */
export const isBlack = (c: Cmyk) => c[0] === 0 && c[1] === 0 && c[2] === 0 && c[3] === 1;
