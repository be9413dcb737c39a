/** The Telegram renderer: entities instead of HTML, and Telegram's limits as Telegram counts them. */
import { describe, expect, it } from "vitest";
import type { Answer, AnswerPassage } from "../../src/answer/answer.js";
import { inlineResultReply } from "../../src/conversation/replies.js";
import type { Reply } from "../../src/conversation/reply.js";
import type { Reference } from "../../src/corpus/document.js";
import { MAX_MESSAGE_LENGTH, TELEGRAM_LIMITS, toMessages } from "../../src/telegram/format.js";
import { renderAnswerPage } from "../bench/render.js";
import { checkEntities, withTags } from "../helpers/telegram-entities.js";

function passage(rank: number, text: string, references: Reference[] = []): AnswerPassage {
  const doc = { id: "d", title: "<T&>" };
  return { rank, id: `d#0.${rank}`, position: rank, text, score: 1, doc, section: null, paragraph: rank, references, matches: [{ start: 0, end: 3 }] };
}

function answerOf(query: string, results: AnswerPassage[]): Answer {
  return { query, language: "ar", mode: "keyword", abstained: false, confidence: "answer", topics: [], notices: [], results };
}

const manyReferences = Array.from(
  { length: 400 },
  (_, i): Reference => ({ n: i + 1, title: `مرجع طويل العنوان رقم ${i + 1} عن الطاقة`, details: "ناشر ما، 2023", url: `https://example.org/ref/${i + 1}` }),
);

describe("Telegram messages", () => {
  it("carries corpus text as it is, markup characters included, with bold, quote and link entities", () => {
    const page = renderAnswerPage(answerOf("سؤال <b>", [passage(1, "نص <i>فيه</i> & رموز.", [manyReferences[0]!])]), { offset: 0, pageSize: 1, version: "ab" });
    checkEntities(page.text, page.entities);
    expect(page.text).toContain("🔎 سؤال <b>");
    expect(page.text).toContain("📄 <T&> › المقدمة › الفقرة 1");
    // "<i>" here is the corpus text itself: only "نص " (the match) is bold.
    expect(withTags(page.text, page.entities)).toContain("<blockquote expandable><b>نص </b><i>فيه</i> & رموز.</blockquote>");
    expect(page.entities.filter((e) => e.type === "italic")).toEqual([{ type: "italic", offset: 3, length: "سؤال <b>".length }]);
    expect(withTags(page.text, page.entities)).toContain('📚 [1] <a href="https://example.org/ref/1">مرجع طويل العنوان رقم 1 عن الطاقة</a> — ناشر ما، 2023');
  });

  it("cuts a single passage that alone exceeds a message at a sentence end", () => {
    const long = Array.from({ length: 300 }, (_, i) => `الجملة ${i} <طويلة> & مفصلة.`).join(" ");
    const page = renderAnswerPage(answerOf("سؤال", [passage(1, long), passage(2, "نص قصير.")]), { offset: 0, pageSize: 2, version: "ab" });
    expect(checkEntities(page.text, page.entities)).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
    expect(withTags(page.text, page.entities)).toContain(" …</blockquote>");
    const more = page.keyboard!.inline_keyboard.flat().find((b) => "callback_data" in b && b.callback_data.startsWith("p:"));
    expect(more && "callback_data" in more && more.callback_data).toBe("p:1:ab");
  });

  it("leaves out the best sentence when the passage must be cut shorter than it", () => {
    const sentence = `${"كلمة ".repeat(1200)}طويلة.`;
    const long = { ...passage(1, `${sentence} وبعدها جملة.`), bestSentence: { start: 0, end: sentence.length } };
    const page = renderAnswerPage(answerOf("سؤال", [long]), { offset: 0, pageSize: 1, version: "ab" });
    expect(checkEntities(page.text, page.entities)).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
    expect(page.text).not.toContain("💡");
    expect(page.keyboard).toBeDefined();
    const short = { ...passage(1, "جملة أولى. جملة ثانية."), bestSentence: { start: 0, end: 10 } };
    expect(renderAnswerPage(answerOf("سؤال", [short]), { offset: 0, pageSize: 1, version: "ab" }).text).toContain("💡 جملة أولى.");
  });

  it("lists as many references as fit and counts the rest, in answers and inline results", () => {
    const text = "تناقش الوفود الطاقة الشمسية. ".repeat(20) + manyReferences.map((r) => `[${r.n}]`).join("");
    const page = renderAnswerPage(answerOf("الطاقة", [passage(1, text, manyReferences)]), { offset: 0, pageSize: 1, version: "ab" });
    expect(checkEntities(page.text, page.entities)).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
    expect(page.text).toMatch(/📚 … و\d+ مراجع أخرى$/);
    expect(page.text).toContain("📚 [1] ");
    const [inline, ...rest] = toMessages(inlineResultReply(passage(1, text, manyReferences), "en", TELEGRAM_LIMITS));
    expect(rest).toEqual([]);
    expect(checkEntities(inline!.text, inline!.entities)).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
    expect(inline!.text).toMatch(/📚 … and \d+ more$/);
  });

  it("never cuts a surrogate pair or sends a lone surrogate or control character in the echo", () => {
    const echoOf = (question: string) => {
      const page = renderAnswerPage(answerOf(question, []), { offset: 0, pageSize: 3, version: "ab" });
      checkEntities(page.text, page.entities);
      const echo = page.text.split("\n")[0]!;
      expect(echo.length).toBeLessThanOrEqual(3 + 300);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
      expect(echo).not.toMatch(/[\u0000-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
      return echo;
    };
    // The cut falls after the first emoji, then inside the second: the pair is kept whole or left out whole.
    expect(echoOf(`${"س".repeat(296)}😀😀 نهاية`)).toMatch(/س😀 …$/);
    expect(echoOf(`${"س".repeat(297)}😀😀 نهاية`)).toMatch(/سس …$/);
    expect(echoOf("خالد\u0000 مشعل\ud800 في\udc00 موسكو\nأمس\u0007؟")).toBe("🔎 خالد مشعل في موسكو أمس؟");
  });

  it("splits a reply too long for one message between lines, with the buttons on the last", () => {
    const lines = Array.from({ length: 300 }, (_, i) => [{ text: `• وثيقة رقم ${i} `, style: "strong" as const }, { text: "— ".repeat(10) }]);
    const buttons = [[{ label: "x", action: { kind: "example" as const, example: 0 } }]];
    const reply: Reply = { kind: "sources", language: "both", blocks: [{ kind: "text", lines }], buttons };
    const messages = toMessages(reply);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(checkEntities(m.text, m.entities)).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
    expect(messages.map((m) => m.text).join("\n")).toBe(lines.map((l) => l.map((s) => s.text).join("")).join("\n"));
    expect(messages.map((m) => m.keyboard !== undefined)).toEqual([...messages.slice(1).map(() => false), true]);
  });
});
