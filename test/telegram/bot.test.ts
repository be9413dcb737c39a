/**
 * End to end: the real grammY bot, polling over HTTP, against the Bot API emulator on loopback.
 */
import { cp, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { MessageEntity } from "grammy/types";
import { afterAll, describe, expect, it } from "vitest";
import type { AnswerEngine } from "../../src/answer/engine.js";
import { DEFAULT_EXAMPLES } from "../../src/config/settings.js";
import { createLogger } from "../../src/log/logger.js";
import type { RunningBot } from "../../src/telegram/run.js";
import { startTestBot } from "../helpers/bot.js";
import { openKeywordEngine } from "../helpers/engine.js";
import { CORPUS_DIR, scratchDir } from "../helpers/paths.js";
import { BotApiEmulator, type BotMessage } from "../helpers/telegram-emulator.js";
import { checkEntities, withTags } from "../helpers/telegram-entities.js";

const ADMIN = 4242;
// Started at load time: the describe blocks below start their bots while being collected.
const emulator = await BotApiEmulator.start();
const running: RunningBot[] = [];
const logLines: string[] = [];
const log = createLogger({ level: "debug", format: "json", write: (l) => logLines.push(l) });

async function seedEngine(): Promise<AnswerEngine> {
  const dir = await scratchDir();
  await cp(CORPUS_DIR, join(dir, "corpus"), { recursive: true });
  return openKeywordEngine(join(dir, "corpus"), join(dir, "index"));
}

/** Starts a bot on `engine` with its own token; returns a way to talk to it as users. */
function startBot(engine: AnswerEngine, overrides: { rateLimitPerMinute?: number; pageSize?: number; token?: string } = {}) {
  return startTestBot(emulator, engine, running, { adminIds: new Set([ADMIN]), examples: DEFAULT_EXAMPLES, log, ...overrides });
}

/** The message's text with its formatting shown as tags, after checking its entities. */
function tagged(message: { text: string; entities?: MessageEntity[] }): string {
  checkEntities(message.text, message.entities);
  return withTags(message.text, message.entities);
}

/** The passages (their positions) a message shows, read from its "Whole section" buttons. */
function shownPositions(message: Pick<BotMessage, "reply_markup">): number[] {
  return buttons(message as BotMessage).flatMap((b) => (b.callback_data?.startsWith("s:") ? [Number(b.callback_data.split(":")[1])] : []));
}

/** The positions of passages `from` to `to` of the engine's answer to `question`. */
async function positions(engine: AnswerEngine, question: string, from: number, to: number): Promise<number[]> {
  return (await engine.ask(question, { limit: to + 1 })).results.slice(from, to).map((r) => r.position);
}

function buttons(message: BotMessage): { text: string; callback_data?: string }[] {
  return message.reply_markup?.inline_keyboard?.flat() ?? [];
}

afterAll(async () => {
  await Promise.all(running.map((r) => r.stop()));
  await emulator.stop();
});

describe("the bot in a private chat", async () => {
  const engine = await seedEngine();
  const bot = await startBot(engine);
  const alice = bot.user(1001);

  it("registers its commands in English and Arabic", async () => {
    const calls = await emulator.waitFor(() => emulator.callsOf("setMyCommands", bot.token).length >= 2 && emulator.callsOf("setMyCommands", bot.token));
    expect(calls.map((c) => c.body.language_code ?? "default")).toEqual(["default", "ar"]);
    expect((calls[0]!.body.commands as { command: string }[]).map((c) => c.command)).toEqual(["start", "help", "ask", "sources", "status"]);
  });

  it("welcomes on /start in both languages with three example buttons", async () => {
    const [welcome] = await bot.send(alice, 1001, "/start");
    expect(welcome!.text).toContain("أهلًا");
    expect(welcome!.text).toContain("Welcome");
    expect(buttons(welcome!).map((b) => b.text)).toEqual(DEFAULT_EXAMPLES.map((q) => q.slice(0, 60)));
    expect(tagged(welcome!)).toContain("<b>Welcome!</b>");
  });

  it("answers an example button with cited passages", async () => {
    const [welcome] = emulator.botMessages(bot.token, 1001).slice(-1);
    const before = emulator.botMessages(bot.token, 1001).length;
    await bot.press(alice, 1001, welcome!, buttons(welcome!)[0]!.callback_data!);
    const answer = await emulator.waitFor(() => emulator.botMessages(bot.token, 1001)[before]);
    expect(answer.text).toContain("لم تصنف روسيا حماس");
  });

  it("answers an Arabic question with bold matches, the best sentence, the citation and buttons", async () => {
    const [answer] = await bot.send(alice, 1001, "هل صنفت روسيا حماس منظمة إرهابية؟");
    expect(answer!.parse_mode).toBeUndefined();
    expect(checkEntities(answer!.text, answer!.entities)).toBeLessThanOrEqual(4096);
    const text = tagged(answer!);
    expect(text.split("\n")[0]).toBe("🔎 <i>هل صنفت روسيا حماس منظمة إرهابية؟</i>");
    expect(text).toContain("<b>تصنف</b> <b>روسيا</b> <b>حماس</b> <b>كمنظمة</b> <b>إرهابية</b>");
    expect(text).toContain("💡 ");
    expect(text).toMatch(/<blockquote expandable>[\s\S]*<b>روسيا<\/b>[\s\S]*<\/blockquote>/);
    expect(text).toContain("📄 <b>العلاقات بين روسيا وحماس</b> › المقدمة › الفقرة 2");
    expect(text).toContain('🔗 <a href="https://ar.wikipedia.org/wiki/');
    expect(text).toContain("📚 [1] Why Russia and Hamas Are Growing Closer — Carnegie Endowment");
    expect(answer!.reply_parameters?.message_id).toBeGreaterThan(0);
    expect(
      buttons(answer!)
        .map((b) => b.text)
        .slice(0, 3),
    ).toEqual(["📖 القسم كاملًا 1", "📖 القسم كاملًا 2", "📖 القسم كاملًا 3"]);
  });

  it("shows the likely answer to a question asking for a date bold and underlined, in the best sentence and the quote", async () => {
    const [answer] = await bot.send(alice, 1001, "متى زار خالد مشعل موسكو؟");
    const text = tagged(answer!);
    const first = text.split("\n2. ")[0]!;
    expect(first).toMatch(/💡 [^\n]*<b>موسكو<\/b> في <b><u>مارس 2006<\/u><\/b>/);
    expect(first).toMatch(/<blockquote expandable>[\s\S]*<b><u>مارس 2006<\/u><\/b>[\s\S]*<\/blockquote>/);
    // Only the likely answer is underlined: never a matched word, nothing that is not in the passage.
    const underlined = answer!.entities!.filter((e) => e.type === "underline").map((e) => answer!.text.slice(e.offset, e.offset + e.length));
    expect(new Set(underlined)).toEqual(new Set(["مارس 2006"]));
  });

  it("pages to the next passages in place with More, and back", async () => {
    const [answer] = await bot.send(alice, 1001, "روسيا حماس");
    const more = buttons(answer!).find((b) => b.text.startsWith("المزيد"))!;
    const edits = emulator.callsOf("editMessageText", bot.token).length;
    await bot.press(alice, 1001, answer!, more.callback_data!);
    const edit = await emulator.waitFor(() => emulator.callsOf("editMessageText", bot.token)[edits]);
    expect(edit.body.message_id).toBe(answer!.messageId);
    const text = tagged(edit.body as { text: string; entities: MessageEntity[] });
    expect(text).toContain("<b>4.</b>");
    expect(text).not.toContain("<b>1.</b>");
    const keyboard = (edit.body.reply_markup as { inline_keyboard: { text: string }[][] }).inline_keyboard.flat().map((b) => b.text);
    expect(keyboard).toContain("➡️ السابق");
  });

  it("sends a passage's whole section from its button", async () => {
    const [answer] = await bot.send(alice, 1001, "ماذا قال لافروف عن أهداف إسرائيل في غزة");
    const [sectionButton] = buttons(answer!);
    const before = emulator.botMessages(bot.token, 1001).length;
    await bot.press(alice, 1001, answer!, sectionButton!.callback_data!);
    const section = await emulator.waitFor(() => emulator.botMessages(bot.token, 1001)[before]);
    checkEntities(section.text, section.entities);
    expect(section.reply_parameters?.message_id).toBe(answer!.messageId);
    expect(section.text).toContain("خلال الحرب بين إسرائيل وحماس عام 2023");
    expect(section.text).toContain("في ديسمبر 2023، قال وزير الخارجية الروسي سيرغي لافروف");
    expect(section.text).toContain("› التاريخ › طوفان الأقصي حرب 2023");
  });

  it("answers stale and unknown buttons politely", async () => {
    const [answer] = await bot.send(alice, 1001, "خالد مشعل");
    const answered = emulator.callsOf("answerCallbackQuery", bot.token).length;
    await bot.press(alice, 1001, answer!, "s:0:deadbeef"); // a section of an index no longer on disk
    await bot.press(alice, 1001, answer!, "no-such-button");
    const replies = await emulator.waitFor(
      () => emulator.callsOf("answerCallbackQuery", bot.token).length >= answered + 2 && emulator.callsOf("answerCallbackQuery", bot.token).slice(answered),
    );
    for (const reply of replies) expect(reply.body.text).toContain("This button has expired");
  });

  it("answers an English question keyword-only through the bridge, showing which words matched", async () => {
    const [answer] = await bot.send(alice, 1001, "When did Putin host Khaled Meshaal in Moscow?");
    const text = tagged(answer!);
    expect(text).not.toContain("needs the embedding model");
    expect(text).toContain("<b>استضاف</b> <b>بوتين</b>"); // host → استضاف (src/bridge/preferred-translations.tsv)
    expect(text).toMatch(/🔤 Putin → بوتين · .*Meshaal → مشعل · Moscow → موسكو/);
    expect(text).toMatch(/📄 <b>[^<]+<\/b> › /);
  });

  it("says so when the corpus has no answer", async () => {
    const [answer] = await bot.send(alice, 1001, "ما هي عاصمة فرنسا؟");
    expect(answer!.text).toContain("لم أجد في المصادر المتاحة ما يجيب عن هذا السؤال.");
    // The words no passage holds, named: the user sees what the documents lack.
    expect(answer!.text).toContain("لم أجد في الوثائق: «عاصمة»، «فرنسا».");
    expect(answer!.reply_markup?.inline_keyboard ?? []).toEqual([]);
  });

  it("echoes markup in a question as plain text: only the echo's own italic applies to it", async () => {
    const question = "<b>خالد</b> & مشعل <script>alert('x')</script> *موسكو* _under_ `code` [link](http://x) &amp; </i>";
    const [answer] = await bot.send(alice, 1001, question);
    checkEntities(answer!.text, answer!.entities);
    expect(answer!.text.split("\n")[0]).toBe(`🔎 ${question}`);
    const onEcho = answer!.entities!.filter((e) => e.offset < question.length + 3);
    expect(onEcho).toEqual([{ type: "italic", offset: 3, length: question.length }]);
  });

  it("lists the sources with their links, and reports its status", async () => {
    const [sources] = await bot.send(alice, 1001, "/sources");
    expect(tagged(sources!)).toContain('<a href="https://ar.wikipedia.org/wiki/');
    expect(sources!.text).toContain("حسناء بو حرفوش");
    const [status] = await bot.send(alice, 1001, "/status");
    expect(status!.text).toContain("keyword only");
    expect(status!.text).toContain("Documents: 2 · Passages: 18");
  });

  it("tells what it reads when sent a photo, a sticker or a voice note", async () => {
    for (const [i, media] of [
      { photo: [{ file_id: "p", file_unique_id: "p", width: 1, height: 1 }] },
      { sticker: { file_id: "s" } },
      { voice: { file_id: "v", duration: 1 } },
    ].entries()) {
      const before = emulator.botMessages(bot.token, 1001).length;
      emulator.pushUpdate(bot.token, {
        message: { message_id: 9000 + i, date: 1, chat: { id: 1001, type: "private" }, from: { id: 1001, is_bot: false, first_name: "A" }, ...media },
      });
      const note = await emulator.waitFor(() => emulator.botMessages(bot.token, 1001)[before]);
      expect(note.text).toContain("I read text only");
    }
  });

  it("answers an unknown command with a pointer to /help", async () => {
    const [reply] = await bot.send(alice, 1001, "/frobnicate now");
    expect(reply!.text).toContain("/help");
  });

  it("offers passages with citations in inline mode", async () => {
    emulator.pushUpdate(bot.token, { inline_query: { id: "iq1", from: { id: 1001, is_bot: false, first_name: "A" }, query: "خالد مشعل موسكو", offset: "" } });
    const call = await emulator.waitFor(() => emulator.callsOf("answerInlineQuery", bot.token).find((c) => c.body.inline_query_id === "iq1"));
    const results = call.body.results as { id: string; title: string; input_message_content: { message_text: string; entities: MessageEntity[] } }[];
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) {
      expect(Buffer.byteLength(r.id)).toBeLessThanOrEqual(64);
      const { message_text, entities } = r.input_message_content;
      expect(checkEntities(message_text, entities)).toBeLessThanOrEqual(4096);
      expect(withTags(message_text, entities)).toMatch(/^<blockquote>[\s\S]+<\/blockquote>\n\n📄 <b>/);
    }
    expect(results[0]!.input_message_content.message_text).toContain("مشعل");
  });
});

