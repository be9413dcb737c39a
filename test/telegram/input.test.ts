import { join } from "node:path";
import type { MessageEntity } from "grammy/types";
import { describe, expect, it } from "vitest";
import { DEFAULT_EXAMPLES } from "../../src/config/settings.js";
import { createLogger } from "../../src/log/logger.js";
import { AnsweredQuestions } from "../../src/telegram/answered.js";
import { questionOfStartParameter, startParameterOf } from "../../src/telegram/deep-link.js";
import { emulatorForFile, messageDelivery, startTestBot } from "../helpers/bot.js";
import { openKeywordEngine, seedCopyEngine } from "../helpers/engine.js";
import type { BotMessage } from "../helpers/telegram-emulator.js";
import { checkEntities } from "../helpers/telegram-entities.js";

const { emulator, running } = await emulatorForFile();
const logLines: string[] = [];
const log = createLogger({ level: "debug", format: "json", write: (l) => logLines.push(l) });
const BOT_NAME = "TestNameBot";
const GROUP_ANONYMOUS_BOT = { id: 1087968824, is_bot: true, first_name: "Group", username: "GroupAnonymousBot" };
const CHANNEL_BOT = { id: 136817688, is_bot: true, first_name: "Channel", username: "Channel_Bot" };

const { dir, engine } = await seedCopyEngine();
const open = () => openKeywordEngine(join(dir, "corpus"), join(dir, "index"));
const startBot = (overrides: { rateLimitPerMinute?: number; token?: string } = {}) =>
  startTestBot(emulator, engine, running, { examples: DEFAULT_EXAMPLES, log, ...overrides });

const user = (id: number) => ({ id, is_bot: false, first_name: `User${id}` });

const { deliver, newMessages } = messageDelivery(emulator, 50_000);

/** Waits a moment for anything the bot might still send. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 500));

function buttons(message: Pick<BotMessage, "reply_markup">): { text: string; callback_data?: string }[] {
  return message.reply_markup?.inline_keyboard?.flat() ?? [];
}

const LEVELS = ["debug", "info", "warn", "error"];

/** Log lines above `level` written since line `from`. */
function linesAbove(level: "debug" | "info", from: number): string[] {
  return logLines.slice(from).filter((l) => LEVELS.indexOf(JSON.parse(l).level) > LEVELS.indexOf(level));
}

describe("commands in any case", async () => {
  const bot = await startBot();

  it("answers /Sources, /HELP and /Status@BotName as their lower-case forms, and /Ask with its question", async () => {
    const alice = bot.user(1101);
    const [sources] = await bot.send(alice, 1101, "/Sources");
    expect(sources!.text).toContain("Sources (2)");
    const [help] = await bot.send(alice, 1101, "/HELP");
    expect(help!.text).toContain("How to use me");
    const [status] = await bot.send(alice, 1101, `/Status@${BOT_NAME.toLowerCase()}`);
    expect(status!.text).toContain("Documents: 2");
    const [answer] = await bot.send(alice, 1101, "/ASK خالد مشعل");
    expect(answer!.text.split("\n")[0]).toBe("🔎 خالد مشعل");
  });

  it("leaves another bot's command alone in a group, in any case", async () => {
    const group = { id: -1201, type: "group" as const, title: "Readers" };
    const carol = bot.user(1201, group);
    await bot.send(carol, -1201, "/SOURCES@OtherBot", {}, 0);
    await bot.send(carol, -1201, "/Frobnicate", {}, 0);
    // The bot's own command is a sentinel: a chat's updates are handled in order, so a reply to either
    // command above would come before its answer, which must be the first and only message.
    const [help] = await bot.send(carol, -1201, `/HELP@${BOT_NAME}`);
    expect(help!.text).toContain("How to use me");
    expect(emulator.botMessages(bot.token, -1201)).toEqual([help]);
  });
});

