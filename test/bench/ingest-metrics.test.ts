import { describe, expect, it } from "vitest";
import { comparisonWords, countFound, lcsLength, outsideShare, presentationFormShare, reversedWords } from "./ingest-metrics.js";

describe("ingest benchmark metrics", () => {
  it("counts the words found in order (LCS)", () => {
    expect(lcsLength(["a", "b", "c", "d"], ["a", "c", "d"])).toBe(3);
    expect(lcsLength(["d", "c", "b", "a"], ["a", "b", "c", "d"])).toBe(1);
    expect(lcsLength(["x", "a", "y", "b"], ["a", "b", "z"])).toBe(2);
    expect(lcsLength([], ["a"])).toBe(0);
  });

  it("compares words as the index reads them", () => {
    // Presentation forms (ﺭﻭﺳﻴﺎ), tatweel, diacritics and hamza spellings fold to the same words.
    expect(comparisonWords("ﺭﻭﺳﻴﺎ وحمـــاس، أَحْمَد")).toEqual(comparisonWords("روسيا وحماس احمد"));
    expect(comparisonWords("روسيا وحماس احمد")).toEqual(["روسيا", "وحماس", "احمد"]);
  });

  it("measures the share of presentation forms among Arabic letters", () => {
    expect(presentationFormShare("روسيا")).toBe(0);
    expect(presentationFormShare("ﺭﻭﺳﻴﺎ")).toBe(1);
    expect(presentationFormShare("ﺭﻭ سيا abc")).toBeCloseTo(2 / 5);
    expect(presentationFormShare("abc")).toBe(0);
  });

  it("finds words written backwards", () => {
    const vocabulary = new Set(["روسيا", "حماس", "بين"]);
    const words = ["ايسور", "حماس", "سامح", "نيب", "xyz"];
    expect(reversedWords(words, vocabulary)).toEqual(["ايسور", "سامح", "نيب"]);
    // A word that reads the same both ways, or one already in the vocabulary, is not reversed.
    expect(reversedWords(["بب", "بين"], new Set(["بب", "بين", "نيب"]))).toEqual([]);
  });

  it("counts words outside the source and headings found", () => {
    expect(outsideShare(["a", "b", "menu", "login"], new Set(["a", "b"]))).toBe(0.5);
    expect(countFound(["التاريخ", "طوفان الأقصى"], ["طوفان الاقصي", "أخرى"])).toBe(1);
  });
});