describe("an English question over an English document", async () => {
  const dir = await scratchDir();
  await writeFile(
    join(dir, "notes.md"),
    "# Notes\n\n## Visits\n\nThe delegation visited Moscow in October and met officials at the foreign ministry.\n\n" +
      "The talks covered hostages and humanitarian aid.\n",
  );
  const engine = await openKeywordEngine(dir, join(dir, "index"));
  const bot = await startBot(engine);

  it("labels the citation in English", async () => {
    const [answer] = await bot.send(bot.user(1501), 1501, "When did the delegation visit Moscow?");
    const text = tagged(answer!);
    expect(text).toContain("<b>visited</b> <b>Moscow</b>");
    expect(text).toContain("📄 <b>notes</b> › Notes › Visits › paragraph 1");
    expect(buttons(answer!).map((b) => b.text)).toEqual(["📖 Whole section 1"]);
  });
});

describe("an answer longer than one message", async () => {
  const dir = await scratchDir();
  const paragraph = (i: number) =>
    Array.from({ length: 9 }, (_, j) => `في الفقرة ${i} الجملة ${j}: تناقش الوفود الطاقة الشمسية والرياح & <الشبكات> الذكية بالتفصيل الممل.`).join(" ");
  await writeFile(join(dir, "long.md"), `---\nid: long\ntitle: طاقة\n---\n# طاقة\n\n${Array.from({ length: 12 }, (_, i) => paragraph(i + 1)).join("\n\n")}\n`);
  const engine = await openKeywordEngine(dir, join(dir, "index"));
  const bot = await startBot(engine, { pageSize: 10 });

  it("stays within 4096 characters, cutting between passages, and pages on from there", async () => {
    const [answer] = await bot.send(bot.user(1601), 1601, "الطاقة الشمسية والرياح");
    const length = checkEntities(answer!.text, answer!.entities);
    expect(length).toBeLessThanOrEqual(4096);
    expect(length).toBeGreaterThan(3000);
    const shown = tagged(answer!).match(/<b>\d+\.<\/b>/g)!.length;
    expect(shown).toBeLessThan(10);
    expect(buttons(answer!).find((b) => b.text.startsWith("المزيد"))!.callback_data).toMatch(new RegExp(`^p:${shown}:`));
  });
});

