/**
 * Numbers in text, read the same way by the analyzer (one term per number) and by the checks that
 * compare a question's numbers with the documents' (search/confidence.ts, search/keyword-index.ts).
 */
import { asciiDigits } from "./arabic.js";

/**
 * A number written in groups of three digits: 2,500 or ٢٬٥٠٠ (a comma or the Arabic thousands
 * separator). A dot is left alone: Arabic and English texts use it as the decimal point.
 */
export const GROUPED_NUMBER = String.raw`\p{N}{1,3}(?:[,\u066C]\p{N}{3})+`;

const WHOLE_GROUPED_NUMBER = new RegExp(String.raw`(?<!\p{N})${GROUPED_NUMBER}(?!\p{N})`, "gu");

/** `text` with the separators of its grouped numbers removed (2,500 → 2500; 1234,567 is two numbers). */
export function joinDigitGroups(text: string): string {
  // Checked first: this runs on every word the analyzer sees, and nearly none holds a separator.
  if (!text.includes(",") && !text.includes("\u066C")) return text;
  return text.replace(WHOLE_GROUPED_NUMBER, (number) => number.replace(/[,\u066C]/g, ""));
}

/** The numbers written in `text` (digits of any script, as ASCII, groups joined, leading zeros dropped). */
export function numbersIn(text: string): string[] {
  return [...joinDigitGroups(asciiDigits(text)).matchAll(/[0-9]+/g)].map((m) => m[0].replace(/^0+(?=\d)/, ""));
}

/**
 * Numbers up to this one are often written out in words («ثلاثة», "three") where a question has
 * digits, so their digits' absence from a text says little. Years, dates past the tenth and
 * figures are written in digits.
 */
export const LARGEST_WRITTEN_OUT_NUMBER = 10;

/** Whether `term` is a number (ASCII digits, as the analyzer writes every digit script) above LARGEST_WRITTEN_OUT_NUMBER. */
export function isNumberAboveWords(term: string | undefined): boolean {
  return term !== undefined && /^[0-9]+$/.test(term) && Number(term) > LARGEST_WRITTEN_OUT_NUMBER;
}
