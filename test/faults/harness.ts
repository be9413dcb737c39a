/**
 * What every scenario counts, and how: a logger that keeps the bot's log lines (errors are
 * crashes: an update that failed, a webhook request that failed), a listener for unhandled
 * rejections, and a check of every call the bot made to the Bot API emulator against Telegram's
 * rules (see telegram-rules.ts).
 */

import { afterAll } from "vitest";
import { createLogger, type Logger } from "../../src/log/logger.js";
import { BotApiEmulator } from "../helpers/telegram-emulator.js";
import type { FaultBot } from "./adapter.js";
import { callProblems, REPLY_METHODS } from "./telegram-rules.js";

/** Log lines, unhandled rejections and the first example of each kind of fault, for one scenario. */
export class FaultWatch {
  readonly lines: Record<string, unknown>[] = [];
  readonly unhandled: unknown[] = [];
  private readonly noted: { kind: string; text: string }[] = [];
  private readonly kinds = new Map<string, number>();
  readonly log: Logger;
  private readonly onRejection = (reason: unknown) => {
    this.unhandled.push(reason);
    this.note("unhandled", `unhandled rejection: ${reason instanceof Error ? reason.message : String(reason)}`);
  };

  constructor() {
    this.log = createLogger({ level: "info", format: "json", write: (line) => this.lines.push(JSON.parse(line) as Record<string, unknown>) });
    process.on("unhandledRejection", this.onRejection);
  }

  /** Keeps a finding, at most `perKind` of each kind so the report stays short. */
  note(kind: string, finding: string, perKind = 2): void {
    const seen = this.kinds.get(kind) ?? 0;
    this.kinds.set(kind, seen + 1);
    if (seen < perKind) this.noted.push({ kind, text: finding.length > 400 ? `${finding.slice(0, 400)}…` : finding });
  }

  /** The first few findings of each kind, each with how many times its kind was seen in all. */
  get findings(): string[] {
    return this.noted.map(({ kind, text }) => (this.kinds.get(kind)! > 1 ? `${text} (×${this.kinds.get(kind)} of this kind)` : text));
  }

  /** Error lines logged so far (each a failed update or request), from `from` on. */
  errors(from = 0): Record<string, unknown>[] {
    return this.lines.slice(from).filter((l) => l.level === "error");
  }

  /** Crashes: error log lines plus unhandled rejections. */
  crashes(): number {
    for (const line of this.errors())
      this.note(`error:${String(line.message)}`, `logged error "${String(line.message)}": ${JSON.stringify(line.error ?? line).slice(0, 300)}`);
    return this.errors().length + this.unhandled.length;
  }

  /**
   * The replies to the bot with `tokens` that Telegram would refuse, each noted with `describe`
   * (which says what input it answered, when known).
   */
  rejectedReplies(emulator: BotApiEmulator, tokens: string[], describe: (body: Record<string, unknown>) => string = () => ""): number {
    let rejected = 0;
    for (const call of emulator.calls) {
      if (!tokens.includes(call.token) || !REPLY_METHODS.has(call.method)) continue;
      const problems = callProblems(call.method, call.body);
      if (!problems.length) continue;
      rejected++;
      const input = describe(call.body);
      // One finding per rule broken and method, whatever the character, length or result number;
      // a lone surrogate also per kind of input, since one the user sent and one the bot made by
      // cutting a text are different defects.
      for (const problem of problems) {
        const inputKind = problem.includes("lone surrogate") ? input.split(" (")[0]!.split(", ").pop() : "";
        this.note(
          `reject:${problem.replace(/link to .*/, "link").replace(/U\+[0-9a-f]{4}|\d+/g, "N")}:${inputKind}`,
          `${problem}${input ? ` — in answer to ${input}` : ""}`,
          1,
        );
      }
    }
    return rejected;
  }

  dispose(): void {
    process.off("unhandledRejection", this.onRejection);
  }
}

/** Resolves after `ms`. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `probe` holds or `timeoutMs` passes; true when it held. */
export async function until(probe: () => boolean, timeoutMs: number, stepMs = 25): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (probe()) return true;
    await sleep(stepMs);
  }
  return probe();
}

/** A short printable form of a test input: kind, length, first characters with escapes. */
export function describeInput(kind: string, text: string): string {
  const head = JSON.stringify(text.slice(0, 60)).replace(/[\u0080-\uffff]/g, (c) =>
    c.length === 1 && /[\u0600-\u06ff]/.test(c) ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return `${kind} (${text.length} units) ${head}${text.length > 60 ? "…" : ""}`;
}

let nextUpdateId = 1;
let nextMessageId = 1;
const BOT_USER = { id: 666, is_bot: true, first_name: "Test First name", username: "TestNameBot" };

/** A private-chat text message from user `userId` (a command gets its bot_command entity). */
export function textUpdate(userId: number, text: string, chatId = userId): Record<string, unknown> {
  const command = /^\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?/.exec(text);
  const chat = chatId > 0 ? { id: chatId, type: "private", first_name: `U${userId}` } : { id: chatId, type: "group", title: "Group" };
  return {
    update_id: nextUpdateId++,
    message: {
      message_id: nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat,
      from: { id: userId, is_bot: false, first_name: `U${userId}` },
      text,
      ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] } : {}),
    },
  };
}

/**
 * A press of the button with `data` under the bot's message `message` (as the emulator stored it),
 * which replied to the user's `question`: Telegram sends the message with its visible text.
 */
export function pressUpdate(
  userId: number,
  chatId: number,
  data: string,
  message: { messageId: number; text: string; question?: string },
): Record<string, unknown> {
  const chat = { id: chatId, type: "private", first_name: `U${userId}` };
  const date = Math.floor(Date.now() / 1000);
  return {
    update_id: nextUpdateId++,
    callback_query: {
      id: `press-${nextUpdateId}`,
      from: { id: userId, is_bot: false, first_name: `U${userId}` },
      chat_instance: `ci-${chatId}`,
      data,
      message: {
        message_id: message.messageId,
        date,
        chat,
        from: BOT_USER,
        text: message.text,
        ...(message.question
          ? {
              reply_to_message: {
                message_id: nextMessageId++,
                date,
                chat,
                from: { id: userId, is_bot: false, first_name: `U${userId}` },
                text: message.question,
              },
            }
          : {}),
      },
    },
  };
}

/** Posts `body` to a webhook; resolves with the HTTP status and the time to the response. */
export async function postWebhook(url: string, body: string, headers: Record<string, string> = {}, method = "POST"): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const response = await fetch(url, {
    method,
    headers: { "content-type": "application/json", ...headers },
    body: method === "GET" || method === "HEAD" ? undefined : body,
  });
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started };
}

/**
 * What every scenario starts with: a Bot API emulator, a watch for crashes, and the bots it starts
 * (pushed onto `bots`); all stopped after the test file.
 */
export async function faultScene(): Promise<{ emulator: BotApiEmulator; watch: FaultWatch; bots: FaultBot[] }> {
  const emulator = await BotApiEmulator.start();
  const watch = new FaultWatch();
  const bots: FaultBot[] = [];
  afterAll(async () => {
    await Promise.all(bots.map((bot) => bot.stop()));
    await emulator.stop();
    watch.dispose();
  });
  return { emulator, watch, bots };
}
