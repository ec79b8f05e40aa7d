import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { InputError } from '../errors.js';
import { speedUp } from './fontkit-speedups.js';
import { qualifiesLean, readLeanFont, type LeanFont } from './lean.js';
import { dropReadAhead, readAhead, readsDone, takeReadAhead } from './readahead.js';
import { useFastSubset, useGlyphSource } from './subset.js';
import { faceSource, LAST_RESORT, loadRegistry, type Registry, type Role, type Weight } from './registry.js';
import { decodeWoff2, isWoff2, startWoff2Decoder, woff2DecoderReady } from './woff2.js';

/** One font file, opened once, with a cache of advances in em. */
export class FontFace {
  readonly key: string;
  private readonly advances = new Map<number, number>();
  private readonly unitsPerEm: number;
  private readonly featured = new Map<string, { gid: number; advance: number }>();

  /**
   * The parsed font (fontkit): left out of the published types, which would otherwise ask every user
   * of the package for @types/fontkit.
   * @internal
   */
  readonly font: fontkit.Font;

  /** @internal */
  constructor(
    readonly role: Role,
    readonly weight: Weight,
    readonly path: string,
    font: fontkit.Font,
  ) {
    this.font = font;
    this.key = `${role}-${weight}`;
    this.unitsPerEm = font.unitsPerEm;
  }

  /** Whether the font has the character (fontkit's lookup is memoized by speedUp). */
  has(cp: number): boolean {
    return this.font.hasGlyphForCodePoint(cp);
  }

  /** Horizontal advance of a character in em. */
  advance(cp: number): number {
    let a = this.advances.get(cp);
    if (a === undefined) this.advances.set(cp, (a = this.font.glyphForCodePoint(cp).advanceWidth / this.unitsPerEm));
    return a;
  }

  /** The glyph of a character under an OpenType feature (e.g. hwid half-width digits, vert), with its advance in em; cached. */
  featureGlyph(c: string, feature: string): { gid: number; advance: number } {
    const key = `${feature}:${c}`;
    let g = this.featured.get(key);
    if (!g) {
      const run = this.font.layout(c, [feature]);
      const glyph = run.glyphs[0] ?? this.font.glyphForCodePoint(c.codePointAt(0)!);
      g = { gid: glyph.id, advance: (run.positions[0]?.xAdvance ?? glyph.advanceWidth) / this.unitsPerEm };
      this.featured.set(key, g);
    }
    return g;
  }
}

/** A role with no face of its own, and the face set in its place. */
export interface StandIn {
  /** Key of the face that stands in, e.g. song-regular. */
  face: string;
  /** Why the role has no face, e.g. "the font registry names no regular face for \"fangsong\"". */
  reason: string;
}

/** The fonts of a registry, opened lazily and kept for the life of the process (or worker). */
export class FontBook {
  private readonly faces = new Map<string, FontFace>();
  private readonly byRole = new Map<Role, Map<Weight, FontFace>>();
  /** Faces by file: a weight a role lacks (black → its bold) shares the face, and the PDF embeds one subset. */
  private readonly byPath = new Map<string, FontFace>();
  /** Roles and weights with no face of their own (key role-weight), with what stands in. */
  private readonly standIns = new Map<string, StandIn>();
  /** WOFF2 files a prefetched page may open that are not open yet: prefetched() makes sure a decoder is running for them. */
  private readonly woff2Wanted = new Set<string>();
  /** Whether a font file can be held without its outlines (lean.ts); else it is read whole. */
  private readonly leanOk = new Map<string, boolean>();

  constructor(readonly registry: Registry = loadRegistry()) {}

  face(role: Role, weight: Weight = 'regular'): FontFace {
    // Looked up per character while typesetting: by role, then weight, with no key string to build.
    const known = this.byRole.get(role)?.get(weight);
    if (known) return known;
    const source = faceSource(this.registry, role, weight);
    const face = 'absent' in source ? this.standInFor(role, weight, source.absent) : this.open(role, source.path, source.weight);
    let weights = this.byRole.get(role);
    if (!weights) this.byRole.set(role, (weights = new Map()));
    weights.set(weight, face);
    return face;
  }

  /** The face a role with no file of its own is set in: the first of its fallbacks (then song) that has one. */
  private standInFor(role: Role, weight: Weight, reason: string): FontFace {
    const tried = new Set([role]);
    for (const alt of [...(this.registry.roles[role]?.fallback ?? []), LAST_RESORT]) {
      if (tried.has(alt) || !this.registry.roles[alt]) continue;
      tried.add(alt);
      if ('absent' in faceSource(this.registry, alt, weight)) continue;
      const face = this.face(alt, weight);
      this.standIns.set(`${role}-${weight}`, { face: face.key, reason });
      return face;
    }
    throw new InputError(`font role "${role}" (${weight}): ${reason}, and none of ${[...tried].slice(1).join(', ') || 'its fallbacks'} has a face to stand in — run npm install`);
  }

