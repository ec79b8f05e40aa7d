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
}

const xmpDate = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * XMP descriptions matching the Info dictionary entry for entry, as PDF/A requires
 * (Title ↔ dc:title, Creator ↔ xmp:CreatorTool, Producer ↔ pdf:Producer, dates ↔ xmp dates).
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
            <pdf:Producer>${escapeXml(m.tool)}</pdf:Producer>
        </rdf:Description>
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

let profile: Promise<Buffer> | undefined;
/**
 * The CMYK output profile of the page: libvips' built-in "cmyk" profile (Graeme Gill's public-domain
 * "Chemical proof", an output class profile), the same one sharp converts photos with. Read from a
 * one-pixel CMYK JPEG, so nothing outside the installed packages is needed.
 */
export function cmykProfile(): Promise<Buffer> {
  return (profile ??= (async () => {
    // Imported here, not at the top: sharp costs ~50 ms to load and only PDF/A pages need the profile.
    const { default: sharp } = await import('sharp');
    const jpeg = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#ffffff' } })
      .toColourspace('cmyk')
      .withIccProfile('cmyk')
      .jpeg()
      .toBuffer();
    const { icc } = await sharp(jpeg).metadata();
    if (!icc) throw new Error('sharp returned no CMYK ICC profile');
    return icc;
  })());
}
export const CMYK_PROFILE_NAME = 'Chemical proof (libvips cmyk)';
