/** What the bot's handlers share: sending and editing replies, answering a question, and the parts they need. */
import { type Context, GrammyError } from "grammy";
import type { Message } from "grammy/types";
import type { DocumentLibrary } from "../answer/library.js";
import type { Conversation } from "../conversation/conversation.js";
import { noticeReply } from "../conversation/replies.js";
import type { Reply } from "../conversation/reply.js";
import type { Logger } from "../log/logger.js";
import type { AnsweredQuestions } from "./answered.js";
import type { AddQueue } from "./documents.js";
import { toMessages } from "./format.js";

/** What every handler of the bot gets. */
export interface BotServices {
  conversation: Conversation;
  adminIds: ReadonlySet<number>;
  /** Which answer replied to which question, for answering edits in place. */
  answered: AnsweredQuestions;
  log: Logger;
  /** The documents admins add, list and remove (documents.ts). */
  library: DocumentLibrary;
  /** Admins' adds, one at a time each. */
  adds: AddQueue;
  /** The bytes of a file a user sent (download.ts), within the document size limit. */
  download: (fileId: string) => Promise<Buffer>;
}

/** Sends `reply` (as several messages if it must be), the first replying to message `replyTo`. */
/** Whether the sender is one of the bot's admins (ADMIN_IDS). */
export function isAdmin(ctx: Context, services: BotServices): boolean {
  return ctx.from !== undefined && services.adminIds.has(ctx.from.id);
}

/** Refuses an admin's command (`what`: "/reindex") to anyone else, and logs who asked. */
export function refuse(ctx: Context, services: BotServices, what: string): Promise<unknown> {
  services.log.warn(`refused ${what}`, { user: ctx.from?.id });
  return sendReply(ctx, noticeReply("not-admin"));
}

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

/**
 * Telegram's refusals of an edit that users cause, not faults: the message already says this (a
 * button pressed twice), or it cannot be edited any more (deleted, or not one of the bot's).
 */
function refusedEdit(error: unknown): "unchanged" | "impossible" | undefined {
  if (!(error instanceof GrammyError) || error.error_code !== 400) return undefined;
  if (/message is not modified/i.test(error.description)) return "unchanged";
  if (/message to edit not found|message can't be edited|message_id_invalid/i.test(error.description)) return "impossible";
  return undefined;
}

/**
 * Replaces message `target.message` of chat `target.chat` with `reply` (an answer page, which the
 * conversation cuts to one message). False when that message cannot be edited any more.
 */
export async function editReply(ctx: Context, reply: Reply, target: { chat: number; message: number }): Promise<boolean> {
  const [message] = toMessages(reply);
  try {
    await ctx.api.editMessageText(target.chat, target.message, message!.text, {
      entities: message!.entities,
      reply_markup: message!.keyboard,
      link_preview_options: { is_disabled: true },
    });
    return true;
  } catch (error) {
    const refused = refusedEdit(error);
    if (refused === undefined) throw error;
    return refused === "unchanged";
  }
}

/**
 * Answers `question` in the chat of `ctx`, as page one, replying to the question's message
 * (`replyTo`) so that its buttons can read the question back; an example's number goes in its
 * buttons. With `edits`, the message that answered the question before the user edited it, that
 * answer is edited instead, when it still can be.
 */
export async function answerQuestion(
  ctx: Context,
  { conversation, answered, log }: BotServices,
  question: string,
  where: { replyTo?: number; example?: number; edits?: number },
): Promise<void> {
  const started = Date.now();
  // The typing indicator is a courtesy: its failure must never hold up or lose the answer.
  ctx.replyWithChatAction("typing").catch((error: unknown) => log.warn("typing indicator failed", { error }));
  const { answer, reply } = await conversation.answer(question, where.example === undefined ? {} : { example: where.example });
  const chat = ctx.chat!.id;
  const edited = where.edits !== undefined && (await editReply(ctx, reply, { chat, message: where.edits }));
  if (!edited) {
    const [first] = await sendReply(ctx, reply, where.replyTo);
    if (where.replyTo !== undefined && first) answered.remember(chat, where.replyTo, first.message_id);
  }
  log.info("answered", {
    chat,
    update: ctx.update.update_id,
    ...(edited ? { edited: true } : {}),
    language: answer.language,
    results: answer.results.length,
    abstained: answer.abstained,
    ms: Date.now() - started,
  });
  log.debug("question", { chat, text: question });
}
