import { MM } from '../../src/model/index.js';
import type { FontBook } from '../../src/fonts/fontbook.js';
import { Glyphs, type GlyphRun, type SetLine, type SetStory, type SetText } from '../../src/typeset/index.js';

/** What `modifyPage` did, for the assertions: the index of the article each edit is in (by `articleOf`, default: the story index among the stories that have lines). */
export interface Modification {
  moved: { article: number; lines: number; dyMm: number; first: string };
  deleted: { article: number; text: string };
  changed: { article: number; from: string; to: string; line: string };
}

/** A line's copy with its own glyphs and runs (glyphs of a run share one object: the copy keeps that). */
const copyLine = (l: SetLine): SetLine => {
  const runs = new Map<GlyphRun, GlyphRun>();
  const runOf = (r: GlyphRun) => runs.get(r) ?? runs.set(r, { ...r }).get(r)!;
  return { ...l, glyphs: Glyphs.of(l.glyphs.map((g) => ({ ...g, run: runOf(g.run) }))) };
};

/** Paragraphs of body lines in one column, by story: [story, key, lines]. */
function bodyParagraphs(story: SetStory) {
  const out = new Map<string, SetLine[]>();
  for (const l of story.lines) {
    if (l.role !== 'body') continue;
    const key = `${l.block}/${l.paragraph}/${l.column}`;
    (out.get(key) ?? out.set(key, []).get(key)!).push(l);
  }
  return [...out.values()];
}

/**
 * A copy of a set page with three edits in three different articles, as a test of compare would
 * make them: one paragraph moved down by `dyMm`, one line deleted, one character changed. The
 * articles are the three with the most body lines (the edits stay inside the body text).
 */
export function modifyPage(set: SetText, fonts: FontBook, dyMm = 2, articleOf?: (region: string) => number): { set: SetText; modification: Modification } {
  const stories = set.stories.filter((s) => s.lines.length > 0).map((s) => ({ ...s, lines: s.lines.map(copyLine) }));
  const byBody = stories.map((s, i) => [i, s.lines.filter((l) => l.role === 'body').length]).sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const [moveAt, deleteAt, changeAt] = byBody.map(([i]) => i);

  // Move: the longest paragraph (at least 3 lines) of the first article, down by dyMm.
  const para = bodyParagraphs(stories[moveAt]).filter((p) => p.length >= 3).sort((a, b) => b.length - a.length)[0];
  for (const l of para) {
    l.y += dyMm * MM;
    for (const run of new Set(l.glyphs.map((g) => g.run))) run.y += dyMm * MM;
  }

  // Delete: a line in the middle of the second article's longest paragraph.
  const del = bodyParagraphs(stories[deleteAt]).sort((a, b) => b.length - a.length)[0];
  const victim = del[del.length >> 1];
  stories[deleteAt].lines = stories[deleteAt].lines.filter((l) => l !== victim);

  // Change: the fifth glyph of a full body line of the third article becomes another Han character.
  const line = stories[changeAt].lines.find((l) => l.role === 'body' && l.glyphs.length > 10 && /\p{Script=Han}/u.test(l.glyphs.at(4)!.text))!;
  const glyphs = line.glyphs.list();
  const g = glyphs[4];
  const to = g.text === '国' ? '家' : '国';
  const face = fonts.opened().find((f) => f.key === g.run.face)!;
  const from = g.text;
  const before = line.text;
  g.gid = face.font.glyphForCodePoint(to.codePointAt(0)!).id;
  g.text = to;
  line.glyphs = Glyphs.of(glyphs);
  line.text = glyphs.map((x) => x.text).join('');
  const article = (i: number) => (articleOf ? articleOf(stories[i].region) : i);
  return {
    set: { ...set, stories },
    modification: {
      moved: { article: article(moveAt), lines: para.length, dyMm, first: para[0].text },
      deleted: { article: article(deleteAt), text: victim.text },
      changed: { article: article(changeAt), from, to, line: before },
    },
  };
}
