/**
 * Questions carried by a /start parameter (inline mode's "open the bot" button), and the bot's
 * echo of what users and links send it. End to end: the real grammY bot polls the Bot API emulator
 * on loopback; the parameter is pressed as Telegram sends it, "/start <parameter>".
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_EXAMPLES } from "../../src/config/settings.js";
import { questionOfStartParameter, startParameterOf } from "../../src/telegram/deep-link.js";
import { emulatorForFile, startTestBot } from "../helpers/bot.js";
import { seedCopyEngine } from "../helpers/engine.js";
import { ROOT } from "../helpers/paths.js";
import type { BotMessage } from "../helpers/telegram-emulator.js";

const { emulator, running } = await emulatorForFile();

const { engine } = await seedCopyEngine();
const seeds = JSON.parse(await readFile(join(ROOT, "test/fixtures/seed-questions.json"), "utf8")) as { questions: { question: string }[] };

const START_PARAMETER = /^[A-Za-z0-9_-]{1,64}$/;
/**
 * Characters that must never reach an echo: bidi marks, embeddings, overrides and isolates, other
 * format and control characters (but the reply's own line feeds).
 */
const UNSAFE = /[\p{Cf}\u2028\u2029]|(?!\n)\p{Cc}/u;
const firstLine = (message: BotMessage) => message.text.split("\n")[0]!;

describe("questions carried by /start", async () => {
  const bot = await startTestBot(emulator, engine, running, { examples: DEFAULT_EXAMPLES });
  let nextUser = 3100;

  /** The inline button's parameter for `question`, when inline mode offers one. */
  async function inlineButton(question: string): Promise<string | undefined> {
    const id = `iq-${nextUser}`;
    emulator.pushUpdate(bot.token, { inline_query: { id, from: { id: nextUser, is_bot: false, first_name: "U" }, query: question, offset: "" } });
    const call = await emulator.waitFor(() => emulator.callsOf("answerInlineQuery", bot.token).find((c) => c.body.inline_query_id === id));
    return (call.body.button as { start_parameter: string } | undefined)?.start_parameter;
  }

  it("opens the private chat on the question itself, for Arabic questions of 40 and more letters", async () => {
    const questions = [
      "ما هي عاصمة فرنسا وما هو عدد سكانها؟",
      "هل صنفت روسيا حماس منظمة إرهابية في أفريقيا؟",
      "ما موقف الصين من العلاقة بين روسيا وحماس بعد السابع من أكتوبر؟",
    ];
    for (const question of questions) {
      const parameter = await inlineButton(question);
      expect(parameter, question).toMatch(START_PARAMETER);
      const id = nextUser++;
      const [answer] = await bot.send(bot.user(id), id, `/start ${parameter}`);
      expect(firstLine(answer!)).toBe(`🔎 ${question}`);
    }
  });

  it("carries every seed question and example of up to 60 characters, and the old base64 links", () => {
    const questions = [...seeds.questions.map((q) => q.question), ...DEFAULT_EXAMPLES].filter((q) => [...q].length <= 60);
    expect(questions.length).toBeGreaterThan(200);
    for (const question of questions) {
      const parameter = startParameterOf(question);
      expect(parameter, question).toMatch(START_PARAMETER);
      expect(questionOfStartParameter(parameter)).toBe(question);
    }
    // Mixed scripts, capitals, characters of neither alphabet: carried exactly when they fit.
    for (const question of ["متى زار Putin موسكو؟", "WHO met Meshaal in 2006?", "Ünïcödé 中文 🇵🇸", "  ما هي عاصمة فرنسا؟  "]) {
      expect(questionOfStartParameter(startParameterOf(question))).toBe(question.trim());
    }
    const old = `q${Buffer.from("ما هي عاصمة فرنسا؟").toString("base64url")}`;
    expect(questionOfStartParameter(old)).toBe("ما هي عاصمة فرنسا؟");
    expect(startParameterOf("ما طبيعة العلاقة بين روسيا وحماس ".repeat(4))).toBe("welcome");
  });

  it("reads any forged parameter as a question or as none, never failing", () => {
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let seed = 7;
    const random = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    const forged = ["", "a", "e", "q", "welcome", "aA", "eB", `a${"_".repeat(63)}`, `e${"_".repeat(64)}`, "z123"];
    for (let i = 0; i < 500; i++)
      forged.push("aeq"[i % 3]! + Array.from({ length: 1 + Math.floor(random() * 63) }, () => alphabet[Math.floor(random() * 64)]).join(""));
    for (const parameter of forged) {
      const question = questionOfStartParameter(parameter);
      // No lone surrogate: the question is text Telegram can send back.
      if (question !== undefined) expect(question, parameter).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    }
  });
});