describe("the bot in a group", async () => {
  const engine = await seedEngine();
  const bot = await startBot(engine);
  const group = { id: -5001, type: "group" as const, title: "Readers" };
  const carol = bot.user(2001, group);

  it("stays quiet when not addressed", async () => {
    await bot.send(carol, -5001, "خالد مشعل في موسكو", {}, 0);
    await bot.send(carol, -5001, "/frobnicate", {}, 0);
    // A sentinel the bot must answer: a chat's updates are handled in order, so a reply to either
    // message above would come before the sentinel's answer, which must be the first and only message.
    const [help] = await bot.send(carol, -5001, "/help@TestNameBot");
    expect(help!.text).toContain("How to use me");
    expect(emulator.botMessages(bot.token, -5001)).toEqual([help]);
  });

  it("answers when mentioned, without the mention in the question", async () => {
    const text = "@TestNameBot متى زار خالد مشعل موسكو؟";
    const [answer] = await bot.send(carol, -5001, text, { entities: [{ type: "mention", offset: 0, length: 12 }] });
    expect(tagged(answer!).split("\n")[0]).toBe("🔎 <i>متى زار خالد مشعل موسكو؟</i>");
  });

  it("answers a reply to its own message, and /ask", async () => {
    const [mine] = emulator.botMessages(bot.token, -5001).slice(-1);
    const [reply] = await bot.send(carol, -5001, "بورصة عملات مشفرة", {
      reply_to_message: { message_id: mine!.messageId, from: { id: 666, is_bot: true, first_name: "Bot" }, chat: { id: -5001, type: "group" }, date: 1 },
    });
    expect(reply!.text).toContain("بورصة");
    const [asked] = await bot.send(carol, -5001, "/ask ماذا قال لافروف عن أهداف إسرائيل في غزة");
    expect(asked!.text).toContain("لافروف");
    const [usage] = await bot.send(carol, -5001, "/ask");
    expect(usage!.text).toContain("/ask");
  });
});

