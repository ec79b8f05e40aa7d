import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkConservation } from '../src/ingest/conservation.js';
import { ingestPdfPage } from '../src/ingest/geometry/index.js';
import { ingestPdf } from '../src/ingest/pdf.js';
import type { Block, Source } from '../src/ingest/types.js';
import { InputError } from '../src/errors.js';
import { readLines } from '../src/pdf/lines.js';
import { openPdf } from '../src/pdf/open.js';
import { readPage } from '../src/pdf/read.js';
import type { PdfPage } from '../src/pdf/types.js';
import { generated } from './pages/generate.js';
import type { PageTruth } from './pages/truth.js';

/**
 * The PDF front door on pages set by another engine (Typst) with known truth, and on PDFs with
 * damaged text layers: what geometry alone can tell, it must tell right.
 */

const compact = (s: string | undefined) => (s ?? '').replace(/\s+/g, '');

async function read(bytes: Uint8Array, n = 1): Promise<{ page: PdfPage; source: Source }> {
  const doc = await openPdf(bytes, 'test.pdf');
  const { page } = await readPage(doc, n);
  await doc.destroy();
  return { page, source: ingestPdfPage(page) };
}

/** The truth articles the ingest gives back whole: the same text (byline, subheads included) and the same headline. */
function intact(truth: PageTruth, source: Source): { ok: string[]; broken: string[] } {
  const articles = source.blocks.filter((b) => b.kind === 'article');
  const textOf = (b: Block) => compact((b.byline ?? '') + b.paragraphs.join('') + source.blocks.filter((s) => s.within?.article === b.id).map((s) => s.paragraphs.join('')).join(''));
  const ok: string[] = [];
  const broken: string[] = [];
  for (const t of truth.blocks) {
    if (t.kind !== 'article') continue;
    const subheads = truth.blocks.flatMap((s) => (s.kind === 'subhead' && s.within.article === t.id ? [s.text] : []));
    const want = compact((t.byline ?? '') + (t.runIn ?? '') + t.paragraphs.join('') + subheads.join(''));
    const got = articles.find((a) => textOf(a) === want);
    const head = truth.blocks.find((h) => h.kind === 'headline-group' && h.article === t.id);
    const paired = got && source.blocks.find((h) => h.kind === 'headline-group' && h.pairedWith?.article === got.id);
    const headOk = !head || (head.kind === 'headline-group' && !!paired && compact(paired.paragraphs.join('')) === compact((head.headline.kicker ?? '') + head.headline.main + (head.headline.subtitle ?? '')));
    (got && headOk ? ok : broken).push(t.id);
  }
  return { ok, broken };
}

test('generated pages: every article comes back whole, with its headline, from geometry alone', async () => {
  const { pages } = await generated();
  for (const p of pages) {
    const { page, source } = await read(p.pdf);
    const { broken } = intact(p.truth, source);
    // The tabloid's lead goes on in a third column block at the foot of the page, after other articles,
    // with no jump line ("下转…") and no text running across: nothing on the page links it (by design of the page).
    const expected = p.name === 'tabloid-evening' ? ['a1'] : [];
    assert.equal(broken, expected, `${p.name}: articles not whole`);
    const report = checkConservation(page.glyphs.map((g) => g.text).join(''), source);
    assert.ok(report.ok, `${p.name}: conservation (${report.missing.length} missing, ${report.extra.length} extra)`);
  }
});

