import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compact } from './helpers/pdf.js';
import { openWith, pageLayout, type TextItem } from './helpers/pdf-layout.js';
import { qpdfCheck } from './helpers/qpdf.js';
import { generated } from './pages/generate.js';
import type { FixtureTruth } from './pages/truth.js';

const fixture = async (name: string) => {
  const f = (await generated()).fixtures.find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f;
};

/** Runs starting at the truth line's origin (within half a point), joined. */
const at = (items: TextItem[], x: number, y: number) => items.filter((it) => Math.abs(it.x - x) < 0.5 && Math.abs(it.y - y) < 0.5);

test('fixtures: all there, each a well-formed PDF with a truth', async () => {
  const { fixtures } = await generated();
  assert.equal(fixtures.map((f) => f.name).sort(), [
    'clean',
    'digit-widths',
    'encrypted-owner',
    'encrypted-user',
    'fake-bold-overprint',
    'fake-bold-stroke',
    'no-tounicode',
    'scan',
    'two-pages',
    'vertical-identity-v',
    'vertical-one-char-lines',
  ]);
  for (const f of fixtures) {
    if (f.name !== 'encrypted-user') assert.is(qpdfCheck(f.pdf).status, 0, `${f.name}: qpdf --check`);
    assert.ok(f.truth.damage.length > 0 && f.truth.pages.length > 0, f.name);
  }
});

test('clean and two-pages: every truth line is where the truth says, with its text', async () => {
  for (const name of ['clean', 'two-pages', 'fake-bold-overprint', 'fake-bold-stroke', 'digit-widths']) {
    const f = await fixture(name);
    for (let p = 0; p < f.truth.pages.length; p++) {
      const layout = await pageLayout(f.pdf, p + 1);
      for (const line of f.truth.pages[p].lines.filter((l) => !l.vertical)) {
        // The line's runs: from its origin along its baseline.
        const runs = layout.items.filter((it) => Math.abs(it.y - line.y) < 0.5 && it.x >= line.x - 0.5);
        assert.ok(at(layout.items, line.x, line.y).length > 0, `${name} p${p + 1}: nothing at ${line.x},${line.y}`);
        assert.ok(compact(runs.map((r) => r.str).join('')).startsWith(compact(line.text)), `${name} p${p + 1}: ${line.text}`);
      }
    }
  }
  assert.is((await openWith((await fixture('two-pages')).pdf)).numPages, 2);
});

test('fake bold overprint: pdf.js shows the headline twice, the copies 0.2 pt apart on one baseline', async () => {
  const f = await fixture('fake-bold-overprint');
  const layout = await pageLayout(f.pdf);
  const head = f.truth.pages[0].lines.find((l) => l.bold)!;
  const copies = layout.items.filter((it) => compact(it.str) === compact(head.text));
  assert.is(copies.length, 2);
  assert.ok(Math.abs(copies[0].y - copies[1].y) < 0.01);
  assert.ok(Math.abs(Math.abs(copies[1].x - copies[0].x) - 0.2) < 0.01, `offset ${copies[1].x - copies[0].x}`);
});

test('fake bold by stroke: the headline is shown once with text render mode 2 (fill, then stroke)', async () => {
  const f = await fixture('fake-bold-stroke');
  const layout = await pageLayout(f.pdf);
  const head = f.truth.pages[0].lines.find((l) => l.bold)!;
  assert.is(layout.items.filter((it) => compact(it.str) === compact(head.text)).length, 1);
  assert.ok(layout.renderModes.includes(2), `render modes ${layout.renderModes}`);
});

test('no ToUnicode: the body glyphs are there, but pdf.js cannot tell their characters', async () => {
  const f = await fixture('no-tounicode');
  const layout = await pageLayout(f.pdf);
  const text = compact(layout.items.map((it) => it.str).join(''));
  const [head, byline, ...body] = f.truth.pages[0].lines;
  assert.ok(text.includes(compact(head.text)) && text.includes(compact(byline.text)), 'headline and byline read fine');
  for (const line of body) {
    const runs = layout.items.filter((it) => Math.abs(it.y - line.y) < 0.5);
    assert.ok(runs.length > 0, `glyphs on the line at ${line.y}`);
    const got = runs.map((r) => r.str).join('');
    // None of the line's Chinese characters comes through.
    assert.not.ok([...line.text].some((c) => /\p{Script=Han}/u.test(c) && got.includes(c)), `${line.text} → ${JSON.stringify(got)}`);
  }
});

