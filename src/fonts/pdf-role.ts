import type { KnownRole, Weight } from './registry.js';

/**
 * Which role and weight sets the text of an original PDF's font, read from the font's name (for
 * the derive stage: the original's fonts are never re-embedded). Pure: names in, a guess out.
 *
 * The names are read for what they mean, vendor by vendor:
 *
 * | name                                   | face                    | role     | weight  |
 * |----------------------------------------|-------------------------|----------|---------|
 * | FZSSJW, FZSSK, SSJ; FZShuSong          | 方正书宋                | song     | regular |
 * | FZBSJW, BSJ; FZBaoSong                 | 方正报宋 (see BS below) | song     | regular |
 * | FZBYSJW                                | 方正报宋/博雅宋         | song     | regular |
 * | FZSYJW                                 | 方正宋一                | song     | regular |
 * | FZChangSong, 长宋                      | 长宋                    | song     | regular |
 * | FZCSJW, CSJ; FZCuSong, 粗宋            | 方正粗宋 (see CS below) | song     | bold    |
 * | FZXBSJW, XBSJ; FZXiaoBiaoSong          | 方正小标宋              | song     | bold    |
 * | FZBiaoSong, 标宋                       | 方正标宋                | song     | bold    |
 * | FZDBSJW, DBSJ; FZDaBiaoSong            | 方正大标宋              | song     | black   |
 * | FZCuHeiSong, 粗黑宋                    | 粗黑宋                  | song     | black   |
 * | STZhongsong, 中宋                      | 华文中宋                | song     | bold    |
 * | SimSun, NSimSun, STSong, AdobeSongStd, AdobeMingStd, MingLiU, SourceHanSerif*, NotoSerif*, Mincho, Times | 宋/明 | song | from the style |
 * | FZHTJW, FZHTK, HTJ; FZHei              | 方正黑体                | hei      | regular |
 * | FZZHJW, ZHJ; FZZhongHei                | 方正中黑                | hei      | bold    |
 * | FZDHTJW, DHTJ; FZDaHei                 | 方正大黑                | hei      | black   |
 * | FZCHJW; 粗黑; FZCCHJW, CCHJ; 超粗黑     | 方正粗黑, 超粗黑        | hei      | black   |
 * | FZXIHJW, FZXHJW; FZXiHei, STXihei      | 细黑                    | hei      | regular |
 * | FZZDXJW, FZXDXJW; DengXian             | 等线                    | hei      | regular |
 * | SimHei, STHeiti, AdobeHeitiStd, Microsoft YaHei, SourceHanSans*, NotoSans*, 圆, Gothic, Arial, Helvetica | 黑 | hei | from the style |
 * | FZKTJW, KTJ; KaiTi, STKaiti, AdobeKaitiStd, FZKai, HYKaiTi, 行楷 FZXKJW, 魏碑 FZWBJW | 楷 | kai | regular |
 * | FZFSJW, FSJ; FangSong, STFangsong, AdobeFangsongStd, FZFangSong | 仿宋 | fangsong | regular |
 * | anything else (隶书, 琥珀, 综艺, unknown codes and names) | —          | song     | from the style |
 *
 * Founder's legacy names are FZ + a code of pinyin initials + J/JW (GB2312, 简体), K (GBK) or
 * F/FW (繁体); Founder PDFGenerator writes them without FZ (HTJ, KTJ, DHTJ, CSJ, CCHJ, DBSJ). Two
 * codes read two ways in pinyin: BS is 报宋 (Bao Song), Founder's body face — 标宋 appears among
 * the legacy codes only as 小标宋 XBS and 大标宋 DBS; CS is 粗宋 (Cu Song, bold), Founder's legacy
 * 长宋 being rarer. Either reading keeps the role; only the weight would differ. Newer Founder,
 * Hanyi (汉仪), Sinotype (华文, ST…), Adobe, Microsoft and Source Han/Noto names spell the face in
 * pinyin or English; names written in GBK or UTF-8 bytes (宋体, 方正小标宋简体) are decoded first.
 *
 * The weight is the heaviest of: the face's own (大标宋 black), a style word in the name (Bold,
 * Heavy, Black, ",Bold", Founder's -DB/-B/-EB/-H), and the PDF's bold flag.
 */

