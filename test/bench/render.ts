/**
 * An answer page as a Telegram message (text, entities, buttons): the conversation's page, cut to
 * Telegram's limits, rendered by format.ts. Kept as one call for the benchmarks' formatting stage.
 */
import type { Answer } from "../../src/answer/answer.js";
import { answerPage, type PageOptions } from "../../src/conversation/replies.js";
import { TELEGRAM_LIMITS, type TelegramMessage, toMessages } from "../../src/telegram/format.js";

/** Page `offset` of `answer` as the one Telegram message that shows it. */
export function renderAnswerPage(answer: Answer, options: Omit<PageOptions, "limits">): TelegramMessage {
  return toMessages(answerPage(answer, { ...options, limits: TELEGRAM_LIMITS }))[0]!;
}
