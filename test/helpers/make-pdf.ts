/**
 * Hand-made one-page PDFs, to hold exactly the image streams a test wants (a /Decode array, a
 * filter, a mask) where pdfkit would write its own.
 */

export interface TestImage {
  /** The image dictionary's entries besides /Type, /Subtype and /Length, e.g. "/Width 8 /Height 8 …". */
  dict: string;
  data: Uint8Array;
}

/**
 * A PDF of one `width` × `height` pt page whose content stream is `content`, with `images` as
 * XObjects under their names (`/A Do` paints images.A). Objects: 1 catalog, 2 pages, 3 page,
 * 4 content, then the images in the order given.
 */
export function makePdf(width: number, height: number, images: Record<string, TestImage>, content: string): Uint8Array {
  const names = Object.keys(images);
  const objects: Buffer[] = [];
  const stream = (dict: string, data: Uint8Array) => Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]);
  objects.push(Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'));
  objects.push(Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'));
  const xobjects = names.map((n, k) => `/${n} ${5 + k} 0 R`).join(' ');
  objects.push(Buffer.from(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${width} ${height}] /Resources << /XObject << ${xobjects} >> >> /Contents 4 0 R >>`));
  objects.push(stream('', Buffer.from(content, 'latin1')));
  for (const n of names) objects.push(stream(`/Type /XObject /Subtype /Image ${images[n].dict}`, images[n].data));
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0].length;
  const offsets: number[] = [];
  objects.forEach((o, k) => {
    offsets.push(offset);
    const b = Buffer.concat([Buffer.from(`${k + 1} 0 obj\n`), o, Buffer.from('\nendobj\n')]);
    parts.push(b);
    offset += b.length;
  });
  let xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) xref += `${String(o).padStart(10, '0')} 00000 n \n`;
  xref += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`;
  parts.push(Buffer.from(xref, 'latin1'));
  return new Uint8Array(Buffer.concat(parts));
}
