import { extname, resolve } from 'node:path';
import { comparePdfs, DEFAULTS, type PageComparison } from '../compare/index.js';
import { formatComparison } from '../compare/format.js';
import { InputError } from '../errors.js';
import { checkOutputPath, maxImage, readInput, writeFileAtomic } from '../fsutil.js';
import { args, fileAccess, number } from './options.js';

const USAGE = 'compare <original.pdf> <facsimile.pdf> [--page N] [--json] [--png overlay.png] [--side side.png] [--min-lines 0.97] [--max-move 1mm] [--dpi N]';

/** `banmian compare original.pdf facsimile.pdf`: exit 0 when every page is within the thresholds, 1 when not. */
export async function compareCommand(argv: string[]): Promise<number> {
  const { values, positionals } = args(argv, {
    page: { type: 'string' },
    json: { type: 'boolean' },
    png: { type: 'string' },
    side: { type: 'string' },
    'min-lines': { type: 'string' },
    'max-move': { type: 'string' },
    dpi: { type: 'string' },
    'max-input': { type: 'string' },
  }, 'compare');
  if (positionals.length !== 2) throw new InputError(`usage: banmian ${USAGE}`);
  const [originalFile, facsimileFile] = positionals;
  const page = values.page === undefined ? undefined : number('--page', values.page, 1, 1e6, 'pages');
  if (page !== undefined && !Number.isInteger(page)) throw new InputError(`--page: expected a whole page number, got "${values.page}"`);
  const minLines = values['min-lines'] === undefined ? DEFAULTS.minLines : shareOption(values['min-lines']);
  const maxMoveMm = values['max-move'] === undefined ? DEFAULTS.maxMoveMm : mmOption(values['max-move']);
  const dpi = values.dpi === undefined ? DEFAULTS.dpi : number('--dpi', values.dpi, 10, 600, 'dots per inch');
  // Page PDFs may be as big as a photo (they hold the page's images); regular files only.
  const limit = maxImage(fileAccess(values));
  const [original, facsimile] = await Promise.all([readInput(originalFile, { limit, kind: 'a PDF' }), readInput(facsimileFile, { limit, kind: 'a PDF' })]);
  const inputs = [
    { path: originalFile, role: 'the original PDF' },
    { path: facsimileFile, role: 'the facsimile PDF' },
  ];
  // Checked before the work (one page: these are the names written; more pages: each is checked again).
  if (values.png) checkOutputPath(resolve(values.png), inputs, '--png');
  if (values.side) checkOutputPath(resolve(values.side), inputs, '--side');

  const pages = await comparePdfs(original, originalFile, facsimile, facsimileFile, { page, dpi, minLines, maxMoveMm, overlay: !!values.png, side: !!values.side });
  const written: string[] = [];
  for (const c of pages) {
    if (values.png && c.overlay) written.push(await writePicture(values.png, c, pages.length, c.overlay, inputs, '--png'));
    if (values.side && c.side) written.push(await writePicture(values.side, c, pages.length, c.side, inputs, '--side'));
  }
  if (values.json) {
    const plain = pages.map(({ overlay: _o, side: _s, ...rest }) => rest);
    process.stdout.write(JSON.stringify(pages.length === 1 ? plain[0] : plain, null, 2) + '\n');
  } else {
    process.stdout.write(pages.map(formatComparison).join('\n') + written.map((w) => `  wrote ${w}\n`).join(''));
  }
  return pages.every((c) => c.pass) ? 0 : 1;
}

/** One picture per page: with several pages, page N goes to name-pN.png. Never over a device or one of the PDFs compared. */
async function writePicture(file: string, c: PageComparison, count: number, png: Buffer, inputs: { path: string; role: string }[], flag: string): Promise<string> {
  const ext = extname(file);
  const out = resolve(count > 1 ? `${file.slice(0, file.length - ext.length)}-p${c.original.page}${ext || '.png'}` : file);
  checkOutputPath(out, inputs, flag);
  await writeFileAtomic(out, png);
  return out;
}

/** --min-lines: a share (0.97) or a percentage (97%). */
function shareOption(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(value);
  const n = m ? Number(m[1]) / (m[2] ? 100 : 1) : NaN;
  if (!(n >= 0 && n <= 1)) throw new InputError(`--min-lines: expected a share from 0 to 1 (or a percentage), got "${value}"`);
  return n;
}

/** --max-move: millimetres (1mm, 1 or 0.5 mm) or points (2pt). */
function mmOption(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(mm|pt)?\s*$/.exec(value);
  if (!m) throw new InputError(`--max-move: expected a length in mm or pt (e.g. 1mm), got "${value}"`);
  return m[2] === 'pt' ? (Number(m[1]) * 25.4) / 72 : Number(m[1]);
}
