import type { Weight } from '../fonts/registry.js';
import type { StyleInput } from './schema.js';
import { toPt } from './units.js';

export interface ResolvedStyle {
  name: string;
  font: string;
  weight: Weight;
  /** Points. */
  size: number;
  leading: number;
  tracking: number;
  indent: number;
  quotes: 'half' | 'full';
  punctuation: 'compressed' | 'full' | 'kaiming';
  adjacentMarks: 'compress' | 'keep';
  pushIn: 'compress' | 'line-end';
  kinsoku: 'none' | 'basic' | 'strict';
  align: 'justify' | 'left' | 'center' | 'right' | 'spread';
  scale: number;
  fit: 'none' | 'condense' | 'scale' | 'spread';
  /** Points; 0 = the frame width. */
  targetWidth: number;
  latinSpacing: number;
  latinSpacingMin: number;
  digits: 'proportional' | 'half' | 'full';
  tateChuYoko: number;
  keepTogether: string[];
  breaks: 'original' | 'reflow' | 'auto';
  /** Unset: chosen per block by what the original lines show (typeset/calibrate.ts). */
  lineBreaker?: 'first-fit' | 'optimal';
  spaceBefore: number;
  spaceAfter: number;
  color: string;
  /**
   * The fields the layout file wrote for this style or a style it extends (not the built-in sheet's):
   * what the text shows about how it was set (ingest/setting.ts) never overrides these.
   */
  written: ReadonlySet<string>;
}

/**
 * Names Chinese newspapers never break across lines: the Party and state leaders of recent decades,
 * and the title 总书记. A layout's `keepTogether` replaces the list; "@leaders" in it stands for this list.
 */
export const LEADERS = [
  '习近平', '李强', '赵乐际', '王沪宁', '蔡奇', '丁薛祥', '李希', '韩正', '李克强', '栗战书', '汪洋', '王岐山',
  '胡锦涛', '江泽民', '温家宝', '吴邦国', '贾庆林', '朱镕基', '李鹏', '邓小平', '毛泽东', '周恩来', '刘少奇', '朱德',
  '总书记',
];
const LEADERS_TOKEN = '@leaders';

/** The built-in style sheet: what a city daily sets. Layout styles inherit from and override these. */
export const DEFAULT_STYLES: Record<string, StyleInput> = {
  body: { font: 'song', weight: 'regular', size: '小五', leading: '14pt', indent: 2, quotes: 'half', punctuation: 'compressed', kinsoku: 'basic', align: 'justify', latinSpacing: 0, keepTogether: [LEADERS_TOKEN], color: '#000000' },
  byline: { extends: 'body', font: 'hei' },
  kicker: { extends: 'body', font: 'hei', size: '小三', leading: '22pt', indent: 0, align: 'center', fit: 'condense' },
  headline: { extends: 'body', font: 'hei', weight: 'bold', size: '二号', leading: '30pt', indent: 0, align: 'center', fit: 'condense' },
  subtitle: { extends: 'body', font: 'hei', size: '四号', leading: '20pt', indent: 0, align: 'center', fit: 'condense' },
  subhead: { extends: 'body', font: 'hei', weight: 'bold', size: '五号', leading: '14pt', indent: 0, align: 'center', spaceBefore: '7pt', spaceAfter: '7pt' },
  caption: { extends: 'body', size: '六号', leading: '11pt', indent: 0, quotes: 'full' },
  credit: { extends: 'caption', font: 'hei', align: 'right' },
  sidebar: { extends: 'body', font: 'hei', leading: '14pt' },
  slogan: { extends: 'body', font: 'hei', weight: 'bold', size: '小二', leading: '24pt', indent: 0, align: 'spread' },
  // Vertical columns take no tracking from the body's (a derived body tracks its lines to the original measure).
  vertical: { extends: 'body', font: 'hei', weight: 'black', size: '48pt', leading: '56pt', indent: 0, align: 'spread', tracking: 0 },
  'vertical-subtitle': { extends: 'body', font: 'song', weight: 'bold', size: '三号', leading: '20pt', indent: 0, align: 'spread', tracking: 0 },
  'page-header': { extends: 'body', font: 'hei', size: '小五', indent: 0, align: 'left' },
  'page-header-right': { extends: 'page-header', align: 'right' },
};

const BASE: ResolvedStyle = {
  name: 'base',
  font: 'song',
  weight: 'regular',
  size: 9,
  leading: 14,
  tracking: 0,
  indent: 0,
  quotes: 'half',
  punctuation: 'compressed',
  adjacentMarks: 'compress',
  pushIn: 'compress',
  kinsoku: 'basic',
  align: 'justify',
  scale: 100,
  fit: 'none',
  targetWidth: 0,
  latinSpacing: 0,
  latinSpacingMin: 0,
  digits: 'proportional',
  tateChuYoko: 2,
  keepTogether: [],
  breaks: 'auto',
  spaceBefore: 0,
  spaceAfter: 0,
  color: '#000000',
  written: new Set(),
};

