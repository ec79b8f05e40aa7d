import type { FontFacts, PageFacts } from '../render/facts.js';
import { scanContent, type Colour, type Painted } from './content.js';

/**
 * The page as a newspaper plant's preflight sees it: fonts, colour spaces, total ink, photo resolution
 * at print size, hairlines, page boxes, transparency, overprint. Read from what was written
 * (PageFacts), judged against the print rules. Under PDF/X a failed check fails the page (exit 1).
 */

/**
 * Photo resolution below which a plant rejects a photo, and below which it warns. Coldset newsprint is
 * screened at about 85–100 lpi (34–40 lines/cm); a photo needs 1.5 to 2 pixels per halftone line, so
 * 150 ppi at print size is the floor and 200 ppi what plants ask for.
 */
export const MIN_PPI = 150;
export const GOOD_PPI = 200;
/** Lines thinner than this break up or vanish on newsprint (about 0.035 mm; plate and dot gain eat them). */
export const HAIRLINE = 0.1;

export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface PreflightCheck {
  check: 'fonts' | 'colour spaces' | 'total ink' | 'images' | 'hairlines' | 'boxes' | 'transparency' | 'overprint' | 'output intent' | 'pdf version';
  status: CheckStatus;
  detail: string;
}

export interface PreflightImage {
  name: string;
  region: string;
  pixels: [number, number];
  /** Size on the page, mm. */
  placedMm: [number, number];
  /** Pixels per inch at that size (the lower of the two directions). */
  ppi: number;
  colourSpace: string;
  /** Highest total ink of the image as decoded, percent. */
  maxInk: number;
}

export interface Preflight {
  /** The standard the page is checked against ('none': print checks only, nothing fails the run). */
  standard: string;
  condition?: string;
  /** No check failed. */
  passed: boolean;
  checks: PreflightCheck[];
  fonts: FontFacts[];
  colourSpaces: string[];
  ink: { limit?: number; vector: number; images: number };
  images: PreflightImage[];
  /** Thinnest stroke on the page (pt) and how many strokes are under the hairline limit. */
  lines: { thinnest: number | null; hairlines: number };
  boxes: PageFacts['boxes'];
}

export interface PrintRules {
  /** PDF/X-1a:2003 for this registered condition. */
  pdfx?: { version: string; condition: string };
  pdfa?: boolean;
  /** Total ink limit, percent. */
  maxInk?: number;
}

const MM_PER_PT = 25.4 / 72;
const round1 = (n: number) => Math.round(n * 10) / 10;

