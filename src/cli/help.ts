export const HELP = `banmian — rebuild Chinese newspaper pages as PDF facsimiles

Usage:
  banmian render <layout.json> [-o out.pdf] [--debug] [--date YYYY-MM-DD] [--json]
        Set the layout's text into the page and write a PDF (default output/<name>.pdf).
        Prints the fit report; exits 1 if any text overflows its region.
  banmian check <layout.json> [--json]
        Validate and typeset without writing a PDF; print the fit report; exit 1 on overflow.
  banmian inspect <text.txt> [--json]
        Show the blocks ingest finds in extracted text.
  banmian batch <manifest.json | folder | glob> --out <folder> [--jobs N] [--date YYYY-MM-DD] [--json]
        Render many layouts on a pool of worker threads (default: one per core). A manifest is
        ["a.json", ...] or {"pages": [{"layout": "a.json", "output"?: "a.pdf", "text"?: "a.txt"}]}.
        Shows progress on stderr; writes <out>/batch-summary.json (--json also prints it).
        Exits 1 if any page failed or overflowed; a failing page never stops the others.
        Ctrl-C stops cleanly (exit 130) and leaves no partial file.
  banmian schema
        Print the layout JSON Schema (banmian schema > layouts/schema.json).

Exit codes: 0 ok, 1 overflow or a page failed, 2 bad input or arguments.
`;
