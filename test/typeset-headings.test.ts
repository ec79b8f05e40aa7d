import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { StoryParagraph } from '../src/assign/index.js';
import { FontBook } from '../src/fonts/fontbook.js';
import { resolveLayout, setPage } from '../src/index.js';
import { resolveStyles } from '../src/model/styles.js';
import { flowParagraphs } from '../src/typeset/flow.js';
import { GlyphStore } from '../src/typeset/glyphs.js';

const fonts = new FontBook();

test('a subhead wider than its column is condensed a little or set on more lines, never drawn over the next column, and reported', () => {
  const styles = resolveStyles({});
  const body = '会议强调，今年是全面建成小康社会和规划收官之年，任务艰巨、意义重大。'.repeat(4);
  for (const subhead of ['全面推进城乡供水一体化建设工程', '坚持稳中求进工作总基调全面推进城乡供水一体化建设确保农村群众喝上放心水']) {
    const paragraphs: StoryParagraph[] = [
      { runs: [{ text: subhead, style: 'subhead' }], style: 'subhead', role: 'subhead', block: 's', index: 0 },
      { runs: [{ text: body, style: 'body' }], style: 'body', role: 'body', block: 'a', index: 0 },
    ];
    const columns = [0, 1].map((k) => ({ x: k * 150, y: 0, width: 130, height: 400 }));
    const r = flowParagraphs(paragraphs, columns, { region: 'r', styles, fonts, log: { missing: new Set(), fallbacks: new Map() }, glyphs: new GlyphStore() });
    const heads = r.lines.filter((l) => l.role === 'subhead');
    assert.ok(heads.length >= 1);
    for (const l of heads) {
      assert.ok(l.x >= 0 && l.x + l.used <= 130 + 0.01, `subhead line "${l.text}" spans ${l.x}–${l.x + l.used} in a 130 pt column`);
      for (const g of l.glyphs) assert.ok(g.x < 130, `"${g.text}" at ${g.x} is in the next column`);
    }
    const firstBody = r.lines.find((l) => l.role === 'body')!;
    assert.ok(heads.every((h) => h.y < firstBody.y - 5), 'the subhead stands above the text');
    assert.equal(heads.map((h) => h.text).join(''), subhead, 'nothing of the subhead lost');
    assert.ok(r.notes.some((n) => n.block === 's' && (n.kind === 'condensed' || n.kind === 'wrapped')), 'reported');
  }
});

function textRegion(style: Record<string, unknown>, text: string) {
  return resolveLayout(
    {
      page: { size: 'custom', width: '240mm', height: '60mm', margins: '10mm' },
      styles: { big: { extends: 'headline', size: '37pt', leading: '44pt', ...style } },
      regions: [{ kind: 'text', id: 't', x: 0, y: 0, width: '203mm', height: '16mm', style: 'big', content: { text } }],
    },
    '/virtual/text-region.json',
  );
}

test('fit: condense in a text region: a headline too long for one line is condensed onto it, nothing overflows', async () => {
  const text = '开发区召开二〇二〇年下半年工作动员大会'; // 19 characters at 37 pt: 703 pt in a 575 pt region
  const { set, report } = await setPage(textRegion({ fit: 'condense', indent: 2 }, text), { text: '本报讯 正文。\n' });
  const story = set.stories.find((s) => s.region === 't')!;
  assert.is(story.lines.length, 1);
  assert.is(story.lines[0].text, text);
  assert.ok(story.lines[0].glyphs.at(0)!.run.scaleX! < 1, 'condensed');
  assert.ok(story.lines[0].used <= story.lines[0].width + 0.01);
  assert.is(report.regions.find((r) => r.region === 't')!.overflow, 0);
});

test('scale in a text region: lines are set at the style’s horizontal scale (and break against the scaled measure)', async () => {
  const text = '幸福办筹备组牵手市中医医院为群众送健康'; // 19 × 37 pt = 703 pt; at 80%, 562 pt fits 575
  const { set, report } = await setPage(textRegion({ scale: 80, fit: 'none', indent: 0 }, text), { text: '本报讯 正文。\n' });
  const story = set.stories.find((s) => s.region === 't')!;
  assert.is(story.lines.length, 1);
  assert.ok(Math.abs(story.lines[0].glyphs.at(0)!.run.scaleX! - 0.8) < 1e-6, `scaleX ${story.lines[0].glyphs.at(0)!.run.scaleX}`);
  assert.is(report.regions.find((r) => r.region === 't')!.overflow, 0);
});

test.run();
