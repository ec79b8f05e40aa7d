export const HELP = `banmian — rebuild Chinese newspaper pages as PDF facsimiles

Usage:
  banmian render <layout.json> [-o out.pdf] [--debug] [--date YYYY-MM-DD] [--json]
        Set the layout's text into the page and write a PDF (default output/<name>.pdf).
        Prints the fit report; exits 1 if any text overflows its region.
  banmian check <layout.json> [--json]
        Validate and typeset without writing a PDF; print the fit report; exit 1 on overflow.
  banmian proof <layout.json> [-o page.png] [--dpi N] [--debug]
        Render the page to a PNG proof (default output/<name>.png, 60 dpi).
  banmian inspect <text.txt> [--json]
        Show the blocks ingest finds in extracted text.
  banmian schema
        Print the layout JSON Schema (banmian schema > layouts/schema.json).

Exit codes: 0 ok, 1 overflow or a page failed, 2 bad input or arguments.
`;
