import { describe, expect, it } from "vitest";
import type { Answer } from "../../src/answer/answer.js";
import { answerPage, sourcesReply, welcomeReply } from "../../src/conversation/replies.js";
import { ANSI, PLAIN, renderTerminal } from "../../src/conversation/terminal.js";
import type { CorpusDocument } from "../../src/corpus/document.js";

const answer: Answer = {
  query: "روسيا",
  language: "ar",
  mode: "keyword",
  abstained: false,
  confidence: "answer",
  topics: [],
  notices: [],
  results: [
    {
      rank: 1,
      id: "d#1",
      position: 1,
      text: "زار الوفد روسيا.",
      score: 1,
      doc: { id: "d", title: "وثيقة", url: "https://x.org/d" },
      section: null,
      paragraph: 2,
      references: [{ n: 4, title: "مرجع", details: "ناشر", url: "https://x.org/r" }],
      matches: [{ start: 10, end: 15 }],
    },
  ],
};

describe("the terminal renderer", () => {
  it("shows passages with their citation indented, without the echoed question or buttons", () => {
    const text = renderTerminal(answerPage(answer, { offset: 0, pageSize: 3, version: "ab" }), PLAIN);
    expect(text.split("\n")).toEqual([
      "[1] زار الوفد روسيا.",
      "    المصدر: وثيقة › المقدمة › الفقرة 2",
      "    https://x.org/d",
      "    يستشهد بـ [4] مرجع <https://x.org/r> — ناشر",
    ]);
  });

  it("shows matched words in bold on a terminal that can", () => {
    expect(renderTerminal(answerPage(answer, { offset: 0, pageSize: 3, version: "ab" }), ANSI)).toContain("زار الوفد \x1b[1mروسيا\x1b[22m.");
  });

  it("shows the likely answer bold and underlined, beyond the matched words' bold", () => {
    const dated = { ...answer, results: [{ ...answer.results[0]!, text: "زار الوفد روسيا في 2006.", answerSpans: [{ start: 19, end: 23 }] }] };
    const text = renderTerminal(answerPage(dated, { offset: 0, pageSize: 3, version: "ab" }), ANSI);
    expect(text).toContain("زار الوفد \x1b[1mروسيا\x1b[22m في \x1b[1;4m2006\x1b[22;24m.");
    expect(renderTerminal(answerPage(dated, { offset: 0, pageSize: 3, version: "ab" }), PLAIN)).toContain("زار الوفد روسيا في 2006.");
  });

  it("lists the welcome's example questions to type, and no other button", () => {
    const welcome = renderTerminal(welcomeReply(["سؤال أول؟", "Second question?"]));
    expect(welcome).toMatch(/^👋 أهلًا بك! .+\n\n👋 Welcome! .+\n\nجرّب أحد هذه الأسئلة · Try one of these:\n\n• سؤال أول؟\n• Second question\?$/);
    const page = answerPage(
      { ...answer, results: [answer.results[0]!, { ...answer.results[0]!, rank: 2, id: "d#2", position: 2 }] },
      { offset: 0, pageSize: 1, version: "ab" },
    );
    expect(page.buttons.flat().length).toBeGreaterThan(0);
    expect(renderTerminal(page)).not.toContain("•");
  });

  it("lists sources with their addresses", () => {
    const documents = [{ meta: { id: "d", title: "وثيقة", url: "https://x.org/d", author: "كاتب" } }] as unknown as CorpusDocument[];
    expect(renderTerminal(sourcesReply(documents))).toBe("📚 المصادر · Sources (1)\n• وثيقة <https://x.org/d> — كاتب");
  });
});
