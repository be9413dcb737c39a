import { describe, expect, it } from "vitest";
import { highlight } from "../../src/answer/highlight.js";
import { analyzeWord } from "../../src/text/analyzer.js";

const termsOf = (words: string) => new Set(words.split(" ").flatMap((word) => analyzeWord(word) ?? []));

describe("the best sentence and the citation before it", () => {
  // The seed corpus's layouts: a marker right after the full stop, after a space, several, after a closing quote.
  for (const [end, marker] of [
    [".", " [5]"],
    [".", "[7]"],
    ["؟", " [3]"],
    ["!", "[15][16][17]"],
    ["».", " [11]"],
  ] as const) {
    it(`does not start with the previous sentence's ${marker.trim()} after ${end}`, () => {
      const text = `زار وفد من حماس موسكو في مارس 2006${end}${marker} وفي العام التالي زار خالد مشعل موسكو مرة أخرى. ثم عاد.`;
      const { bestSentence } = highlight(text, termsOf("العام التالي مشعل"));
      expect(bestSentence).toBeDefined();
      const sentence = text.slice(bestSentence!.start, bestSentence!.end);
      expect(sentence).toBe("وفي العام التالي زار خالد مشعل موسكو مرة أخرى.");
    });
  }

  it("keeps a sentence's own trailing citation", () => {
    const text = "قال بوتين إن الحرب مأساة.[12] ثم سافر إلى الصين.";
    const { bestSentence } = highlight(text, termsOf("بوتين الحرب"));
    expect(text.slice(bestSentence!.start, bestSentence!.end)).toBe("قال بوتين إن الحرب مأساة.[12]");
  });
});
