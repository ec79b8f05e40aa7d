import { existsSync, readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { InputError } from '../errors.js';
import { speedUp } from './fontkit-speedups.js';
import { dropReadAhead, readAhead, readsDone, takeReadAhead } from './readahead.js';
import { useFastSubset } from './subset.js';
import { faceFile, loadRegistry, type Registry, type Role, type Weight } from './registry.js';

/** One font file, opened once, with a cache of advances in em. */
export class FontFace {
  readonly key: string;
  private readonly advances = new Map<number, number>();
  private readonly unitsPerEm: number;
  private readonly featured = new Map<string, { gid: number; advance: number }>();

  constructor(
    readonly role: Role,
    readonly weight: Weight,
    readonly path: string,
    readonly font: fontkit.Font,
  ) {
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

/** The fonts of a registry, opened lazily and kept for the life of the process (or worker). */
export class FontBook {
  private readonly faces = new Map<string, FontFace>();
  private readonly byRole = new Map<Role, Map<Weight, FontFace>>();

  constructor(readonly registry: Registry = loadRegistry()) {}

  face(role: Role, weight: Weight = 'regular'): FontFace {
    // Looked up per character while typesetting: by role, then weight, with no key string to build.
    const known = this.byRole.get(role)?.get(weight);
    if (known) return known;
    const key = `${role}-${weight}`;
    let face = this.faces.get(key);
    if (face) return face;
    const path = this.fileOf(role, weight);
    if (!existsSync(path)) throw new InputError(`font role "${role}" (${weight}): font file not found at ${path} — run npm install`);
    let font: fontkit.Font;
    try {
      const bytes = takeReadAhead(path) ?? readFileSync(path);
      font = fontkit.create(bytes) as fontkit.Font;
    } catch (e) {
      throw new InputError(`font role "${role}" (${weight}): cannot read ${path}: ${(e as Error).message}`);
    }
    speedUp(font);
    useFastSubset(font);
    face = new FontFace(role, weight, path, font);
    this.faces.set(key, face);
    let weights = this.byRole.get(role);
    if (!weights) this.byRole.set(role, (weights = new Map()));
    weights.set(weight, face);
    return face;
  }

  private fileOf(role: Role, weight: Weight): string {
    return faceFile(this.registry, role, weight);
  }

  /**
   * Start reading the files of faces that are not open yet on libuv's threads (see readahead.ts),
   * so that face() finds the 10–15 MB files in memory; errors are left for face() to report.
   */
  prefetch(faces: Iterable<{ font: Role; weight: Weight }>): void {
    const paths: string[] = [];
    for (const { font: role, weight } of faces) {
      if (this.faces.has(`${role}-${weight}`)) continue;
      try {
        paths.push(this.fileOf(role, weight));
      } catch {
        // face() will say what is wrong.
      }
    }
    readAhead(paths);
  }

  /** Wait for the files prefetch() started (typesetting is synchronous: it could not pick them up otherwise). */
  async prefetched(): Promise<void> {
    await readsDone();
  }

  /** Forget files read ahead that no face opened (the page did not need them). */
  dropPrefetched(): void {
    dropReadAhead();
  }

  /** The face that has `char`: the role's own, else its fallbacks in order. Null if none has it. */
  faceFor(role: Role, weight: Weight, char: string): FontFace | null {
    const cp = char.codePointAt(0)!;
    const own = this.face(role, weight);
    if (own.has(cp)) return own;
    for (const alt of this.registry.roles[role]?.fallback ?? []) {
      const f = this.face(alt, weight);
      if (f.has(cp)) return f;
    }
    return null;
  }

  /** All faces opened so far. */
  opened(): FontFace[] {
    return [...this.faces.values()];
  }
}