describe("the echo of what a link or a user sends", async () => {
  const bot = await startTestBot(emulator, engine, running, {});

  it("never carries bidi overrides, format or control characters, nor line breaks", async () => {
    const alice = bot.user(3201);
    const crafted = [
      "\u202e\u202e",
      "\u202eخالد مشعل\u202c",
      "خالد\u2066 مشعل\u2069\u200f",
      "خالد مشعل\u{E0041}\u{E0042}\ufff9note\ufffb",
      "خالد مشعل\n\n✅ Verified by the admins",
      "خالد مشعل\u2028\u0085✅",
    ];
    // From a link, in both forms of parameter, and typed.
    const sent = crafted.flatMap((text) => [`/start ${startParameterOf(text)}`, `/start q${Buffer.from(text).toString("base64url")}`, text]);
    for (const text of sent) {
      const replies = await bot.send(alice, 3201, text);
      for (const reply of replies) expect(reply.text, JSON.stringify(text)).not.toMatch(UNSAFE);
      const echo = firstLine(replies[0]!);
      if (echo.startsWith("🔎")) expect(echo.replace(/\s+/g, " ")).toBe(echo);
    }
    // A link to nothing visible opens the welcome.
    for (const text of ["\u202e\u202e", "\u0000", " \u200f "]) {
      const [welcome] = await bot.send(alice, 3201, `/start ${startParameterOf(text)}`);
      expect(welcome!.text).toContain("👋");
    }
    // The words named missing are the question's own (the engine names them normalized).
    const [unanswered] = await bot.send(alice, 3201, "\u202eزرافة\u202c \u2067كنغر\u2069");
    expect(unanswered!.text).toContain("زرافة");
    expect(unanswered!.text).not.toMatch(UNSAFE);
  });
});

describe("inline queries", async () => {
  const bot = await startTestBot(emulator, engine, running, { rateLimitPerMinute: 2 });
  const user = { id: 3900, is_bot: false, first_name: "Typist" };
  let next = 0;
  const ask = async (query: string) => {
    const id = `iq-typing-${next++}`;
    emulator.pushUpdate(bot.token, { inline_query: { id, from: user, query, offset: "" } });
    return (await emulator.waitFor(() => emulator.callsOf("answerInlineQuery", bot.token).find((c) => c.body.inline_query_id === id))).body;
  };

  it("do not count against the rate limit: Telegram sends one at every pause while a question is typed", async () => {
    const typed = "متى استضاف بوتين خالد مشعل في موسكو";
    for (let length = 4; length <= typed.length; length += 4) await ask(typed.slice(0, length));
    const full = await ask(typed);
    expect((full.results as unknown[]).length).toBeGreaterThan(0);
    emulator.pushUpdate(bot.token, { message: { message_id: 1, date: 1, chat: { id: user.id, type: "private" }, from: user, text: "خالد مشعل" } });
    const [reply] = await emulator.waitFor(() => emulator.botMessages(bot.token, user.id).length > 0 && emulator.botMessages(bot.token, user.id));
    expect(reply!.text).not.toMatch(/Too many questions/);
  });

  it("offer the private chat only for a question that was searched, and fit one pasted in presentation forms", async () => {
    for (const query of ["\u202e", "🙂🙂", "شكرا"]) expect((await ask(query)).button, JSON.stringify(query)).toBeUndefined();
    const pasted = "ﻣﺘﻰ ﺍﺳﺘﻀﺎﻑ ﺑﻮﺗﻴﻦ ﻣﺸﻌﻞ ﻓﻲ ﺍﻟﺠﺰﺍﺋﺮ";
    const button = (await ask(pasted)).button as { start_parameter: string } | undefined;
    expect(button?.start_parameter).not.toBe("welcome");
    expect(button?.start_parameter).toMatch(START_PARAMETER);
  });
});