describe("captions", async () => {
  const bot = await startBot();
  const photo = [{ file_id: "p", file_unique_id: "p", width: 1, height: 1 }];

  it("answers a photo's caption as a question, and pages it", async () => {
    const question = "روسيا حماس";
    const before = emulator.botMessages(bot.token, 1301).length;
    deliver(bot.token, { chat: { id: 1301, type: "private" }, from: user(1301), photo, caption: question });
    const [answer] = await newMessages(bot.token, 1301, before);
    expect(answer!.text.split("\n")[0]).toBe(`🔎 ${question}`);
    expect(answer!.text).not.toContain("I read text only");
    const more = buttons(answer!).find((b) => b.text.startsWith("المزيد"))!;
    const edit = await bot.pressForEdit(bot.user(1301), 1301, answer!, more.callback_data!);
    expect(edit.text.split("\n")[0]).toBe(`🔎 ${question}`);
    expect(edit.text).toContain("4.");
  });

  it("answers a document's caption that mentions the bot in a group, without the mention", async () => {
    const chat = { id: -1302, type: "supergroup", title: "Readers" };
    const caption = `@${BOT_NAME} متى زار خالد مشعل موسكو؟`;
    const document = { file_id: "d", file_unique_id: "d", file_name: "notes.pdf" };
    const before = emulator.botMessages(bot.token, -1302).length;
    deliver(bot.token, { chat, from: user(1302), document, caption, caption_entities: [{ type: "mention", offset: 0, length: BOT_NAME.length + 1 }] });
    const [answer] = await newMessages(bot.token, -1302, before);
    expect(answer!.text.split("\n")[0]).toBe("🔎 متى زار خالد مشعل موسكو؟");
    // Without the mention, a caption in a group is not for the bot: the answer to a sentinel sent after
    // it (a chat's updates are handled in order) is the next and only message.
    deliver(bot.token, { chat, from: user(1302), photo, caption: "متى زار خالد مشعل موسكو؟" });
    deliver(bot.token, { chat, from: user(1302), text: `/help@${BOT_NAME}` });
    const [help] = await newMessages(bot.token, -1302, before + 1);
    expect(help!.text).toContain("How to use me");
    expect(emulator.botMessages(bot.token, -1302).slice(before)).toEqual([answer, help]);
  });
});

describe("edited questions", async () => {
  const bot = await startBot();
  const chat = { id: 1401, type: "private" };

  it("edits the answer to an edited question, and answers anew on an instance that never saw it", async () => {
    const before = emulator.botMessages(bot.token, 1401).length;
    const asked = deliver(bot.token, { chat, from: user(1401), text: "خالد مشعل" });
    const [answer] = await newMessages(bot.token, 1401, before);
    expect(answer!.reply_parameters?.message_id).toBe(asked);

    const edits = emulator.callsOf("editMessageText", bot.token).length;
    deliver(bot.token, { message_id: asked, chat, from: user(1401), text: "بورصة عملات مشفرة" }, "edited_message");
    const edit = await emulator.waitFor(() => emulator.callsOf("editMessageText", bot.token)[edits]);
    expect(edit.body.message_id).toBe(answer!.messageId);
    expect(String(edit.body.text).split("\n")[0]).toBe("🔎 بورصة عملات مشفرة");
    // "More" under the edited answer pages the edited question.
    // (The emulator records the call before it stores the edit.)
    const shown = await emulator.waitFor(() =>
      emulator.botMessages(bot.token, 1401).find((m) => m.messageId === answer!.messageId && m.text.startsWith("🔎 بورصة")),
    );
    expect(shown.text.split("\n")[0]).toBe("🔎 بورصة عملات مشفرة");

    // The same edit again (Telegram says "not modified"): nothing new, nothing failed. The answer to a
    // sentinel sent after it (a chat's updates are handled in order) is the next and only message.
    const lines = logLines.length;
    deliver(bot.token, { message_id: asked, chat, from: user(1401), text: "بورصة عملات مشفرة" }, "edited_message");
    deliver(bot.token, { chat, from: user(1401), text: "/help" });
    const [help] = await newMessages(bot.token, 1401, before + 1);
    expect(help!.text).toContain("How to use me");
    expect(
      emulator
        .botMessages(bot.token, 1401)
        .slice(before)
        .map((m) => m.messageId),
    ).toEqual([answer!.messageId, help!.messageId]);
    expect(linesAbove("info", lines)).toEqual([]);

    // After a restart the answer is not remembered: the edit gets an answer of its own.
    await bot.polling.stop();
    const restarted = await startTestBot(emulator, await open(), running, { token: bot.token, log });
    deliver(restarted.token, { message_id: asked, chat, from: user(1401), text: "ماذا قال لافروف" }, "edited_message");
    const [anew] = await newMessages(bot.token, 1401, before + 2);
    expect(anew!.reply_parameters?.message_id).toBe(asked);
    expect(anew!.text.split("\n")[0]).toBe("🔎 ماذا قال لافروف");
  });

  it("answers anew when the earlier answer cannot be edited any more (deleted)", async () => {
    const before = emulator.botMessages(bot.token, 1402).length;
    const chat2 = { id: 1402, type: "private" };
    const restarted = await startTestBot(emulator, engine, running, { log });
    const asked = deliver(restarted.token, { chat: chat2, from: user(1402), text: "خالد مشعل" });
    await newMessages(restarted.token, 1402, before);
    emulator.injectFaults("editMessageText", [{ status: 400, description: "Bad Request: message to edit not found" }]);
    const lines = logLines.length;
    deliver(restarted.token, { message_id: asked, chat: chat2, from: user(1402), text: "بورصة عملات مشفرة" }, "edited_message");
    const [anew] = await newMessages(restarted.token, 1402, before + 1);
    expect(anew!.reply_parameters?.message_id).toBe(asked);
    expect(anew!.text.split("\n")[0]).toBe("🔎 بورصة عملات مشفرة");
    expect(linesAbove("info", lines)).toEqual([]);
  });

  it("forgets the oldest answers past its capacity", () => {
    const answered = new AnsweredQuestions(2);
    answered.remember(1, 10, 11);
    answered.remember(1, 20, 21);
    answered.remember(2, 10, 31);
    expect(answered.answerTo(1, 10)).toBeUndefined();
    expect(answered.answerTo(1, 20)).toBe(21);
    expect(answered.answerTo(2, 10)).toBe(31);
  });
});

