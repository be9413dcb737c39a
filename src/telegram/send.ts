/** What the bot's handlers share: sending replies, answering a question, and the parts they need. */
import type { Context } from "grammy";
import type { Message } from "grammy/types";
import type { Conversation } from "../conversation/conversation.js";
import type { Reply } from "../conversation/reply.js";
import type { Logger } from "../log/logger.js";
import { toMessages } from "./format.js";

/** What every handler of the bot gets. */
export interface BotParts {
  conversation: Conversation;
  adminIds: ReadonlySet<number>;
  log: Logger;
}

/** Sends `reply` (as several messages if it must be), the first replying to message `replyTo`. */
export async function sendReply(ctx: Context, reply: Reply, replyTo?: number): Promise<Message.TextMessage[]> {
  const sent: Message.TextMessage[] = [];
  for (const [i, message] of toMessages(reply).entries()) {
    sent.push(
      await ctx.reply(message.text, {
        entities: message.entities,
        reply_markup: message.keyboard,
        link_preview_options: { is_disabled: true },
        ...(replyTo && i === 0 ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } } : {}),
      }),
    );
  }
  return sent;
}

/** Replaces the text and buttons of the message whose button was pressed with `reply`. */
export async function editReply(ctx: Context, reply: Reply): Promise<void> {
  // An answer page is cut to one message by the conversation, so the first is all there is.
  const [message] = toMessages(reply);
  await ctx.editMessageText(message!.text, { entities: message!.entities, reply_markup: message!.keyboard, link_preview_options: { is_disabled: true } });
}

/**
 * Answers `question` in the chat of `ctx`, as page one, replying to the question's message
 * (`replyTo`) so that its buttons can read the question back; an example's number goes in its buttons.
 */
export async function answerQuestion(
  ctx: Context,
  { conversation, log }: BotParts,
  question: string,
  where: { replyTo?: number; example?: number },
): Promise<void> {
  const started = Date.now();
  // The typing indicator is a courtesy: its failure must never hold up or lose the answer.
  ctx.replyWithChatAction("typing").catch((error: unknown) => log.warn("typing indicator failed", { error }));
  const { answer, reply } = await conversation.answer(question, where.example === undefined ? {} : { example: where.example });
  await sendReply(ctx, reply, where.replyTo);
  log.info("answered", {
    chat: ctx.chat?.id,
    update: ctx.update.update_id,
    language: answer.language,
    results: answer.results.length,
    abstained: answer.abstained,
    ms: Date.now() - started,
  });
  log.debug("question", { chat: ctx.chat?.id, text: question });
}
