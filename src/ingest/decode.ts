import { InputError } from '../errors.js';

/** Decode extracted text: UTF-8 (with or without BOM), UTF-16 (with or without BOM), or GB18030; refuse binary data. */
export function decodeText(bytes: Uint8Array, name = 'input'): { text: string; encoding: string } {
  if (bytes.length === 0) throw new InputError(`${name}: the file is empty`);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const utf16 = guessBomlessUtf16(bytes);
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes), encoding: `${utf16} (no BOM)` };
  if (looksBinary(bytes)) throw new InputError(`${name}: ${binaryKind(bytes)}, not extracted text${bytes[0] === 0x25 ? ' (extract its text first, e.g. with pdftotext)' : ''}`);
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text, encoding: bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 'utf-8 (BOM)' : 'utf-8' };
  } catch {
    try {
      return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' };
    } catch {
      throw new InputError(`${name}: cannot read the text: it is neither UTF-8, UTF-16 nor GB18030`);
    }
  }
}

/**
 * UTF-16 without a BOM: its line ends and ASCII carry a zero byte, which UTF-8 and GB18030 text
 * never holds. Decode the start both ways and keep the byte order that reads as text.
 */
function guessBomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 8192) & ~1;
  if (n < 2 || !bytes.subarray(0, n).includes(0)) return null;
  let best: 'utf-16le' | 'utf-16be' | null = null;
  let bestShare = 0.9;
  for (const encoding of ['utf-16le', 'utf-16be'] as const) {
    let text: string;
    try {
      // `stream` leaves a pair of surrogates cut at the end of the sample alone.
      text = new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(0, n), { stream: true });
    } catch {
      continue;
    }
    const chars = [...text];
    const share = chars.filter((c) => TEXTLIKE.test(c)).length / Math.max(1, chars.length);
    if (share > bestShare) [best, bestShare] = [encoding, share];
  }
  return best;
}

/** Characters extracted newspaper text is made of: Han, CJK and general punctuation, full-width forms, ASCII. */
const TEXTLIKE = /[\p{Script=Han}\u3000-\u303F\uFF00-\uFFEF\u2000-\u206F\u2190-\u21FF\u25A0-\u25FF\t\n\r\x20-\x7E]/u;

function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let suspicious = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 8 || (b > 13 && b < 32 && b !== 27)) suspicious++;
  }
  return suspicious > n * 0.05;
}

/** Name a binary file by its signature, for the message. */
function binaryKind(bytes: Uint8Array): string {
  const head = String.fromCharCode(...bytes.subarray(0, 8));
  if (head.startsWith('%PDF')) return 'this is a PDF file';
  if (head.startsWith('\x89PNG')) return 'this is a PNG image';
  if (head.startsWith('\xFF\xD8\xFF')) return 'this is a JPEG image';
  if (head.startsWith('PK\x03\x04')) return 'this is a ZIP archive (a .docx?)';
  return 'this is a binary file';
}