test('digit widths: each digit claims a full em, but the next character starts about half an em on', async () => {
  const f = await fixture('digit-widths');
  const layout = await pageLayout(f.pdf);
  const damage = f.truth.damage.find((d) => d.kind === 'digit-widths')!;
  assert.ok(damage.kind === 'digit-widths' && damage.claimed === 1000 && damage.advance < 600);
  let digits = 0;
  for (const line of f.truth.pages[0].lines.filter((l) => l.placed)) {
    const runs = layout.items.filter((it) => Math.abs(it.y - line.y) < 0.5).sort((a, b) => a.x - b.x);
    assert.is(runs.map((g) => g.str).join(''), line.text);
    // pdf.js ends a run after each digit (the next glyph is not where the digit's width says); the
    // run's box, from the claimed widths, reaches into the next one by about half an em.
    runs.forEach((r, i) => {
      if (!/\d$/.test(r.str) || i + 1 === runs.length) return;
      digits++;
      const overlap = r.x + r.width - runs[i + 1].x;
      assert.ok(overlap > 0.35 * line.size && overlap < 0.6 * line.size, `after ${r.str}: overlap ${overlap.toFixed(2)} pt`);
    });
  }
  assert.ok(digits >= 15, `${digits} digits checked`);
});

test('vertical, Identity-V: pdf.js reads the columns as vertical runs, right to left', async () => {
  const f = await fixture('vertical-identity-v');
  const layout = await pageLayout(f.pdf);
  const cols = f.truth.pages[0].lines.filter((l) => l.vertical);
  assert.is(cols.length, 2);
  for (const col of cols) {
    // pdf.js puts a vertical run's origin at the top centre of its first glyph.
    const run = layout.items.find((it) => it.vertical && Math.abs(it.x - (col.x + col.size / 2)) < 0.5 && Math.abs(it.y - col.y) < 0.5);
    assert.ok(run, `a vertical run at ${col.x},${col.y}`);
    assert.is(run!.str, col.text);
  }
  assert.ok(cols[0].x > cols[1].x, 'first column on the right');
});

test('vertical, one character a line: one run per character, stacked 1.1 em apart, columns right to left', async () => {
  const f = await fixture('vertical-one-char-lines');
  const layout = await pageLayout(f.pdf);
  const cols = f.truth.pages[0].lines.filter((l) => l.vertical);
  for (const col of cols) {
    const runs = layout.items.filter((it) => Math.abs(it.x - col.x) < 1 && !it.vertical).sort((a, b) => a.y - b.y);
    assert.is(runs.map((r) => r.str).join(''), col.text);
    assert.ok(runs.every((r) => [...r.str].length === 1));
    runs.slice(1).forEach((r, i) => assert.ok(Math.abs(r.y - runs[i].y - 1.1 * col.size) < 0.01));
  }
});

test('scan: no text at all, one image over the whole page', async () => {
  const f = await fixture('scan');
  const layout = await pageLayout(f.pdf);
  assert.is(layout.items.length, 0);
  assert.is(layout.images.length, 1);
  const [im] = layout.images;
  const { box } = f.truth.pages[0].images[0];
  assert.ok(Math.abs(im.x - box.x) < 0.01 && Math.abs(im.y - box.y) < 0.01 && Math.abs(im.w - box.w) < 0.01 && Math.abs(im.h - box.h) < 0.01);
});

test('encrypted with a user password: pdf.js asks for it; with it, the text is the clean article', async () => {
  const f = await fixture('encrypted-user');
  const damage = f.truth.damage[0] as Extract<FixtureTruth['damage'][number], { kind: 'encrypted' }>;
  const err = await openWith(f.pdf).then(
    () => null,
    (e: Error) => e,
  );
  assert.is(err?.name, 'PasswordException');
  const layout = await pageLayout(f.pdf, 1, damage.userPassword);
  const clean = await fixture('clean');
  const cleanLayout = await pageLayout(clean.pdf);
  assert.is(compact(layout.items.map((i) => i.str).join('')), compact(cleanLayout.items.map((i) => i.str).join('')));
});

test('encrypted with an owner password only: it opens, reads, and says it is restricted', async () => {
  const f = await fixture('encrypted-owner');
  const doc = await openWith(f.pdf);
  const permissions = await doc.getPermissions();
  await doc.destroy();
  assert.ok(Array.isArray(permissions), 'restricted');
  const layout = await pageLayout(f.pdf);
  assert.ok(compact(layout.items.map((i) => i.str).join('')).includes(compact(f.truth.pages[0].lines[0].text)));
});

test.run();
