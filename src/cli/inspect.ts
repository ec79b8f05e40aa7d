import { readFile } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { blockText, ingest } from '../ingest/index.js';
import { args } from './main.js';
import { one } from './render.js';

export async function inspectCommand(argv: string[]): Promise<number> {
  const { values, positionals } = args(argv, { json: { type: 'boolean' } });
  const file = one(positionals, 'inspect <text file>');
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw new InputError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const source = ingest(bytes, {}, file);
  if (values.json) {
    process.stdout.write(JSON.stringify(source, null, 2) + '\n');
    return 0;
  }
  const rows = source.blocks.map((b) => {
    const extra = b.pairedWith ? ` → ${b.pairedWith.article} (${b.pairedWith.score})` : b.within ? ` in ${b.within.article}` : '';
    return `${b.id.padEnd(12)} ${b.kind.padEnd(18)} ${String(b.lineLength).padStart(4)} ${String(b.paragraphs.length).padStart(4)}  ${[...blockText(b)].slice(0, 24).join('')}${extra}`;
  });
  process.stdout.write(`${'id'.padEnd(12)} ${'kind'.padEnd(18)} line paras  text\n${rows.join('\n')}\n`);
  process.stdout.write(`encoding ${source.encoding}; dropped ${source.dropped.length}; fake-bold collapses ${source.collapses.map((c) => `${c.from}→${c.to}`).join(', ') || 'none'}\n`);
  return 0;
}
