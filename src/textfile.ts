/**
 * Ingest a text file with a message that says where its encoding breaks. ingest refuses bytes it
 * cannot decode as a whole ("a binary file", "neither UTF-8, UTF-16 nor GB18030"); for text that is
 * almost UTF-8 or UTF-16 the user needs the place: the byte offset, line and column of the first bad
 * byte or lone surrogate. Only positions are reported, never the file's content.
 */
import { InputError } from './errors.js';
import { ingest, type IngestOptions, type Source } from './ingest/index.js';

export function ingestText(input: string | Uint8Array, options: IngestOptions, name: string): Source {
  try {
    return ingest(input, options, name);
  } catch (e) {
    if (!(e instanceof InputError) || typeof input === 'string') throw e;
    // Only the two refusals that can hide almost-text: "a binary file" (UTF-16 without a BOM that does
    // not decode) and "neither UTF-8, UTF-16 nor GB18030". A PDF or PNG keeps its own message.
    const why = /binary file/.test(e.message) ? utf16Problem(input) : /neither UTF-8/.test(e.message) ? utf8Problem(input) : null;
    throw why ? new InputError(`${name}: ${why}`) : e;
  }
}

/** Share of text-like characters above which a decoding is taken as the file's encoding (as ingest's UTF-16 guess). */
const TEXT_SHARE = 0.9;
const TEXTLIKE = /[\p{Script=Han}\u3000-\u303F\uFF00-\uFFEF\u2000-\u206F\u2190-\u21FF\u25A0-\u25FF\t\n\r\x20-\x7E]/u;

/** Where UTF-16 text (with a BOM, or without one but with zero bytes) breaks: a lone surrogate, a cut last character. */
export function utf16Problem(bytes: Uint8Array): string | null {
  const bom = bytes[0] === 0xff && bytes[1] === 0xfe ? 'le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'be' : null;
  // Without a BOM, UTF-16 shows itself by zero bytes (in its ASCII and line ends); text without them is not UTF-16.
  if (!bom && !bytes.subarray(0, 8192).includes(0)) return null;
  const orders = bom ? [bom] : (['le', 'be'] as const);
  for (const order of orders) {
    const start = bom ? 2 : 0;
    const sample = bytes.subarray(start, start + (Math.min(bytes.length - start, 8192) & ~1));
    const text = new TextDecoder(`utf-16${order}`).decode(sample);
    const chars = [...text];
    if (chars.filter((c) => TEXTLIKE.test(c) || c === '\uFFFD').length / Math.max(1, chars.length) <= TEXT_SHARE) continue;
    const unit = (i: number) => (order === 'le' ? bytes[i] | (bytes[i + 1] << 8) : (bytes[i] << 8) | bytes[i + 1]);
    let line = 1;
    let column = 1;
    for (let i = start; i + 1 < bytes.length; i += 2) {
      const u = unit(i);
      const high = u >= 0xd800 && u <= 0xdbff;
      const low = u >= 0xdc00 && u <= 0xdfff;
      if (high && i + 3 < bytes.length && isLow(unit(i + 2))) {
        i += 2;
        column++;
        continue;
      }
      if (high || low) return `UTF-16${order.toUpperCase()} text with a lone surrogate (half of a character pair) at byte ${i} (line ${line}, column ${column})`;
      if (u === 0x0a) [line, column] = [line + 1, 1];
      else column++;
    }
    if ((bytes.length - start) % 2) return `UTF-16${order.toUpperCase()} text with an odd number of bytes (the last character is cut at byte ${bytes.length - 1})`;
  }
  return null;
}

const isLow = (u: number) => u >= 0xdc00 && u <= 0xdfff;

/**
 * Where UTF-8 breaks, for text that is UTF-8 but for a few bad bytes (at most one character in a
 * thousand: more is another encoding, or no text at all, and has no single place to point at).
 */
export function utf8Problem(bytes: Uint8Array): string | null {
  let line = 1;
  let column = 1;
  let chars = 0;
  let bad = 0;
  let first: string | null = null;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const n = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    // The offending byte: the lead itself, or the first continuation byte that is not one.
    let at = n === 0 ? i : -1;
    for (let k = 1; at < 0 && k < n; k++) if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) at = i + k;
    // Overlong forms and surrogates (E0 80–9F, ED A0–BF, F0 80–8F, F4 90–) are not UTF-8 either.
    if (at < 0 && n === 3 && ((b === 0xe0 && bytes[i + 1] < 0xa0) || (b === 0xed && bytes[i + 1] >= 0xa0))) at = i + 1;
    if (at < 0 && n === 4 && ((b === 0xf0 && bytes[i + 1] < 0x90) || (b === 0xf4 && bytes[i + 1] >= 0x90))) at = i + 1;
    if (at >= 0) {
      bad++;
      if (!first) {
        const where = `line ${line}, column ${column}`;
        first =
          at >= bytes.length
            ? `the text ends in the middle of a character (${where})`
            : `byte ${at} (0x${bytes[at].toString(16).toUpperCase().padStart(2, '0')}, ${where}) ${at === i ? 'cannot start a character' : 'breaks the character before it'}`;
      }
      // Go on after the bad byte, to count the others.
      i = Math.max(at, i + 1);
      continue;
    }
    chars++;
    if (b === 0x0a) [line, column] = [line + 1, 1];
    else column++;
    i += n;
  }
  if (!first || bad > Math.max(1, chars / 1000)) return null;
  return `not valid UTF-8 (nor GB18030): ${first}${bad > 1 ? `, and ${bad - 1} more bad byte${bad > 2 ? 's' : ''}` : ''}`;
}
