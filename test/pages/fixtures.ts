/**
 * Damaged-text-layer fixtures for the PDF reader's tests: small one-article pages, each with one
 * kind of damage found in archive PDFs, and a truth that says what text is really there.
 *
 * - fake-bold-overprint: the headline drawn twice, the second copy 0.2 pt to the right
 * - fake-bold-stroke: the headline drawn with text render mode 2 (fill, then stroke)
 * - no-tounicode: the body's CID font has no ToUnicode map and its subset no cmap
 * - digit-widths: digits drawn half-width, each glyph placed by the content stream, while the
 *   font's /W claims a full em for them (their boxes overlap the next character)
 * - vertical-identity-v: a vertical headline in an Identity-V font
 * - vertical-one-char-lines: a vertical headline drawn as one-character horizontal lines, columns right to left
 * - scan: an image of a page and no text layer
 * - clean: nothing wrong (the base of the next three)
 * - encrypted-user: needs a password to open (qpdf --encrypt, AES-128)
 * - encrypted-owner: opens without a password, permissions restricted
 * - two-pages: an article on each of two pages
 *
 * The text is synthetic (it describes no real events).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { embedFont, jpegImage, MiniPdf, num, type EmbeddedFont } from './minipdf.js';
import type { Damage, FixtureLine, FixtureTruth } from './truth.js';

const require = createRequire(import.meta.url);
const SERIF = require.resolve('@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf');
const SANS_BOLD = require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf');
const SANS = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');

/** Fixture pages are A5-sized: small, but with room for a headline and a short article. */
const W = 420;
const H = 595;

export interface Fixture {
  name: string;
  pdf: Buffer;
  truth: FixtureTruth;
}

const HEADLINE = '高新区一季度产值增长12.6%';
const BYLINE = '本报讯（记者 林晓 通讯员 程立新）';
const BODY = [
  '4月12日，记者从青禾高新区获悉，一季度全区规模',
  '以上工业产值同比增长12.6%，其中新能源装备、LED',
  '显示等产业增速超过20%。“订单已经排到了年底，我',
  '们正在招工扩产。”一家企业负责人说。截至3月底，',
  '全区新签约亿元以上项目18个——总投资96亿元。',
];

/** Content stream builder: y is measured from the top of the page, as in the truth. */
class Ops {
  readonly out: string[] = [];
  readonly lines: FixtureLine[] = [];

  /** One horizontal line of text at baseline y, advancing by the font's widths (a Tj). */
  line(name: string, f: EmbeddedFont, size: number, x: number, y: number, text: string, opts: { mode?: number; stroke?: number; bold?: boolean; record?: boolean } = {}) {
    const mode = opts.mode ?? 0;
    // A space is a gap of half an em (a TJ adjustment), as typesetters write it: no glyph.
    const runs = text.split(' ').map((t) => f.encode(t));
    const show = runs.length > 1 ? `[${runs.join(' -500 ')}] TJ` : `${runs[0]} Tj`;
    // Render mode is graphics state: q/Q keeps it from leaking into the next lines.
    this.out.push(`q BT /${name} ${num(size)} Tf ${mode ? `${mode} Tr ${num(opts.stroke ?? 0.3)} w ` : ''}1 0 0 1 ${num(x)} ${num(H - y)} Tm ${show} ET Q`);
    if (opts.record !== false) this.lines.push({ text, x, y, size, ...(opts.bold ? { bold: true } : {}) });
  }

  /** One line with every glyph placed explicitly: a Tj per glyph, then a Td by the glyph's real advance. */
  placed(name: string, f: EmbeddedFont, size: number, x: number, y: number, text: string) {
    const parts = [`BT /${name} 1 Tf ${num(size)} 0 0 ${num(size)} ${num(x)} ${num(H - y)} Tm`];
    for (const ch of text) parts.push(`${f.encode(ch)} Tj ${num(f.advance(ch) / 1000)} 0 Td`);
    parts.push('ET');
    this.out.push(parts.join('\n'));
    this.lines.push({ text, x, y, size, placed: true });
  }

