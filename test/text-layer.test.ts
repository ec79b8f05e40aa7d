import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { SetLine, SetStory } from '../src/typeset/index.js';
import { rebuildPage } from '../src/rebuild.js';
import { generated } from './pages/generate.js';
import { compact, openPdf, structureTree } from './helpers/pdf.js';
import { renderedSample } from './helpers/sample.js';

/**
 * The text layer as readers extract it: poppler's pdftotext (its reading order, and -raw: the
 * content stream's order) and pdf.js (content order), and the tags as they read them.
 */

const dir = mkdtempSync(join(tmpdir(), 'banmian-text-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

let file: Promise<string> | undefined;
const samplePdf = () =>
  (file ??= renderedSample().then((p) => {
    const f = join(dir, 'sample.pdf');
    writeFileSync(f, p.pdf);
    return f;
  }));

const pdftotext = (f: string, ...args: string[]) => execFileSync('pdftotext', [...args, f, '-'], { encoding: 'utf8', maxBuffer: 1 << 26 });
const textOf = (lines: readonly SetLine[]) => compact(lines.map((l) => l.text).join(''));
/** A story's paragraphs (body, subhead, headline part…), each as set: its lines' text joined. */
function paragraphsOf(story: SetStory): string[] {
  const out = new Map<string, SetLine[]>();
  for (const l of story.lines) {
    const key = l.role === 'vertical' ? 'vertical' : `${l.block}/${l.paragraph}/${l.role}/${l.part ?? ''}`;
    (out.get(key) ?? out.set(key, []).get(key)!).push(l);
  }
  return [...out.values()].map(textOf);
}

/** pdf.js's text of page 1: its items in content order, as its viewer joins them for search (white space aside). */
async function pdfjsText(bytes: Uint8Array): Promise<{ text: string; items: string[] }> {
  const doc = await openPdf(bytes);
  const content = await (await doc.getPage(1)).getTextContent();
  const items = content.items.map((i) => ('str' in i ? i.str : ''));
  await doc.destroy();
  return { text: compact(items.join('')), items };
}

test('pdftotext (its reading order): the vertical headline, 散乱污, and every article’s first paragraph whole', async () => {
  const { set } = await renderedSample();
  const text = compact(pdftotext(await samplePdf()));
  assert.ok(text.includes('凝心聚力谋发展'), 'vertical headline column');
  assert.ok(text.includes('砥砺前行谱新篇'));
  assert.ok(text.includes('开发区“散乱污”企业动态清零'), 'pollution headline');
  const firsts = set.stories.filter((s) => s.kind === 'article' || s.kind === 'sidebar').map((s) => ({ region: s.region, first: paragraphsOf({ ...s, lines: s.lines.filter((l) => l.role === 'body') })[0] }));
  assert.ok(firsts.length >= 7);
  for (const { region, first } of firsts) assert.ok(text.includes(first), `${region}: first paragraph not whole: ${first.slice(0, 20)}…`);
});

test('pdftotext -raw and pdf.js: every story whole, in reading order (headline, body, caption), every line one line', async () => {
  const { set, pdf } = await renderedSample();
  const raw = pdftotext(await samplePdf(), '-raw');
  const rawText = compact(raw);
  const js = await pdfjsText(pdf);
  for (const reader of [rawText, js.text]) {
    for (const s of set.stories) for (const p of paragraphsOf(s)) assert.ok(reader.includes(p), `${s.region}: "${p.slice(0, 20)}…" not whole`);
    // The lead: its vertical headline before its text, its photo's caption after it.
    const at = (region: string, which: 'first' | 'last') => {
      const ps = paragraphsOf(set.stories.find((s) => s.region === region)!);
      return reader.indexOf(which === 'first' ? ps[0] : ps[ps.length - 1]);
    };
    assert.ok(at('lead-headline', 'first') < at('lead', 'first'), 'vertical headline before its article');
    assert.ok(at('lead', 'last') < at('photo-meeting', 'first'), 'caption after its article');
    assert.ok(at('lead', 'first') < at('groundbreaking', 'first') && at('groundbreaking', 'first') < at('pollution', 'first'), 'articles in the layout’s order');
  }
  // No line broken by its justification or by a compressed mark: each set line is one output line.
  const outLines = new Set(raw.split('\n').map(compact));
  // (The running header's two halves stand on one baseline: one output line.)
  const body = set.stories.filter((s) => s.kind !== 'page-header').flatMap((s) => s.lines.filter((l) => l.role === 'body'));
  const broken = body.filter((l) => !outLines.has(compact(l.text)));
  assert.is(broken.length, 0, `${broken.length} of ${body.length} lines broken, e.g. ${broken.slice(0, 3).map((l) => l.text).join(' | ')}`);
  // pdf.js reads a vertical column as one item of text.
  assert.ok(js.items.includes('凝心聚力谋发展'), 'the vertical column is one pdf.js text item');
});

/** The structure tree as pdf.js reads it, with each content item's text. */
async function structure(bytes: Uint8Array) {
  const { document, text } = await structureTree(bytes);
  assert.ok(document, 'no Document element in the structure tree');
  return { document: document!, text };
}

test('tags: Figure with Alt from its caption, no skipped heading level, the slogan a paragraph, the running header no content', async () => {
  const { set, pdf, frames } = await renderedSample();
  const { document, text } = await structure(pdf);
  type Node = (typeof document)['children'] extends (infer N)[] | undefined ? N : never;
  const all: Node[] = [];
  const walk = (n: Node) => (all.push(n), (n.children ?? []).forEach(walk));
  walk(document);
  // One Figure per photo region, each with the text of its caption (credit aside) as Alt.
  const figures = all.filter((n) => n.role === 'Figure');
  const photos = frames.filter((f) => f.kind === 'photo');
  assert.is(figures.length, photos.length);
  for (const f of photos) {
    const caption = set.stories.find((s) => s.region === f.id)!;
    const want = compact(caption.lines.filter((l) => l.role !== 'credit').map((l) => l.text).join('')).replace(/^[←↑→↓]/u, '');
    assert.ok(figures.some((n) => compact(n.alt ?? '') === want), `no Figure with Alt "${want.slice(0, 12)}…"`);
  }
  // Headings: within each top-level element, no level deeper than one past the last.
  for (const top of document.children ?? []) {
    let level = 0;
    const check = (n: Node) => {
      const m = /^H(\d)$/.exec(n.role ?? '');
      if (m) {
        assert.ok(Number(m[1]) <= level + 1, `${n.role} after H${level} in ${top.role}`);
        level = Number(m[1]);
      }
      (n.children ?? []).forEach(check);
    };
    check(top);
  }
  assert.ok(all.some((n) => n.role === 'H2'), 'subheads are H2 under their article’s H1');
  // The slogan is a paragraph, not a heading.
  const slogan = textOf(set.stories.find((s) => s.region === 'slogan')!.lines);
  const holder = all.find((n) => n.role && compact(text(n)) === slogan);
  assert.is(holder?.role, 'P');
  // The running header is in no structure element: it is an artifact (pagination, header).
  const header = textOf(set.stories.find((s) => s.kind === 'page-header')!.lines);
  assert.not.ok(compact(text(document)).includes(header));
  const raw = Buffer.from(pdf).toString('latin1');
  assert.ok(raw.length > 0);
});

test('a rebuilt page: its page header and footer artifacts, its headlines H1 in their articles, every line whole in -raw', async () => {
  const { pages } = await generated();
  const page = pages.find((p) => p.name === 'tabloid-evening')!;
  const f = join(page.dir, 'tabloid-evening.pdf');
  const { pdf, set } = await rebuildPage(page.pdf, f, 1);
  const out = join(dir, 'rebuilt.pdf');
  writeFileSync(out, pdf);
  const { document, text } = await structure(pdf);
  const inTags = compact(text(document));
  const running = set.stories.filter((s) => s.kind === 'page-header' || s.kind === 'page-footer');
  assert.ok(running.length >= 2, 'the page header and footer lines are text regions');
  for (const s of running) assert.not.ok(inTags.includes(textOf(s.lines)), `${s.region} tagged as content`);
  // Each article's headline (placed line by line) is an H1 inside the article's element.
  const arts = (document.children ?? []).filter((n) => n.role === 'Art');
  const withHeadline = set.stories.filter((s) => s.kind === 'article' && s.lines.some((l) => l.role === 'headline' && l.part === 'main'));
  assert.ok(withHeadline.length >= 3);
  for (const s of withHeadline) {
    const main = textOf(s.lines.filter((l) => l.role === 'headline' && l.part === 'main'));
    assert.ok(arts.some((a) => (a.children ?? []).some((c) => c.role === 'H1' && compact(text(c)) === main)), `${s.region}: no H1 "${main}"`);
  }
  const lines = new Set(pdftotext(out, '-raw').split('\n').map(compact));
  const body = set.stories.filter((s) => !running.includes(s)).flatMap((s) => s.lines.filter((l) => l.role === 'body'));
  const broken = body.filter((l) => !lines.has(compact(l.text)));
  assert.is(broken.length, 0, `${broken.length} of ${body.length} lines broken, e.g. ${broken.slice(0, 3).map((l) => l.text).join(' | ')}`);
});

test.run();
