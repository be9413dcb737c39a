import { describe, expect, it } from "vitest";
import { emulatorForFile, messageDelivery, startTestBot } from "../helpers/bot.js";
import { seedCopyEngine } from "../helpers/engine.js";
import type { BotMessage } from "../helpers/telegram-emulator.js";

const { emulator, running } = await emulatorForFile();
const BOT_NAME = "TestNameBot";
const GROUP_ANONYMOUS_BOT = { id: 1087968824, is_bot: true, first_name: "Group", username: "GroupAnonymousBot" };
const TELEGRAM_SERVICE = { id: 777000, is_bot: false, first_name: "Telegram" };

const { engine } = await seedCopyEngine();

const user = (id: number) => ({ id, is_bot: false, first_name: `User${id}` });
const mention = (text: string) => ({ text: `@${BOT_NAME} ${text}`, entities: [{ type: "mention", offset: 0, length: BOT_NAME.length + 1 }] });

const { deliver, newMessages } = messageDelivery(emulator, 90_000);

const firstLine = (message: BotMessage) => message.text.split("\n")[0];

describe("group chatter and the rate limit", async () => {
  const bot = await startTestBot(emulator, engine, running, { rateLimitPerMinute: 2 });
  const sticker = { sticker: { file_id: "s", file_unique_id: "s", width: 1, height: 1, is_animated: false, is_video: false, type: "regular" } };

  /** Every kind of group update the bot leaves alone, from `from` (on behalf of `senderChat`, if given). */
  function chatter(chat: Record<string, unknown>, from: Record<string, unknown>, senderChat?: Record<string, unknown>, extra: Record<string, unknown> = {}) {
    const by = { chat, from, ...(senderChat ? { sender_chat: senderChat } : {}), ...extra };
    const said = deliver(bot.token, { ...by, text: "hello everyone" });
    deliver(bot.token, { ...by, text: "hello again, @SomeoneElse", entities: [{ type: "mention", offset: 13, length: 12 }] });
    deliver(bot.token, { ...by, message_id: said, text: "hello everyone!" }, "edited_message");
    deliver(bot.token, { ...by, text: "/frobnicate" });
    deliver(bot.token, { ...by, text: "/help@OtherBot" });
    deliver(bot.token, { ...by, text: "/ask@OtherBot خالد مشعل" });
    deliver(bot.token, { ...by, caption: "a photo", photo: [{ file_id: "p", file_unique_id: "p", width: 1, height: 1 }] });
    deliver(bot.token, { ...by, ...sticker });
  }

  it("counts searches only: /help, /status, /sources and a bare /start tell, and cost nothing", async () => {
    const chat = { id: 2150, type: "private" };
    for (const text of ["/help", "/status", "/sources", "/start", "/HELP"]) deliver(bot.token, { chat, from: user(2150), text });
    await newMessages(bot.token, chat.id, 0, 5);
    deliver(bot.token, { chat, from: user(2150), text: "خالد مشعل" });
    deliver(bot.token, { chat, from: user(2150), text: "متى زار مشعل موسكو" });
    const [first, second] = await newMessages(bot.token, chat.id, 5, 2);
    for (const answer of [first!, second!]) expect(answer.text).not.toMatch(/Too many questions/);
  });

  it("counts only what is addressed to the bot: a user's chatter never earns a 'slow down'", async () => {
    const group = { id: -2101, type: "supergroup", title: "Readers" };
    chatter(group, user(2101));
    deliver(bot.token, { chat: group, from: user(2101), ...mention("خالد مشعل") });
    // The question is a sentinel: a chat's updates are handled in order, so a reply to any of the
    // chatter before it would come before its answer, which must be the first and only message.
    const [answer] = await newMessages(bot.token, -2101, 0);
    expect(firstLine(answer!)).toBe("🔎 خالد مشعل");
    expect(emulator.botMessages(bot.token, -2101)).toEqual([answer]);
    // What is addressed to the bot still counts: the second question is the limit, the third is told to wait.
    deliver(bot.token, { chat: group, from: user(2101), ...mention("موسكو") });
    deliver(bot.token, { chat: group, from: user(2101), ...mention("لافروف") });
    const [second, third] = await newMessages(bot.token, -2101, 1, 2);
    expect(firstLine(second!)).toBe("🔎 موسكو");
    expect(third!.text).toContain("Too many questions");
  });

  it("does not count anonymous admins' chatter, nor a linked channel's automatic forwards", async () => {
    const group = { id: -2102, type: "supergroup", title: "Readers" };
    chatter(group, GROUP_ANONYMOUS_BOT, group);
    const channel = { id: -1002102, type: "channel", title: "News" };
    chatter(group, TELEGRAM_SERVICE, channel, { is_automatic_forward: true });
    deliver(bot.token, { chat: group, from: GROUP_ANONYMOUS_BOT, sender_chat: group, ...mention("خالد مشعل") });
    // The question is a sentinel (a chat's updates are handled in order): its answer is the first and only message.
    const [answer] = await newMessages(bot.token, -2102, 0);
    expect(firstLine(answer!)).toBe("🔎 خالد مشعل");
    expect(emulator.botMessages(bot.token, -2102)).toEqual([answer]);
    expect(emulator.botMessages(bot.token, -2102).map((m) => m.text)).not.toContainEqual(expect.stringContaining("Too many"));
  });
});