test('generated pages: vertical headline, captions with credits, sidebar and slogan of the broadsheet', async () => {
  const p = (await generated()).pages.find((x) => x.name === 'broadsheet-daily')!;
  const { source } = await read(p.pdf);
  const truthVertical = p.truth.blocks.find((b) => b.kind === 'vertical-headline');
  const vertical = source.blocks.find((b) => b.kind === 'vertical-headline');
  assert.ok(truthVertical?.kind === 'vertical-headline' && vertical);
  assert.equal(vertical!.columns, truthVertical!.columns);
  const captions = p.truth.blocks.filter((b) => b.kind === 'caption');
  const got = source.blocks.filter((b) => b.kind === 'caption');
  assert.equal(got.length, captions.length);
  for (const c of captions) if (c.kind === 'caption') assert.ok(got.some((g) => compact(g.paragraphs.join('')) === compact(c.text) && compact(g.credit) === compact(c.credit)), `caption ${c.text}`);
  const sidebar = source.blocks.find((b) => b.kind === 'sidebar');
  const truthSidebar = p.truth.blocks.find((b) => b.kind === 'sidebar');
  assert.ok(sidebar && truthSidebar?.kind === 'sidebar');
  assert.is(compact(sidebar!.paragraphs.join('')), compact((truthSidebar!.title ?? '') + truthSidebar!.paragraphs.join('')));
  assert.equal(source.blocks.filter((b) => b.kind === 'slogan').length, 1);
});

test('fake bold: overprinted copies are one glyph, reported as dropped; fill+stroke marks the line bold', async () => {
  for (const name of ['fake-bold-overprint', 'fake-bold-stroke']) {
    const f = (await generated()).fixtures.find((x) => x.name === name)!;
    const { page, source } = await read(f.pdf);
    const { lines } = readLines(page);
    for (const t of f.truth.pages[0].lines) {
      const l = lines.find((x) => compact(x.text) === compact(t.text));
      assert.ok(l, `${name}: line ${t.text} read once, whole`);
      assert.is(l!.bold, !!t.bold, `${name}: ${t.text} bold`);
    }
    const copies = source.dropped.filter((d) => d.reason === 'fake-bold-duplicate').length;
    const bold = f.truth.pages[0].lines.filter((t) => t.bold).reduce((n, t) => n + compact(t.text).length, 0);
    const damage = f.truth.damage[0];
    assert.is(copies, damage.kind === 'fake-bold-overprint' ? bold * (damage.copies - 1) : 0, `${name}: copies dropped`);
    assert.ok(checkConservation(page.glyphs.map((g) => g.text).join(''), source).ok);
  }
});

test('a font with no ToUnicode map: its glyphs are reported per line, none set as garbage, none lost', async () => {
  const f = (await generated()).fixtures.find((x) => x.name === 'no-tounicode')!;
  const { page, source } = await read(f.pdf);
  const unknown = source.dropped.filter((d) => d.reason === 'no-unicode');
  const damaged = page.glyphs.filter((g) => page.fonts[g.font]?.name.endsWith('NotoSerifSC-Regular')).length;
  assert.ok(damaged > 0);
  assert.is(unknown.length, damaged, 'every glyph of the font without a map is reported');
  assert.ok(unknown.every((d) => d.line > 0 && d.at), 'with the line and place it stood');
  // The text of the other fonts (headline, byline) is kept; nothing of the broken font is in a block.
  assert.ok(source.blocks.some((b) => b.kind === 'headline-group' && compact(b.paragraphs.join('')) === '高新区一季度产值增长12.6%'));
  assert.ok(checkConservation(page.glyphs.map((g) => g.text).join(''), source).ok);
});

test('digits whose widths claim a full em stay in their lines, in order', async () => {
  const f = (await generated()).fixtures.find((x) => x.name === 'digit-widths')!;
  const { page } = await read(f.pdf);
  const texts = readLines(page).lines.map((l) => compact(l.text));
  for (const t of f.truth.pages[0].lines) assert.ok(texts.includes(compact(t.text)), `line ${t.text}`);
});

test('vertical headlines, in a vertical font or as one-character lines, read as columns right to left', async () => {
  for (const name of ['vertical-identity-v', 'vertical-one-char-lines']) {
    const f = (await generated()).fixtures.find((x) => x.name === name)!;
    const { source } = await read(f.pdf);
    const v = source.blocks.find((b) => b.kind === 'vertical-headline');
    const want = f.truth.pages[0].lines.filter((l) => l.vertical).map((l) => compact(l.text));
    assert.ok(v, name);
    assert.equal(v!.columns, want, name);
  }
});

