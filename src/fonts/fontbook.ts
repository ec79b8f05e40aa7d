import { existsSync, readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { InputError } from '../errors.js';
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
    const entry = this.registry.roles[role];
    if (!entry) throw new InputError(`font role "${role}" is not in the font registry (roles: ${Object.keys(this.registry.roles).join(', ')})`);
    const spec = entry.weights[weight] ?? entry.weights.regular;
    if (!spec) throw new InputError(`font role "${role}" has no "${weight}" or "regular" weight in the font registry`);
    const path = resolveFontPath(this.registry, spec);
    if (!existsSync(path)) throw new InputError(`font role "${role}" (${weight}): font file not found at ${path} — run npm install`);
    let font: fontkit.Font;
    try {
      font = fontkit.create(readFileSync(path)) as fontkit.Font;
    } catch (e) {
      throw new InputError(`font role "${role}" (${weight}): cannot read ${path}: ${(e as Error).message}`);
    }
    useFastSubset(font);
    face = new FontFace(role, weight, path, font);
    this.faces.set(key, face);
    return face;
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
