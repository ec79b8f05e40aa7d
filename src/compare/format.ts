import type { PageComparison, RegionReport } from './index.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
/** A string for one line of output: at most n characters, quoted. */
const quote = (s: string, n = 24) => {
  const c = [...s];
  return `「${c.slice(0, n).join('')}${c.length > n ? '…' : ''}」`;
};

/** The plain-text report of one page comparison: page figures, then every region that differs. */
export function formatComparison(c: PageComparison): string {
  const out: string[] = [];
  const o = c.original, f = c.facsimile;
  out.push(`${o.file} p${o.page} (${o.widthMm} × ${o.heightMm} mm)  ↔  ${f.file} p${f.page}${f.banmian ? ' (banmian, tagged)' : ''}`);
  const l = c.lines;
  out.push(`  lines       ${l.original} original, ${l.facsimile} facsimile: ${l.identical} identical (${pct(l.share)}), ${l.rebroken} break differently, ${l.changed} changed, ${l.missing} missing, ${l.added} added`);
  for (const [side, n] of [['original', o.lines], ['facsimile', f.lines]] as const)
    if (n === 0) out.push(`              the ${side} page has no text layer (a scan?): only the visual score compares it`);
  if (o.unreadable || f.unreadable) out.push(`              lines without usable text (no Unicode): ${o.unreadable} original, ${f.unreadable} facsimile`);
  out.push(`  characters  ${c.chars.original} original, ${c.chars.facsimile} facsimile: ${c.chars.missing} missing, ${c.chars.added} added${c.chars.elsewhere ? `, ${c.chars.elsewhere} in another region` : ''}`);
  out.push(`  moved       median ${c.move.medianMm.toFixed(2)} mm, largest ${c.move.largestMm.toFixed(2)} mm; ${c.move.over} line${c.move.over === 1 ? '' : 's'} over ${c.thresholds.maxMoveMm} mm`);
  if (c.visual) out.push(`  visual      ${c.visual.score.toFixed(3)} (ink overlap at ${c.visual.dpi} dpi: ${pct(c.visual.recall)} of the original's ink matched, ${pct(c.visual.precision)} of the facsimile's)`);
  const from = { tags: "articles (the facsimile's tags)", ingest: 'articles and blocks of the original (its geometry)', lines: 'blocks of lines of the original' }[c.regions.from];
  out.push(`  regions     ${c.regions.count} ${from}, ${c.regions.intact} intact`);
  const differing = c.regions.list.filter((r) => !r.intact || r.lines.identical < r.lines.original);
  for (const r of differing) out.push(...region(r));
  out.push(`  result      ${c.pass ? 'ok' : `FAIL: ${c.failures.join('; ')}`} (thresholds: identical lines ≥ ${pct(c.thresholds.minLines)}, moves ≤ ${c.thresholds.maxMoveMm} mm; ${c.ms} ms)`);
  return out.join('\n') + '\n';
}

function region(r: RegionReport): string[] {
  const where = r.bboxMm ? ` at ${r.bboxMm[0]},${r.bboxMm[1]} mm` : '';
  const out = [`    ${r.role} ${r.index + 1} ${quote(r.name, 12)}${where}`];
  const l = r.lines;
  const parts = [`${l.identical}/${l.original} lines identical`];
  if (l.rebroken) parts.push(`${l.rebroken} break differently`);
  if (l.changed) parts.push(`${l.changed} changed`);
  if (l.missing) parts.push(`${l.missing} missing`);
  if (l.added) parts.push(`${l.added} added`);
  out.push(`      ${parts.join(', ')}`);
  if (r.chars.missing) out.push(`      missing ${r.chars.missing} character${r.chars.missing === 1 ? '' : 's'}: ${r.missing.map((s) => quote(s)).join(' ')}`);
  if (r.chars.added) out.push(`      added ${r.chars.added} character${r.chars.added === 1 ? '' : 's'}: ${r.added.map((s) => quote(s)).join(' ')}`);
  if (r.chars.movedOut) out.push(`      ${r.chars.movedOut} character${r.chars.movedOut === 1 ? '' : 's'} now in another region: ${r.movedOut.map((s) => quote(s)).join(' ')}`);
  if (r.chars.movedIn) out.push(`      ${r.chars.movedIn} character${r.chars.movedIn === 1 ? '' : 's'} from another region: ${r.movedIn.map((s) => quote(s)).join(' ')}`);
  for (const m of r.moves) out.push(`      moved ${m.lines} line${m.lines === 1 ? '' : 's'} by ${m.mm.toFixed(2)} mm (${m.dxMm >= 0 ? '+' : ''}${m.dxMm.toFixed(2)}, ${m.dyMm >= 0 ? '+' : ''}${m.dyMm.toFixed(2)}) from ${quote(m.first, 12)}`);
  return out;
}
