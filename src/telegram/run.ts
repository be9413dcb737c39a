/**
 * Running the bot, what polling (polling.ts) and the webhook (webhook.ts) share: the updates asked
 * for, and the start that checks the token within a deadline. Either way, stop() stops taking
 * updates and waits for those in flight.
 */
import { type Bot, GrammyError } from "grammy";
import type { Logger } from "../log/logger.js";
import { registerCommands } from "./bot.js";

export interface RunningBot {
  stop(): Promise<void>;
}

export type GrammySignal = NonNullable<Parameters<Bot["init"]>[0]>;

export const ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "inline_query"] as const;

/**
 * How long start-up waits for Telegram to answer getMe. grammY and the auto-retry plugin retry a
 * network failure for ever (with growing pauses), and a Bot API that accepts connections but never
 * answers is waited on for minutes: without a deadline an unreachable API looked like a hung bot.
 */
export const CONNECT_TIMEOUT_MS = 15_000;

/** One line about `error`, without the bot token (a network error may quote the URL it fetched). */
export function describeError(bot: Bot, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replaceAll(bot.token, "<token>").replace(/\s+/g, " ").trim();
}

/** Checks the token with getMe within CONNECT_TIMEOUT_MS; a refused token or an unreachable API is reported in one line. */
export async function initialize(bot: Bot, log: Logger): Promise<void> {
  try {
    // grammY types its signal as the abort-controller package's, which Node's signal is at run time.
    await bot.init(AbortSignal.timeout(CONNECT_TIMEOUT_MS) as unknown as GrammySignal);
  } catch (error) {
    if (error instanceof GrammyError) {
      throw new Error(`Telegram refused the bot token (${describeError(bot, error)}). Check BOT_TOKEN and TELEGRAM_API_ROOT.`);
    }
    // When the deadline ends the retries, grammY's last words are about the abort, not the cause.
    const reason = error instanceof Error && /abort/i.test(error.message) ? "getMe got no answer" : describeError(bot, error);
    throw new Error(`could not reach the Telegram Bot API within ${CONNECT_TIMEOUT_MS / 1000} s (${reason}). Check TELEGRAM_API_ROOT and the network.`);
  }
  log.info("connected to Telegram", { bot: bot.botInfo.username });
  void registerCommands(bot, log);
}