  /** A vertical line in an Identity-V font: (x, y) the top-left of the first character's em box. */
  vertical(name: string, size: number, f: EmbeddedFont, x: number, y: number, text: string) {
    // The current point of a vertical glyph is the top centre of its em box (DW2 [880 -1000] places the
    // horizontal origin 0.88 em below it), and each glyph moves the point down by one em.
    this.out.push(`BT /${name} ${num(size)} Tf 1 0 0 1 ${num(x + size / 2)} ${num(H - y)} Tm ${f.encode(text)} Tj ET`);
    this.lines.push({ text, x, y, size, vertical: true });
  }

  raw(s: string) {
    this.out.push(s);
  }
  get content() {
    return this.out.join('\n');
  }
}

/** The article body lines in the serif, ToUnicode present unless told. */
function article(pdf: MiniPdf, ops: Ops, opts: { bodyToUnicode?: boolean; top?: number; x?: number; headline?: 'plain' | 'none' } = {}) {
  const top = opts.top ?? 60;
  const x = opts.x ?? 40;
  const fonts: Record<string, number> = {};
  if (opts.headline !== 'none') {
    const head = embedFont(pdf, SANS_BOLD, 'AAAAAA', HEADLINE);
    fonts.F1 = head.ref;
    ops.line('F1', head, 20, x, top + 20 * 0.88, HEADLINE);
  }
  const by = embedFont(pdf, SANS, 'AAAAAB', BYLINE);
  fonts.F2 = by.ref;
  ops.line('F2', by, 9, x, top + 48, BYLINE);
  const body = embedFont(pdf, SERIF, 'AAAAAC', BODY.join(''), { toUnicode: opts.bodyToUnicode });
  fonts.F3 = body.ref;
  BODY.forEach((l, i) => ops.line('F3', body, 10, x, top + 70 + i * 16, l));
  return fonts;
}

function truthOf(name: string, description: string, damage: Damage[], ops: Ops[], images: { x: number; y: number; w: number; h: number }[][] = []): FixtureTruth {
  return { name, description, damage, pages: ops.map((o, i) => ({ width: W, height: H, lines: o.lines, images: (images[i] ?? []).map((b) => ({ box: b })) })) };
}

function fakeBoldOverprint(): Fixture {
  const pdf = new MiniPdf();
  const ops = new Ops();
  const head = embedFont(pdf, SANS, 'AAAAAD', HEADLINE);
  // Two copies, the second 0.2 pt to the right: a typesetter's fake bold for a face it has no bold of.
  ops.line('F0', head, 20, 40, 60 + 20 * 0.88, HEADLINE, { bold: true });
  ops.line('F0', head, 20, 40.2, 60 + 20 * 0.88, HEADLINE, { record: false });
  const fonts = { F0: head.ref, ...article(pdf, ops, { headline: 'none' }) };
  pdf.page(W, H, ops.content, fonts);
  return { name: 'fake-bold-overprint', pdf: pdf.bytes('fake bold: overprinted copies'), truth: truthOf('fake-bold-overprint', 'Headline drawn twice, 0.2 pt apart (fake bold); body clean.', [{ kind: 'fake-bold-overprint', copies: 2, offset: 0.2 }], [ops]) };
}

function fakeBoldStroke(): Fixture {
  const pdf = new MiniPdf();
  const ops = new Ops();
  const head = embedFont(pdf, SANS, 'AAAAAD', HEADLINE);
  ops.line('F0', head, 20, 40, 60 + 20 * 0.88, HEADLINE, { mode: 2, stroke: 0.4, bold: true });
  const fonts = { F0: head.ref, ...article(pdf, ops, { headline: 'none' }) };
  pdf.page(W, H, ops.content, fonts);
  return { name: 'fake-bold-stroke', pdf: pdf.bytes('fake bold: fill and stroke'), truth: truthOf('fake-bold-stroke', 'Headline drawn with text render mode 2 (fill then stroke, 0.4 pt): fake bold; body clean.', [{ kind: 'fake-bold-stroke', renderMode: 2, strokeWidth: 0.4 }], [ops]) };
}

function noToUnicode(): Fixture {
  const pdf = new MiniPdf();
  const ops = new Ops();
  const fonts = article(pdf, ops, { bodyToUnicode: false });
  pdf.page(W, H, ops.content, fonts);
  return {
    name: 'no-tounicode',
    pdf: pdf.bytes('no ToUnicode'),
    truth: truthOf('no-tounicode', 'Body font: Identity-H CID font, no ToUnicode map, subset without cmap: the glyphs’ characters are unknown to a reader. Headline and byline fonts are fine.', [{ kind: 'no-tounicode', font: 'AAAAAC+NotoSerifSC-Regular' }], [ops]),
  };
}

