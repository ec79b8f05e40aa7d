import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveLayout, setPage } from '../src/index.js';

// Issue 13, finding 3: a long unbreakable Latin run (a URL, an ID) printed over the next column and
// article, or off the page, with a report that did not add up.
const URL = 'https://www.example.com/' + 'abcdefghij'.repeat(28) + '.html'; // 309 characters, one / near the start
const ID = 'X'.repeat(1000);

function page(bodyA: string, columnsA: number) {
  return resolveLayout(
    {
      page: { size: 'custom', width: '180mm', height: '120mm', margins: '10mm' },
      regions: [
        { kind: 'article', id: 'a', x: 0, y: 0, width: '100mm', height: '100mm', columns: columnsA, headline: false, content: { block: 'article-1' } },
        { kind: 'article', id: 'b', x: '105mm', y: 0, width: '55mm', height: '100mm', headline: false, content: { block: 'article-2' } },
      ],
    },
    '/virtual/long-runs.json',
  );
}
const text = (bodyA: string) => `本报讯（记者 张三）网址${bodyA}是本次活动的报名入口，欢迎参加。\n\n本报讯（记者 李四）第二篇文章的正文在这里。\n`;
const nonSpace = (s: string) => [...s.replace(/\s+/g, '')].length;

async function check(run: string, columns: number) {
  const { set, frames, report, source } = await setPage(page(run, columns), { text: text(run) });
  for (const story of set.stories) {
    const frame = frames.find((f) => f.id === story.region)!;
    const right = frame.box.x + frame.box.width;
    for (const l of story.lines) {
      assert.ok(l.x >= frame.box.x - 0.01 && l.x + l.used <= right + 0.01, `${story.region}: "${l.text.slice(0, 20)}…" runs from ${l.x.toFixed(1)} to ${(l.x + l.used).toFixed(1)}, past ${right.toFixed(1)}`);
      for (const g of l.glyphs) {
        assert.ok(g.x >= frame.box.x - 0.01 && g.x < right, `${story.region}: "${g.text}" at x ${g.x.toFixed(1)} outside ${frame.box.x.toFixed(1)}–${right.toFixed(1)}`);
        assert.ok(g.run.y <= frame.box.y + frame.box.height + 0.01, `${story.region}: "${g.text}" below the frame`);
      }
    }
  }
  // The report's counts add up to the text: what is set plus what did not fit.
  const a = report.regions.find((r) => r.region === 'a')!;
  const block = source.blocks.find((b) => b.id === 'article-1')!;
  assert.is(a.set + a.overflow, nonSpace((block.byline ?? '') + block.paragraphs.join('')), 'set + overflow = the article');
  const b = report.regions.find((r) => r.region === 'b')!;
  assert.is(b.overflow, 0, 'the next article is untouched');
  assert.ok(report.warnings.some((w) => /no break opportunity/.test(w)), report.warnings.join('\n'));
  return { set, report };
}

test('a 300-character URL in a column is broken at the measure, stays in its column and is reported', async () => {
  const { set } = await check(URL, 2);
  const a = set.stories.find((s) => s.region === 'a')!;
  assert.ok(a.lines.filter((l) => l.text.includes('abcdefghij')).length >= 4, 'the URL takes several lines');
  for (const l of a.lines) assert.ok(l.used <= l.width + 0.01, `"${l.text}" ${l.used} > ${l.width}`);
});

test('a 1000-character run never runs off the page: what fits is set, the rest is overflow, and the counts add up', async () => {
  const { report } = await check(ID, 1);
  const a = report.regions.find((r) => r.region === 'a')!;
  assert.ok(a.set > 100, `${a.set} characters set`);
});

test.run();