describe("edited questions in a group", async () => {
  const bot = await startBot();
  const chat = { id: -1501, type: "group", title: "Readers" };

  it("answers an edit that addresses the bot, and ignores one that does not", async () => {
    const before = emulator.botMessages(bot.token, -1501).length;
    deliver(bot.token, { chat, from: user(1501), text: "خالد مشعل" }, "edited_message");
    const mention = [{ type: "mention", offset: 0, length: BOT_NAME.length + 1 }];
    const asked = deliver(bot.token, { chat, from: user(1501), text: `@${BOT_NAME} خالد مشعل`, entities: mention }, "edited_message");
    const [answer] = await newMessages(bot.token, -1501, before);
    expect(answer!.reply_parameters?.message_id).toBe(asked);
    // A sentinel after both (a chat's updates are handled in order): its answer is the next and only message.
    deliver(bot.token, { chat, from: user(1501), text: `/help@${BOT_NAME}` });
    const [help] = await newMessages(bot.token, -1501, before + 1);
    expect(help!.text).toContain("How to use me");
    expect(emulator.botMessages(bot.token, -1501).slice(before)).toEqual([answer, help]);
  });
});

describe("forged and out-of-range buttons", async () => {
  const bot = await startBot();
  const alice = bot.user(1601);
  /** Asks `question` and waits for the answer and for its log line, which the bot writes after sending it. */
  const ask = async (question: string) => {
    const logged = () => logLines.filter((l) => l.includes('"message":"answered"') && l.includes('"chat":1601')).length;
    const before = logged();
    const [answer] = await bot.send(alice, 1601, question);
    await emulator.waitFor(() => logged() > before);
    return answer;
  };

  it("keeps the page and says so for a page past the answer's end, the current page, or what does not exist", async () => {
    const answer = await ask("روسيا حماس");
    const version = engine.status().version;
    const count = (await engine.ask("روسيا حماس", { limit: 1000 })).results.length;
    const edits = emulator.callsOf("editMessageText", bot.token).length;
    const answered = emulator.callsOf("answerCallbackQuery", bot.token).length;
    const lines = logLines.length;
    const forged = [`p:${count}:${version}`, `p:300:${version}`, "p:999999:0123abcd", `s:999999:${version}`, "e:99", `p:0:${version}`];
    for (const data of forged) await bot.press(alice, 1601, answer!, data);
    const replies = await emulator.waitFor(
      () =>
        emulator.callsOf("answerCallbackQuery", bot.token).length >= answered + forged.length &&
        emulator.callsOf("answerCallbackQuery", bot.token).slice(answered),
    );
    await settle();
    expect(emulator.callsOf("answerCallbackQuery", bot.token)).toHaveLength(answered + forged.length);
    const said = replies.map((r) => String(r.body.text ?? ""));
    expect(said.filter((t) => t.includes("no more passages"))).toHaveLength(3);
    expect(said.filter((t) => t.includes("expired"))).toHaveLength(2);
    // Page 0 again is the page shown: Telegram refuses the edit as "not modified", which is no failure.
    const pageEdits = emulator.callsOf("editMessageText", bot.token).slice(edits);
    expect(pageEdits.map((e) => e.body.text)).toEqual([answer!.text]);
    expect(emulator.botMessages(bot.token, 1601).map((m) => m.text)).not.toContainEqual(expect.stringContaining("Something went wrong"));
    expect(linesAbove("debug", lines)).toEqual([]);
  });

  it("calls a button under a deleted message expired, and answers a press once even when its handler fails after answering", async () => {
    const answer = await ask("روسيا حماس");
    const more = buttons(answer!).find((b) => b.text.startsWith("المزيد"))!;
    const section = buttons(answer!).find((b) => b.callback_data?.startsWith("s:"))!;
    const lines = logLines.length;
    emulator.injectFaults("editMessageText", [{ status: 400, description: "Bad Request: message to edit not found" }]);
    const answered = emulator.callsOf("answerCallbackQuery", bot.token).length;
    await bot.press(alice, 1601, answer!, more.callback_data!);
    const expired = await emulator.waitFor(() => emulator.callsOf("answerCallbackQuery", bot.token)[answered]);
    expect(expired.body.text).toContain("expired");
    expect(linesAbove("debug", lines)).toEqual([]);
    // The section is sent after the press is answered; Telegram refuses it, and the update fails.
    emulator.injectFaults("sendMessage", [{ status: 400, description: "Bad Request: chat not found" }]);
    await bot.press(alice, 1601, answer!, section.callback_data!);
    await emulator.waitFor(() => logLines.slice(lines).some((l) => l.includes('"update failed"')));
    await settle();
    expect(emulator.callsOf("answerCallbackQuery", bot.token).slice(answered)).toHaveLength(2);
  });

  it("answers a press on an inline message (no message, no chat) once, as expired, logging nothing above debug", async () => {
    const version = engine.status().version;
    const lines = logLines.length;
    const presses = [`p:3:${version}`, `s:0:${version}`, "e:0", "nonsense"];
    for (const [i, data] of presses.entries()) {
      emulator.pushUpdate(bot.token, { callback_query: { id: `inline-${i}`, from: user(1602), chat_instance: "ci", inline_message_id: `im-${i}`, data } });
    }
    const ids = presses.map((_, i) => `inline-${i}`);
    await emulator.waitFor(() => ids.every((id) => emulator.callsOf("answerCallbackQuery", bot.token).some((c) => c.body.callback_query_id === id)));
    await settle();
    for (const id of ids) {
      const answers = emulator.callsOf("answerCallbackQuery", bot.token).filter((c) => c.body.callback_query_id === id);
      expect(answers).toHaveLength(1);
      expect(answers[0]!.body.text).toContain("expired");
    }
    expect(linesAbove("debug", lines)).toEqual([]);
  });
});

