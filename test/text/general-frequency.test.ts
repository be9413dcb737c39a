import { describe, expect, it } from "vitest";
import { EVIDENCE } from "../../src/config/tuning.js";
import { analyzeWord, loosestStem } from "../../src/text/analyzer.js";
import { generalRarity, parseGeneralFrequency, rarityByStem } from "../../src/text/general-frequency.js";
import { arabicWordRarity, serializeGeneralFrequency } from "../generators/build-general-frequency.js";

/** The stem keyword coverage weighs a word by. */
const stem = (word: string) => loosestStem(analyzeWord(word)!)!;

describe("the general Arabic word frequencies", () => {
  it("keeps the Arabic whole words of a unigram vocabulary, as shares of their mass, most common first", () => {
    const vocabulary: [string, number][] = [
      ["<s>", 0],
      ["▁كتاب", Math.log(0.25)],
      ["▁في", Math.log(0.75)],
      ["كتاب", Math.log(0.5)], // inside a word
      ["▁book", Math.log(0.5)], // not Arabic
      ["▁ب", Math.log(0.5)], // one letter
    ];
    const rarity = arabicWordRarity(vocabulary);
    expect(rarity.map(([word]) => word)).toEqual(["في", "كتاب"]);
    expect(rarity[1]![1]).toBeCloseTo(-Math.log10(0.25), 9);
    expect(parseGeneralFrequency(serializeGeneralFrequency(rarity, "a test vocabulary"))).toEqual(
      new Map(rarity.map(([word, value]) => [word, Number(value.toFixed(2))])),
    );
  });

  it("skips comments and malformed lines", () => {
    expect(parseGeneralFrequency("# note\tnot a word\nكتاب\t3.5\nقلم\nبيت\tx\n")).toEqual(new Map([["كتاب", 3.5]]));
  });

  it("pools the words of one stem, as keyword coverage counts them as one", () => {
    const words = new Map([
      ["العربية", 3],
      ["عربية", 3],
    ]);
    const pooled = rarityByStem(words).get(stem("العربية"))!;
    expect(pooled).toBeCloseTo(-Math.log10(2e-3), 9);
  });

  it("puts words any text uses below the corpus's subjects, and unlisted names above all", () => {
    const [best, arabic, russia, meshaal] = ["أفضل", "العربية", "روسيا", "مشعل"].map((word) => generalRarity(stem(word)));
    expect(arabic).toBeLessThan(russia!);
    expect(best).toBeLessThan(russia!);
    expect(meshaal).toBe(EVIDENCE.unlistedRarity);
    expect(generalRarity("2022")).toBe(EVIDENCE.unlistedRarity);
  });
});