describe("command forms", async () => {
  const bot = await startTestBot(emulator, engine, running, {});

  /** The bot's first reply to `text`, sent by `from` in chat `chat`. */
  async function replyTo(text: string, chat: Record<string, unknown> & { id: number }, from = user(2201)): Promise<BotMessage> {
    const before = emulator.botMessages(bot.token, chat.id).length;
    deliver(bot.token, { chat, from, text });
    const [reply] = await newMessages(bot.token, chat.id, before);
    return reply!;
  }

  it("runs a command behind direction marks or invisible characters, with a fullwidth slash or letters, or an empty bot name", async () => {
    const chat = { id: 2201, type: "private" };
    const invisible = ["\u200f", "\u200e", "\u061c", "\u200b", "\ufeff", "\u2067", "\u202b", "\u200f\u200e "];
    for (const prefix of invisible) expect((await replyTo(`${prefix}/help`, chat)).text, JSON.stringify(prefix)).toContain("How to use me");
    expect((await replyTo("\u200e/sources", chat)).text).toContain("Sources (2)");
    expect((await replyTo("／help", chat)).text).toContain("How to use me");
    expect((await replyTo("／ｓｏｕｒｃｅｓ", chat)).text).toContain("Sources (2)");
    expect((await replyTo("/sources@", chat)).text).toContain("Sources (2)");
    expect((await replyTo("/status\u200f", chat)).text).toContain("Documents: 2");
    expect(firstLine(await replyTo("\u200f/ask@ خالد مشعل", chat))).toBe("🔎 خالد مشعل");
  });

  it("in a group, runs these forms when they are this bot's, and leaves another bot's commands alone", async () => {
    const group = { id: -2202, type: "supergroup", title: "Readers" };
    expect((await replyTo("\u200f/help", group)).text).toContain("How to use me");
    expect((await replyTo(`／sources@${BOT_NAME}`, group)).text).toContain("Sources (2)");
    deliver(bot.token, { chat: group, from: user(2202), text: "\u200f/help@OtherBot" });
    deliver(bot.token, { chat: group, from: user(2202), text: "／frobnicate" });
    // A sentinel after them (a chat's updates are handled in order): its answer is the next and only message.
    const sentinel = await replyTo(`/status@${BOT_NAME}`, group);
    expect(sentinel.text).toContain("Documents: 2");
    expect(emulator.botMessages(bot.token, -2202)).toHaveLength(3);
    expect(emulator.botMessages(bot.token, -2202)[2]).toEqual(sentinel);
  });

  it("in a private chat, where no other bot reads, runs a command naming another bot as its own", async () => {
    const chat = { id: 2203, type: "private" };
    expect((await replyTo("/help@OtherBot", chat)).text).toContain("How to use me");
    expect(firstLine(await replyTo("/ask@OtherBot خالد مشعل", chat))).toBe("🔎 خالد مشعل");
    expect((await replyTo("/frobnicate@OtherBot", chat)).text).toContain("I don't know that command");
  });
});
