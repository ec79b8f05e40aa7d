import { maxInput, readInput } from '../fsutil.js';
import { blockText, type Block, type Source } from '../ingest/index.js';
import { ingestText } from '../textfile.js';
import { args, fileAccess, one } from './options.js';

/** `banmian inspect <text> [--json] [--corrections]`: the blocks ingest finds, as a table or as JSON. */
export async function inspectCommand(argv: string[]): Promise<number> {
  const { values, positionals } = args(argv, { json: { type: 'boolean' }, corrections: { type: 'boolean' }, 'max-input': { type: 'string' } });
  const file = one(positionals, 'inspect <text file>');
  const bytes = await readInput(file, { limit: maxInput(fileAccess(values)), kind: 'a text file' });
  const source = ingestText(bytes, { corrections: values.corrections }, file);
  process.stdout.write(values.json ? JSON.stringify(source, null, 2) + '\n' : table(source));
  return 0;
}

const FIRST_CHARS = 24;

/** One row per block (id, kind, line length in em, paragraphs, first characters), then what was removed or changed. */
function table(source: Source): string {
  const rows = [['id', 'kind', 'line', 'paras', 'text'], ...source.blocks.map(row)];
  // A reduce, not Math.max(...rows): a spread of a hundred thousand rows overflows the stack.
  const widths = [0, 1, 2, 3].map((k) => rows.reduce((w, r) => Math.max(w, r[k].length), 0));
  const out = rows.map((r) => [r[0].padEnd(widths[0]), r[1].padEnd(widths[1]), r[2].padStart(widths[2]), r[3].padStart(widths[3]), r[4]].join('  '));
  out.push('');
  out.push(`encoding ${source.encoding}; ${source.blocks.length} blocks`);
  const reasons = new Map<string, number[]>();
  for (const d of source.dropped) (reasons.get(d.reason) ?? reasons.set(d.reason, []).get(d.reason)!).push(d.line);
  out.push(`dropped ${source.dropped.length}${[...reasons].map(([r, lines]) => `; ${r} ×${lines.length} (lines ${[...new Set(lines)].join(', ')})`).join('')}`);
  out.push(`fake-bold collapses: ${source.collapses.map((c) => `line ${c.line} ${c.from}→${c.to}`).join(', ') || 'none'}`);
  if (source.corrections.length) out.push(`corrections: ${source.corrections.map((c) => `line ${c.line}:${c.column} ${c.from}→${c.to}`).join(', ')}`);
  return out.join('\n') + '\n';
}

function row(b: Block): string[] {
  const extra = b.pairedWith ? `  → ${b.pairedWith.article} (score ${b.pairedWith.score})` : b.within ? `  (in ${b.within.article}, before paragraph ${b.within.beforeParagraph + 1})` : '';
  const text = [...blockText(b).replace(/\s+/g, ' ')];
  return [b.id, b.kind, String(b.lineLength), String(b.paragraphs.length), text.slice(0, FIRST_CHARS).join('') + (text.length > FIRST_CHARS ? '…' : '') + extra];
}
