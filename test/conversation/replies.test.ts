/** What replies say, decided once for every front end. */
import { describe, expect, it } from "vitest";
import type { Answer, AnswerPassage } from "../../src/answer/answer.js";
import type { EngineStatus } from "../../src/answer/engine.js";
import { citationOf } from "../../src/conversation/citation.js";
import { answerPage, helpReply, type NoticeKind, noticeReply, rateLimitedReply, statusReply, welcomeReply } from "../../src/conversation/replies.js";
import { type Block, plainText, type Reply } from "../../src/conversation/reply.js";
import { renderTerminal } from "../../src/conversation/terminal.js";
import { TEXTS } from "../../src/conversation/texts.js";
import { formatReply } from "../../src/telegram/format.js";

function passage(rank: number): AnswerPassage {
  const text = `نص المقطع ${rank}.`;
  return {
    rank,
    id: `d#${rank}`,
    position: 10 + rank,
    text,
    score: 1,
    doc: { id: "d", title: "وثيقة" },
    section: "قسم",
    paragraph: rank,
    references: [],
    matches: [],
  };
}

function answerOf(count: number, language: Answer["language"] = "ar"): Answer {
  const results = Array.from({ length: count }, (_, i) => passage(i + 1));
  return {
    query: "سؤال",
    language,
    mode: "keyword",
    abstained: count === 0,
    confidence: count === 0 ? "none" : "answer",
    topics: [],
    notices: count === 0 ? ["no-answer"] : [],
    results,
  };
}

const labels = (reply: Reply) => reply.buttons.flat().map((b) => b.label);

describe("the text table", () => {
  it("has every text in Arabic and English", () => {
    for (const [key, entry] of Object.entries(TEXTS)) {
      for (const language of ["ar", "en"] as const) {
        const value = entry[language] as string | ((v: never) => string);
        const text = typeof value === "string" ? value : value((key === "nearestTopics" || key === "missingWords" ? ["موضوع"] : 3) as never);
        expect(text.trim(), `${key}.${language}`).not.toBe("");
      }
    }
  });
});

describe("answer pages", () => {
  it("shows a page, with a section button per passage and More while passages remain", () => {
    const page = answerPage(answerOf(4), { offset: 0, pageSize: 3, version: "ab" });
    expect(page.blocks.map((b) => b.kind)).toEqual(["question", "passage", "passage", "passage"]);
    expect(labels(page)).toEqual(["📖 القسم كاملًا 1", "📖 القسم كاملًا 2", "📖 القسم كاملًا 3", "المزيد ⬅️"]);
    expect(page.buttons.at(-1)![0]!.action).toEqual({ kind: "page", offset: 3, version: "ab" });
    expect(page.buttons[0]![0]!.action).toEqual({ kind: "section", position: 11, version: "ab" });
  });

  it("offers Back from a later page, and carries an example's number in every button", () => {
    const page = answerPage(answerOf(4, "en"), { offset: 3, pageSize: 3, version: "ab", example: 2 });
    expect(labels(page)).toEqual(["📖 Whole section 4", "⬅️ Back"]);
    for (const button of page.buttons.flat()) expect(button.action).toMatchObject({ example: 2, version: "ab" });
  });

  it("says so when there is no answer, with no buttons", () => {
    const page = answerPage(answerOf(0), { offset: 0, pageSize: 3, version: "ab" });
    expect(plainText(page)).toContain(TEXTS["no-answer"].ar);
    expect(page.buttons).toEqual([]);
  });

  it("names the languages it answers in, in both, for a question in another script", () => {
    const page = answerPage({ ...answerOf(0, "other"), notices: ["unsupported-language"] }, { offset: 0, pageSize: 3, version: "ab" });
    expect(plainText(page)).toContain(TEXTS["unsupported-language"].en);
    expect(plainText(page)).toMatch(/Arabic or English.*بالعربية/);
    expect(page.buttons).toEqual([]);
  });

  it("cuts to the front end's limit: whole passages move to the next page", () => {
    const measure = (reply: Reply) => plainText(reply).length;
    const whole = measure(answerPage(answerOf(2), { offset: 0, pageSize: 2, version: "ab" }));
    const page = answerPage(answerOf(2), { offset: 0, pageSize: 2, version: "ab", limits: { maxLength: whole - 1, measure } });
    expect(page.blocks.filter((b: Block) => b.kind === "passage")).toHaveLength(1);
    expect(page.buttons.at(-1)![0]!.action).toEqual({ kind: "page", offset: 1, version: "ab" });
  });
});

describe("citations", () => {
  it("link only http(s) addresses and count the references left out", () => {
    const references = [1, 2, 3].map((n) => ({ n, title: `t${n}`, url: n === 2 ? "javascript:alert(1)" : `https://x.org/${n}` }));
    const citation = citationOf({ doc: { id: "d", title: "T", url: "javascript:void(0)" }, section: null, paragraph: 1, references }, "en", 2);
    const spans = citation.lines.flatMap((l) => l.content);
    expect(spans.filter((s) => s.url).map((s) => s.url)).toEqual(["https://x.org/1"]);
    expect(citation.lines.map((l) => l.role)).toEqual(["where", "link", "reference", "reference", "more"]);
    expect(citation.lines.at(-1)!.content[0]!.text).toBe("… and 1 more");
  });
});