const DATED = ['2023年4月18日上午，东河区第3届农民丰收节在', '桃源村开幕，全区128家合作社参展，现场成交额', '达356.5万元，同比增长18.2%。'];

function digitWidths(): Fixture {
  const pdf = new MiniPdf();
  const ops = new Ops();
  const fonts = article(pdf, ops);
  // Digits, the point and the percent sign claim a full em in /W, as in pages from Founder's PDF
  // writer, while the content stream moves on by their real (about half-em) advance after each glyph.
  const claimsFull = (ch: string) => (/[0-9.%]/.test(ch) ? 1000 : undefined);
  const f = embedFont(pdf, SERIF, 'AAAAAE', DATED.join(''), { claimedWidth: claimsFull });
  DATED.forEach((l, i) => ops.placed('F4', f, 10, 40, 250 + i * 16, l));
  pdf.page(W, H, ops.content, { ...fonts, F4: f.ref });
  const advance = Math.max(...[...'0123456789'].filter((d) => DATED.join('').includes(d)).map((d) => f.advance(d)));
  return {
    name: 'digit-widths',
    pdf: pdf.bytes('digit widths'),
    truth: truthOf('digit-widths', 'Three lines set glyph by glyph (Tj, then Td by the real advance); the font claims 1000/1000 em for digits, . and %, whose real advance is about half that, so each digit’s box overlaps the next character.', [{ kind: 'digit-widths', claimed: 1000, advance, font: 'AAAAAE+NotoSerifSC-Regular' }], [ops]),
  };
}

const VERTICAL = ['春风化雨润万家', '同心共筑幸福城'];

function verticalIdentityV(): Fixture {
  const pdf = new MiniPdf();
  const ops = new Ops();
  const fonts = article(pdf, ops, { headline: 'none', top: 40, x: 40 });
  const f = embedFont(pdf, SANS_BOLD, 'AAAAAF', VERTICAL.join(''), { vertical: true });
  // Two columns, right to left.
  VERTICAL.forEach((col, i) => ops.vertical('F5', 26, f, W - 40 - 26 - i * 34, 40, col));
  pdf.page(W, H, ops.content, { ...fonts, F5: f.ref });
  return { name: 'vertical-identity-v', pdf: pdf.bytes('vertical headline, Identity-V'), truth: truthOf('vertical-identity-v', 'A two-column vertical headline in an Identity-V font at the right; the article horizontal.', [{ kind: 'vertical-identity-v', font: 'AAAAAF+NotoSansSC-Bold' }], [ops]) };
}

function verticalOneCharLines(): Fixture {
  const pdf = new MiniPdf();
  const ops = new Ops();
  const fonts = article(pdf, ops, { headline: 'none', top: 40, x: 40 });
  const f = embedFont(pdf, SANS_BOLD, 'AAAAAF', VERTICAL.join(''));
  const size = 26;
  const lines: FixtureLine[] = [];
  VERTICAL.forEach((col, i) => {
    const x = W - 40 - size - i * 34;
    [...col].forEach((ch, k) => ops.line('F5', f, size, x, 40 + k * size * 1.1 + size * 0.88, ch, { record: false }));
    lines.push({ text: col, x, y: 40, size, vertical: true });
  });
  ops.lines.push(...lines);
  pdf.page(W, H, ops.content, { ...fonts, F5: f.ref });
  return { name: 'vertical-one-char-lines', pdf: pdf.bytes('vertical headline, one character a line'), truth: truthOf('vertical-one-char-lines', 'A two-column vertical headline drawn as horizontal one-character lines (1.1 em apart), columns right to left; the article horizontal. Truth lines: each column as one vertical line.', [{ kind: 'vertical-one-char-lines' }], [ops]) };
}

