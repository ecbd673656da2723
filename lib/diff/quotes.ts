/**
 * Quotations in a normalised text: what is said between quotation marks, so a label can tell that someone's words
 * were changed. normalizeText has already folded every double quote style (“ ” „ « » ‹ › ″) into " and every single one
 * (‘ ’ ‚ ′) into ', so only those two, and the CJK corner brackets it leaves alone, need reading here.
 */

/**
 * Single quotes are also apostrophes ("Obama's", "the dogs' bowls"), so a single-quoted span must open after a space
 * or an opening bracket and close before a space or punctuation, and never runs past the end of the text.
 */
const SINGLE = /(?<=^|[\s([{"-])'(?=\S)(.+?)(?<=\S)'(?=$|[\s)\]}".,;:!?-])/gu;
const CORNER = /[「『]([^」』]*)[」』]/gu;

/**
 * The quoted spans of a text, in order, with a placeholder for each in `masked`, the text around them. A double quote
 * left open runs to the end of the block: a quotation that goes on in the next paragraph opens it again there.
 */
export function quotations(normalised: string): { quotes: string[]; masked: string } {
  const quotes: string[] = [];
  let masked = '';
  const parts = normalised.split('"');
  parts.forEach((part, i) => {
    if (i % 2 === 1) {
      quotes.push(part);
      masked += '"\u0000"';
    } else {
      masked += part;
    }
  });
  masked = masked
    .replace(SINGLE, (_all, inner: string) => {
      quotes.push(inner);
      return "'\u0000'";
    })
    .replace(CORNER, (_all, inner: string) => {
      quotes.push(inner);
      return '「\u0000」';
    });
  return { quotes, masked };
}

/** Whether two texts quote different words (a quotation changed, added or taken out), in any order. */
export function quotesDiffer(older: string, newer: string): boolean {
  const a = quotations(older).quotes.sort();
  const b = quotations(newer).quotes.sort();
  return a.length !== b.length || a.some((q, i) => q !== b[i]);
}
