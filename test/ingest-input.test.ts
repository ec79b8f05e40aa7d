// Bad and unusual input for ingest and `banmian inspect`: empty, binary, GB18030, UTF-16 with and
// without a byte order mark, 10 MB of text. A clear message or a correct result, never a crash.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InputError } from '../src/errors.js';
import { checkConservation, decodeText, ingest } from '../src/ingest/index.js';
import { ROOT, SAMPLE_TEXT } from './helpers/sample.js';
import { encodeGb18030, encodeUtf16, sampleSource, sampleText } from './helpers/variants.js';

function throwsInputError(fn: () => unknown, pattern: RegExp) {
  try {
    fn();
  } catch (e) {
    assert.instance(e, InputError);
    assert.match((e as Error).message, pattern);
    return;
  }
  assert.unreachable(`no error, expected ${pattern}`);
}

/** Deterministic pseudo-random bytes. */
function noise(n: number, seed = 7): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) out[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  return out;
}

test('empty input, blank input, a lone byte order mark: a message naming the file', () => {
  throwsInputError(() => ingest(new Uint8Array(0), {}, 'a.txt'), /^a\.txt: the file is empty$/);
  throwsInputError(() => ingest('', {}, 'b.txt'), /^b\.txt: there is no text in it$/);
  throwsInputError(() => ingest(new TextEncoder().encode(' \n\r\n\t\u3000\n'), {}, 'c.txt'), /^c\.txt: there is no text in it \(only spaces and blank lines\)$/);
  throwsInputError(() => ingest(new Uint8Array([0xef, 0xbb, 0xbf]), {}, 'd.txt'), /^d\.txt: there is no text in it$/);
});

test('binary files are refused and named', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...noise(4000)]);
  throwsInputError(() => ingest(png, {}, 'x.png'), /x\.png: this is a PNG image, not extracted text/);
  const pdf = new Uint8Array([...new TextEncoder().encode('%PDF-1.7\n'), ...noise(4000), 0]);
  throwsInputError(() => ingest(pdf, {}, 'x.pdf'), /x\.pdf: this is a PDF file, not extracted text \(extract its text first/);
  throwsInputError(() => ingest(noise(100_000, 3), {}, 'x.bin'), /x\.bin: this is a binary file, not extracted text/);
});

/** The sample without U+FFFD, which GB18030 encodes only as four bytes. */
const cleanSample = () => sampleText().replace(/\uFFFD/g, '');

test('GB18030 text is detected and decoded: the same blocks as the UTF-8 text', () => {
  const text = cleanSample();
  const source = ingest(encodeGb18030(text), {}, 'gb.txt');
  assert.is(source.encoding, 'gb18030');
  assert.equal(source.blocks, ingest(text).blocks);
  assert.ok(checkConservation(text, source).ok);
});

for (const [endian, bom] of [
  ['le', true],
  ['be', true],
  ['le', false],
  ['be', false],
] as const) {
  test(`UTF-16${endian.toUpperCase()} ${bom ? 'with' : 'without'} a byte order mark is detected and decoded`, () => {
    const text = sampleText();
    const bytes = encodeUtf16(text, endian, bom);
    const { text: decoded, encoding } = decodeText(bytes, 'u16.txt');
    assert.is(encoding, `utf-16${endian}${bom ? '' : ' (no BOM)'}`);
    assert.is(decoded, text);
    const source = ingest(bytes);
    assert.equal(source.blocks, sampleSource().blocks);
    assert.ok(checkConservation(decoded, source).ok);
  });
}

test('UTF-8 with a byte order mark', () => {
  const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(sampleText())]);
  const source = ingest(bytes);
  assert.is(source.encoding, 'utf-8 (BOM)');
  assert.equal(source.blocks, sampleSource().blocks);
});

test('control characters, zero-width spaces and a BOM inside the text are dropped with their places', () => {
  const text = sampleText().replace('会议宣读了', '会议\u0007宣\u200B读了').replace('■', '\uFEFF■');
  const source = ingest(text);
  assert.ok(checkConservation(text, source).ok);
  assert.equal(
    source.dropped.filter((d) => d.reason === 'control-character').map((d) => [d.line, d.column, d.text]),
    [
      [14, 3, '\u0007'],
      [14, 5, '\u200B'],
      [467, 1, '\uFEFF'],
    ],
  );
  assert.ok(source.blocks.find((b) => b.id === 'article-1')!.paragraphs[1].startsWith('会议宣读了'));
});