test('bad input: not a PDF, encrypted, a scan without text, a page out of range; every page of a two-page PDF', async () => {
  const { fixtures } = await generated();
  const pdf = (name: string) => fixtures.find((x) => x.name === name)!.pdf;
  const fails = async (bytes: Uint8Array, page: number, message: RegExp) => {
    try {
      await ingestPdf(bytes, 'in.pdf', page);
    } catch (e) {
      assert.instance(e, InputError);
      assert.match((e as Error).message, message);
      return;
    }
    assert.unreachable(`expected ${message}`);
  };
  await fails(new TextEncoder().encode('本报讯 not a pdf'), 1, /in\.pdf: not a PDF/);
  await fails(pdf('encrypted-user'), 1, /encrypted/);
  await fails(pdf('scan'), 1, /no text layer on page 1/);
  await fails(pdf('two-pages'), 3, /--page 3: the PDF has 2 pages/);
  const second = await ingestPdf(pdf('two-pages'), 'two.pdf', 2);
  assert.ok(second.source.blocks.some((b) => compact(b.paragraphs.join('')).includes('丰收节开幕')));
  await second.doc.destroy();
});



test('round trip: banmian’s own pages rebuilt from their PDFs keep every line, where it was', async () => {
  const { renderPage } = await import('../src/index.js');
  const { rebuildPage } = await import('../src/rebuild.js');
  const { comparePdfs } = await import('../src/compare/index.js');
  const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join, resolve } = await import('node:path');
  const { ROOT } = await import('./helpers/sample.js');
  const dir = mkdtempSync(join(tmpdir(), 'banmian-roundtrip-'));
  try {
    for (const name of ['puyang-daily-kaifaqu', 'donghe-evening-community']) {
      const original = await renderPage(resolve(ROOT, `layouts/${name}.json`), { root: ROOT });
      const file = join(dir, `${name}.pdf`);
      writeFileSync(file, original.pdf);
      const rebuilt = await rebuildPage(original.pdf, file, 1);
      assert.is(rebuilt.report.overflowChars, 0, `${name}: no overflow`);
      const [c] = await comparePdfs(original.pdf, file, rebuilt.pdf, 'rebuilt.pdf');
      assert.ok(c.lines.share >= 0.99, `${name}: ${c.lines.identical}/${c.lines.original} lines identical`);
      assert.is(c.chars.missing, 0, `${name}: no character missing`);
      assert.ok(c.move.largestMm <= 0.5, `${name}: largest move ${c.move.largestMm} mm`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('pages set by Typst, rebuilt: every article intact, ≥ 97% of lines identical, nothing lost or moved by 1 mm (the vertical headline and its subtitle too)', async () => {
  const { rebuildPage } = await import('../src/rebuild.js');
  const { comparePdfs } = await import('../src/compare/index.js');
  for (const p of (await generated()).pages) {
    const rebuilt = await rebuildPage(p.pdf, `${p.name}.pdf`, 1);
    assert.is(rebuilt.report.overflowChars, 0, `${p.name}: no overflow`);
    const [c] = await comparePdfs(p.pdf, `${p.name}.pdf`, rebuilt.pdf, 'rebuilt.pdf', { noVisual: true });
    assert.ok(c.lines.share >= 0.97, `${p.name}: ${c.lines.identical}/${c.lines.original} lines identical`);
    assert.is(c.chars.missing, 0, `${p.name}: characters missing`);
    assert.ok(c.move.largestMm <= 1, `${p.name}: largest move ${c.move.largestMm} mm`);
    const broken = c.regions.list.filter((r) => !r.intact);
    assert.is(broken.length, 0, `${p.name}: not intact ${broken.map((r) => r.name).join(', ')}`);
  }
});

test('a short-news item’s run-in title comes back in its own face, at the item’s size (smaller than the page’s body)', async () => {
  const { rebuildPage } = await import('../src/rebuild.js');
  const p = (await generated()).pages.find((x) => x.name === 'tabloid-evening')!;
  const titles = p.truth.blocks.flatMap((b) => (b.kind === 'article' && b.runIn ? [compact(b.runIn)] : []));
  assert.ok(titles.length >= 3, 'the tabloid has a short-news column');
  const rebuilt = await rebuildPage(p.pdf, `${p.name}.pdf`, 1);
  const runIns = async (bytes: Uint8Array) => {
    const { page } = await read(bytes);
    const lines = readLines(page).lines.filter((l) => l.glyphs.length > 1);
    return titles.map((t) => {
      const l = lines.find((x) => compact(x.text).startsWith(t))!;
      assert.ok(l, `a line opening with ${t}`);
      const title = l.glyphs.slice(0, [...t].length);
      const after = l.glyphs[[...t].length];
      return { size: title[0].size, ownFace: title.every((g) => g.font === title[0].font) && after?.font !== title[0].font };
    });
  };
  // One gap between a title and its text, as the page has it: not the title's separator and the
  // text's own space both (two spaces cost the item's first line a character when it is reflowed).
  const { source } = await read(p.pdf);
  const items = source.blocks.filter((b) => b.kind === 'article' && b.byline && titles.includes(compact(b.byline)));
  assert.is(items.length, titles.length);
  for (const b of items) assert.not.ok(/\s$/.test(b.byline!) && /^\s/.test(b.paragraphs[0]), `${JSON.stringify(b.byline)} + ${JSON.stringify(b.paragraphs[0].slice(0, 6))}`);
  const original = await runIns(p.pdf);
  const facsimile = await runIns(rebuilt.pdf);
  facsimile.forEach((f, i) => {
    assert.ok(Math.abs(f.size - original[i].size) < 0.05, `${titles[i]}: ${f.size} pt, the original ${original[i].size} pt`);
    assert.ok(original[i].ownFace && f.ownFace, `${titles[i]}: set in a face of its own`);
  });
});

test('batch takes original PDFs: every page rebuilt, a scan failed with its reason', async () => {
  const { renderBatch } = await import('../src/index.js');
  const { mkdtempSync, writeFileSync, existsSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'banmian-batchpdf-'));
  try {
    const { fixtures } = await generated();
    for (const name of ['two-pages', 'scan']) writeFileSync(join(dir, `${name}.pdf`), fixtures.find((f) => f.name === name)!.pdf);
    const summary = await renderBatch(dir, { out: join(dir, 'out'), jobs: 1, root: dir });
    assert.is(summary.totals.pages, 3);
    assert.is(summary.totals.ok, 2);
    assert.ok(existsSync(join(dir, 'out', 'two-pages-p1.pdf')) && existsSync(join(dir, 'out', 'two-pages-p2.pdf')));
    const failed = summary.pages.find((p) => p.status === 'failed');
    assert.match(failed?.error ?? '', /no text layer on page 1/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('pages set by Typst, derived and broken anew: reflow keeps ≥ 85% of the body lines with nothing lost, auto keeps them all', async () => {
  const { derivePage } = await import('../src/rebuild.js');
  const { setDerivedWithBreaks } = await import('./helpers/breaks.js');
  const { resolve } = await import('node:path');
  for (const p of (await generated()).pages) {
    const derived = await derivePage(p.pdf, `${p.name}.pdf`, 1, resolve(`${p.name}.json`));
    const share = async (mode: 'reflow' | 'auto') => {
      const page = await setDerivedWithBreaks(derived, mode);
      assert.is(page.report.overflowChars, 0, `${p.name} ${mode}: overflow`);
      return page.report.fidelity.ratio;
    };
    const reflow = await share('reflow');
    assert.ok(reflow >= 0.85, `${p.name}: reflow ${(reflow * 100).toFixed(1)}%`);
    assert.ok(reflow < 1, `${p.name}: reflow breaks anew`);
    assert.is(await share('auto'), 1, `${p.name}: auto`);
  }
});

test.run();
