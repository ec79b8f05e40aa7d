import { resolve, dirname } from 'node:path';
import PDFDocument from 'pdfkit';
import type { FontBook } from '../fonts/fontbook.js';
import type { Frame } from '../layout/index.js';
import { toPt, type Layout } from '../model/index.js';
import type { SetText } from '../typeset/index.js';
import { toCmyk, type Cmyk } from './color.js';
import { prepareImage } from './images.js';
import { writeLines, type EmbeddedFontLike } from './text.js';

export interface RenderOptions {
  /** Document date (ISO yyyy-mm-dd); default: the page header's date, else 2000-01-01, so output is reproducible. */
  date?: string;
  /** Draw frames and the character grid. */
  debug?: boolean;
}

const GRAY_PLACEHOLDER: Cmyk = [0, 0, 0, 0.35];
const pct = (c: Cmyk) => c.map((v) => v * 100) as [number, number, number, number];

/** Draw the page: frames (photos, boxes, rules, strips), then the set text. Returns the PDF bytes. */
export async function renderPdf(layout: Layout, frames: readonly Frame[], set: SetText, fonts: FontBook, options: RenderOptions = {}): Promise<Uint8Array> {
  const { page } = layout;
  const date = new Date(`${options.date ?? page.header?.date ?? '2000-01-01'}T00:00:00Z`);
  const title = page.header ? `${page.header.paper} ${page.header.date} 第${page.header.page}版${page.header.section ? ` ${page.header.section}` : ''}` : layout.name;
  const doc = new PDFDocument({
    size: [page.width, page.height],
    margin: 0,
    autoFirstPage: true,
    compress: true,
    pdfVersion: '1.7',
    lang: 'zh-CN',
    displayTitle: true,
    info: { Title: title, Creator: 'banmian', Producer: 'banmian', CreationDate: date, ModDate: date },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((ok, fail) => {
    doc.on('end', ok);
    doc.on('error', fail);
  });

  for (const face of fonts.opened()) doc.registerFont(face.key, face.font as unknown as string);
  const embedded = new Map<string, EmbeddedFontLike>();
  const internal = doc as unknown as { _font: EmbeddedFontLike; page: { fonts: Record<string, unknown> }; addContent(s: string): void };
  const useFont = (key: string) => {
    let f = embedded.get(key);
    if (!f) {
      doc.font(key);
      f = internal._font;
      embedded.set(key, f);
    }
    if (!internal.page.fonts[f.id]) internal.page.fonts[f.id] = f.ref();
    return f;
  };

  for (const frame of frames) await drawFrame(doc, frame, layout);
  writeLines({ addContent: (s) => internal.addContent(s), useFont, pageHeight: page.height }, set.stories.flatMap((s) => s.lines));
  if (options.debug) drawDebug(doc, frames, layout);

  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

async function drawFrame(doc: PDFKit.PDFDocument, frame: Frame, layout: Layout) {
  const r = frame.region;
  const { x, y, width, height } = frame.box;
  const ctx = { em: layout.styles.body.size, line: layout.styles.body.leading };
  switch (r.kind) {
    case 'photo': {
      const img = frame.image!;
      if (r.image) {
        const file = resolve(dirname(layout.file), r.image);
        const prepared = await prepareImage(file, img.width, img.height, { fit: r.fit, grayscale: r.grayscale, where: `${layout.file}: region "${r.id}"` });
        doc.image(prepared.data, img.x, img.y, { width: img.width, height: img.height });
      } else {
        doc.save().rect(img.x, img.y, img.width, img.height).fill(pct(GRAY_PLACEHOLDER)).restore();
      }
      return;
    }
    case 'box': {
      const border = r.border !== undefined ? toPt(r.border, ctx) : 0.75;
      if (r.tint) doc.save().rect(x, y, width, height).fill(pct(toCmyk(r.tint))).restore();
      if (border > 0) doc.save().lineWidth(border).rect(x + border / 2, y + border / 2, width - border, height - border).stroke(pct([0, 0, 0, 1])).restore();
      return;
    }
    case 'strip':
      if (r.tint) doc.save().rect(x, y, width, height).fill(pct(toCmyk(r.tint))).restore();
      return;
    case 'rule': {
      const weight = r.weight !== undefined ? toPt(r.weight, ctx) : 0.5;
      const color = pct(r.color ? toCmyk(r.color) : [0, 0, 0, 1]);
      doc.save().lineWidth(weight);
      if (width >= height) doc.moveTo(x, y + height / 2).lineTo(x + width, y + height / 2);
      else doc.moveTo(x + width / 2, y).lineTo(x + width / 2, y + height);
      doc.stroke(color).restore();
      return;
    }
    case 'article': {
      if (!r.columnRules || frame.columns.length < 2) return;
      doc.save().lineWidth(0.3);
      for (let k = 1; k < frame.columns.length; k++) {
        const a = frame.columns[k - 1];
        const b = frame.columns[k];
        const mid = (a.x + a.width + b.x) / 2;
        doc.moveTo(mid, b.y).lineTo(mid, b.y + b.height);
      }
      doc.stroke(pct([0, 0, 0, 1])).restore();
      return;
    }
  }
}

/** --debug: frame outlines and the body character grid of every text column. */
function drawDebug(doc: PDFKit.PDFDocument, frames: readonly Frame[], layout: Layout) {
  const body = layout.styles.body;
  doc.save().lineWidth(0.2);
  for (const f of frames) {
    doc.rect(f.box.x, f.box.y, f.box.width, f.box.height).stroke([0, 100, 100, 0]);
    for (const c of f.columns) {
      doc.rect(c.x, c.y, c.width, c.height).stroke([100, 0, 0, 0]);
      if (f.kind !== 'article' && f.kind !== 'box') continue;
      for (let gx = c.x + body.size; gx < c.x + c.width - 0.1; gx += body.size) doc.moveTo(gx, c.y).lineTo(gx, c.y + c.height);
      for (let gy = c.y + body.leading; gy < c.y + c.height - 0.1; gy += body.leading) doc.moveTo(c.x, gy).lineTo(c.x + c.width, gy);
      doc.stroke([30, 0, 0, 0]);
    }
  }
  doc.restore();
}
