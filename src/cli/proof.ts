import { dirname, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { checkOutputPath, removeStaleTemps } from '../fsutil.js';
import { loadLayout } from '../model/index.js';
import { renderPage } from '../pipeline.js';
import { rasterizePdf } from '../render/raster.js';
import { formatReport } from '../report/index.js';
import { defaultOutput, emit, STDOUT } from './output.js';
import { details, failureLine, watching } from './render.js';
import type { WatchedRun } from './watch.js';
import { say as sayFor } from './say.js';
import { ACCESS_OPTIONS, args, fileAccess, number, one } from './options.js';

/** banmian proof <layout> [-o page.png] [--dpi N]: the page as a PNG. */
export async function proofCommand(argv: string[]): Promise<number> {
  const { values, positionals } = args(argv, { output: { type: 'string', short: 'o' }, dpi: { type: 'string' }, debug: { type: 'boolean' }, watch: { type: 'boolean', short: 'w' }, ...ACCESS_OPTIONS }, 'proof');
  const dpi = values.dpi === undefined ? 60 : number('--dpi', values.dpi, 10, 600, 'dots per inch');
  if (values.output === '') throw new InputError('-o: expected a file name (or - for standard output)');
  const access = fileAccess(values);
  const file = one(positionals, 'proof <layout.json> [-o page.png] [--dpi N]');
  if (values.watch && values.output === STDOUT) throw new InputError('--watch writes files: not with -o - (standard output)');
  const once = async (): Promise<WatchedRun> => {
    const layout = loadLayout(file, access);
    const out = values.output === STDOUT ? STDOUT : resolve(values.output ?? defaultOutput(layout.name, '.png'));
    if (out !== STDOUT) checkOutputPath(out, layout.inputs, '-o');
    // Uncompressed: the PDF only goes to the rasterizer, which need not inflate what was not deflated.
    const page = await renderPage(layout, { ...access, debug: values.debug, compress: false });
    const png = await rasterizePdf(page.pdf, dpi);
    if (out !== STDOUT) await removeStaleTemps(dirname(out));
    await emit(out, png);
    const say = sayFor(values, out === STDOUT);
    say.report(`${formatReport(page.report)}\n${out === STDOUT ? '' : `  wrote ${out}\n`}`);
    say.detail(details(page));
    if (page.report.overflowChars > 0) say.failure(`banmian: ${failureLine(page.report)}\n`);
    return { code: page.report.overflowChars > 0 ? 1 : 0, inputs: page.layout.inputs.map((i) => i.path) };
  };
  return values.watch ? watching(file, once, sayFor(values)) : (await once()).code;
}