describe("administration", async () => {
  const dir = await scratchDir();
  await cp(CORPUS_DIR, join(dir, "corpus"), { recursive: true });
  const engine = await openKeywordEngine(join(dir, "corpus"), join(dir, "index"));
  const bot = await startBot(engine);

  it("refuses /reindex to anyone but an admin", async () => {
    const [refusal] = await bot.send(bot.user(3001), 3001, "/reindex");
    expect(refusal!.text).toContain("administrators only");
  });

  it("rebuilds and swaps the index for an admin, without a restart", async () => {
    await writeFile(join(dir, "corpus", "solar.md"), "---\nid: solar\ntitle: الطاقة\n---\nتنتج محطات الطاقة الشمسية في الصحراء كهرباء نظيفة.\n");
    const [working, done] = await bot.send(bot.user(ADMIN), ADMIN, "/reindex", {}, 2);
    expect(working!.text).toContain("Rebuilding");
    expect(done!.text).toContain("Documents: 3");
    const [answer] = await bot.send(bot.user(3001), 3001, "محطات الطاقة الشمسية");
    expect(answer!.text).toContain("كهرباء نظيفة");
  });
});

describe("faults and limits", async () => {
  const engine = await seedEngine();

  it("gets one answer through a 429 with retry_after and then a 500", async () => {
    const bot = await startBot(engine);
    emulator.injectFaults("sendMessage", [
      { status: 429, description: "Too Many Requests: retry after 1", retryAfter: 1 },
      { status: 500, description: "Internal Server Error" },
    ]);
    const started = Date.now();
    const [answer] = await bot.send(bot.user(4001), 4001, "خالد مشعل");
    expect(answer!.text).toContain("مشعل");
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(emulator.botMessages(bot.token, 4001)).toHaveLength(1);
    expect(emulator.callsOf("sendMessage", bot.token)).toHaveLength(3);
  });

  it("never lets a failing typing indicator block or lose the answer", async () => {
    const bot = await startBot(engine);
    emulator.injectFaults("sendChatAction", [{ status: 400, description: "Bad Request: chat action failed" }]);
    const [answer] = await bot.send(bot.user(4101), 4101, "خالد مشعل");
    expect(answer!.text).toContain("مشعل");
    expect(logLines.some((l) => l.includes("typing indicator failed"))).toBe(true);
  });

  it("asks a user to slow down once, past the rate limit", async () => {
    const bot = await startBot(engine, { rateLimitPerMinute: 3 });
    const dave = bot.user(4201);
    for (let i = 0; i < 6; i++) await dave.sendMessage(dave.makeMessage(`خالد مشعل ${i}`) as never);
    const messages = await emulator.waitFor(() => emulator.botMessages(bot.token, 4201).length >= 4 && emulator.botMessages(bot.token, 4201));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const all = emulator.botMessages(bot.token, 4201);
    expect(all).toHaveLength(4);
    expect(all.filter((m) => m.text.includes("Too many questions"))).toHaveLength(1);
    expect(messages.filter((m) => m.text.startsWith("🔎"))).toHaveLength(3);
  });

  it("keeps answering after a failing update and keeps each chat in order", async () => {
    const bot = await startBot(engine);
    const erin = bot.user(4301);
    // A reply that Telegram rejects outright (chat not found) fails that update only.
    emulator.injectFaults("sendMessage", [{ status: 400, description: "Bad Request: chat not found" }]);
    for (const q of ["خالد مشعل", "بورصة عملات مشفرة", "ماذا قال لافروف"]) await erin.sendMessage(erin.makeMessage(q) as never);
    const messages = await emulator.waitFor(() => emulator.botMessages(bot.token, 4301).length >= 3 && emulator.botMessages(bot.token, 4301));
    expect(logLines.some((l) => l.includes('"update failed"'))).toBe(true);
    const questions = messages.filter((m) => m.text.startsWith("🔎")).map((m) => m.text.split("\n")[0]!);
    expect(questions).toEqual(["🔎 بورصة عملات مشفرة", "🔎 ماذا قال لافروف"]);
    expect(messages.some((m) => m.text.includes("Something went wrong"))).toBe(true);
  });

  it("never writes the token to the log, and message texts only at debug level", () => {
    expect(logLines.join("\n")).not.toContain("TEST-token");
    for (const line of logLines) {
      const entry = JSON.parse(line);
      if (entry.text !== undefined) expect(entry.level).toBe("debug");
    }
  });
});

