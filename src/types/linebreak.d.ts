// linebreak (foliojs, the UAX #14 implementation pdfkit uses) ships no types.
declare module 'linebreak' {
  export default class LineBreaker {
    constructor(text: string);
    /** The next break opportunity: the UTF-16 offset a new line may start at; `required` after a mandatory break. */
    nextBreak(): { position: number; required: boolean } | null;
    protected string: string;
    protected pos: number;
    /** The line-break class of the next code point (advances `pos`). */
    protected nextCharClass(): number;
  }
}
