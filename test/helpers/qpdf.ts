import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Object-level access to a PDF through qpdf (Debian's qpdf, which .ci/run installs): its JSON
 * dump with every stream decoded. pdf.js hides what print checks need (page boxes, output
 * intents, colour operators as written), qpdf shows the objects as they are.
 */
export type PdfValue = string | number | boolean | null | PdfValue[] | { [k: string]: PdfValue };
export interface PdfObject {
  value?: PdfValue;
  stream?: { dict: Record<string, PdfValue>; data?: string };
}

/** Run qpdf; a missing qpdf says how to get it rather than failing obscurely. */
function qpdf(args: string[]): string {
  try {
    return execFileSync('qpdf', args, { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('qpdf is not installed: apt-get install qpdf (.ci/run does)');
    throw e;
  }
}

function withFile<T>(bytes: Uint8Array, f: (file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'banmian-qpdf-'));
  try {
    const file = join(dir, 'x.pdf');
    writeFileSync(file, bytes);
    return f(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `qpdf --check`: exit status 0 means no syntax or stream errors (2 errors, 3 warnings). */
export function qpdfCheck(bytes: Uint8Array): { status: number; output: string } {
  return withFile(bytes, (file) => {
    try {
      return { status: 0, output: qpdf(['--check', file]) };
    } catch (e) {
      const err = e as { status?: number; stdout?: string; stderr?: string; message: string };
      if (err.status === undefined) throw e;
      return { status: err.status, output: `${err.stdout ?? ''}${err.stderr ?? ''}` };
    }
  });
}

export class QpdfDoc {
  readonly objects: Record<string, PdfObject>;
  readonly trailer: Record<string, PdfValue>;

  constructor(bytes: Uint8Array) {
    const json = withFile(bytes, (file) => qpdf(['--json=2', '--json-stream-data=inline', '--decode-level=generalized', file]));
    const parsed = JSON.parse(json) as { qpdf: [unknown, Record<string, PdfObject>] };
    this.objects = parsed.qpdf[1];
    this.trailer = this.objects.trailer.value as Record<string, PdfValue>;
  }

  /** Follow a reference ("12 0 R") to its dictionary or value; other values pass through. */
  get(v: PdfValue | undefined): PdfValue | undefined {
    if (typeof v === 'string' && / \d+ R$/.test(v)) {
      const o = this.objects[`obj:${v}`];
      return o?.stream ? (o.stream.dict as PdfValue) : o?.value;
    }
    return v;
  }
  dict(v: PdfValue | undefined): Record<string, PdfValue> {
    return (this.get(v) ?? {}) as Record<string, PdfValue>;
  }
  /** The decoded bytes of a stream object. */
  streamData(ref: PdfValue | undefined): Buffer {
    const data = this.objects[`obj:${ref}`]?.stream?.data;
    return Buffer.from(data ?? '', 'base64');
  }
  get catalog() {
    return this.dict(this.trailer['/Root']);
  }
  /** The page objects in order, with their references. */
  pages(): { ref: string; dict: Record<string, PdfValue> }[] {
    const out: { ref: string; dict: Record<string, PdfValue> }[] = [];
    const walk = (ref: PdfValue) => {
      const d = this.dict(ref);
      if (d['/Type'] === '/Page') out.push({ ref: ref as string, dict: d });
      else for (const kid of (d['/Kids'] as PdfValue[]) ?? []) walk(kid);
    };
    walk(this.catalog['/Pages']);
    return out;
  }
  /** A page's content, all its content streams decoded and joined. */
  content(page: Record<string, PdfValue>): string {
    const c = page['/Contents'];
    const refs = Array.isArray(c) ? c : [c];
    return refs.map((r) => this.streamData(r).toString('latin1')).join('\n');
  }
}

export type Operand = number | string | Operand[] | { dict: string };
export interface Op {
  op: string;
  args: Operand[];
}

/** Tokenize a content stream into operators with their operands (strings kept raw; dictionaries kept as text). */
export function parseContent(src: string): Op[] {
  const ops: Op[] = [];
  const stack: Operand[][] = [[]];
  let i = 0;
  const top = () => stack[stack.length - 1];
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) i++;
    else if (c === '%') while (i < src.length && src[i] !== '\n' && src[i] !== '\r') i++;
    else if (c === '(') {
      let depth = 0;
      const start = i;
      for (; i < src.length; i++) {
        if (src[i] === '\\') i++;
        else if (src[i] === '(') depth++;
        else if (src[i] === ')' && --depth === 0) break;
      }
      top().push(src.slice(start, ++i));
    } else if (c === '<' && src[i + 1] === '<') {
      let depth = 0;
      const start = i;
      for (; i < src.length; i++) {
        if (src.startsWith('<<', i)) (depth++, i++);
        // A hex string inside the dictionary (an ActualText): skip it whole, its '>' is no dictionary end.
        else if (src[i] === '<') i = src.indexOf('>', i);
        else if (src.startsWith('>>', i) && --depth === 0) break;
        else if (src.startsWith('>>', i)) i++;
      }
      i += 2;
      top().push({ dict: src.slice(start, i) });
    } else if (c === '<') {
      const end = src.indexOf('>', i);
      top().push(src.slice(i, end + 1));
      i = end + 1;
    } else if (c === '[') {
      stack.push([]);
      i++;
    } else if (c === ']') {
      const arr = stack.pop()!;
      top().push(arr);
      i++;
    } else if (c === '/') {
      const m = /^\/[^\s/\[\]()<>{}%]*/.exec(src.slice(i, i + 200))!;
      top().push(m[0]);
      i += m[0].length;
    } else if (/[-+.\d]/.test(c)) {
      const m = /^[-+]?(\d+\.?\d*|\.\d+)/.exec(src.slice(i, i + 40))!;
      top().push(Number(m[0]));
      i += m[0].length;
    } else {
      const m = /^[^\s/\[\]()<>{}%]+/.exec(src.slice(i, i + 40))!;
      ops.push({ op: m[0], args: stack[0].splice(0) });
      i += m[0].length;
    }
  }
  return ops;
}

type Matrix = [number, number, number, number, number, number];
const mul = (m: Matrix, n: Matrix): Matrix => [m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3], m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3], m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5]];
const apply = (m: Matrix, x: number, y: number) => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