export interface PdfFontFacts {
  /** The font's name as the PDF gives it (BaseFont or FontName), e.g. "ABCDEF+FZBSJW--GB1-0". */
  name: string;
  /** The PDF says the font is bold (FontDescriptor ForceBold flag, or a FontWeight of 600 or more). */
  bold?: boolean;
  /** The family name, if known (FontDescriptor FontFamily, or the embedded font's name table). */
  family?: string;
}

export interface RoleGuess {
  role: KnownRole;
  weight: Weight;
  /** How the name was read, e.g. "FZBSJW: Founder code BS, 报宋 (a body Song)". */
  reason: string;
  /** False when nothing in the name or family says which face it is: song is then a default. */
  known: boolean;
}

type Face = { role: KnownRole; weight: Weight; face: string };
const face = (role: KnownRole, weight: Weight, name: string): Face => ({ role, weight, face: name });

/** Founder's legacy codes (FZ…JW, FZ…K, and PDFGenerator's short forms). */
const FOUNDER: Record<string, Face> = {
  SS: face('song', 'regular', '书宋'),
  BS: face('song', 'regular', '报宋 (a body Song)'),
  BYS: face('song', 'regular', '报宋/博雅宋 (a body Song)'),
  SY: face('song', 'regular', '宋一'),
  CS: face('song', 'bold', '粗宋 (a bold Song)'),
  XBS: face('song', 'bold', '小标宋'),
  DBS: face('song', 'black', '大标宋'),
  HT: face('hei', 'regular', '黑体'),
  ZH: face('hei', 'bold', '中黑'),
  ZHT: face('hei', 'bold', '中黑'),
  DH: face('hei', 'black', '大黑'),
  DHT: face('hei', 'black', '大黑'),
  CH: face('hei', 'black', '粗黑'),
  CCH: face('hei', 'black', '超粗黑'),
  XH: face('hei', 'regular', '细黑'),
  XIH: face('hei', 'regular', '细黑'),
  ZDX: face('hei', 'regular', '中等线'),
  XDX: face('hei', 'regular', '细等线'),
  KT: face('kai', 'regular', '楷体'),
  XK: face('kai', 'regular', '行楷 (a running Kai)'),
  WB: face('kai', 'regular', '魏碑 (an early Kai)'),
  FS: face('fangsong', 'regular', '仿宋'),
};

/** Founder codes of faces no role resembles (set in song, known: false). */
const FOUNDER_DECORATIVE: Record<string, string> = { LS: '隶书', HP: '琥珀', ZY: '综艺/准圆', YT: '姚体', ST: '舒体', CQ: '粗倩', XQ: '细倩', PW: '胖娃', CY: '彩云' };

/** Names that spell the face, most specific first (matched on the name lowercased, separators removed). */
const SPELLED: [RegExp, Face][] = [
  [/fangsong|仿宋/, face('fangsong', 'regular', '仿宋')],
  [/kai|楷/, face('kai', 'regular', '楷')],
  [/xiaobiaosong|小标宋/, face('song', 'bold', '小标宋')],
  [/dabiaosong|大标宋/, face('song', 'black', '大标宋')],
  [/biaosong|标宋/, face('song', 'bold', '标宋')],
  [/cuheisong|粗黑宋/, face('song', 'black', '粗黑宋')],
  [/cusong|粗宋/, face('song', 'bold', '粗宋')],
  [/zhongsong|中宋/, face('song', 'bold', '中宋')],
  [/baosong|报宋|shusong|书宋|changsong|长宋/, face('song', 'regular', '报宋/书宋/长宋')],
  [/chaocuhei|超粗黑|cuhei|粗黑|dahei|大黑/, face('hei', 'black', '大黑/粗黑')],
  [/zhonghei|中黑/, face('hei', 'bold', '中黑')],
  [/hei|黑|sans|gothic|dengxian|等线|yuan|圆|arial|helvetica|verdana/, face('hei', 'regular', '黑 (a sans)')],
  [/song|sun|宋|ming|明|mincho|serif|times|roman|georgia/, face('song', 'regular', '宋 (a serif)')],
];

/** Faces named in pinyin or English that no role resembles. */
const SPELLED_DECORATIVE = /lisu|liti|隶|hupo|琥珀|zongyi|综艺|caiyun|彩云|shuti|舒体|yaoti|姚体/;

const WEIGHT_RANK: Record<Weight, number> = { regular: 0, bold: 1, black: 2 };
const heavier = (a: Weight, b: Weight): Weight => (WEIGHT_RANK[b] > WEIGHT_RANK[a] ? b : a);

