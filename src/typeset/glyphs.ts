import type { GlyphRun, PlacedGlyph } from './types.js';

/** Glyphs a store makes room for at first; it doubles when full. */
const FIRST_CAPACITY = 1024;

/**
 * The glyphs one typesetting places, stored by field: ids, x origins, texts and runs in typed arrays
 * that grow, not an object per glyph. A page's glyphs are the typesetter's largest output and live
 * until the page is drawn. As objects (with a boxed x each) they outlived V8's young generation and
 * were copied by each scavenge they lived through: a cost per character that only a long story paid,
 * since a short one is done before a scavenge comes (garbage collection took 0.25 ms per 1000
 * characters of a 16-times sample, 0.03 of the sample itself). A typed array's storage lies off the JS
 * heap, and nothing in it is traced or copied.
 *
 * A glyph's text is kept as its one code point (nearly every glyph stands for one character); any
 * other text (a vertical dash pair's one glyph for ——, a glyph for none) is kept aside, by index.
 */
export class GlyphStore {
  private gids: Uint32Array;
  private xs: Float64Array;
  /** The glyph's text as one code point, or -1: its text is in `otherTexts`. */
  private codes: Int32Array;
  /** Index into `runs` of each glyph's run. */
  private runOf: Int32Array;
  private readonly runs: GlyphRun[] = [];
  private readonly otherTexts = new Map<number, string>();
  /** Glyphs stored. */
  length = 0;

  constructor(capacity = FIRST_CAPACITY) {
    const n = Math.max(1, capacity);
    this.gids = new Uint32Array(n);
    this.xs = new Float64Array(n);
    this.codes = new Int32Array(n);
    this.runOf = new Int32Array(n);
  }

  add(gid: number, text: string, x: number, run: GlyphRun): void {
    const i = this.length;
    if (i === this.gids.length) this.grow();
    this.gids[i] = gid;
    this.xs[i] = x;
    const cp = text.codePointAt(0) ?? -1;
    if (cp >= 0 && text.length === (cp > 0xffff ? 2 : 1)) this.codes[i] = cp;
    else (this.codes[i] = -1), this.otherTexts.set(i, text);
    if (this.runs[this.runs.length - 1] !== run) this.runs.push(run);
    this.runOf[i] = this.runs.length - 1;
    this.length = i + 1;
  }

  /** The run of the last glyph stored at or after `from` (a line's start), if there is one: the next glyph may join it. */
  lastRun(from: number): GlyphRun | undefined {
    return this.length > from ? this.runs[this.runOf[this.length - 1]] : undefined;
  }

  /** The glyphs stored since `from`, as a line's glyphs. */
  since(from: number): Glyphs {
    return new Glyphs(this, from, this.length);
  }

  gid(i: number): number {
    return this.gids[i];
  }
  x(i: number): number {
    return this.xs[i];
  }
  text(i: number): string {
    const cp = this.codes[i];
    return cp >= 0 ? String.fromCodePoint(cp) : this.otherTexts.get(i)!;
  }
  run(i: number): GlyphRun {
    return this.runs[this.runOf[i]];
  }
  /** The code points of glyph i's text (the PDF's Unicode map takes them). */
  codePoints(i: number): number[] {
    const cp = this.codes[i];
    return cp >= 0 ? [cp] : Array.from(this.otherTexts.get(i)!, (c) => c.codePointAt(0)!);
  }

  private grow(): void {
    const n = this.gids.length * 2;
    const gids = new Uint32Array(n), xs = new Float64Array(n), codes = new Int32Array(n), runOf = new Int32Array(n);
    gids.set(this.gids), xs.set(this.xs), codes.set(this.codes), runOf.set(this.runOf);
    this.gids = gids, this.xs = xs, this.codes = codes, this.runOf = runOf;
  }
}

/**
 * One line's glyphs: glyphs [start, end) of a store. Read glyph k's fields with gid(k), x(k), text(k)
 * and run(k) (nothing is built), or as PlacedGlyph objects with at(k), list() or for…of. A line's
 * glyphs are not changed once set: to place other glyphs, make a new list (Glyphs.of).
 */
export class Glyphs implements Iterable<PlacedGlyph> {
  constructor(
    private readonly store: GlyphStore,
    private readonly start: number,
    private readonly end: number,
  ) {}

  /** Glyphs given as objects, in their own store (for lines set outside the flow: vertical headlines, the slug). */
  static of(list: readonly PlacedGlyph[]): Glyphs {
    const store = new GlyphStore(list.length);
    for (const g of list) store.add(g.gid, g.text, g.x, g.run);
    return store.since(0);
  }

  get length(): number {
    return this.end - this.start;
  }
  gid(k: number): number {
    return this.store.gid(this.start + k);
  }
  x(k: number): number {
    return this.store.x(this.start + k);
  }
  text(k: number): string {
    return this.store.text(this.start + k);
  }
  run(k: number): GlyphRun {
    return this.store.run(this.start + k);
  }
  codePoints(k: number): number[] {
    return this.store.codePoints(this.start + k);
  }

  /** Glyph k as an object (a copy: changing it changes nothing set); k < 0 counts from the end, as Array.at does. */
  at(k: number): PlacedGlyph | undefined {
    if (k < 0) k += this.length;
    if (k < 0 || k >= this.length) return undefined;
    return { gid: this.gid(k), text: this.text(k), x: this.x(k), run: this.run(k) };
  }

  /** Glyphs [from, to) of these, as Array.slice takes them (without copying). */
  slice(from = 0, to = this.length): Glyphs {
    const clamp = (k: number) => Math.max(0, Math.min(this.length, k < 0 ? k + this.length : k));
    const a = clamp(from);
    return new Glyphs(this.store, this.start + a, this.start + Math.max(a, clamp(to)));
  }

  list(): PlacedGlyph[] {
    return Array.from(this);
  }

  map<T>(fn: (g: PlacedGlyph, k: number) => T): T[] {
    const out: T[] = [];
    for (let k = 0; k < this.length; k++) out.push(fn(this.at(k)!, k));
    return out;
  }

  every(fn: (g: PlacedGlyph, k: number) => boolean): boolean {
    for (let k = 0; k < this.length; k++) if (!fn(this.at(k)!, k)) return false;
    return true;
  }

  *[Symbol.iterator](): Iterator<PlacedGlyph> {
    for (let k = 0; k < this.length; k++) yield this.at(k)!;
  }

  /** JSON and Node's console show the line's glyphs as a list of objects, not the page's whole store. */
  toJSON(): PlacedGlyph[] {
    return this.list();
  }
  [Symbol.for('nodejs.util.inspect.custom')](): PlacedGlyph[] {
    return this.list();
  }
}