test('10 MB of text (the page 800 times over): every page found, every character kept', () => {
  const page = sampleText();
  const reps = Math.ceil(10_000_000 / Buffer.byteLength(page));
  const text = Array(reps).fill(page).join('\n');
  const source = ingest(new TextEncoder().encode(text));
  assert.is(source.blocks.filter((b) => b.kind === 'article').length, 6 * reps);
  assert.is(source.blocks.filter((b) => b.kind === 'headline-group').length, 4 * reps);
  // Each page's headlines pair with that page's articles.
  const pairs = source.blocks.filter((b) => b.pairedWith).map((b) => Number(b.pairedWith!.article.slice('article-'.length)) % 6);
  assert.equal([...new Set(pairs)].sort(), [2, 3, 4, 5]);
  assert.ok(checkConservation(text, source).ok);
});

test('one line of 1 MB with no line break at all: one block, every character kept', () => {
  const text = '全区上下以习近平新时代中国特色社会主义思想为指导，深入实施“四大战略”。'.repeat(9000);
  const source = ingest(text);
  assert.is(source.blocks.length, 1);
  assert.ok(checkConservation(text, source).ok);
});

const BIN = resolve(ROOT, 'bin/banmian.js');
const inspect = (...args: string[]) => spawnSync(process.execPath, [BIN, 'inspect', ...args], { encoding: 'utf8' });

test('banmian inspect exits 2 with the message for bad input, never a stack', () => {
  const dir = mkdtempSync(join(tmpdir(), 'banmian-ingest-'));
  const cases: [string, Uint8Array, RegExp][] = [
    ['empty.txt', new Uint8Array(0), /empty\.txt: the file is empty/],
    ['blank.txt', new TextEncoder().encode('\n \n'), /blank\.txt: there is no text in it/],
    ['noise.bin', noise(5000), /noise\.bin: this is a binary file/],
  ];
  for (const [name, bytes, message] of cases) {
    writeFileSync(join(dir, name), bytes);
    const r = inspect(join(dir, name));
    assert.is(r.status, 2, `${name}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.not.match(r.stderr, /internal error|\n\s+at /);
    assert.is(r.stdout, '');
  }
  const missing = inspect(join(dir, 'nothing-here.txt'));
  assert.is(missing.status, 2);
  assert.match(missing.stderr, /nothing-here\.txt: file not found \(ENOENT\)/);
});

test('banmian inspect prints a table and --json the documented structure; --corrections applies them', () => {
  const table = inspect(SAMPLE_TEXT);
  assert.is(table.status, 0, table.stderr);
  const rows = table.stdout.split('\n');
  assert.match(rows[0], /^id\s+kind\s+line\s+paras\s+text$/);
  for (const b of sampleSource().blocks) assert.ok(rows.some((r) => new RegExp(`^${b.id}\\s+${b.kind}\\s+${b.lineLength}\\s+${b.paragraphs.length}\\s`).test(r)), b.id);
  assert.ok(table.stdout.includes('line 25 22001199→2019'));

  const json = inspect('--json', SAMPLE_TEXT);
  assert.is(json.status, 0, json.stderr);
  const parsed = JSON.parse(json.stdout);
  assert.equal(Object.keys(parsed).sort(), ['blocks', 'collapses', 'corrections', 'dropped', 'encoding']);
  assert.equal(parsed.blocks, JSON.parse(JSON.stringify(sampleSource().blocks)));
  for (const b of parsed.blocks) for (const key of ['id', 'kind', 'paragraphs', 'lineLength', 'lines', 'source']) assert.ok(key in b, `${b.id} lacks ${key}`);

  const corrected = JSON.parse(inspect('--json', '--corrections', SAMPLE_TEXT).stdout);
  assert.is(corrected.corrections.length, 3);
  assert.ok(corrected.blocks.find((b: { id: string }) => b.id === 'vertical-1').subtitle.includes('二〇一九'));
});

test.run();