  private open(role: Role, path: string, weight: Weight): FontFace {
    const shared = this.byPath.get(path);
    if (shared) return shared;
    const cannotRead = (e: unknown) => new InputError(`font role "${role}" (${weight}): cannot read ${path}: ${(e as Error).message}`);
    let bytes: Uint8Array;
    let lean: LeanFont | undefined;
    try {
      lean = this.canReadLean(path) ? readLeanFont(path) : undefined;
      bytes = lean?.bytes ?? takeReadAhead(path) ?? readFileSync(path);
    } catch (e) {
      throw cannotRead(e);
    }
    // A caller that typesets without prefetch()/prefetched() first: a bug, not bad input.
    if (isWoff2(bytes) && !woff2DecoderReady()) throw new Error(`font role "${role}" (${weight}): ${path} is WOFF2 and no decoder is running: call prefetch() and await prefetched() before typesetting`);
    let font: fontkit.Font;
    try {
      if (isWoff2(bytes)) bytes = decodeWoff2(bytes, path);
      font = fontkit.create(bytes as Buffer) as fontkit.Font;
    } catch (e) {
      throw cannotRead(e);
    }
    if (lean) useGlyphSource(font, lean.glyphs);
    this.woff2Wanted.delete(path);
    preferOpenTypeLayout(font);
    speedUp(font);
    useFastSubset(font);
    const face = new FontFace(role, weight, path, font);
    this.faces.set(face.key, face);
    this.byPath.set(path, face);
    return face;
  }

  /** Whether the font at `path` can be read without its outlines (its directory is read once). */
  private canReadLean(path: string): boolean {
    let ok = this.leanOk.get(path);
    if (ok === undefined) this.leanOk.set(path, (ok = qualifiesLean(path)));
    return ok;
  }

  /** Whether a role and weight has a face of its own; if not, what stands in for it and why. */
  standIn(role: Role, weight: Weight): StandIn | undefined {
    const key = `${role}-${weight}`;
    if (!this.byRole.get(role)?.has(weight)) this.face(role, weight);
    return this.standIns.get(key);
  }

  /**
   * Get the files of faces that are not open yet ready: a TrueType face that can be held without its
   * outlines is read when face() opens it (about 0.5 MB, lean.ts); any other file is read whole now
   * on libuv's threads (see readahead.ts), so that face() finds it in memory. Errors are left for
   * face() to report. WOFF2 files the faces or their fallbacks may open also get a decoder started (see woff2.ts).
   */
  prefetch(faces: Iterable<{ font: Role; weight: Weight }>): void {
    const paths: string[] = [];
    for (const { font: role, weight } of faces) {
      if (this.byRole.get(role)?.has(weight)) continue;
      let first = true;
      for (const r of this.reachable(role)) {
        let source;
        try {
          source = faceSource(this.registry, r, weight);
        } catch {
          continue; // face() will say what is wrong.
        }
        if ('absent' in source || this.byPath.has(source.path)) continue;
        // The first role with a file is the one face() opens: its own, or the one standing in.
        if (first && !this.canReadLeanQuietly(source.path)) paths.push(source.path);
        first = false;
        if (source.path.endsWith('.woff2')) this.woff2Wanted.add(source.path);
      }
    }
    readAhead(paths);
  }

  /** canReadLean(), with a read error left for face() to report (the file is read ahead whole, and fails there). */
  private canReadLeanQuietly(path: string): boolean {
    try {
      return this.canReadLean(path);
    } catch {
      return false;
    }
  }

  /** A role, then every role face() or faceFor() may turn to for it: its fallbacks, song, and theirs. */
  private reachable(role: Role): Role[] {
    const seen = new Set<Role>([role]);
    for (const r of seen) for (const alt of [...(this.registry.roles[r]?.fallback ?? []), LAST_RESORT]) seen.add(alt);
    return [...seen];
  }

  /** Wait for the files prefetch() started, and for a WOFF2 decoder if one is wanted (typesetting is synchronous: it could not pick them up otherwise). */
  async prefetched(): Promise<void> {
    await readsDone();
    // Nothing may come between this check and the synchronous typesetting that follows: a decoder
    // is let go only at a later turn of the event loop.
    while (this.woff2Wanted.size && !woff2DecoderReady()) await startWoff2Decoder();
  }

  /** Forget files read ahead that no face opened (the page did not need them). */
  dropPrefetched(): void {
    dropReadAhead();
  }

  /** The face that has `char`: the role's own (or the one standing in for it), else its fallbacks in order. Null if none has it. */
  faceFor(role: Role, weight: Weight, char: string): FontFace | null {
    const cp = char.codePointAt(0)!;
    const own = this.face(role, weight);
    if (own.has(cp)) return own;
    for (const alt of this.registry.roles[role]?.fallback ?? []) {
      const f = this.face(alt, weight);
      if (f.has(cp)) return f;
    }
    // A stand-in's own fallbacks, as if its role had been asked for (song → hei).
    if (own.role !== role) return this.faceFor(own.role, weight, char);
    return null;
  }

  /** All faces opened so far. */
  opened(): FontFace[] {
    return [...this.faces.values()];
  }
}

/**
 * Shape with OpenType GSUB where a font also carries an Apple `morx` table: fontkit prefers morx,
 * and LXGW WenKai's morx lacks the vertical forms (vert: ，。（「 turned for vertical text) that
 * its GSUB has. Every OpenType engine off Apple (HarfBuzz, DirectWrite) shapes with GSUB too.
 */
/** @internal */
export function preferOpenTypeLayout(font: fontkit.Font): void {
  const f = font as unknown as { directory: { tables: Record<string, unknown> }; _tables: Record<string, unknown> };
  if (f.directory?.tables?.morx && f.directory.tables.GSUB && f._tables && !('morx' in f._tables)) f._tables.morx = null;
}
