import { describe, expect, it } from "vitest";
import { MAX_QUESTION_CHARS, prepareQuestion } from "../../src/answer/question.js";

const searched = (question: string) => prepareQuestion(question).searchText;

describe("a question as it is searched", () => {
  it("loses terminal escape sequences, whole, and control characters", () => {
    expect(searched("\x1b[31mروسيا\x1b[0m حماس")).toBe("روسيا حماس");
    expect(searched("\x1b]0;title\x07Putin Moscow")).toBe("Putin Moscow");
    expect(searched("\x1b(Bحماس\x1b[1;32m\x1bM")).toBe("حماس");
    // An OSC without its end loses its escape, not the rest of the question.
    expect(searched("\x1b]0;title حماس")).toBe("0;title حماس");
    expect(searched("a\u0000b\u0007c حماس")).toBe("a b c حماس");
  });

  it("loses the content of a closed script or style element, and only the tag of an unclosed one", () => {
    expect(prepareQuestion("<script>alert(1)</script> حماس")).toMatchObject({ searchText: "حماس", language: "ar" });
    expect(searched("<style>b { color: red }</style>ما موقف روسيا؟")).toBe("ما موقف روسيا؟");
    expect(searched("<script> ما هو حماس")).toBe("ما هو حماس");
    expect(searched("ما معنى <style> في HTML")).toBe("ما معنى في HTML");
  });

  it("loses markup tags and formatting characters, keeping the words", () => {
    expect(searched("<b>خالد مشعل</b> **زيارة** `Putin`")).toBe("خالد مشعل زيارة Putin");
  });

  it("says why there is nothing to search: no question, no words, or words in neither Arabic nor Latin letters", () => {
    expect(prepareQuestion("   ").notices).toEqual(["empty-question"]);
    expect(prepareQuestion("?!… 😀").notices).toEqual(["no-words"]);
    expect(prepareQuestion("Россия и Хамас")).toMatchObject({ language: "other", notices: ["unsupported-language"] });
    expect(prepareQuestion("Россия и Хамас").searchText).toBeUndefined();
    expect(prepareQuestion("2023")).toMatchObject({ searchText: "2023", notices: [] });
  });

  it("answers greetings and thanks on their own with a courtesy, not a search", () => {
    for (const message of ["thanks", "Thank you very much!", "شكرًا جزيلًا 🙏", "السلام عليكم", "hello there"]) {
      expect(prepareQuestion(message), message).toMatchObject({ notices: ["courtesy"] });
      expect(prepareQuestion(message).searchText, message).toBeUndefined();
    }
    expect(prepareQuestion("Did Hamas thank Putin?").notices).toEqual([]);
    expect(prepareQuestion("شكرا، هل صنفت روسيا حماس منظمة إرهابية؟").searchText).toContain("حماس");
  });

  it("takes a message that asks for help with the bot (help, «مساعدة», /help typed as a question) as such, not as a search", () => {
    for (const message of ["help", "HELP", "مساعدة", "ساعدني من فضلك", "/help", "!help", "help me please"]) {
      expect(prepareQuestion(message), message).toMatchObject({ notices: ["help-request"] });
    }
    expect(prepareQuestion("help with the hamas visit").notices).toEqual([]);
  });

  it("reads presentation forms and fullwidth letters as the plain ones, for the language and the courtesy too", () => {
    expect(prepareQuestion("ｔｈａｎｋｓ")).toMatchObject({ notices: ["courtesy"] });
    expect(prepareQuestion("ﺷﻜﺮﺍ ﺟﺰﻳﻼ")).toMatchObject({ notices: ["courtesy"] });
    expect(prepareQuestion("Ｗｈｅｎ ｄｉｄ Ｐｕｔｉｎ ｍｅｅｔ Ｍｅｓｈａａｌ?")).toMatchObject({
      language: "en",
      searchText: "When did Putin meet Meshaal?",
    });
    expect(prepareQuestion("ﺭﻭﺳﻴﺎ ﺣﻤﺎﺱ")).toMatchObject({ language: "ar", searchText: "روسيا حماس" });
  });

  it("cuts a very long question at a word, saying so", () => {
    const long = prepareQuestion("حماس ".repeat(MAX_QUESTION_CHARS));
    expect(long.notices).toEqual(["question-truncated"]);
    expect(long.searchText!.length).toBeLessThanOrEqual(MAX_QUESTION_CHARS);
    expect(long.searchText!.endsWith("حماس")).toBe(true);
  });
});
