import { describe, expect, it } from "vitest";
import type { Answer, AnswerPassage } from "../../src/answer/answer.js";
import { decodeAction, encodeAction, MAX_CALLBACK_BYTES } from "../../src/telegram/callbacks.js";
import { escapeHtml, visibleLength } from "../../src/telegram/html.js";
import { renderAnswerPage, trimToSentences } from "../../src/telegram/render.js";
import { checkTelegramHtml } from "../helpers/telegram-html.js";

function passage(rank: number, text: string): AnswerPassage {
  return { rank, id: `d#0.${rank}`, position: rank, text, score: 1, doc: { id: "d", title: "<T&>" }, section: null, paragraph: rank, references: [], matches: [{ start: 0, end: 3 }] };
}

describe("callback data", () => {
  it("round-trips every action within 64 bytes", () => {
    for (const action of [{ kind: "page", offset: 999999, version: "0123abcd" }, { kind: "section", passage: 123456, version: "ffffffff" }, { kind: "example", example: 4 }] as const) {
      const data = encodeAction(action);
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(MAX_CALLBACK_BYTES);
      expect(decodeAction(data)).toEqual(action);
    }
  });

  it("rejects data it did not make", () => {
    for (const data of ["", "p:1", "x:1:ab", "p:-1:ab", "s:1:XYZ", "e:1:ab:cd"]) expect(decodeAction(data)).toBeUndefined();
  });
});

describe("Telegram HTML", () => {
  it("escapes the four special characters and counts visible length", () => {
    expect(escapeHtml(`<a href="x">&</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
    expect(visibleLength("<b>a&amp;b</b>")).toBe(3);
  });

  it("cuts a text at a sentence end within the budget", () => {
    expect(trimToSentences("جملة أولى. جملة ثانية. جملة ثالثة.", 25)).toBe("جملة أولى. جملة ثانية. …");
    expect(trimToSentences("قصير.", 100)).toBe("قصير.");
  });

  it("cuts a single passage that alone exceeds a message", () => {
    const long = Array.from({ length: 300 }, (_, i) => `الجملة ${i} <طويلة> & مفصلة.`).join(" ");
    const answer: Answer = { query: "سؤال <b>", language: "ar", mode: "keyword", abstained: false, confidence: "answer", topics: [], notices: [], results: [passage(1, long), passage(2, "نص قصير.")] };
    const page = renderAnswerPage(answer, { offset: 0, pageSize: 2, version: "ab" });
    expect(checkTelegramHtml(page.html)).toBeLessThanOrEqual(4096);
    expect(page.html).toContain(" …</blockquote>");
    expect(page.html).toContain("&lt;T&amp;&gt;");
    const more = page.keyboard!.inline_keyboard.flat().find((b) => "callback_data" in b && b.callback_data.startsWith("p:"));
    expect(more && "callback_data" in more && more.callback_data).toBe("p:1:ab");
  });
});
