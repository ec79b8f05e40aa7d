import type { FontBook } from '../fonts/fontbook.js';
import type { Frame } from '../layout/index.js';
import { MM, type Box, type Layout } from '../model/index.js';
import type { PlacedGlyph, SetLine, SetText } from '../typeset/index.js';
import { escapeXml } from '../xml.js';
import { BASELINE } from '../typeset/flow.js';

/**
 * ALTO 4 (the layout half of METS/ALTO newspaper digitization) for a set page: one TextBlock per
 * region story in reading order, a TextLine per set line, a String per character (Chinese has no
 * words; a run of Latin letters or digits is one String), with HPOS/VPOS/WIDTH/HEIGHT in mm10
 * (tenths of a millimetre) from the page's top left, as the typesetter placed them.
 */
export interface AltoOptions {
  /** The PDF this describes (sourceImageInformation/fileName). */
  fileName: string;
  /** Processing date (yyyy-mm-dd): the document date, so the file is reproducible. */
  date: string;
}

const NS = 'http://www.loc.gov/standards/alto/ns-v4#';
const mm10 = (pt: number) => Math.round((pt / MM) * 100) / 10;
/** An xsd:ID (NCName) from a region id. */
const xmlId = (prefix: string, s: string) => `${prefix}_${s.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
const pos = (b: Box) => `HPOS="${mm10(b.x)}" VPOS="${mm10(b.y)}" WIDTH="${mm10(b.width)}" HEIGHT="${mm10(b.height)}"`;

function union(boxes: Box[]): Box {
  const x0 = Math.min(...boxes.map((b) => b.x));
  const y0 = Math.min(...boxes.map((b) => b.y));
  const x1 = Math.max(...boxes.map((b) => b.x + b.width));
  const y1 = Math.max(...boxes.map((b) => b.y + b.height));
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

const WORD = /^[A-Za-z0-9]$/;

/** Cut a line's glyphs into Strings: each character alone, runs of Latin letters and digits together. */
function words(glyphs: readonly PlacedGlyph[]): PlacedGlyph[][] {
  const out: PlacedGlyph[][] = [];
  for (const g of glyphs) {
    const last = out[out.length - 1];
    if (last && WORD.test(g.text) && WORD.test(last[last.length - 1].text) && !g.run.rotate && Math.abs(g.run.y - last[0].run.y) < 0.01) last.push(g);
    else out.push([g]);
  }
  return out;
}

export function altoXml(layout: Layout, frames: readonly Frame[], set: SetText, fonts: FontBook, options: AltoOptions): string {
  const faces = new Map(fonts.opened().map((f) => [f.key, f]));
  /** The ink box of a glyph: its advance by the ideographic em, rotated for 90° glyphs. */
  const glyphBox = ({ gid, x, run: { face: key, size, y, scaleX = 1, rotate } }: PlacedGlyph): Box => {
    const face = faces.get(key);
    const units = face ? face.font.unitsPerEm : 1000;
    const advance = face ? (face.font.getGlyph(gid).advanceWidth / units) * size * scaleX : size;
    if (rotate === 90) return { x: x - size * (1 - BASELINE), y, width: size, height: advance };
    return { x, y: y - size * BASELINE, width: advance, height: size };
  };

  const styles = new Map<string, string>();
  const styleRef = (g: PlacedGlyph) => {
    const key = `${g.run.face}@${g.run.size}`;
    let id = styles.get(key);
    if (!id) styles.set(key, (id = `TS${styles.size + 1}`));
    return id;
  };

  const blocks: string[] = [];
  const used = new Set<string>();
  let n = 0;
  for (const story of set.stories) {
    const lines = story.lines.filter((l) => l.glyphs.length > 0);
    if (lines.length === 0) continue;
    let blockId = xmlId('TB', story.region);
    while (used.has(blockId)) blockId += '_';
    used.add(blockId);
    const lineXml: string[] = [];
    const lineBoxes: Box[] = [];
    lines.forEach((line: SetLine, li) => {
      const strings = words(line.glyphs.list()).map((w, wi) => {
        const box = union(w.map(glyphBox));
        return { box, xml: `<String ID="${blockId}_L${li + 1}_S${wi + 1}" ${pos(box)} STYLEREFS="${styleRef(w[0])}" CONTENT="${escapeXml(w.map((g) => g.text).join(''))}"/>` };
      });
      const box = union(strings.map((s) => s.box));
      lineBoxes.push(box);
      lineXml.push(`        <TextLine ID="${blockId}_L${li + 1}" ${pos(box)}>\n${strings.map((s) => `          ${s.xml}`).join('\n')}\n        </TextLine>`);
    });
    n += lines.length;
    blocks.push(`      <TextBlock ID="${blockId}" ${pos(union(lineBoxes))} LANG="zh-CN">\n${lineXml.join('\n')}\n      </TextBlock>`);
  }
  // Photos as Illustrations, rules as GraphicalElements: the page's non-text regions, for the viewer's overlay.
  const others = frames.flatMap((f) => {
    if (f.kind === 'photo' && f.image) return [`      <Illustration ID="${xmlId('IL', f.id)}" ${pos(f.image)} TYPE="photo"/>`];
    if (f.kind === 'rule') return [`      <GraphicalElement ID="${xmlId('GE', f.id)}" ${pos(f.box)}/>`];
    return [];
  });

  const { page } = layout;
  const m = page.margins;
  const printSpace: Box = { x: m.left, y: m.top, width: page.width - m.left - m.right, height: page.height - m.top - m.bottom };
  const styleXml = [...styles].map(([key, id]) => {
    const [face, size] = key.split('@');
    const family = faces.get(face)?.font.familyName ?? face;
    return `    <TextStyle ID="${id}" FONTFAMILY="${escapeXml(family)}" FONTSIZE="${Math.round(Number(size) * 100) / 100}"/>`;
  });
  const printed = page.header?.page !== undefined ? ` PRINTED_IMG_NR="${escapeXml(String(page.header.page))}"` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<alto xmlns="${NS}" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${NS} http://www.loc.gov/standards/alto/v4/alto-4-4.xsd" SCHEMAVERSION="4.4">
  <Description>
    <MeasurementUnit>mm10</MeasurementUnit>
    <sourceImageInformation>
      <fileName>${escapeXml(options.fileName)}</fileName>
    </sourceImageInformation>
    <Processing ID="PROC1">
      <processingDateTime>${escapeXml(options.date)}</processingDateTime>
      <processingStepDescription>typeset from ${escapeXml(layout.name)} (${n} lines)</processingStepDescription>
      <processingSoftware>
        <softwareName>banmian</softwareName>
      </processingSoftware>
    </Processing>
  </Description>
  <Styles>
${styleXml.join('\n')}
  </Styles>
  <Layout>
    <Page ID="PAGE1" PHYSICAL_IMG_NR="1"${printed} WIDTH="${mm10(page.width)}" HEIGHT="${mm10(page.height)}">
      <PrintSpace ID="PS1" ${pos(printSpace)}>
${[...blocks, ...others].join('\n')}
      </PrintSpace>
    </Page>
  </Layout>
</alto>
`;
}
