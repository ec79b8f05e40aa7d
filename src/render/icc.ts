/**
 * A compact copy of an ICC v2 CMYK output profile, for a PDF/A output intent.
 *
 * libvips' "cmyk" profile (Graeme Gill's public-domain "Chemical proof"), which photos are separated
 * with, is 962 KB: 734 KB of it is the measurement data it was made from (the targ/DevD/CIED text
 * tags, optional in ICC), the rest three 16-bit lookup tables per direction. What a PDF/A output
 * intent states is what each CMYK value prints as: the A2B table. The compact copy keeps that table's
 * grid points and curves as they are, in 8-bit precision (lut8Type), with the output curves folded in,
 * and keeps the B2A and gamut tables on every other grid point; it leaves out the measurement data.
 * The result is about 37 KB and matches the full profile within about 1 ΔE (tested through lcms).
 */

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type Sharp from 'sharp';
import { PROJECT_ROOT } from '../fonts/registry.js';

const MFT2 = 0x6d667432; // 'mft2'

/** The condition the PDF/A output intent names: the profile's own description. */
export const CMYK_PROFILE_NAME = 'Chemical proof (libvips cmyk)';
export const COMPACT_PROFILE_DESCRIPTION = `${CMYK_PROFILE_NAME}, 8-bit compact copy (banmian)`;
/** The compact profile, made by scripts/make-profile.mjs from libvips' and kept beside the fonts. */
export const COMPACT_PROFILE_FILE = resolve(PROJECT_ROOT, 'profiles/libvips-cmyk-compact.icc');

let compact: Buffer | undefined;
/** The PDF/A output profile: read once per process (about 38 KB, 25 KB deflated in the PDF). */
export const outputProfile = (): Buffer => (compact ??= readFileSync(COMPACT_PROFILE_FILE));

/**
 * libvips' built-in "cmyk" profile, the one sharp separates photos with, read from a one-pixel CMYK
 * JPEG (libvips attaches the profile it converted with). For making and checking the compact copy.
 */
export async function libvipsCmykProfile(sharp: typeof Sharp): Promise<Buffer> {
  const jpeg = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#ffffff' } })
    .toColourspace('cmyk')
    .withIccProfile('cmyk')
    .jpeg()
    .toBuffer();
  const { icc } = await sharp(jpeg).metadata();
  if (!icc) throw new Error('sharp returned no CMYK ICC profile');
  return icc;
}

interface Tag {
  sig: string;
  offset: number;
  size: number;
}

/** A lut16Type table, decoded: curves and CLUT as numbers in 0..1. */
interface Lut {
  inputs: number;
  outputs: number;
  grid: number;
  /** inputs curves, each a list of values in 0..1. */
  inCurves: number[][];
  /** grid^inputs × outputs values in 0..1, last input varying fastest. */
  clut: Float64Array;
  outCurves: number[][];
}

function tags(icc: Buffer): Tag[] {
  const n = icc.readUInt32BE(128);
  const out: Tag[] = [];
  for (let i = 0; i < n; i++) {
    const at = 132 + i * 12;
    out.push({ sig: icc.toString('latin1', at, at + 4), offset: icc.readUInt32BE(at + 4), size: icc.readUInt32BE(at + 8) });
  }
  return out;
}

function readLut16(icc: Buffer, at: number): Lut {
  if (icc.readUInt32BE(at) !== MFT2) throw new Error(`ICC: expected a lut16Type table at ${at}`);
  const inputs = icc[at + 8];
  const outputs = icc[at + 9];
  const grid = icc[at + 10];
  const inEntries = icc.readUInt16BE(at + 48);
  const outEntries = icc.readUInt16BE(at + 50);
  let p = at + 52;
  const read = (n: number) => {
    const values: number[] = [];
    for (let k = 0; k < n; k++, p += 2) values.push(icc.readUInt16BE(p) / 65535);
    return values;
  };
  const inCurves = Array.from({ length: inputs }, () => read(inEntries));
  const clut = Float64Array.from(read(grid ** inputs * outputs));
  const outCurves = Array.from({ length: outputs }, () => read(outEntries));
  return { inputs, outputs, grid, inCurves, clut, outCurves };
}

/** A curve (equally spaced samples over 0..1) at x, linearly interpolated. */
function curveAt(curve: number[], x: number): number {
  const t = Math.min(1, Math.max(0, x)) * (curve.length - 1);
  const k = Math.min(curve.length - 2, Math.floor(t));
  return curve[k] + (curve[k + 1] - curve[k]) * (t - k);
}

/**
 * The table as lut8Type bytes, its grid taken every `step` points (1: all). The input curves are
 * resampled to the 256 entries lut8Type requires; the output curves are applied to the grid values,
 * so the written output curves are the identity. Lab PCS values are encoded on 0..0xFF00 in 16 bits
 * (L 100 = 0xFF00) and on 0..0xFF in 8 bits: the same fraction of 0xFF00 and of 0xFF.
 */
