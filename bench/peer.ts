/**
 * One engine setting the A3 page, in its own process: `node dist/bench/peer.js <engine> <dir> <warm runs>`.
 * Renders once from the files in <dir> (that first render is what a cold process pays), then
 * <warm runs> more in the same process, each with fresh text, and prints {first, warm[]} in ms.
 * Engines: banmian, typst, react-pdf.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { a3Points, banmianText, bodyParagraphs, reactPdfColumns, typstSource, variantParagraphs, banmianParagraphs, A3 } from './a3.js';
import { SERIF_TTF } from './util.js';

type Render = (k: number) => Promise<Uint8Array>;

const [engine, dir, warmArg = '0'] = process.argv.slice(2);
const warmRuns = Number(warmArg);

async function banmian(): Promise<Render> {
  const { fastStart } = await import('../src/warmup.js');
  await fastStart();
  const { renderPage } = await import('../src/pipeline.js');
  const layout = join(dir, 'a3.json');
  const paragraphs = bodyParagraphs();
  return async (k) => {
    const page = await renderPage(layout, k === 0 ? { root: dir } : { root: dir, text: banmianText(variantParagraphs(paragraphs, k)) });
    if (page.report.overflowChars) throw new Error(`banmian A3: ${page.report.overflowChars} characters overflow`);
    return page.pdf;
  };
}

async function typst(): Promise<Render> {
  const { NodeCompiler } = await import('@myriaddreamin/typst-ts-node-compiler');
  const compiler = NodeCompiler.create({ fontArgs: [{ fontPaths: [join(SERIF_TTF, '..')] }] });
  const first = readFileSync(join(dir, 'a3.typ'), 'utf8');
  const paragraphs = banmianParagraphs(bodyParagraphs());
  return async (k) => {
    const src = k === 0 ? first : typstSource(variantParagraphs(paragraphs, k));
    const doc = compiler.compile({ mainFileContent: src });
    if (!doc.result) throw new Error(`typst: ${JSON.stringify(doc.takeDiagnostics?.() ?? doc)}`);
    return compiler.pdf(doc.result);
  };
}

async function reactPdf(): Promise<Render> {
  const [{ createElement: h }, pdf] = await Promise.all([import('react'), import('@react-pdf/renderer')]);
  const { Document, Page, View, Text, Font, renderToBuffer } = pdf as any;
  Font.register({ family: 'Noto Serif SC', src: SERIF_TTF });
  // react-pdf would hyphenate CJK runs as if they were words; break between any two characters instead.
  Font.registerHyphenationCallback((word: string) => [...word].flatMap((c) => [c, '']).slice(0, -1));
  const p = a3Points();
  const colWidth = (p.width - 2 * p.margin - (A3.columns - 1) * p.gutter) / A3.columns;
  const base = JSON.parse(readFileSync(join(dir, 'a3-paragraphs.json'), 'utf8')) as string[];
  return async (k) => {
    const cols = reactPdfColumns(variantParagraphs(base, k));
    const doc = h(
      Document,
      null,
      h(
        Page,
        { size: 'A3', style: { padding: p.margin, flexDirection: 'row', fontFamily: 'Noto Serif SC', fontSize: A3.size, lineHeight: A3.leading / A3.size } },
        ...cols.map((paras, i) => h(View, { key: i, style: { width: colWidth, marginRight: i < A3.columns - 1 ? p.gutter : 0 } }, ...paras.map((t, j) => h(Text, { key: j, style: { textAlign: 'justify', textIndent: A3.indentEm * A3.size } }, t)))),
      ),
    );
    return new Uint8Array(await renderToBuffer(doc));
  };
}

const engines: Record<string, () => Promise<Render>> = { banmian, typst, 'react-pdf': reactPdf };
const make = engines[engine];
if (!make || !dir) {
  console.error(`usage: peer.js <${Object.keys(engines).join('|')}> <dir> [warm runs]`);
  process.exit(2);
}
const t0 = performance.now();
const render = await make();
const pdf = await render(0);
const first = performance.now() - t0;
writeFileSync(join(dir, `a3-${engine}.pdf`), pdf);
const warm: number[] = [];
for (let k = 1; k <= warmRuns; k++) {
  const t = performance.now();
  await render(k);
  warm.push(performance.now() - t);
}
process.stdout.write(JSON.stringify({ engine, first, warm, bytes: pdf.length }) + '\n');
