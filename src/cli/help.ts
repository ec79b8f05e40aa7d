/** The command line's help: an overview (banmian --help) and each command's own (banmian help <command>, banmian <command> --help). */

const COMMANDS: Record<string, string> = {
  render: `  banmian render <layout.json> [-o out.pdf | -o -] [--debug] [--date YYYY-MM-DD] [--json]
                [--pdfa | --pdfx [--condition NAME]] [--max-ink N] [--bleed MM] [--marks]
                [--ppi N] [--alto page.xml] [--force] [--watch]
        Set the layout's text into the page and write a PDF (default output/<name>.pdf in the current folder;
        -o - writes it to standard output and the report to stderr).
        Prints the fit report and the preflight; exits 1 if any text overflows its region,
        or if a --pdfx page fails its preflight. An overflowing page does not replace an
        existing file unless --force is given.
        --pdfa        PDF/A-2b: XMP metadata (title, date, zh-CN, source text), CMYK output intent
        --pdfx        PDF/X-1a:2003 for newsprint: GTS_PDFX output intent (a registered condition),
                      black text and rules overprint, photos held to --max-ink (default 240)
        --condition   the printing condition's ICC registry name (default IFRA26, ISO 12647-3
                      coldset newsprint; also JCN2002, "CGATS TR 002", FOGRA42, FOGRA48)
        --max-ink N   highest total ink of photos in percent (100–400)
        --bleed MM    grow the sheet by a bleed; tints and photos at the trim edge run into it
        --marks       crop marks outside the bleed and a slug line (file name, date)
        --ppi N       photo resolution at placed size (default 300; never upsampled)
        --alto FILE   also write the page as ALTO 4 XML (TextBlock/TextLine/String, mm10)
        --watch       after the first page, set it again on every change to the layout, the
                      layouts it extends, its text (or original PDF) and its photos; Ctrl-C stops
        The same inputs always give the same bytes; --date sets the document date.
`,
  check: `  banmian check <layout.json> [--json]
        Validate and typeset without writing a PDF; print the fit report; exit 1 on overflow.
`,
  proof: `  banmian proof <layout.json> [-o page.png] [--dpi N] [--debug] [--watch]
        Render the page to a PNG proof (default output/<name>.png in the current folder, 60 dpi).
        --watch: render it again on every change to a file the page is made from (Ctrl-C stops).
`,
  inspect: `  banmian inspect <text.txt | original.pdf> [--json] [--corrections] [--page N] [--max-input MB]
        Show the blocks ingest finds in extracted text (--corrections: ○ → 〇 inside numbers),
        or in an original page PDF: lines, columns, articles, captions, photos, rules and boxes
        read from its geometry (--json: every block with its bbox, line boxes and sizes).
`,
  derive: `  banmian derive <original.pdf> [-o layouts/NAME.json] [--page N] [--json]
        Write an editable layout of the original page (regions where the original had them,
        styles read from the page, its photos under images/NAME/ beside the layout).
`,
  rebuild: `  banmian rebuild <original.pdf> [-o out.pdf] [--page N] [render options]
        Derive and render in one step (default output/NAME.pdf); every page without --page.
`,
  batch: `  banmian batch <manifest.json | folder | glob> --out <folder> [--jobs N] [--date YYYY-MM-DD]
                [--page-timeout S] [--force] [--json]
        Render many layouts on a pool of worker threads (default and most: one per core, and
        as many as free memory holds at 256 MB each). An original page PDF among them (.pdf in the
        folder, glob or manifest) is rebuilt: derived and rendered, every page. A manifest is ["a.json", ...] or
        {"pages": [{"layout": "a.json", "output"?: "a.pdf", "text"?: "a.txt"}]}; outputs stay
        inside --out. Shows progress on stderr; writes <out>/batch-summary.json when it starts
        ("running"), as pages finish and at the end (--json also prints it). One batch at a
        time per --out folder. A page taking longer than --page-timeout (default 120 s) fails.
        Exits 1 if any page failed or overflowed; a failing page never stops the others.
        Ctrl-C, SIGTERM or SIGHUP stop it cleanly (exit 130, 143, 129), summary written, no
        partial file left.
`,
  compare: `  banmian compare <original.pdf> <facsimile.pdf> [--page N] [--json] [--png overlay.png] [--side side.png]
                [--min-lines 0.97] [--max-move 1mm] [--dpi N]
        Read both pages' text lines (glyph origins and baselines) and pair them: lines identical,
        lines that break differently, text missing and added, how far matching lines moved (mm);
        per article of a banmian facsimile, else per article of the original (its geometry); and
        a visual score (ink overlap of both pages drawn at --dpi, default 72). --png: overlay
        (original red, facsimile blue, both dark); --side: side by side, differences outlined. --page N
        takes page N of each PDF (a one-page PDF gives its page); default every page, pairwise.
        Exits 0 within the thresholds, 1 outside them, 2 on bad input or page sizes that differ.
`,
  schema: `  banmian schema
        Print the layout JSON Schema (banmian schema > layouts/schema.json).
`,
};

/** One line per command, for the overview. */
export const SUMMARIES: Record<string, string> = {
  render: 'set a layout into its page and write the PDF',
  check: 'validate and typeset a layout; print the fit report, write nothing',
  proof: 'render a layout to a PNG proof',
  inspect: 'show the blocks banmian finds in extracted text or an original PDF',
  derive: 'write an editable layout of an original page PDF',
  rebuild: 'derive and render an original page PDF in one step',
  batch: 'render many layouts (or rebuild original PDFs) on a pool of worker threads',
  compare: 'compare a facsimile with its original, line by line',
  schema: 'print the layout JSON Schema',
};

/** The command names, in the order the help lists them. */
export const COMMAND_NAMES = Object.keys(COMMANDS);

const FILES = `Files (render, check, proof, batch; --max-input also inspect, derive, rebuild):
  --root DIR          text, images and templates a layout names (and the layouts and texts
                      a manifest names) must lie under DIR (default: the current folder)
  --max-input MB      largest text, layout or manifest file read (default 4; inspect too);
                      images and original PDFs may be 256 MB or this, whichever is larger
  Inputs are read only from regular files; outputs go only to regular files (never a
  device, a folder or one of the page's own inputs).
`;

const EXIT_CODES = `Exit codes: 0 ok, 1 overflow or a page failed, 2 bad input or arguments (files that cannot
be read or written included), 3 a bug in banmian (please report it).
`;

const OUTPUT = `Output (every command):
  --quiet             print nothing but errors and, for a page that fails, one line saying why
  --verbose           also print the time each stage took and the files read
  Colour on a terminal; NO_COLOR=1 turns it off.
`;

export const HELP = `banmian — rebuild Chinese newspaper pages as PDF facsimiles

Usage: banmian <command> [options]      banmian help <command>      banmian --version

Commands:
${COMMAND_NAMES.map((c) => `  ${c.padEnd(9)} ${SUMMARIES[c]}`).join('\n')}

${FILES}
${OUTPUT}
${EXIT_CODES}`;

/** A command's own help: its usage and options, then what every command shares. */
export function commandHelp(command: string): string {
  return `Usage:\n${COMMANDS[command]}\n${['render', 'check', 'proof', 'batch', 'inspect', 'derive', 'rebuild'].includes(command) ? `${FILES}\n` : ''}${OUTPUT}\n${EXIT_CODES}`;
}
