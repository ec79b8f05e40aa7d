import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import * as fontkit from 'fontkit';
import { InputError } from '../errors.js';
import { speedUp } from './fontkit-speedups.js';
import { useFastSubset } from './subset.js';
import { loadRegistry, resolveFontPath, type Registry, type Role, type Weight } from './registry.js';

/** One font file, opened once, with a cache of advances in em. */
export class FontFace {
  readonly key: string;
  private readonly advances = new Map<number, number>();
  private readonly present = new Map<number, boolean>();
  private readonly unitsPerEm: number;

  constructor(
    readonly role: Role,
    readonly weight: Weight,
    readonly path: string,
    readonly font: fontkit.Font,
  ) {
    this.key = `${role}-${weight}`;
    this.unitsPerEm = font.unitsPerEm;
  }

  has(cp: number): boolean {
    let p = this.present.get(cp);
    if (p === undefined) this.present.set(cp, (p = this.font.hasGlyphForCodePoint(cp)));
    return p;
  }

  /** Horizontal advance of a character in em. */
  advance(cp: number): number {
    let a = this.advances.get(cp);
    if (a === undefined) this.advances.set(cp, (a = this.font.glyphForCodePoint(cp).advanceWidth / this.unitsPerEm));
    return a;
  }

  /** Ascent and descent of the font in em (descent negative). */
  get ascent(): number {
    return this.font.ascent / this.unitsPerEm;
  }
  get descent(): number {
    return this.font.descent / this.unitsPerEm;
  }
}

/** The fonts of a registry, opened lazily and kept for the life of the process (or worker). */
export class FontBook {
  private readonly faces = new Map<string, FontFace>();
  /** Characters set in a fallback face, by face key: reported, never silently drawn as boxes. */
  readonly fallbacks = new Map<string, Set<string>>();

  constructor(readonly registry: Registry = loadRegistry()) {}

  face(role: Role, weight: Weight = 'regular'): FontFace {
    const key = `${role}-${weight}`;
    let face = this.faces.get(key);
    if (face) return face;
    const path = this.fileOf(role, weight);
    if (!existsSync(path)) throw new InputError(`font role "${role}" (${weight}): font file not found at ${path} — run npm install`);
    let font: fontkit.Font;
    try {
      const bytes = this.readAhead.get(path) ?? readFileSync(path);
      this.readAhead.delete(path);
      font = fontkit.create(bytes) as fontkit.Font;
    } catch (e) {
      throw new InputError(`font role "${role}" (${weight}): cannot read ${path}: ${(e as Error).message}`);
    }
    speedUp(font);
    useFastSubset(font);
    face = new FontFace(role, weight, path, font);
    this.faces.set(key, face);
    return face;
  }

  /** The font file of a role and weight (the role's regular when it has no such weight). */
  private fileOf(role: Role, weight: Weight): string {
    const entry = this.registry.roles[role];
    if (!entry) throw new InputError(`font role "${role}" is not in the font registry (roles: ${Object.keys(this.registry.roles).join(', ')})`);
    const spec = entry.weights[weight] ?? entry.weights.regular;
    if (!spec) throw new InputError(`font role "${role}" has no "${weight}" or "regular" weight in the font registry`);
    return resolveFontPath(this.registry, spec);
  }

  private readonly readAhead = new Map<string, Buffer>();
  private readonly readingAhead = new Set<string>();
  private inFlight: Promise<unknown>[] = [];
  /**
   * Start reading the files of faces that are not open yet, on libuv's threads, so that face() finds
   * the 10–15 MB files already in memory (a cold page reads them while it ingests and lays out).
   * Each file is read ahead at most once per book; errors are left for face() to report.
   */
  prefetch(faces: Iterable<{ font: Role; weight: Weight }>): void {
    for (const { font: role, weight } of faces) {
      if (this.faces.has(`${role}-${weight}`)) continue;
      let path: string;
      try {
        path = this.fileOf(role, weight);
      } catch {
        continue;
      }
      if (this.readingAhead.has(path)) continue;
      this.readingAhead.add(path);
      this.inFlight.push(
        readFile(path).then(
          (bytes) => {
            if (![...this.faces.values()].some((f) => f.path === path)) this.readAhead.set(path, bytes);
          },
          () => {},
        ),
      );
    }
  }

  /** Wait for the files prefetch() started (typesetting is synchronous: it could not pick them up otherwise). */
  async prefetched(): Promise<void> {
    const reads = this.inFlight;
    this.inFlight = [];
    await Promise.all(reads);
  }

  /** Forget files read ahead that no face opened (the page did not need them). */
  dropPrefetched(): void {
    this.readAhead.clear();
  }

  /** The face that has `char`: the role's own, else its fallbacks in order. Null if none has it. */
  faceFor(role: Role, weight: Weight, char: string): FontFace | null {
    const cp = char.codePointAt(0)!;
    const own = this.face(role, weight);
    if (own.has(cp)) return own;
    for (const alt of this.registry.roles[role]?.fallback ?? []) {
      const f = this.face(alt, weight);
      if (f.has(cp)) {
        let set = this.fallbacks.get(f.key);
        if (!set) this.fallbacks.set(f.key, (set = new Set()));
        set.add(char);
        return f;
      }
    }
    return null;
  }

  /** All faces opened so far. */
  opened(): FontFace[] {
    return [...this.faces.values()];
  }
}