describe("messages on behalf of a chat", async () => {
  const bot = await startBot({ rateLimitPerMinute: 2 });
  const mention = (text: string) => ({ text: `@${BOT_NAME} ${text}`, entities: [{ type: "mention", offset: 0, length: BOT_NAME.length + 1 }] });

  it("counts anonymous admins per group, not as one user across every group", async () => {
    const [a, b] = [
      { id: -1701, type: "supergroup", title: "A" },
      { id: -1702, type: "supergroup", title: "B" },
    ];
    for (let i = 0; i < 3; i++) deliver(bot.token, { chat: a, from: GROUP_ANONYMOUS_BOT, sender_chat: a, ...mention(`خالد مشعل ${i}`) });
    const inA = await newMessages(bot.token, -1701, 0, 3);
    expect(inA.filter((m) => m.text.includes("Too many questions"))).toHaveLength(1);
    deliver(bot.token, { chat: b, from: GROUP_ANONYMOUS_BOT, sender_chat: b, ...mention("خالد مشعل") });
    const [inB] = await newMessages(bot.token, -1702, 0);
    expect(inB!.text).toContain("مشعل");
    expect(inB!.text).not.toContain("Too many questions");
  });

  it("counts a channel's posts in a discussion group by channel", async () => {
    const group = { id: -1703, type: "supergroup", title: "Discussion" };
    const channels = [
      { id: -1001, type: "channel", title: "One" },
      { id: -1002, type: "channel", title: "Two" },
    ];
    for (let i = 0; i < 3; i++) deliver(bot.token, { chat: group, from: CHANNEL_BOT, sender_chat: channels[0], ...mention(`موسكو ${i}`) });
    await newMessages(bot.token, -1703, 0, 3);
    deliver(bot.token, { chat: group, from: CHANNEL_BOT, sender_chat: channels[1], ...mention("موسكو") });
    const [other] = await newMessages(bot.token, -1703, 3);
    expect(other!.text).not.toContain("Too many questions");
  });
});