function lut8(lut: Lut, step: number, pcs: 'in' | 'out' | 'none'): Buffer {
  const grid = (lut.grid - 1) / step + 1;
  if (!Number.isInteger(grid)) throw new Error(`ICC: a grid of ${lut.grid} points cannot be taken every ${step}`);
  const { inputs, outputs } = lut;
  const size = 48 + inputs * 256 + grid ** inputs * outputs + outputs * 256;
  const b = Buffer.alloc(size);
  b.write('mft1', 0, 'latin1');
  b[8] = inputs;
  b[9] = outputs;
  b[10] = grid;
  // The matrix is the identity (s15Fixed16), as lut8Type requires for non-XYZ input.
  for (let k = 0; k < 9; k++) b.writeInt32BE(k % 4 === 0 ? 0x10000 : 0, 12 + 4 * k);
  let p = 48;
  const LAB = 65280 / 65535;
  const inScale = pcs === 'in' ? LAB : 1;
  for (const curve of lut.inCurves) for (let k = 0; k < 256; k++) b[p++] = Math.round(curveAt(curve, (k / 255) * inScale) * 255);
  // Grid points in order, last input fastest, in the new grid; each maps to a point of the old one.
  const outScale = pcs === 'out' ? 1 / LAB : 1;
  const index = new Array<number>(inputs).fill(0);
  for (let n = 0; n < grid ** inputs; n++) {
    let old = 0;
    for (let d = 0; d < inputs; d++) old = old * lut.grid + index[d] * step;
    for (let o = 0; o < outputs; o++) {
      const v = curveAt(lut.outCurves[o], lut.clut[old * outputs + o]) * outScale;
      b[p++] = Math.min(255, Math.round(v * 255));
    }
    for (let d = inputs - 1; d >= 0 && ++index[d] === grid; d--) index[d] = 0;
  }
  for (let o = 0; o < outputs; o++) for (let k = 0; k < 256; k++) b[p++] = k;
  return b;
}

/**
 * The compact profile: header and small tags (description, copyright, white and black points,
 * colorant table) as they are, with the description marked as the compact copy; the lookup tables as
 * lut8Type; no measurement data. Tags that shared one table still share one.
 */
export function compactCmykProfile(full: Buffer, description: string): Buffer {
  if (full.toString('latin1', 12, 20) !== 'prtrCMYK' || full[8] !== 2) throw new Error('ICC: expected a version 2 CMYK output profile');
  const pcsLab = full.toString('latin1', 20, 24) === 'Lab ';
  const written = new Map<number, Buffer>(); // source offset → new data (shared tables stay shared)
  const order: { sig: string; key: number }[] = [];
  for (const t of tags(full)) {
    if (written.has(t.offset)) {
      order.push({ sig: t.sig, key: t.offset });
      continue;
    }
    let data: Buffer;
    if (/^(A2B|B2A)[012]$/.test(t.sig) || t.sig === 'gamt') {
      const lut = readLut16(full, t.offset);
      // A2B (what CMYK prints as) keeps every grid point; B2A and gamut (used only to separate into
      // the condition, or to test gamut) every other one: grid 17 → 9, points of the original.
      const step = t.sig.startsWith('A2B') ? 1 : 2;
      data = lut8(lut, lut.grid > 9 ? step : 1, !pcsLab ? 'none' : t.sig.startsWith('A2B') ? 'out' : 'in');
    } else if (t.sig === 'desc') {
      data = textDescription(description);
    } else if (['cprt', 'wtpt', 'bkpt', 'clrt'].includes(t.sig)) {
      data = full.subarray(t.offset, t.offset + t.size);
    } else continue; // targ, DevD, CIED: the characterization data, optional
    written.set(t.offset, data);
    order.push({ sig: t.sig, key: t.offset });
  }
  // Lay out: header, tag table, then each distinct table once, 4-byte aligned.
  const headerAndTable = 128 + 4 + order.length * 12;
  const offsets = new Map<number, number>();
  let at = align4(headerAndTable);
  for (const { key } of order) {
    if (offsets.has(key)) continue;
    offsets.set(key, at);
    at = align4(at + written.get(key)!.length);
  }
  const out = Buffer.alloc(at);
  full.copy(out, 0, 0, 128);
  out.writeUInt32BE(at, 0);
  out.fill(0, 84, 100); // profile ID: none (version 2)
  out.writeUInt32BE(order.length, 128);
  order.forEach(({ sig, key }, i) => {
    const p = 132 + i * 12;
    out.write(sig, p, 'latin1');
    out.writeUInt32BE(offsets.get(key)!, p + 4);
    out.writeUInt32BE(written.get(key)!.length, p + 8);
  });
  for (const [key, off] of offsets) written.get(key)!.copy(out, off);
  return out;
}

const align4 = (n: number) => (n + 3) & ~3;

/** A version 2 textDescriptionType: ASCII, no Unicode or ScriptCode text. */
function textDescription(text: string): Buffer {
  const ascii = Buffer.from(`${text}\0`, 'latin1');
  const b = Buffer.alloc(12 + ascii.length + 4 + 4 + 2 + 1 + 67);
  b.write('desc', 0, 'latin1');
  b.writeUInt32BE(ascii.length, 8);
  ascii.copy(b, 12);
  return b;
}
