import type { RegionT } from '../model/index.js';
import type { SetLine } from '../typeset/index.js';

/** Standard structure types (PDF 1.7, 14.8.4) for a region's story and for a run of its lines. */
export function storyTag(kind: RegionT['kind'] | undefined): string {
  switch (kind) {
    case 'photo':
      return 'Caption';
    case 'strip':
    case 'text':
      return 'Div';
    case 'vertical':
      return 'Sect';
    default:
      return 'Art';
  }
}

export function lineTag(role: SetLine['role']): string {
  switch (role) {
    case 'headline':
    case 'vertical':
      return 'H1';
    case 'title':
      return 'H2';
    case 'subhead':
      return 'H3';
    default:
      return 'P';
  }
}

/** A story's lines cut into paragraphs (same block, paragraph and role), in reading order: one structure element each. */
export function paragraphs(lines: readonly SetLine[]): { tag: string; lines: SetLine[] }[] {
  const out: { tag: string; lines: SetLine[]; key: string }[] = [];
  for (const line of lines) {
    const key = `${line.block}\0${line.paragraph}\0${line.role}`;
    const last = out[out.length - 1];
    if (last && last.key === key) last.lines.push(line);
    else out.push({ key, tag: lineTag(line.role), lines: [line] });
  }
  return out.map(({ tag, lines }) => ({ tag, lines }));
}
