/**
 * Reference markers in running text: [5], [ 5 ], [5, 6], [5–7], [١٢], and raised digits (⁵). One
 * definition for the sentence splitter (a marker belongs to the sentence before it), the keyword
 * index (a marker says nothing of the topic), a passage's citations, and the numbers a passage
 * holds (a citation's number is no figure of the text).
 */
import { asciiDigits } from "./arabic.js";

/** Spaces on one line: a marker never reaches across a line break (a reference list's lines start with one). */
export const SPACE = String.raw`[^\S\n]*`;

/** A reference number or a list or range of them, in any digits: 5; 5, 6; 5–7; ١٢٣٤. */
const NUMBERS = String.raw`\p{Nd}{1,4}(?:${SPACE}[,،;–—-]${SPACE}\p{Nd}{1,4})*`;

/** Superscript digits, as a reference number copied from a page that sets it raised: ⁵, ¹², ⁽⁵⁾. */
const SUPERSCRIPT_NUMBER = `⁽?[⁰¹²³⁴-⁹]+⁾?`;

/** A reference marker of numbers, as a pattern's source: [5], [ 5 ], [5, 6], [5–7], [١٢], or raised digits. */
export const NUMBER_MARKER = String.raw`(?:\[${SPACE}${NUMBERS}${SPACE}\]|${SUPERSCRIPT_NUMBER})`;

const ANY_MARKER = new RegExp(NUMBER_MARKER, "gu");
const BRACKETED = new RegExp(String.raw`\[${SPACE}(${NUMBERS})${SPACE}\]`, "gu");

/** Most references one range may cite ([5–7] cites three); a wider one is read as its two ends. */
const LONGEST_RANGE = 20;

/** `text` with its reference markers replaced by a space. */
export function withoutReferenceMarkers(text: string): string {
  return text.replace(ANY_MARKER, " ");
}

/** The distinct reference numbers the bracketed markers of `text` cite, in order of first citation. */
export function citedReferenceNumbers(text: string): number[] {
  const cited = new Set<number>();
  for (const [, list] of text.matchAll(BRACKETED)) {
    for (const item of asciiDigits(list!).split(/[,،;]/)) {
      const [from, to] = item.split(/[–—-]/).map((n) => Number(n.trim()));
      const last = to !== undefined && to >= from! && to - from! < LONGEST_RANGE ? to : from!;
      for (let n = from!; n <= last; n++) cited.add(n);
      if (to !== undefined && last !== to) cited.add(to);
    }
  }
  return [...cited];
}