/**
 * Resolve a style sheet: built-ins overlaid by the layout's styles, inheritance followed, lengths in points.
 * Throws Error("styles.<name>…") on a cycle or an unknown parent.
 */
export function resolveStyles(own: Record<string, StyleInput> = {}): Record<string, ResolvedStyle> {
  const layoutStyles = own;
  // No prototype: a style named "constructor" or "__proto__" is a name like any other, not Object's.
  const sheet: Record<string, StyleInput> = Object.assign(Object.create(null), DEFAULT_STYLES);
  for (const [name, s] of Object.entries(own)) sheet[name] = Object.hasOwn(DEFAULT_STYLES, name) && !s.extends ? { ...DEFAULT_STYLES[name], ...s } : s;
  const done: Record<string, ResolvedStyle> = Object.create(null);
  const resolving = new Set<string>();
  const resolve = (name: string, path: string): ResolvedStyle => {
    if (done[name]) return done[name];
    const s = sheet[name];
    if (!s) throw new Error(`${path}: unknown style "${name}" (styles: ${Object.keys(sheet).join(', ')})`);
    if (resolving.has(name)) throw new Error(`styles.${name}.extends: inheritance cycle through "${name}"`);
    resolving.add(name);
    const parent = s.extends ? resolve(s.extends, `styles.${name}.extends`) : BASE;
    const size = s.size !== undefined ? toPt(s.size) : parent.size;
    const ctx = { em: size, line: parent.leading };
    const written = Object.hasOwn(layoutStyles, name) ? Object.entries(layoutStyles[name]).filter(([k, v]) => k !== 'extends' && v !== undefined).map(([k]) => k) : [];
    const r: ResolvedStyle = {
      ...parent,
      ...Object.fromEntries(Object.entries(s).filter(([k, v]) => v !== undefined && !['extends', 'size', 'leading', 'spaceBefore', 'spaceAfter', 'targetWidth'].includes(k))),
      name,
      size,
      leading: s.leading !== undefined ? toPt(s.leading, ctx) : s.size !== undefined ? Math.round(size * 1.5 * 100) / 100 : parent.leading,
      spaceBefore: s.spaceBefore !== undefined ? toPt(s.spaceBefore, ctx) : parent.spaceBefore,
      spaceAfter: s.spaceAfter !== undefined ? toPt(s.spaceAfter, ctx) : parent.spaceAfter,
      targetWidth: s.targetWidth !== undefined ? toPt(s.targetWidth, ctx) : parent.targetWidth,
      keepTogether: (s.keepTogether ?? parent.keepTogether).flatMap((w) => (w === LEADERS_TOKEN ? LEADERS : [w])),
      written: written.length ? new Set([...parent.written, ...written]) : parent.written,
    } as ResolvedStyle;
    checkSense(r, s, name);
    resolving.delete(name);
    return (done[name] = r);
  };
  for (const name of Object.keys(sheet)) resolve(name, `styles.${name}`);
  return Object.fromEntries(Object.entries(done));
}

/**
 * Type sizes from 1 pt (below it nothing prints legibly, even on film) to 1000 pt (a poster headline
 * is 300–500 pt); a leading above zero and at most twice the largest size. A size of 5e-324 or a
 * leading of 0 would pass the schema and set invisible or overprinted text.
 */
export const SIZE_RANGE = [1, 1000] as const;
const LEADING_MAX = 2 * SIZE_RANGE[1];

function checkSense(r: ResolvedStyle, s: StyleInput, name: string) {
  const shown = (v: unknown) => JSON.stringify(v);
  if (!(r.size >= SIZE_RANGE[0] && r.size <= SIZE_RANGE[1])) throw new Error(`styles.${name}.size: expected a type size from ${SIZE_RANGE[0]} to ${SIZE_RANGE[1]} pt, got ${shown(s.size)}`);
  if (!(r.leading > 0 && r.leading <= LEADING_MAX)) throw new Error(`styles.${name}.leading: expected a line pitch above 0 and at most ${LEADING_MAX} pt, got ${shown(s.leading ?? r.leading)}`);
  if (!Number.isFinite(r.spaceBefore) || !Number.isFinite(r.spaceAfter) || !Number.isFinite(r.targetWidth)) throw new Error(`styles.${name}: a length is not a finite number`);
}