/** A gray page image: columns of text-like strokes under a headline bar, like a scanned page. */
async function scan(): Promise<Fixture> {
  const pw = 437;
  const ph = 620;
  const strokes: string[] = [`<rect x="40" y="40" width="300" height="26" fill="#333"/>`];
  for (let c = 0; c < 2; c++)
    for (let r = 0; r < 38; r++) {
      const len = r % 9 === 8 ? 90 : 170;
      strokes.push(`<rect x="${40 + c * 190 + (r % 9 === 0 ? 14 : 0)}" y="${90 + r * 13}" width="${len - (r % 9 === 0 ? 14 : 0)}" height="6" fill="#555"/>`);
    }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${pw}" height="${ph}"><rect width="${pw}" height="${ph}" fill="#f4f1ea"/>${strokes.join('')}</svg>`;
  const jpeg = await sharp(Buffer.from(svg)).flatten({ background: '#ffffff' }).blur(0.6).toColourspace('b-w').jpeg({ quality: 70 }).toBuffer();
  const pdf = new MiniPdf();
  const img = jpegImage(pdf, jpeg, pw, ph, true);
  pdf.page(W, H, `q ${W} 0 0 ${H} 0 0 cm /Im1 Do Q`, {}, { Im1: img });
  const ops = new Ops();
  return { name: 'scan', pdf: pdf.bytes('scan'), truth: truthOf('scan', 'A scanned page: one gray JPEG over the whole page, no text layer at all.', [{ kind: 'no-text-layer' }], [ops], [[{ x: 0, y: 0, w: W, h: H }]]) };
}

function clean(): Fixture {
  const pdf = new MiniPdf();
  const ops = new Ops();
  const fonts = article(pdf, ops);
  pdf.page(W, H, ops.content, fonts);
  return { name: 'clean', pdf: pdf.bytes('clean'), truth: truthOf('clean', 'One article, nothing wrong with its text layer.', [{ kind: 'none' }], [ops]) };
}

function twoPages(): Fixture {
  const pdf = new MiniPdf();
  const first = new Ops();
  const fonts = article(pdf, first);
  const second = new Ops();
  const f = embedFont(pdf, SERIF, 'AAAAAG', DATED.join(''));
  const head2 = embedFont(pdf, SANS_BOLD, 'AAAAAH', '丰收节开幕');
  second.line('F7', head2, 20, 40, 60 + 20 * 0.88, '丰收节开幕');
  DATED.forEach((l, i) => second.line('F6', f, 10, 40, 100 + i * 16, l));
  pdf.page(W, H, first.content, fonts);
  pdf.page(W, H, second.content, { F6: f.ref, F7: head2.ref });
  return { name: 'two-pages', pdf: pdf.bytes('two pages'), truth: truthOf('two-pages', 'Two pages, one article each, clean text layers.', [{ kind: 'two-pages' }], [first, second]) };
}

/**
 * qpdf --encrypt with AES-128 (revision 4), with qpdf's fixed ID and IV so that the bytes are the same
 * every run (AES-256 draws random salts that no option fixes).
 */
function encrypt(base: Buffer, user: string, owner: string, extra: string[] = []): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'banmian-fixture-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), base);
    try {
      execFileSync('qpdf', ['--static-id', '--static-aes-iv', '--encrypt', user, owner, '128', '--use-aes=y', ...extra, '--', join(dir, 'in.pdf'), join(dir, 'out.pdf')], { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('qpdf is not installed: apt-get install qpdf (the encrypted fixtures are made with it)');
      throw e;
    }
    return readFileSync(join(dir, 'out.pdf'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function makeFixtures(): Promise<Fixture[]> {
  const base = clean();
  const user = { userPassword: 'banmian-user', ownerPassword: 'banmian-owner' };
  return [
    fakeBoldOverprint(),
    fakeBoldStroke(),
    noToUnicode(),
    digitWidths(),
    verticalIdentityV(),
    verticalOneCharLines(),
    await scan(),
    base,
    {
      name: 'encrypted-user',
      pdf: encrypt(base.pdf, user.userPassword, user.ownerPassword),
      truth: { ...base.truth, name: 'encrypted-user', description: 'The clean article, AES-128 encrypted with a user password: it does not open without one.', damage: [{ kind: 'encrypted', method: 'AES-128', ...user }] },
    },
    {
      name: 'encrypted-owner',
      pdf: encrypt(base.pdf, '', user.ownerPassword, ['--extract=n', '--modify=none']),
      truth: { ...base.truth, name: 'encrypted-owner', description: 'The clean article, AES-128 encrypted with an owner password only (opens without one; extraction not permitted).', damage: [{ kind: 'encrypted', method: 'AES-128', userPassword: '', ownerPassword: user.ownerPassword }] },
    },
    twoPages(),
  ];
}
