/**
 * What a rendered page holds, as written into the PDF: the content stream before compression and the
 * page's resources and boxes. The preflight (src/report/preflight.ts) reads these the way a plant's
 * preflight reads the file, so it judges what was written, not what the renderer meant to write.
 */
export interface PageFacts {
  /** The header's version, e.g. "1.4". */
  pdfVersion: string;
  /** The page content stream, uncompressed. */
  content: string;
  /** Boxes as written in the page dictionary, [x0 y0 x1 y1] in points. */
  boxes: { media: number[]; trim?: number[]; bleed?: number[]; art?: number[] };
  /** Image XObjects by resource name. */
  images: Record<string, ImageFacts>;
  fonts: FontFacts[];
  /** Named colour spaces in the page resources, e.g. CS0 → ["Separation", "All", "DeviceCMYK"]. */
  colorSpaces: Record<string, string[]>;
  /** Graphics state dictionaries in the page resources, by name. */
  extGStates: Record<string, Record<string, unknown>>;
  /** The output intents the catalog declares. */
  outputIntents: { subtype: string; identifier: string; profileBytes?: number }[];
}

export interface ImageFacts {
  /** The layout region the photo belongs to. */
  region: string;
  width: number;
  height: number;
  colorSpace: string;
  bitsPerComponent: number;
  filter: string;
  /** A soft mask (transparency) is attached. */
  softMask: boolean;
  /** Highest total ink of the image data as written, decoded, in percent. */
  maxInk: number;
  /** An ICC profile travels inside the image data (a JPEG APP2 ICC_PROFILE marker). */
  iccInData: boolean;
}

export interface FontFacts {
  /** BaseFont, with its subset tag (ABCDEF+) when subset. */
  name: string;
  /** The font program is in the file (FontFile, FontFile2 or FontFile3). */
  embedded: boolean;
  subset: boolean;
}