export interface Painted {
  /** What was painted: a text-showing, stroking, filling or image operator. */
  kind: 'text' | 'stroke' | 'fill' | 'image';
  op: string;
  /** The colour space and components in force ('' before any colour is set). */
  space: string;
  color: number[];
  /** Device-space bounding box of the rectangles (re) or image painted, [x0 y0 x1 y1]. */
  bbox?: [number, number, number, number];
  /** The image XObject name for Do. */
  name?: string;
}

export interface ColorReport {
  /** Every colour-setting operator, as written. */
  colorOps: Op[];
  painted: Painted[];
}

/** Walk a content stream with the graphics state (q/Q, cm, colours) and report what is painted in which colour. */
export function paintedColors(content: string): ColorReport {
  type State = { ctm: Matrix; fill: [string, number[]]; stroke: [string, number[]] };
  let st: State = { ctm: [1, 0, 0, 1, 0, 0], fill: ['', []], stroke: ['', []] };
  const saved: State[] = [];
  const colorOps: Op[] = [];
  const painted: Painted[] = [];
  let rects: number[][] = [];
  const nums = (args: Operand[]) => args.filter((a): a is number => typeof a === 'number');
  const bboxOf = (pts: number[][]): [number, number, number, number] | undefined =>
    pts.length ? [Math.min(...pts.map((p) => p[0])), Math.min(...pts.map((p) => p[1])), Math.max(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[1]))] : undefined;
  for (const { op, args } of parseContent(content)) {
    switch (op) {
      case 'q':
        saved.push({ ...st, fill: [...st.fill], stroke: [...st.stroke] } as State);
        break;
      case 'Q':
        st = saved.pop() ?? st;
        break;
      case 'cm':
        st.ctm = mul(nums(args) as Matrix, st.ctm);
        break;
      case 'k': case 'K': case 'rg': case 'RG': case 'g': case 'G': {
        colorOps.push({ op, args });
        const space = op.toLowerCase() === 'k' ? '/DeviceCMYK' : op.toLowerCase() === 'rg' ? '/DeviceRGB' : '/DeviceGray';
        if (op === op.toLowerCase()) st.fill = [space, nums(args)];
        else st.stroke = [space, nums(args)];
        break;
      }
      case 'cs': case 'CS':
        colorOps.push({ op, args });
        if (op === 'cs') st.fill = [String(args[0]), []];
        else st.stroke = [String(args[0]), []];
        break;
      case 'sc': case 'scn': case 'SC': case 'SCN':
        colorOps.push({ op, args });
        if (op.startsWith('s')) st.fill = [st.fill[0], nums(args)];
        else st.stroke = [st.stroke[0], nums(args)];
        break;
      case 're': {
        const [x, y, w, h] = nums(args);
        rects.push(apply(st.ctm, x, y), apply(st.ctm, x + w, y + h));
        break;
      }
      case 'Tj': case 'TJ': case "'": case '"':
        painted.push({ kind: 'text', op, space: st.fill[0], color: st.fill[1] });
        break;
      case 'S': case 's':
        painted.push({ kind: 'stroke', op, space: st.stroke[0], color: st.stroke[1] });
        rects = [];
        break;
      case 'f': case 'F': case 'f*':
        painted.push({ kind: 'fill', op, space: st.fill[0], color: st.fill[1], bbox: bboxOf(rects) });
        rects = [];
        break;
      case 'B': case 'B*': case 'b': case 'b*':
        painted.push({ kind: 'fill', op, space: st.fill[0], color: st.fill[1], bbox: bboxOf(rects) });
        painted.push({ kind: 'stroke', op, space: st.stroke[0], color: st.stroke[1] });
        rects = [];
        break;
      case 'n':
        rects = [];
        break;
      case 'Do':
        painted.push({ kind: 'image', op, space: '', color: [], name: String(args[0]), bbox: bboxOf([apply(st.ctm, 0, 0), apply(st.ctm, 1, 1)]) });
        break;
    }
  }
  return { colorOps, painted };
}
