import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FontBook } from '../src/fonts/fontbook.js';
import type { StyleInput } from '../src/model/schema.js';
import { resolveStyles } from '../src/model/styles.js';
import { setHeadlineLine } from '../src/typeset/headline.js';
import type { Overflow } from '../src/typeset/types.js';
import { GlyphStore } from '../src/typeset/glyphs.js';

const fonts = new FontBook();
const box = { x: 100, y: 0, width: 400, height: 40 };
const close = (a: number, b: number, msg: string) => assert.ok(Math.abs(a - b) < 1e-3, `${msg}: ${a} ≠ ${b}`);

function headline(text: string, style: StyleInput) {
  const styles = resolveStyles({ h: { extends: 'headline', size: '30pt', ...style } });
  const overflow: Overflow[] = [];
  const line = setHeadlineLine(text, 'h', box, 0, { region: 'r', styles, fonts, log: { missing: new Set(), fallbacks: new Map() }, glyphs: new GlyphStore() }, 'b', overflow);
  const right = (i: number) => line.glyphs.at(i)!.x + 30 * (line.glyphs.at(i)!.run.scaleX ?? 1);
  return { line, overflow, right };
}

test('spread: letter-spaced to fill the frame, evenly', () => {
  const { line, right } = headline('凝心聚力谋发展', { fit: 'spread' });
  close(line.glyphs.at(0)!.x, box.x, 'starts at the left edge');
  close(right(6), box.x + box.width, 'ends at the right edge');
  const pitch = line.glyphs.at(1)!.x - line.glyphs.at(0)!.x;
  line.glyphs.list().forEach((g, k) => close(g.x, box.x + k * pitch, 'even letter spacing'));
  assert.not.ok(line.glyphs.at(0)!.run.scaleX, 'no scaling');
});

test('spread to a target width: letter-spaced to that width, centred in the frame', () => {
  const { line, right } = headline('凝心聚力谋发展', { fit: 'spread', targetWidth: '300pt' });
  close(line.glyphs.at(0)!.x, box.x + 50, 'centred');
  close(right(6), box.x + 350, 'target width');
});

test('condense: a headline too long for one line is scaled horizontally to fit exactly', () => {
  const text = '开发区召开二〇一九年度总结暨二〇二〇年下半年工作动员大会';
  const { line, overflow, right } = headline(text, { fit: 'condense' });
  assert.is(line.text, text);
  assert.ok(line.glyphs.at(0)!.run.scaleX! < 1);
  close(right(line.glyphs.length - 1), box.x + box.width, 'fits the frame');
  assert.equal(overflow, []);
});

test('scale: a short headline is extended horizontally to fill the width', () => {
  const { line, right } = headline('动态清零', { fit: 'scale', align: 'left' });
  assert.ok(line.glyphs.at(0)!.run.scaleX! > 1);
  close(line.glyphs.at(0)!.x, box.x, 'left edge');
  close(right(3), box.x + box.width, 'right edge');
});

test('none: a headline that does not fit is reported as overflow, not dropped silently', () => {
  const { overflow } = headline('开发区召开二〇一九年度总结暨二〇二〇年下半年工作动员大会', { fit: 'none' });
  assert.is(overflow.length, 1);
});

test('tracking adds space between characters, not after the last', () => {
  const plain = headline('动态清零', { fit: 'none', align: 'left' }).line;
  const tracked = headline('动态清零', { fit: 'none', align: 'left', tracking: 0.5 }).line;
  close(tracked.glyphs.at(1)!.x - tracked.glyphs.at(0)!.x, plain.glyphs.at(1)!.x - plain.glyphs.at(0)!.x + 15, '½ em more');
  close(tracked.used, plain.used + 3 * 15, 'three gaps');
});

test.run();
