import { afterAll } from "vitest";
import type { AnswerEngine } from "../../src/answer/engine.js";
import { createLogger } from "../../src/log/logger.js";
import { type BotOptions, createBot } from "../../src/telegram/bot.js";
import { startPolling } from "../../src/telegram/polling.js";
import type { RunningBot } from "../../src/telegram/run.js";
import { BotApiEmulator, type BotMessage } from "./telegram-emulator.js";

/**
 * The options the bot tests create a bot with, against the emulator at `apiRoot`: no admins, 60
 * questions a minute, pages of 3, no examples, only errors logged. `overrides` changes any of them.
 */
export function testBotOptions(token: string, apiRoot: string, overrides: Partial<BotOptions> = {}): BotOptions {
  return { token, apiRoot, adminIds: new Set(), rateLimitPerMinute: 60, pageSize: 3, examples: [], log: createLogger({ level: "error" }), ...overrides };
}

let tokenCounter = 100;

export type TestBot = Awaited<ReturnType<typeof startTestBot>>;

/**
 * Starts the real bot on `engine`, polling `emulator`, with its own token unless one is given;
 * returns a way to talk to it as users. `running` collects it, for the caller to stop.
 */
export async function startTestBot(
  emulator: BotApiEmulator,
  engine: AnswerEngine,
  running: RunningBot[],
  overrides: Partial<BotOptions> & { token?: string } = {},
) {
  const { token = `${tokenCounter++}:TEST-token-${"x".repeat(24)}`, ...options } = overrides;
  const bot = createBot(engine, testBotOptions(token, emulator.apiRoot, options));
  const polling = await startPolling(bot, options.log ?? createLogger({ level: "error" }));
  running.push(polling);
  const user = (id: number, chat: { id?: number; type?: "private" | "group" | "supergroup"; title?: string } = {}) =>
    emulator.telegram.getClient(token, {
      userId: id,
      chatId: chat.id ?? id,
      type: chat.type ?? "private",
      chatTitle: chat.title ?? "",
      firstName: `User${id}`,
      userName: `user${id}`,
    });
  /** Sends `text` (a command when it starts with /) and waits for `replies` new bot messages in that chat. */
  const send = async (from: ReturnType<typeof user>, chatId: number, text: string, options: Record<string, unknown> = {}, replies = 1) => {
    const before = emulator.botMessages(token, chatId).length;
    if (text.startsWith("/")) await from.sendCommand(from.makeCommand(text, options) as never);
    else await from.sendMessage(from.makeMessage(text, options) as never);
    if (replies === 0) return [];
    return emulator.waitFor(() => {
      const messages = emulator.botMessages(token, chatId);
      return messages.length >= before + replies && messages.slice(before);
    });
  };
  /** Presses a button of `message`; the emulator delivers the message as Telegram would (with what it replies to). */
  const press = async (from: ReturnType<typeof user>, chatId: number, message: BotMessage, data: string, type = "private") => {
    await from.sendCallback(from.makeCallbackQuery(data, { message: { message_id: message.messageId, chat: { id: chatId, type } } as never }) as never);
  };
  /** Presses `data` under `message` and waits for the edit it makes. */
  const pressForEdit = async (from: ReturnType<typeof user>, chatId: number, message: BotMessage, data: string, type = "private") => {
    const edits = emulator.callsOf("editMessageText", token).length;
    await press(from, chatId, message, data, type);
    const edit = await emulator.waitFor(() => emulator.callsOf("editMessageText", token)[edits]);
    return edit.body as unknown as BotMessage & { message_id: number };
  };
  return { token, user, send, press, pressForEdit, polling };
}

/** A Bot API emulator for a test file, and the list of bots it runs: all stopped after the file's tests. */
export async function emulatorForFile(): Promise<{ emulator: BotApiEmulator; running: RunningBot[] }> {
  const emulator = await BotApiEmulator.start();
  const running: RunningBot[] = [];
  afterAll(async () => {
    await Promise.all(running.map((bot) => bot.stop()));
    await emulator.stop();
  });
  return { emulator, running };
}

/**
 * Delivering message updates to a bot through `emulator`, with message ids from `firstMessageId`
 * on, and waiting for what the bot sends back.
 */
export function messageDelivery(emulator: BotApiEmulator, firstMessageId: number) {
  let nextMessageId = firstMessageId;
  return {
    /** Delivers a message update (`message` or `edited_message`) of the given fields; returns its message id. */
    deliver(token: string, fields: Record<string, unknown>, kind: "message" | "edited_message" = "message"): number {
      const message_id = (fields.message_id as number | undefined) ?? nextMessageId++;
      emulator.pushUpdate(token, { [kind]: { message_id, date: 1, ...(kind === "edited_message" ? { edit_date: 2 } : {}), ...fields } });
      return message_id;
    },
    /** The bot's messages in `chat` from the `before`-th on, once there are `count`. */
    newMessages(token: string, chat: number, before: number, count = 1): Promise<BotMessage[]> {
      return emulator.waitFor(() => emulator.botMessages(token, chat).length >= before + count && emulator.botMessages(token, chat).slice(before));
    },
  };
}
