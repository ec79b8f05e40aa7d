export const HELP = `banmian — rebuild Chinese newspaper pages as PDF facsimiles

Usage:
  banmian render <layout.json> [-o out.pdf] [--debug] [--date YYYY-MM-DD] [--json]
        Set the layout's text into the page and write a PDF (default output/<name>.pdf).
        Prints the fit report; exits 1 if any text overflows its region.
  banmian check <layout.json> [--json]
        Validate and typeset without writing a PDF; print the fit report; exit 1 on overflow.
  banmian inspect <text.txt> [--json] [--corrections]
        Show the blocks ingest finds in extracted text (--corrections: ○ → 〇 inside numbers).
  banmian schema
        Print the layout JSON Schema (banmian schema > layouts/schema.json).

Exit codes: 0 ok, 1 overflow or a page failed, 2 bad input or arguments.
`;