describe("paging re-runs the question as asked", async () => {
  const dir = await scratchDir();
  await cp(CORPUS_DIR, join(dir, "corpus"), { recursive: true });
  const open = () => openKeywordEngine(join(dir, "corpus"), join(dir, "index"));
  const engine = await open();
  const bot = await startBot(engine);
  const frank = bot.user(7001);
  // Multi-line and past the 300 units the echo shows: "More" once searched only the first line.
  const question = `روسيا\nحماس ${"وما موقف روسيا من حماس بعد الحرب ".repeat(9)}`.trim();

  it("pages the whole multi-line question after a restart, on another instance of the bot", async () => {
    expect(question.length).toBeGreaterThan(300);
    const [answer] = await bot.send(frank, 7001, question);
    expect(answer!.reply_parameters?.message_id).toBeGreaterThan(0);
    const more = buttons(answer!).find((b) => b.text.startsWith("المزيد"))!;
    const offset = Number(more.callback_data!.split(":")[1]);
    await bot.polling.stop();
    const other = await startBot(await open(), { token: bot.token });
    const edit = await other.pressForEdit(frank, 7001, answer!, more.callback_data!);
    expect(edit.message_id).toBe(answer!.messageId);
    const shown = shownPositions(edit);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown).toEqual(await positions(engine, question, offset, offset + shown.length));
    // The first line alone finds other passages there: the page is the whole question's.
    expect(shown).not.toEqual(await positions(engine, question.split("\n")[0]!, offset, offset + shown.length));
    const back = buttons(edit).find((b) => b.text.startsWith("➡️ السابق"))!;
    const first = await other.pressForEdit(frank, 7001, { ...answer!, ...edit } as BotMessage, back.callback_data!);
    expect(shownPositions(first)).toEqual(shownPositions(answer!));
  });
});