/** The role and weight that set the text of a PDF font, with the reason. */
export function roleForPdfFont(facts: PdfFontFacts): RoleGuess {
  const name = withoutEncoding(readableName(facts.name));
  const family = facts.family ? withoutEncoding(readableName(facts.family)) : '';
  const styleWeight = heavier(weightFromStyle(name), facts.bold ? 'bold' : 'regular');
  const label = family && family !== name ? `${name} (family ${family})` : name;

  const code = founderCode(name) ?? (family ? founderCode(family) : undefined);
  if (code) {
    const known = FOUNDER[code.code];
    if (known) return guess(known, styleWeight, `${label}: Founder code ${code.code}, ${known.face}`, true);
    const deco = FOUNDER_DECORATIVE[code.code];
    return { role: 'song', weight: styleWeight, reason: `${label}: Founder code ${code.code}${deco ? `, ${deco}: no role resembles it` : ' is not in the table'}; set in song`, known: false };
  }
  const spelled = (name + ' ' + family).toLowerCase().replace(/[\s_\-,.+]/g, '');
  if (SPELLED_DECORATIVE.test(spelled)) return { role: 'song', weight: styleWeight, reason: `${label}: a decorative face no role resembles; set in song`, known: false };
  for (const [pattern, f] of SPELLED) {
    const m = pattern.exec(spelled);
    if (m) return guess(f, styleWeight, `${label}: "${m[0]}", ${f.face}`, true);
  }
  return { role: 'song', weight: styleWeight, reason: `${label}: no known face in the name; set in song`, known: false };
}

function guess(f: Face, styleWeight: Weight, reason: string, known: boolean): RoleGuess {
  return { role: f.role, weight: heavier(f.weight, styleWeight), reason, known };
}

/**
 * A Founder legacy name: FZ + code + J/JW/K/F/FW, or PDFGenerator's short form without FZ (only
 * for codes in the tables, so that an unrelated capitalised name is not read as one).
 */
function founderCode(name: string): { code: string } | undefined {
  const token = name.split(/[-,_ +]/)[0];
  const m = /^(FZ)?([A-Z0-9]{1,5}?)(JW|J|K|FW|F)$/.exec(token);
  if (!m) return undefined;
  const [, fz, code] = m;
  if (fz || FOUNDER[code] || FOUNDER_DECORATIVE[code]) return { code };
  return undefined;
}

/** Weight words in a name: "-Bold", ",Bold", "-BoldMT", "-SemiBold", "-Heavy", "-Black", and newer Founder names' -DB/-B (bold), -EB/-H (heavy). */
function weightFromStyle(name: string): Weight {
  const [family, ...words] = name.split(/[-,_ ]+/);
  const style = words.join(' ');
  if (/(extra|ultra)bold|heavy|black/i.test(style)) return 'black';
  if (/bold|demi/i.test(style)) return 'bold';
  // FZLanTingHei-DB1-GB: a weight code, where FZHei-B01S's B01 is a product number.
  if (/^FZ[A-Z][a-z]/.test(family)) {
    if (words.some((w) => /^(EB|H|UH)\d?$/.test(w))) return 'black';
    if (words.some((w) => /^(DB|B)\d?$/.test(w))) return 'bold';
  }
  return 'regular';
}

/** A CID font's name may end in its CMap (FZBSJW-GB1-0cf-Identity-H, STSong-Light-UniGB-UCS2-H): not part of the face's name. */
function withoutEncoding(name: string): string {
  return name.replace(/-+(Identity|Uni(GB|CNS|JIS|KS)|GBK?\d?|GBpc|GBT|B5pc|ETen|HKscs)\b.*$/, '');
}

/**
 * The name as text: the subset tag (ABCDEF+) removed, PDF #xx escapes undone, and names written
 * in UTF-8 or GBK bytes (pdf.js hands them over one character per byte) decoded: 宋体, not ËÎÌå.
 */
export function readableName(raw: string): string {
  let name = raw.replace(/^[A-Z]{6}\+/, '').replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  if (/[\x80-\xff]/.test(name) && !/[^\x00-\xff]/.test(name)) {
    const bytes = Uint8Array.from(name, (c) => c.charCodeAt(0));
    for (const encoding of ['utf-8', 'gbk']) {
      try {
        name = new TextDecoder(encoding, { fatal: true }).decode(bytes);
        break;
      } catch {
        // Not this encoding.
      }
    }
  }
  return name.trim();
}