describe("the other replies", () => {
  it("welcome in both languages with example buttons", () => {
    const welcome = welcomeReply(["سؤال أول", "سؤال ثان"]);
    expect(plainText(welcome)).toContain("أهلًا بك!");
    expect(plainText(welcome)).toContain("Welcome!");
    expect(welcome.buttons.map((row) => row[0]!.action)).toEqual([
      { kind: "example", example: 0 },
      { kind: "example", example: 1 },
    ]);
  });

  it("welcome without example questions offers none", () => {
    const welcome = welcomeReply([]);
    expect(plainText(welcome)).toContain("Welcome!");
    expect(plainText(welcome)).not.toContain(TEXTS.tryExamples.en);
    expect(welcome.buttons).toEqual([]);
  });

  it("help, with how to leave where there is something to leave", () => {
    expect(plainText(helpReply())).toContain(TEXTS.helpGroups.en);
    expect(plainText(helpReply())).not.toContain("/quit");
    expect(plainText(helpReply({ groups: false, quit: true }))).toContain("/quit leaves");
  });

  it("status as readable lines", () => {
    const builtAt = "2026-01-01T00:00:00.000Z";
    const status = {
      mode: "keyword",
      modelId: null,
      modelProblem: "off",
      crossLingual: true,
      documents: 2,
      passages: 18,
      builtAt,
      version: "ab",
      caveats: [],
      skipped: [],
    } as unknown as EngineStatus;
    expect(plainText(statusReply(status, new Date("2026-01-01T03:00:00Z"))).split("\n")).toEqual([
      "⚙️ Status · الحالة",
      "Mode: keyword only · كلمات مفتاحية فقط",
      "Model: none (off)",
      "English questions: translated word by word to search the Arabic documents · تُترجم كلماتها للبحث في الوثائق العربية",
      "Documents: 2 · Passages: 18",
      "Index built: 2026-01-01T00:00:00.000Z (3 h ago)",
    ]);
    const troubled = {
      ...status,
      caveats: ["the corpus folder /srv/corpus does not exist"],
      skipped: [{ message: "dup.txt: document id taken" }],
    } as unknown as EngineStatus;
    expect(
      plainText(statusReply(troubled, new Date("2026-01-01T03:00:00Z")))
        .split("\n")
        .slice(6),
    ).toEqual(["⚠️ the corpus folder /srv/corpus does not exist", "⚠️ Corpus files not indexed: dup.txt: document id taken"]);
  });

  it("short notices in Arabic and English", () => {
    const kinds: NoticeKind[] = [
      "non-text",
      "unknown-command",
      "not-admin",
      "reindexing",
      "reindex-failed",
      "stale-button",
      "no-more-passages",
      "failed",
      "ask-usage",
    ];
    for (const kind of kinds) {
      const reply = noticeReply(kind);
      expect(reply.kind).toBe(kind);
      expect(plainText(reply)).toMatch(/\p{Script=Arabic}/u);
      expect(plainText(reply)).toMatch(/[A-Za-z]{3}/);
    }
    expect(plainText(rateLimitedReply(12))).toContain("please wait 12 s");
  });
});

describe("confidence tiers, on every front end", () => {
  const closest: Answer = { ...answerOf(2), confidence: "closest" };
  const none: Answer = { ...answerOf(0), confidence: "none", topics: ["التاريخ › طوفان الأقصى", "المقدمة"], missing: ["أفريقيا"] };
  const sure: Answer = answerOf(2);

  it("labels closest passages, names the missing words with them and with no answer, and the nearest topics with no answer", () => {
    const page = (answer: Answer) => answerPage(answer, { offset: 0, pageSize: 3, version: "ab" });
    for (const render of [(r: Reply) => plainText(r), (r: Reply) => renderTerminal(r), (r: Reply) => formatReply(r).text]) {
      expect(render(page(closest))).toContain(TEXTS.closestPassages.ar);
      expect(render(page(sure))).not.toContain(TEXTS.closestPassages.ar);
      const refused = render(page(none));
      expect(refused).toContain(TEXTS["no-answer"].ar);
      expect(refused).toContain(TEXTS.nearestTopics.ar(none.topics));
      expect(refused).toContain(TEXTS.missingWords.ar(["أفريقيا"]));
      expect(refused.indexOf(TEXTS.missingWords.ar(["أفريقيا"]))).toBeLessThan(refused.indexOf(TEXTS.nearestTopics.ar(none.topics)));
      expect(render(page({ ...none, missing: [] }))).not.toContain("لم أجد في الوثائق");
      expect(render(page({ ...closest, missing: ["بايدن"] }))).toContain(TEXTS.missingWords.ar(["بايدن"]));
      expect(render(page({ ...sure, missing: ["بايدن"] }))).not.toContain("لم أجد في الوثائق");
    }
  });
});