export function preflight(facts: PageFacts, rules: PrintRules): Preflight {
  const scan = scanContent(facts.content);
  const checks: PreflightCheck[] = [];
  const add = (check: PreflightCheck['check'], status: CheckStatus, detail: string) => checks.push({ check, status, detail });
  const pdfx = !!rules.pdfx;
  // Printer's marks lie outside the bleed box (outside the trim box without one): preflights leave them out of page checks.
  const area = facts.boxes.bleed ?? facts.boxes.trim ?? facts.boxes.media;
  const onPage = (p: Painted) => !p.bbox || !(p.bbox[2] <= area[0] || p.bbox[0] >= area[2] || p.bbox[3] <= area[1] || p.bbox[1] >= area[3]);
  const page = scan.painted.filter(onPage);

  // Fonts: every font program in the file.
  const missing = facts.fonts.filter((f) => !f.embedded);
  add('fonts', missing.length ? 'fail' : 'ok', missing.length ? `not embedded: ${missing.map((f) => f.name).join(', ')}` : `${facts.fonts.length} fonts, all embedded${facts.fonts.every((f) => f.subset) ? ' as subsets' : ''}`);

  // Colour spaces: process colours (CMYK, gray) and separations over CMYK; nothing device-dependent RGB, nothing ICC-based.
  const described = new Map<string, string>();
  for (const s of scan.spaces) described.set(s, describeSpace(s, facts.colorSpaces));
  for (const img of Object.values(facts.images)) described.set(`image ${img.colorSpace}`, img.colorSpace);
  const spaces = [...new Set(described.values())].sort();
  const bad = spaces.filter((s) => !/^(DeviceCMYK|DeviceGray|Separation \S+ over DeviceCMYK)$/.test(s));
  const iccImages = Object.entries(facts.images).filter(([, i]) => i.iccInData);
  if (bad.length || iccImages.length || scan.inlineImages)
    add(
      'colour spaces',
      'fail',
      [bad.length ? `not CMYK or gray: ${bad.join(', ')}` : '', iccImages.length ? `ICC profile inside image data: ${iccImages.map(([n, i]) => `${n} (${i.region})`).join(', ')}` : '', scan.inlineImages ? `${scan.inlineImages} inline images` : '']
        .filter(Boolean)
        .join('; '),
    );
  else add('colour spaces', 'ok', spaces.join(', '));

  // Total ink: the painted colours on the page and the photos as decoded.
  let vector = 0;
  for (const p of page) if (p.colour && p.kind !== 'image') vector = Math.max(vector, inkOf(p.colour, facts.colorSpaces));
  const imagesInk = Math.max(0, ...Object.values(facts.images).map((i) => i.maxInk));
  const ink = { limit: rules.maxInk, vector: round1(vector), images: round1(imagesInk) };
  const most = Math.max(vector, imagesInk);
  if (rules.maxInk === undefined) add('total ink', 'ok', `highest ${round1(most)}% (no limit set)`);
  else add('total ink', most > rules.maxInk + 1e-9 ? 'fail' : 'ok', `highest ${round1(most)}% (vector ${ink.vector}%, photos ${ink.images}%), limit ${rules.maxInk}%`);

  // Images at print size.
  const images: PreflightImage[] = [];
  for (const p of scan.painted) {
    if (p.kind !== 'image' || !p.image || !p.placed) continue;
    const img = facts.images[p.image];
    if (!img) continue;
    const ppi = Math.min(img.width / (p.placed.width / 72), img.height / (p.placed.height / 72));
    images.push({ name: p.image, region: img.region, pixels: [img.width, img.height], placedMm: [round1(p.placed.width * MM_PER_PT), round1(p.placed.height * MM_PER_PT)], ppi: Math.round(ppi), colourSpace: img.colorSpace, maxInk: round1(img.maxInk) });
  }
  if (!images.length) add('images', 'ok', 'no photos');
  else {
    const low = images.filter((i) => i.ppi < MIN_PPI);
    const soft = images.filter((i) => i.ppi >= MIN_PPI && i.ppi < GOOD_PPI);
    const list = (xs: PreflightImage[]) => xs.map((i) => `${i.region} ${i.ppi} ppi`).join(', ');
    if (low.length) add('images', 'fail', `under ${MIN_PPI} ppi at print size: ${list(low)}`);
    else if (soft.length) add('images', 'warn', `under ${GOOD_PPI} ppi at print size: ${list(soft)}`);
    else add('images', 'ok', `${images.length} photos, lowest ${Math.min(...images.map((i) => i.ppi))} ppi at print size`);
  }

  // Hairlines: every stroke, marks included (they are on the plate too).
  const widths = scan.painted.filter((p) => p.kind === 'stroke').map((p) => p.lineWidth!);
  const hairlines = widths.filter((w) => w < HAIRLINE).length;
  const thinnest = widths.length ? round3(Math.min(...widths)) : null;
  add('hairlines', hairlines ? 'fail' : 'ok', hairlines ? `${hairlines} strokes under ${HAIRLINE} pt (thinnest ${thinnest} pt)` : widths.length ? `thinnest stroke ${thinnest} pt` : 'no strokes');

  // Boxes: a trim box inside the media box; a bleed box, if any, between the two.
  const { media, trim, bleed, art } = facts.boxes;
  const inside = (a: number[], b: number[]) => a[0] >= b[0] - 1e-6 && a[1] >= b[1] - 1e-6 && a[2] <= b[2] + 1e-6 && a[3] <= b[3] + 1e-6;
  const boxProblems: string[] = [];
  if (!trim) boxProblems.push('no TrimBox');
  else if (!inside(trim, media)) boxProblems.push('TrimBox outside the MediaBox');
  if (trim && art) boxProblems.push('both TrimBox and ArtBox');
  if (bleed && trim && !inside(trim, bleed)) boxProblems.push('TrimBox outside the BleedBox');
  if (bleed && !inside(bleed, media)) boxProblems.push('BleedBox outside the MediaBox');
  const mm = (b: number[]) => `${round1((b[2] - b[0]) * MM_PER_PT)}×${round1((b[3] - b[1]) * MM_PER_PT)} mm`;
  add('boxes', boxProblems.length ? 'fail' : 'ok', boxProblems.length ? boxProblems.join('; ') : `trim ${mm(trim!)}${bleed && (bleed[0] < trim![0] || bleed[1] < trim![1]) ? `, bleed ${round1((trim![0] - bleed[0]) * MM_PER_PT)} mm` : ', no bleed'}, media ${mm(media)}`);

  // Transparency: soft masks, constant alpha below 1, blend modes other than Normal.
  const transparent: string[] = [];
  for (const [name, gs] of Object.entries(facts.extGStates)) {
    const smask = gs.SMask !== undefined && String(gs.SMask) !== 'None';
    const alpha = (gs.CA !== undefined && Number(gs.CA) < 1) || (gs.ca !== undefined && Number(gs.ca) < 1);
    const blend = gs.BM !== undefined && !/^(Normal|Compatible)$/.test(String(gs.BM));
    if (smask || alpha || blend) transparent.push(`graphics state ${name}`);
  }
  for (const [name, img] of Object.entries(facts.images)) if (img.softMask) transparent.push(`image ${name} (${img.region})`);
  add('transparency', transparent.length ? 'fail' : 'ok', transparent.length ? transparent.join(', ') : 'none');

  // Overprint (PDF/X): black text and black lines overprint, anything lighter knocks out.
  if (pdfx) {
    const overprints = (p: Painted) => {
      const gs = facts.extGStates[p.gs];
      const key = p.kind === 'stroke' ? 'OP' : 'op';
      return !!gs && gs[key] === true && Number(gs.OPM) === 1;
    };
    const black = page.filter((p) => (p.kind === 'text' || p.kind === 'stroke') && p.colour && isBlackColour(p.colour));
    const knocking = black.filter((p) => !overprints(p));
    const whiteOver = page.filter((p) => p.colour && p.kind !== 'image' && inkOf(p.colour, facts.colorSpaces) === 0 && overprints(p));
    const problems = [knocking.length ? `${knocking.length} of ${black.length} black text runs and lines knock out` : '', whiteOver.length ? `${whiteOver.length} white objects overprint (they would vanish)` : ''].filter(Boolean);
    add('overprint', problems.length ? 'fail' : 'ok', problems.length ? problems.join('; ') : `${black.length} black text runs and lines overprint`);
  }

  if (rules.pdfx) {
    const intents = facts.outputIntents.filter((o) => o.subtype === 'GTS_PDFX');
    add('output intent', intents.length === 1 ? 'ok' : 'fail', intents.length === 1 ? `GTS_PDFX ${intents[0].identifier}` : `${intents.length} PDF/X output intents`);
    add('pdf version', Number(facts.pdfVersion) <= 1.4 ? 'ok' : 'fail', `PDF ${facts.pdfVersion}${Number(facts.pdfVersion) <= 1.4 ? '' : ' (PDF/X-1a:2003 allows 1.4 at most)'}`);
  } else if (rules.pdfa) {
    const intents = facts.outputIntents.filter((o) => o.subtype === 'GTS_PDFA1');
    add('output intent', intents.length === 1 ? 'ok' : 'fail', intents.map((o) => `GTS_PDFA1 ${o.identifier}${o.profileBytes ? `, profile ${o.profileBytes} bytes` : ''}`).join('; ') || 'none');
  }

  const standard = rules.pdfx ? rules.pdfx.version : rules.pdfa ? 'PDF/A-2b' : 'none';
  return {
    standard,
    condition: rules.pdfx?.condition,
    passed: checks.every((c) => c.status !== 'fail'),
    checks,
    fonts: facts.fonts,
    colourSpaces: spaces,
    ink,
    images,
    lines: { thinnest, hairlines },
    boxes: facts.boxes,
  };
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

function describeSpace(space: string, named: Record<string, string[]>): string {
  const def = named[space];
  if (!def) return space;
  if (def[0] === 'Separation') return `Separation ${def[1]} over ${def[2]}`;
  return def.join(' ');
}

const isBlackColour = (c: Colour) => c.space === 'DeviceCMYK' && c.components.length === 4 && c.components[0] === 0 && c.components[1] === 0 && c.components[2] === 0 && c.components[3] === 1;

/** Total ink of a colour, percent: CMYK sums, gray is K, a separation its tint (All: on all four inks). */
function inkOf(c: Colour, named: Record<string, string[]>): number {
  const v = c.components;
  if (c.space === 'DeviceCMYK') return (v[0] + v[1] + v[2] + v[3]) * 100;
  if (c.space === 'DeviceGray') return (1 - (v[0] ?? 0)) * 100;
  const def = named[c.space];
  if (def?.[0] === 'Separation') return (v[0] ?? 1) * (def[1] === 'All' ? 400 : 100);
  return 0;
}

/** The preflight as report lines (indented under the page's report). */
export function formatPreflight(p: Preflight): string[] {
  const head = `preflight${p.standard === 'none' ? '' : ` ${p.standard}${p.condition ? ` for ${p.condition}` : ''}`}: ${p.passed ? 'passed' : 'FAILED'}`;
  const mark = { ok: 'ok  ', warn: 'WARN', fail: 'FAIL' };
  const lines = [head, ...p.checks.map((c) => `  ${mark[c.status]} ${c.check.padEnd(14)} ${c.detail}`)];
  for (const i of p.images) lines.push(`       photo ${i.region}: ${i.pixels[0]}×${i.pixels[1]} px at ${i.placedMm[0]}×${i.placedMm[1]} mm = ${i.ppi} ppi, ${i.colourSpace}, ink ≤ ${i.maxInk}%`);
  return lines;
}