describe("two instances sharing one index folder, across a rebuild", async () => {
  const dir = await scratchDir();
  await cp(CORPUS_DIR, join(dir, "corpus"), { recursive: true });
  const open = () => openKeywordEngine(join(dir, "corpus"), join(dir, "index"));
  const [a, b] = [await open(), await open()];
  const botA = await startBot(a);
  const ines = botA.user(7401);

  it("pages on the index in use, and serves a section made by the instance that rebuilt", async () => {
    const question = "ما موقف روسيا من حماس؟";
    const [answer] = await botA.send(ines, 7401, question);
    const more = buttons(answer!).find((btn) => btn.text.startsWith("المزيد"))!;
    const offset = Number(more.callback_data!.split(":")[1]);
    await writeFile(
      join(dir, "corpus", "extra.md"),
      "---\nid: extra\ntitle: وثيقة إضافية\n---\nزار وفد من حماس موسكو مرة أخرى في عام 2024 والتقى نائب وزير الخارجية.\n",
    );
    const rebuilt = await a.reindex();
    expect(b.status().version).not.toBe(rebuilt.version);
    // A page button made before the rebuild pages the same question on the index in use.
    const edit = await botA.pressForEdit(ines, 7401, answer!, more.callback_data!);
    const shown = shownPositions(edit);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown).toEqual(await positions(a, question, offset, offset + shown.length));
    // A section button made on A after the rebuild works on B, which finds A's index on disk.
    const [fresh] = await botA.send(ines, 7401, "خالد مشعل");
    const section = buttons(fresh!).find((btn) => btn.callback_data?.startsWith("s:"))!;
    expect(section.callback_data).toContain(rebuilt.version);
    // The load balancer sends the next update to B: the same bot, another process.
    await botA.polling.stop();
    const botB = await startBot(b, { token: botA.token });
    const before = emulator.botMessages(botB.token, 7401).length;
    await botB.press(ines, 7401, fresh!, section.callback_data!);
    const sent = await emulator.waitFor(() => emulator.botMessages(botB.token, 7401)[before]);
    expect(sent.text).toContain("خالد مشعل");
    expect(b.status().version).toBe(rebuilt.version);
  });
});

