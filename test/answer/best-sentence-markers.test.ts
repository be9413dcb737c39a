/** The 💡 best sentence with reference and note markers of every form a copied page carries. */
import { describe, expect, it } from "vitest";
import { highlight } from "../../src/answer/highlight.js";
import { analyzeWord } from "../../src/text/analyzer.js";

const termsOf = (words: string) => new Set(words.split(" ").flatMap((word) => analyzeWord(word) ?? []));

describe("the best sentence after a marker of another form", () => {
  // Arabic Wikipedia's and English Wikipedia's inline tags, notes, lists and ranges of numbers, raised
  // digits, a number in round brackets, spaces inside the brackets, no space after the marker.
  const MARKERS = [" [بحاجة لمصدر]", " [citation needed]", " [note 1]", " [أ]", " [5, 6]", " [5–7]", " [1234]", " (5)", "[5]", " [ 5 ]", "⁵", " [٥] [٦]"];
  for (const marker of MARKERS) {
    for (const after of [" ", ""]) {
      it(`is the next sentence itself after ${JSON.stringify(marker + after)}`, () => {
        const text = `تعيش الأسود في أفريقيا منذ زمن بعيد.${marker}${after}تعيش الزرافات الطويلة في السافانا الواسعة. ثم عاد.`;
        const { bestSentence } = highlight(text, termsOf("الزرافات السافانا"));
        expect(text.slice(bestSentence!.start, bestSentence!.end)).toBe("تعيش الزرافات الطويلة في السافانا الواسعة.");
      });
    }
  }
});
