import { createHash } from 'node:crypto';
import { escapeXml } from '../xml.js';

/** What the document says about itself, in the Info dictionary and (the same values) in XMP. */
export interface DocumentMeta {
  title: string;
  date: Date;
  language: string;
  /** The source text file's name (no directory: the file must not depend on where it was made). */
  source?: string;
  tool: string;
  /** PDF/X: the version key's value (GTS_PDFXVersion) and the trapping state, as in the Info dictionary. */
  pdfx?: { version: string; trapped: 'True' | 'False' };
}

const xmpDate = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * XMP descriptions matching the Info dictionary entry for entry, as PDF/A requires
 * (Title ↔ dc:title, Creator ↔ xmp:CreatorTool, Producer ↔ pdf:Producer, dates ↔ xmp dates; for PDF/X
 * also Trapped ↔ pdf:Trapped and GTS_PDFXVersion ↔ pdfxid:GTS_PDFXVersion).
 */
export function xmpDescriptions(m: DocumentMeta): string {
  const date = xmpDate(m.date);
  return `
        <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
            <xmp:CreateDate>${date}</xmp:CreateDate>
            <xmp:ModifyDate>${date}</xmp:ModifyDate>
            <xmp:MetadataDate>${date}</xmp:MetadataDate>
            <xmp:CreatorTool>${escapeXml(m.tool)}</xmp:CreatorTool>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <dc:format>application/pdf</dc:format>
            <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(m.title)}</rdf:li></rdf:Alt></dc:title>
            <dc:language><rdf:Bag><rdf:li>${escapeXml(m.language)}</rdf:li></rdf:Bag></dc:language>${
              m.source ? `\n            <dc:source>${escapeXml(m.source)}</dc:source>` : ''
            }
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
            <pdf:Producer>${escapeXml(m.tool)}</pdf:Producer>${m.pdfx ? `\n            <pdf:Trapped>${m.pdfx.trapped}</pdf:Trapped>` : ''}
        </rdf:Description>${
          m.pdfx
            ? `
        <rdf:Description rdf:about="" xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">
            <pdfxid:GTS_PDFXVersion>${escapeXml(m.pdfx.version)}</pdfxid:GTS_PDFXVersion>
        </rdf:Description>`
            : ''
        }
`;
}

/**
 * The document ID (16 bytes): an MD5 of the `parts` (strings as they are, anything else as JSON) and of
 * every byte of the file before the trailer that holds the ID, so the same inputs give the same file
 * and a different page a different ID. Feed it the writes in order, then take the digest.
 */
export function documentIdHash(parts: unknown[]): { update(data: string | Uint8Array): void; digest(): Buffer } {
  const h = createHash('md5');
  for (const p of parts) h.update(typeof p === 'string' ? p : JSON.stringify(p)).update('\0');
  return {
    update: (data) => void (typeof data === 'string' ? h.update(data, 'latin1') : h.update(data)),
    digest: () => h.digest(),
  };
}
