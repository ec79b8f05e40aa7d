import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readLines } from '../src/pdf/lines.js';
import type { PdfFont, PdfGlyph } from '../src/pdf/types.js';

// Rows of glyphs as a page's text layer gives them: where one line ends and the next column's begins.

const SIZE = 10;
const font: PdfFont = { name: 'NotoSerifSC', bold: false, italic: false, vertical: false } as unknown as PdfFont;
let seq = 0;
/** Glyphs for `text` from x on, one em apart, each at its origin (`shift`: how far each stands left of that). */
function run(text: string, x: number, y: number, shift: Record<number, number> = {}): PdfGlyph[] {
  return [...text].map((c, i) => ({ text: c, known: true, x: x + i * SIZE - (shift[i] ?? 0) * SIZE, y, size: SIZE, scaleX: 1, advance: SIZE, font: 0, vertical: false, angle: 0, mode: 'fill', color: '#000000', seq: seq++ }) as PdfGlyph);
}
const lines = (glyphs: PdfGlyph[]) => readLines({ glyphs, fonts: [font] }).lines.map((l) => l.text);

test('a narrow gutter before a line that opens with a mark set into it: two lines, not one', () => {
  // Two columns 12 em wide, a gutter of 1.2 em. The left line is justified to its column's edge with
  // its last mark, 、, set half-width there (its blank trimmed at the line's end); the right line opens
  // with （ set half an em into the gutter, as clreq's line-start compression does. From the 、's ink to
  // the （'s origin is only 0.7 em; to the （'s ink, 1.2 em: the gutter.
  const left = [...run('长公里成为市民散步骑行', 0, 100), ...run('、', 115, 100)].map((g, i) => (i < 11 ? { ...g, x: (i * 115) / 11 } : g));
  const right = run('（甲）同比下降了百分之五', 132, 100, Object.fromEntries([...'（甲）同比下降了百分之五'].map((_, i) => [i, 0.5])));
  assert.equal(lines([...left, ...right]), ['长公里成为市民散步骑行、', '（甲）同比下降了百分之五']);
});

test('two full marks side by side inside a line (。“) leave an em of white: still one line', () => {
  const text = '增速超过二成。“订单已经排到年底';
  assert.equal(lines(run(text, 0, 100)), [text]);
});

test.run();