describe("inline mode below a confident answer", async () => {
  const bot = await startBot();
  const from = user(1801);

  async function inlineAnswer(id: string, query: string) {
    emulator.pushUpdate(bot.token, { inline_query: { id, from, query, offset: "" } });
    const call = await emulator.waitFor(() => emulator.callsOf("answerInlineQuery", bot.token).find((c) => c.body.inline_query_id === id));
    return call.body as {
      results: { title: string; description: string; input_message_content: { message_text: string; entities: MessageEntity[] } }[];
      button?: { text: string; start_parameter: string };
    };
  }

  it("offers the closest passages, each saying it may not answer, and a button to ask in a private chat", async () => {
    const candidates = [
      "What about Hamas leaders in Qatar?",
      "ما دور قطر في العلاقة بين روسيا وحماس؟",
      "Did Hamas leaders meet anyone in Qatar?",
      "روسيا وقطر",
    ];
    let question: string | undefined;
    for (const q of candidates) if ((await engine.ask(q, { limit: 5 })).confidence === "closest") question ??= q;
    expect(question, "one of the candidates gets only closest passages").toBeDefined();
    const { results, button } = await inlineAnswer("iq-closest", question!);
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) {
      expect(r.title.startsWith("⚠️")).toBe(true);
      const { message_text, entities } = r.input_message_content;
      checkEntities(message_text, entities);
      expect(message_text).toMatch(/may not answer|قد لا يجيب/);
    }
    expect(button!.start_parameter).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
  });

  it("offers the private chat when nothing is close, and answers the question there from /start", async () => {
    const question = "ما هي عاصمة فرنسا؟";
    expect((await engine.ask(question, { limit: 5 })).confidence).toBe("none");
    const { results, button } = await inlineAnswer("iq-none", question);
    expect(results).toEqual([]);
    expect(button!.text.length).toBeGreaterThan(0);
    expect(button!.start_parameter).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    // Pressing it sends "/start <parameter>" in the private chat: the question is answered there.
    const [answer] = await bot.send(bot.user(1801), 1801, `/start ${button!.start_parameter}`);
    expect(answer!.text.split("\n")[0]).toBe(`🔎 ${question}`);
  });

  it("carries a question in a /start parameter when it fits, and opens the welcome otherwise", () => {
    for (const question of ["ما هي عاصمة فرنسا؟", "When did Putin meet Meshaal?"]) {
      const parameter = startParameterOf(question);
      expect(parameter).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
      expect(questionOfStartParameter(parameter)).toBe(question);
    }
    const long = startParameterOf("ما طبيعة العلاقة بين روسيا وحماس بعد زيارة الوفد إلى موسكو، وما الذي قاله لافروف عن ذلك؟");
    expect(long).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(questionOfStartParameter(long)).toBeUndefined();
    for (const forged of ["", "q", "welcome", `q${"A".repeat(64)}`, "q!!"]) expect(questionOfStartParameter(forged)).toBeUndefined();
  });
});
