// pdf.js ships no types for its worker half; src/pdf/open.ts only loads it (for its side effect).
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs';
