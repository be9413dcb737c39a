/**
 * The measures of `npm run bench:ingest` (test/bench/ingest.ts): how much of a source document's
 * text a reader gives back, in order, and the kinds of damage Arabic PDFs suffer (presentation
 * forms, reversed words, site chrome). Texts are compared word by word, normalized as the index
 * reads them (see comparisonWords), so a difference the index cannot see does not count.
 */

import { splitWords } from "../../src/text/analyzer.js";
import { normalizeArabic } from "../../src/text/arabic.js";
import { normalizeDocumentText } from "../../src/text/normalize.js";

/**
 * The words of `text` as the index compares them: the document normalization (HTML entities
 * decoded; NFKC of presentation, width and font forms; NFC; tatweel, direction marks and other
 * invisible characters removed), the analyzer's word pattern (punctuation is not a word), then
 * per word Lucene's Arabic normalization (diacritics removed; أ إ آ ٱ → ا, ى → ي, ة → ه; Arabic-Indic
 * digits as ASCII) and lower case.
 */
export function comparisonWords(text: string): string[] {
  return splitWords(normalizeDocumentText(text))
    .map((word) => normalizeArabic(word).toLowerCase())
    .filter((word) => word.length > 0);
}

/**
 * The length of the longest common subsequence of two word sequences: the words of `b` found in
 * `a` in the same order. A plain dynamic programme over two rows: O(|a|·|b|) time, O(|b|) memory,
 * which is 2,000 × 2,000 words in a few milliseconds.
 */
export function lcsLength(a: readonly string[], b: readonly string[]): number {
  // Words as small integers, so the inner loop compares numbers.
  const ids = new Map<string, number>();
  const code = (word: string) => ids.get(word) ?? ids.set(word, ids.size).get(word)!;
  const x = Int32Array.from(a, code);
  const y = Int32Array.from(b, code);
  let previous = new Int32Array(y.length + 1);
  let current = new Int32Array(y.length + 1);
  for (let i = 1; i <= x.length; i++) {
    const word = x[i - 1];
    for (let j = 1; j <= y.length; j++) {
      current[j] = word === y[j - 1] ? previous[j - 1]! + 1 : Math.max(previous[j]!, current[j - 1]!);
    }
    [previous, current] = [current, previous];
  }
  return previous[y.length]!;
}

/** Arabic presentation forms (shaped letters and ligatures), the BOM at U+FEFF left out. */
const PRESENTATION_FORM = /[\uFB50-\uFDFF\uFE70-\uFEFC]/gu;
/** Arabic letters, presentation forms included (they are letters of the Arabic script). */
const ARABIC_LETTER = /[\p{Script=Arabic}&&\p{L}]/gv;

/** The share of `text`'s Arabic letters written as presentation forms (U+FB50–FDFF, U+FE70–FEFF); 0 with no Arabic letter. */
export function presentationFormShare(text: string): number {
  const letters = text.match(ARABIC_LETTER)?.length ?? 0;
  return letters === 0 ? 0 : (text.match(PRESENTATION_FORM)?.length ?? 0) / letters;
}

/**
 * The words of `words` that are not in `vocabulary` but whose reversal is: Arabic written in
 * visual order, as a reader that does not reorder right-to-left text gives it. Palindromes and
 * one-letter words cannot tell and are left out.
 */
export function reversedWords(words: readonly string[], vocabulary: ReadonlySet<string>): string[] {
  return words.filter((word) => {
    const reversed = [...word].reverse().join("");
    return word.length > 1 && reversed !== word && !vocabulary.has(word) && vocabulary.has(reversed);
  });
}

/** The share of `words` not in `vocabulary`: for a web page, the site's chrome (menus, footers) a reader kept. */
export function outsideShare(words: readonly string[], vocabulary: ReadonlySet<string>): number {
  return words.length === 0 ? 0 : words.filter((word) => !vocabulary.has(word)).length / words.length;
}

/** A heading or paragraph as one comparable string: its comparison words joined by spaces. */
export const comparable = (text: string) => comparisonWords(text).join(" ");

/** How many of `expected` (source headings or paragraphs) are among `found`, each compared by its words. */
export function countFound(expected: readonly string[], found: readonly string[]): number {
  const have = new Set(found.map(comparable));
  return expected.filter((text) => have.has(comparable(text))).length;
}
