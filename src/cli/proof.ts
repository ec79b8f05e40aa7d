import { resolve } from 'node:path';
import { PROJECT_ROOT } from '../fonts/registry.js';
import { writeFileAtomic } from '../fsutil.js';
import { renderPage } from '../pipeline.js';
import { rasterizePdf } from '../render/raster.js';
import { formatReport } from '../report/index.js';
import { args, number, one } from './options.js';

/** banmian proof <layout> [-o page.png] [--dpi N]: the page as a PNG. */
export async function proofCommand(argv: string[]): Promise<number> {
  const { values, positionals } = args(argv, { output: { type: 'string', short: 'o' }, dpi: { type: 'string' }, debug: { type: 'boolean' } });
  const dpi = values.dpi === undefined ? 60 : number('--dpi', values.dpi, 10, 600, 'dots per inch');
  const page = await renderPage(one(positionals, 'proof <layout.json> [-o page.png] [--dpi N]'), { debug: values.debug });
  const out = resolve(values.output ?? resolve(PROJECT_ROOT, 'output', `${page.layout.name}.png`));
  await writeFileAtomic(out, await rasterizePdf(page.pdf, dpi));
  process.stdout.write(`${formatReport(page.report)}\n  wrote ${out}\n`);
  return page.report.overflowChars > 0 ? 1 : 0;
}
