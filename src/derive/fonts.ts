import { roleForPdfFont } from '../fonts/pdf-role.js';

/**
 * An original PDF font name → banmian's role and weight (the original's fonts are never
 * re-embedded: only their role is kept). The reading of the names, vendor by vendor, is
 * src/fonts/pdf-role.ts: 宋/书宋/报宋/长宋 → song, 标宋/大标宋/小标宋 → song bold or black,
 * 黑/中黑/大黑 → hei (大黑 heavier), 楷 → kai, 仿宋 → fangsong, anything else song with a reason.
 */
export interface FontRole {
  font: string;
  weight: 'regular' | 'bold' | 'black';
  /** How the name was read, for the report. */
  reason: string;
}

export function roleOfPdfFont(name: string, bold = false): FontRole {
  const g = roleForPdfFont({ name, bold });
  return { font: g.role, weight: g.weight, reason: g.reason };
}
