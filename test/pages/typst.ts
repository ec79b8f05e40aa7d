/**
 * Typst for the test pages: one compiler per process with the Noto faces banmian ships (from
 * node_modules, as bench/peer.ts passes them), text passed as Typst string literals (never as
 * markup, so no character of the prose is taken for syntax), and two calls: `measure` (sizes of
 * many pieces of content in one compile) and `compile` (the page PDF plus the positions that the
 * page reported with `probe`).
 */
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

export const SERIF = 'Noto Serif SC';
export const SANS = 'Noto Sans SC';

/** The faces the pages use; Typst picks among them by family and weight. */
const FACES = [
  '@expo-google-fonts/noto-serif-sc/300Light/NotoSerifSC_300Light.ttf',
  '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf',
  '@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf',
  '@expo-google-fonts/noto-serif-sc/900Black/NotoSerifSC_900Black.ttf',
  '@expo-google-fonts/noto-sans-sc/300Light/NotoSansSC_300Light.ttf',
  '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  '@expo-google-fonts/noto-sans-sc/500Medium/NotoSansSC_500Medium.ttf',
  '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
  '@expo-google-fonts/noto-sans-sc/900Black/NotoSansSC_900Black.ttf',
];

/** Shadow files live under this (virtual) workspace; nothing is read from the disk but fonts. */
const WORKSPACE = '/banmian-pages';

let shared: NodeCompiler | undefined;
function compiler(): NodeCompiler {
  if (shared) return shared;
  const require = createRequire(import.meta.url);
  const dirs = FACES.map((f) => dirname(require.resolve(f)));
  shared = NodeCompiler.create({ workspace: WORKSPACE, fontArgs: [{ fontPaths: dirs }] });
  return shared;
}

/** A Typst string literal: JSON's escapes for " and \ are Typst's; the prose has no control characters. */
export function str(s: string): string {
  if (/[\u0000-\u001f]/.test(s)) throw new Error(`typst: control character in ${JSON.stringify(s)}`);
  return JSON.stringify(s);
}

/** A length in pt, rounded to 1/1000 pt so that the source (and the PDF) does not depend on float noise. */
export const pt = (n: number) => `${Math.round(n * 1000) / 1000}pt`;

/**
 * Page-wide settings every page and every measurement starts from. Lines are the em box of the text
 * (top 0.88 em above the baseline, bottom 0.12 em below, the ideographic em box of the Noto CJK faces),
 * so a line of size s is exactly s tall and the truth's boxes are the boxes of the characters.
 * Widows and orphans cost nothing: a column ends where its line grid ends, as on a newspaper page.
 */
export function prelude(opts: { cjkLatinSpacing: boolean }): string {
  return [
    `#set document(date: none)`,
    `#set text(font: ${str(SERIF)}, lang: "zh", region: "cn", hyphenate: false, top-edge: 0.88em, bottom-edge: -0.12em, costs: (widow: 0%, orphan: 0%), cjk-latin-spacing: ${opts.cjkLatinSpacing ? 'auto' : 'none'})`,
    `#set par(justify: true)`,
    // Reports where it stands (a placed probe: the top-left of its container; inline: the baseline).
    `#let probe(id) = context { let p = here().position(); [#metadata((id: id, x: p.x.pt(), y: p.y.pt(), page: p.page)) <probe>] }`,
  ].join('\n');
}

function fail(c: NodeCompiler, result: { takeError(): unknown }, what: string): never {
  const diags = c.fetchDiagnostics(result.takeError() as never);
  throw new Error(`typst (${what}): ${JSON.stringify(diags)}`);
}

/**
 * Size of each piece of content (Typst markup: a content expression such as `text(size: 9pt)[#"…"]`),
 * laid out at `width` when given (then height is what matters) or at its natural width.
 */
export function measure(head: string, items: { content: string; width?: number }[]): { w: number; h: number }[] {
  if (!items.length) return [];
  const c = compiler();
  const list = items.map((it) => `(${it.width === undefined ? 'none' : pt(it.width)}, [#${it.content}])`).join(',\n');
  const src = `${head}
#set page(width: 2000pt, height: 2000pt, margin: 0pt)
#context {
  let items = (${list},)
  let out = items.map(((w, c)) => { let m = if w == none { measure(c) } else { measure(block(width: w, c)) }; (m.width.pt(), m.height.pt()) })
  [#metadata(out) <measured>]
}`;
  const res = c.compile({ mainFileContent: src });
  if (!res.result) fail(c, res, 'measure');
  const [found] = c.query(res.result, { selector: '<measured>' }) as { value: [number, number][] }[];
  return found.value.map(([w, h]) => ({ w, h }));
}

export interface Probe {
  id: string;
  x: number;
  y: number;
  page: number;
}

/** Compile a page: the PDF and every probe's position. `files` are shadowed under the workspace (images). */
export function compile(source: string, files: Record<string, Buffer> = {}): { pdf: Buffer; probes: Map<string, Probe>; version: string } {
  const c = compiler();
  c.resetShadow();
  for (const [name, data] of Object.entries(files)) c.mapShadow(`${WORKSPACE}/${name}`, data);
  const src = `${source}\n#metadata(str(sys.version)) <typst-version>`;
  const res = c.compile({ mainFileContent: src });
  if (!res.result) fail(c, res, 'page');
  const probes = new Map<string, Probe>();
  for (const { value } of c.query(res.result, { selector: '<probe>' }) as { value: Probe }[]) {
    if (probes.has(value.id)) throw new Error(`typst: probe ${value.id} placed twice`);
    probes.set(value.id, value);
  }
  const [version] = c.query(res.result, { selector: '<typst-version>' }) as { value: string }[];
  const pdf = c.pdf(res.result);
  c.resetShadow();
  return { pdf, probes, version: version.value };
}
