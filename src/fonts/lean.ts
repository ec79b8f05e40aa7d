import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/**
 * A TrueType font held without its outlines. A CJK face is 10–15 MB, 95% of it the `glyf` table,
 * while a page draws a thousand or two of its 30,000 glyphs and nothing but the PDF subset ever reads
 * an outline (advances come from hmtx/vmtx, shaping from GSUB/GPOS). So the font is read as every
 * other table (about 0.5 MB) in a compact copy of the file whose directory points past its end for
 * `glyf`, and outlines are read from the file when a subset takes them, then kept: a batch sets the
 * same few thousand characters page after page. A cold page reads 0.5 MB a face instead of 15, and
 * a batch worker holds a few MB of fonts instead of 60.
 *
 * Only fonts whose metrics never need an outline qualify: TrueType outlines with vertical metrics
 * (vmtx: fontkit computes a glyph's vertical metrics from its outline's box only without it, see
 * fontkit-speedups.ts) and no variations (variable glyphs are re-encoded from their outlines).
 * Anything else is read whole, as before.
 */

/** The outline bytes of glyphs, as stored in the file's glyf table. */
export interface GlyphSource {
  /** The stored bytes of glyph `gid` (loca offsets in bytes: `start` to `end` within glyf). */
  bytes(gid: number, start: number, end: number): Uint8Array;
  /** Read ahead the outlines of these glyphs (a subset's glyphs), in as few reads as their places in the file allow. */
  prefetch(ranges: readonly { gid: number; start: number; end: number }[]): void;
}

export interface LeanFont {
  /** A valid font file of every table but glyf (whose directory entry points past the end). */
  bytes: Buffer;
  glyphs: GlyphSource;
}

const TRUETYPE = new Set([0x00010000, 0x74727565]); // 1.0 and 'true'
const NEEDED = ['glyf', 'loca', 'head', 'hmtx', 'vmtx'];
/** Outlines closer than this in the file are read in one go: a read costs more than skipping 4 KB. */
const GAP = 4096;

interface Entry {
  tag: string;
  checksum: number;
  offset: number;
  length: number;
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buf, done, length - done, position + done);
    if (n === 0) throw new Error(`unexpected end of file at byte ${position + done}`);
    done += n;
  }
  return buf;
}

/** The table directory of an open TrueType file that qualifies, else undefined. */
function qualifyingDirectory(fd: number): { head: Buffer; entries: Entry[] } | undefined {
  const size = fstatSync(fd).size;
  if (size < 12) return undefined;
  const head = readAt(fd, 0, 12);
  if (!TRUETYPE.has(head.readUInt32BE(0))) return undefined;
  const count = head.readUInt16BE(4);
  if (12 + 16 * count > size) return undefined;
  const dir = readAt(fd, 12, 16 * count);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    const at = 16 * i;
    entries.push({ tag: dir.toString('latin1', at, at + 4), checksum: dir.readUInt32BE(at + 4), offset: dir.readUInt32BE(at + 8), length: dir.readUInt32BE(at + 12) });
  }
  const tags = new Set(entries.map((e) => e.tag));
  if (!NEEDED.every((t) => tags.has(t)) || tags.has('fvar') || tags.has('gvar')) return undefined;
  if (entries.some((e) => e.offset + e.length > size)) return undefined;
  return { head, entries };
}

/** Whether the font at `path` can be held without its outlines (reads its table directory only). Throws on read errors. */
export function qualifiesLean(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    return qualifyingDirectory(fd) !== undefined;
  } finally {
    closeSync(fd);
  }
}

/** The font at `path` without its outlines, or undefined when it does not qualify (read it whole then). Throws on read errors. */
export function readLeanFont(path: string): LeanFont | undefined {
  const fd = openSync(path, 'r');
  let keepOpen = false;
  try {
    const found = qualifyingDirectory(fd);
    if (!found) return undefined;
    const { head, entries } = found;
    const count = entries.length;
    // Every table but glyf, in file order, each on a 4-byte boundary as the format wants.
    const kept = entries.filter((e) => e.tag !== 'glyf').sort((a, b) => a.offset - b.offset);
    let end = 12 + 16 * count;
    const placed = new Map<string, number>();
    for (const e of kept) {
      placed.set(e.tag, end);
      end += (e.length + 3) & ~3;
    }
    const bytes = Buffer.alloc(end);
    head.copy(bytes, 0);
    for (const e of kept) readAt(fd, e.offset, e.length).copy(bytes, placed.get(e.tag)!);
    for (let i = 0; i < count; i++) {
      const e = entries[i];
      const at = 12 + 16 * i;
      bytes.write(e.tag, at, 'latin1');
      bytes.writeUInt32BE(e.checksum, at + 4);
      // glyf: past the end, so that reading an outline from this copy fails loudly instead of reading other tables.
      bytes.writeUInt32BE(e.tag === 'glyf' ? end : placed.get(e.tag)!, at + 8);
      bytes.writeUInt32BE(e.tag === 'glyf' ? 0 : e.length, at + 12);
    }
    keepOpen = true;
    return { bytes, glyphs: glyphSource(fd, entries.find((e) => e.tag === 'glyf')!, path) };
  } finally {
    if (!keepOpen) closeSync(fd);
  }
}

/**
 * Outlines read from the open file and kept by glyph id. The descriptor stays open for the life of
 * the process (one per face, as the FontBook keeps each face for its life).
 */
function glyphSource(fd: number, glyf: Entry, path: string): GlyphSource {
  const kept = new Map<number, Uint8Array>();
  const check = (gid: number, start: number, end: number) => {
    if (!(start >= 0 && end >= start && end <= glyf.length)) throw new Error(`${path}: glyph ${gid} lies outside the glyf table (${start}–${end} of ${glyf.length} bytes)`);
  };
  return {
    bytes(gid, start, end) {
      let b = kept.get(gid);
      if (!b) {
        check(gid, start, end);
        b = end > start ? readAt(fd, glyf.offset + start, end - start) : new Uint8Array(0);
        kept.set(gid, b);
      }
      return b;
    },
    prefetch(ranges) {
      const wanted = ranges.filter((r) => !kept.has(r.gid) && r.end > r.start).sort((a, b) => a.start - b.start);
      for (let i = 0; i < wanted.length; ) {
        let j = i + 1;
        while (j < wanted.length && wanted[j].start - wanted[j - 1].end <= GAP && wanted[j].end - wanted[i].start <= 1 << 20) j++;
        for (let k = i; k < j; k++) check(wanted[k].gid, wanted[k].start, wanted[k].end);
        const from = wanted[i].start;
        const run = readAt(fd, glyf.offset + from, Math.max(...wanted.slice(i, j).map((w) => w.end)) - from);
        // Copies, not views: a view would keep the whole run alive for one glyph.
        for (let k = i; k < j; k++) kept.set(wanted[k].gid, Uint8Array.prototype.slice.call(run, wanted[k].start - from, wanted[k].end - from));
        i = j;
      }
    },
  };
}