describe("paging in groups and from examples", async () => {
  const engine = await seedEngine();
  // Two passages a page, so that the examples' answers (three passages) have a second page.
  const bot = await startBot(engine, { pageSize: 2 });
  const group = { id: -7101, type: "group" as const, title: "Readers" };
  const grace = bot.user(7101, group);

  it("reads the question back without /ask or the mention", async () => {
    const asked = "روسيا حماس";
    for (const [text, options] of [
      [`/ask ${asked}`, {}],
      [`@TestNameBot ${asked}`, { entities: [{ type: "mention", offset: 0, length: 12 }] }],
    ] as const) {
      const [answer] = await bot.send(grace, -7101, text, options);
      const more = buttons(answer!).find((b) => b.text.startsWith("المزيد"))!;
      const edit = await bot.pressForEdit(grace, -7101, answer!, more.callback_data!, "group");
      expect(shownPositions(edit)).toEqual(await positions(engine, asked, 2, 4));
    }
  });

  it("pages an example's answer by the example's number", async () => {
    const henry = bot.user(7201);
    const [welcome] = await bot.send(henry, 7201, "/start");
    const before = emulator.botMessages(bot.token, 7201).length;
    await bot.press(henry, 7201, welcome!, buttons(welcome!)[0]!.callback_data!);
    const answer = await emulator.waitFor(() => emulator.botMessages(bot.token, 7201)[before]);
    expect(answer.reply_parameters).toBeUndefined();
    const more = buttons(answer).find((b) => b.text.startsWith("المزيد"))!;
    expect(more.callback_data).toMatch(/:e0$/);
    const edit = await bot.pressForEdit(henry, 7201, answer, more.callback_data!);
    expect(shownPositions(edit)).toEqual(await positions(engine, DEFAULT_EXAMPLES[0]!, 2, 4));
  });
});

