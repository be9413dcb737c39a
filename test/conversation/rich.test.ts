import { describe, expect, it } from "vitest";
import { cutAt, echoable, highlighted, MAX_ECHOED_QUESTION, safeUrl, trimToSentences } from "../../src/conversation/rich.js";

describe("reply text helpers", () => {
  it("marks matched words strong, skipping matches outside the text or overlapping", () => {
    expect(
      highlighted("abc def ghi", [
        { start: 0, end: 3 },
        { start: 2, end: 5 },
        { start: 8, end: 11 },
      ]),
    ).toEqual([{ text: "abc", style: "strong" }, { text: " def " }, { text: "ghi", style: "strong" }]);
    // Offsets of a sentence cut from a longer text.
    expect(
      highlighted(
        "def",
        [
          { start: 4, end: 7 },
          { start: 8, end: 20 },
        ],
        4,
      ),
    ).toEqual([{ text: "def", style: "strong" }]);
  });

  it("marks the likely answer apart from the matched words, in text order, never outside the text", () => {
    const answers = [
      { start: 13, end: 17 },
      { start: 30, end: 34 },
    ];
    expect(highlighted("زار مشعل عام 2006 موسكو.", [{ start: 4, end: 8 }], 0, answers)).toEqual([
      { text: "زار " },
      { text: "مشعل", style: "strong" },
      { text: " عام " },
      { text: "2006", style: "answer" },
      { text: " موسكو." },
    ]);
  });

  it("cuts a text at a sentence end within the budget", () => {
    expect(trimToSentences("جملة أولى. جملة ثانية. جملة ثالثة.", 25)).toBe("جملة أولى. جملة ثانية. …");
    expect(trimToSentences("قصير.", 100)).toBe("قصير.");
  });

  it("never cuts between the halves of a surrogate pair", () => {
    expect(cutAt("ab😀", 3)).toBe("ab");
    expect(cutAt("ab😀", 4)).toBe("ab😀");
  });

  it("echoes user text without control characters or lone surrogates, on one line, within the limit", () => {
    expect(echoable(" سؤال\u0000 أول\u0007\nوثانٍ\ud800 \udc00\t؟ ")).toBe("سؤال أول وثانٍ ؟");
    const long = echoable("😀".repeat(400));
    expect(long.length).toBeLessThanOrEqual(MAX_ECHOED_QUESTION);
    expect(long).toMatch(/^(?:😀)+ …$/u);
  });

  it("links only http and https addresses", () => {
    expect(safeUrl("https://example.org/a")).toBe("https://example.org/a");
    expect(safeUrl("http://example.org")).toBe("http://example.org");
    for (const bad of ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x", "ftp://x", "not a url", undefined]) {
      expect(safeUrl(bad)).toBeUndefined();
    }
  });
});
