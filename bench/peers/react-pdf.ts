/**
 * react-pdf setting the A3 page, bare: `node dist/bench/peers/react-pdf.js <dir> [warm runs]`. It has
 * no column flow: it gets the paragraphs pre-split into 6 column boxes (a3-peer.json).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runPeer } from './harness.js';

interface Peer {
  fontFile: string;
  page: { margin: number; gutter: number; columns: number; size: number; leading: number; indentEm: number; colWidth: number };
  react: string[][][];
}

await runPeer('react-pdf', async (dir) => {
  const [{ createElement: h }, pdf] = await Promise.all([import('react'), import('@react-pdf/renderer')]);
  const { Document, Page, View, Text, Font, renderToBuffer } = pdf as any;
  const peer = JSON.parse(readFileSync(join(dir, 'a3-peer.json'), 'utf8')) as Peer;
  const p = peer.page;
  Font.register({ family: 'Noto Serif SC', src: peer.fontFile });
  // react-pdf would hyphenate CJK runs as if they were words; break between any two characters instead.
  Font.registerHyphenationCallback((word: string) => [...word].flatMap((c) => [c, '']).slice(0, -1));
  return async (k) => {
    const cols = peer.react[k % peer.react.length];
    const doc = h(
      Document,
      null,
      h(
        Page,
        { size: 'A3', style: { padding: p.margin, flexDirection: 'row', fontFamily: 'Noto Serif SC', fontSize: p.size, lineHeight: p.leading / p.size } },
        ...cols.map((paras, i) => h(View, { key: i, style: { width: p.colWidth, marginRight: i < p.columns - 1 ? p.gutter : 0 } }, ...paras.map((t, j) => h(Text, { key: j, style: { textAlign: 'justify', textIndent: p.indentEm * p.size } }, t)))),
      ),
    );
    return new Uint8Array(await renderToBuffer(doc));
  };
});
