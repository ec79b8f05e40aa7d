/**
 * An original PDF font name → banmian's role and weight, by what the names of Chinese newspaper
 * faces say (方正 FZ…, their short forms, system and Adobe/Noto names): 宋 faces → song, 标宋/大标宋/
 * 小标宋 → song bold (heavy display serif), 黑/大黑/中黑 → hei (大黑 heavier), 楷 → kai, 仿宋 → fangsong.
 * The original's fonts are never re-embedded: only their role is kept.
 */
export interface FontRole {
  font: string;
  weight: 'regular' | 'bold' | 'black';
  /** How the name was read, for the report. */
  reason: string;
}

const RULES: [RegExp, Omit<FontRole, 'reason'>, string][] = [
  // Order matters: the more specific names first (大标宋 before 标宋 before 宋; 仿宋 before 宋; 大黑 before 黑).
  [/FZ?FS|FANGSONG|STFANGSONG|仿宋/i, { font: 'fangsong', weight: 'regular' }, '仿宋'],
  [/FZ?K(AI)?T|KAITI|STKAITI|KAI|楷/i, { font: 'kai', weight: 'regular' }, '楷'],
  [/FZ?DBS|DBSJ|大标宋/i, { font: 'song', weight: 'black' }, '大标宋'],
  [/FZ?(X?BS|BIAOSONG)|XBS|标宋/i, { font: 'song', weight: 'bold' }, '标宋/小标宋'],
  [/FZ?DH|DHT|大黑|BLACK|HEAVY/i, { font: 'hei', weight: 'black' }, '大黑'],
  [/FZ?ZH|ZHT|中黑|CCH|BOLD/i, { font: 'hei', weight: 'bold' }, '中黑/粗黑'],
  [/FZ?(X?I?H)T?J|HTJ|HEI|SIMHEI|STHEITI|YAHEI|SANS|GOTHIC|黑/i, { font: 'hei', weight: 'regular' }, '黑'],
  [/FZ?(S|BY|C)S|SSJ|CSJ|BYS|SONG|SIMSUN|STSONG|SERIF|MINCHO|MING|宋/i, { font: 'song', weight: 'regular' }, '宋'],
];

export function roleOfPdfFont(name: string, bold = false): FontRole {
  const bare = name.replace(/^[A-Z]{6}\+/, '');
  for (const [re, role, reading] of RULES) {
    if (re.test(bare)) return { ...role, weight: bold && role.weight === 'regular' ? 'bold' : role.weight, reason: `${bare}: ${reading}` };
  }
  return { font: 'song', weight: bold ? 'bold' : 'regular', reason: `${bare}: not a known face name, set as 宋体` };
}
