import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** Open a PDF with pdf.js, a real reader (no byte grepping). */
export async function openPdf(bytes: Uint8Array) {
  return getDocument({ data: new Uint8Array(bytes), disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
}

/** The text of page 1 in content order, as pdf.js extracts it. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const doc = await openPdf(bytes);
  const page = await doc.getPage(1);
  const content = await page.getTextContent();
  const text = content.items.map((i) => ('str' in i ? i.str : '')).join('');
  await doc.destroy();
  return text;
}

const STANDARD_14 = /^(Times|Helvetica|Courier|Symbol|ZapfDingbats)/;

/** The fonts page 1 uses: name, whether the file is embedded, whether it is a subset (ABCDEF+ tag), whether it is a standard-14 font. */
export async function pdfFonts(bytes: Uint8Array): Promise<{ name: string; embedded: boolean; subset: boolean; standard: boolean }[]> {
  const doc = await openPdf(bytes);
  const page = await doc.getPage(1);
  const ops = await page.getOperatorList();
  const { OPS } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const ids = new Set<string>();
  ops.fnArray.forEach((fn, i) => fn === OPS.setFont && ids.add(ops.argsArray[i][0]));
  const fonts = [...ids].map((id) => {
    const f = page.commonObjs.get(id) as { name: string; missingFile: boolean };
    const base = f.name.replace(/^[A-Z]{6}\+/, '');
    return { name: f.name, embedded: !f.missingFile, subset: /^[A-Z]{6}\+/.test(f.name), standard: STANDARD_14.test(base) };
  });
  await doc.destroy();
  return fonts;
}

/** Remove white space, for comparing text regardless of how the reader joined items. */
export const compact = (s: string) => s.replace(/\s+/g, '');

/** A node of page 1's structure tree as pdf.js gives it (`content` leaves name a marked-content id). */
export type StructNode = { role?: string; type?: string; id?: string; alt?: string; children?: StructNode[] };

/**
 * Page 1's structure tree and a function giving an element's text: the marked content under it,
 * in content order. Marked content nests (a line's ActualText span inside its paragraph): text
 * belongs to the innermost sequence with an id.
 */
export async function structureTree(bytes: Uint8Array): Promise<{ document: StructNode | undefined; text: (n: StructNode) => string }> {
  const doc = await openPdf(bytes);
  const page = await doc.getPage(1);
  const tree = (await page.getStructTree()) as unknown as StructNode;
  const content = await page.getTextContent({ includeMarkedContent: true });
  const byId = new Map<string, string>();
  const open: (string | null)[] = [];
  for (const item of content.items as { type?: string; id?: string | null; str?: string }[]) {
    if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') open.push(item.id ?? null);
    else if (item.type === 'endMarkedContent') open.pop();
    else if (item.str !== undefined) {
      const id = [...open].reverse().find((x) => x !== null);
      if (id) byId.set(id, (byId.get(id) ?? '') + item.str);
    }
  }
  await doc.destroy();
  const text = (n: StructNode): string => (n.type === 'content' ? (byId.get(n.id!) ?? '') : (n.children ?? []).map(text).join(''));
  return { document: tree?.children?.find((c) => c.role === 'Document'), text };
}
