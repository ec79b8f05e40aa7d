import { distance } from 'fastest-levenshtein';

/**
 * The choice a mistyped word most likely meant (`rendr` → `render`, `--pdf-a` → `--pdfa`), or none:
 * the closest by edit distance (fastest-levenshtein), if it is within a third of the word's length
 * (at least 1, at most 3 edits): further than that the suggestion is more often wrong than right. A
 * choice that begins with the word (an abbreviation, `--ver` → `--verbose`) is taken when it is the only one.
 */
export function suggest(word: string, choices: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  const starts = choices.filter((c) => c.toLowerCase().startsWith(w) && w.replace(/^-+/, '').length >= 2);
  if (starts.length === 1) return starts[0];
  let best: string | undefined;
  let bestD = Math.min(3, Math.max(1, Math.floor(w.replace(/^-+/, '').length / 3)));
  for (const c of choices) {
    const d = distance(w, c.toLowerCase());
    if (d <= bestD && (best === undefined || d < bestD)) (best = c), (bestD = d);
  }
  return best;
}