describe("replies that would pass Telegram's limits", async () => {
  const dir = await scratchDir();
  const reference = (n: number) => `${n}. "مرجع عن الطاقة الشمسية رقم ${n} بعنوان طويل نوعًا ما". ناشر ما. 2023. https://example.org/ref/${n}`;
  const references = Array.from({ length: 300 }, (_, i) => reference(i + 1));
  // Ten sentences citing thirty references each: one passage citing 300.
  const cite = (from: number) => Array.from({ length: 30 }, (_, i) => `[${from + i}]`).join("");
  const paragraph = Array.from({ length: 10 }, (_, j) => `تنتج محطات الطاقة الشمسية كهرباء نظيفة في الصحراء.${cite(j * 30 + 1)}`).join(" ");
  await writeFile(join(dir, "refs.md"), `---\nid: refs\ntitle: مراجع\n---\n# مراجع\n\n${paragraph}\n\n## المراجع\n\n${references.join("\n\n")}\n`);
  const engine = await openKeywordEngine(dir, join(dir, "index"));
  const bot = await startBot(engine);

  it("lists the references that fit and counts the rest, in a reply and inline", async () => {
    expect((await engine.ask("محطات الطاقة الشمسية", { limit: 1 })).results[0]!.references.length).toBe(300);
    const [answer] = await bot.send(bot.user(7301), 7301, "محطات الطاقة الشمسية");
    expect(checkEntities(answer!.text, answer!.entities)).toBeLessThanOrEqual(4096);
    expect(answer!.text).toContain("كهرباء نظيفة");
    expect(answer!.text).toMatch(/📚 … و\d+ مراجع أخرى/);
    const from = { id: 7301, is_bot: false, first_name: "A" };
    emulator.pushUpdate(bot.token, { inline_query: { id: "iq-refs", from, query: "محطات الطاقة الشمسية", offset: "" } });
    const call = await emulator.waitFor(() => emulator.callsOf("answerInlineQuery", bot.token).find((c) => c.body.inline_query_id === "iq-refs"));
    const [result] = call.body.results as { input_message_content: { message_text: string; entities: MessageEntity[] } }[];
    expect(checkEntities(result!.input_message_content.message_text, result!.input_message_content.entities)).toBeLessThanOrEqual(4096);
    expect(result!.input_message_content.message_text).toMatch(/📚 … و\d+ مراجع أخرى/);
  });

  it("echoes no control character, lone surrogate or half of a pair", async () => {
    const [answer] = await bot.send(bot.user(7401), 7401, `محطات\u0000 الطاقة\ud800 الشمسية ${"😀".repeat(200)}`);
    checkEntities(answer!.text, answer!.entities);
    const echo = answer!.text.split("\n")[0]!;
    expect(echo).toMatch(/^🔎 محطات الطاقة الشمسية (?:😀)+ …$/u);
    expect(echo.length).toBeLessThanOrEqual(303);
    expect(answer!.text).toContain("كهرباء نظيفة");
  });
});
