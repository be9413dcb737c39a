import { describe, expect, it } from "vitest";
import { analyzeQuery, tokenize } from "../../src/text/analyzer.js";
import { isNumberAboveWords, joinDigitGroups, numbersIn } from "../../src/text/numbers.js";

describe("numbers in text", () => {
  it("joins digit groups, with a comma or the Arabic thousands separator, and nothing else", () => {
    expect(joinDigitGroups("مقتل 2,500 شخص و١٬٠٠٠ جندي")).toBe("مقتل 2500 شخص و١٠٠٠ جندي");
    expect(joinDigitGroups("1,234,567")).toBe("1234567");
    // Not groups: a year list, a decimal, a group of four, a lone comma.
    expect(joinDigitGroups("2020,2021 و 3.500 و 1234,567 و 12,50 و 5, 6")).toBe("2020,2021 و 3.500 و 1234,567 و 12,50 و 5, 6");
  });

  it("reads every digit script as ASCII, groups joined, leading zeros dropped", () => {
    expect(numbersIn("في ٢٦ أكتوبر 2023 و۰۷")).toEqual(["26", "2023", "7"]);
    expect(numbersIn("قتل ٢٬٥٠٠ و 1,000 و 2020,2021")).toEqual(["2500", "1000", "2020", "2021"]);
  });

  it("makes one word of a grouped number for the analyzer, the same term as its digits alone", () => {
    expect(tokenize("مقتل 2,500 شخص").map((t) => t.word)).toEqual(["مقتل", "2,500", "شخص"]);
    expect(analyzeQuery("مقتل ٢٬٥٠٠ شخص").words.map((w) => w[0])).toContain("2500");
    expect(analyzeQuery("مقتل 2500 شخص").words.map((w) => w[0])).toContain("2500");
  });

  it("counts as specific only numbers above the ones texts write out", () => {
    expect(["3", "10", "11", "2019", "عشرة", undefined].map(isNumberAboveWords)).toEqual([false, false, true, true, false, false]);
  });
});
