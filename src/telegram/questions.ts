/**
 * Questions as messages (their text, or a photo's or document's caption): any in a private chat;
 * in groups, mentions of the bot and replies to it (addressed.ts lets only those through). An
 * edited question, or /ask, is answered again.
 */
import { Composer, type Context } from "grammy";
import { noticeReply } from "../conversation/replies.js";
import { questionOf } from "./message-text.js";
import { answerQuestion, type BotServices, sendReply } from "./send.js";

/** Messages that say something in words: text, or a caption. */
const WRITTEN: ["message:text", "message:caption"] = ["message:text", "message:caption"];

/** The handlers of questions, of their edits, and of messages that say nothing in words. */
export function questions(services: BotServices): Composer<Context> {
  const composer = new Composer<Context>();
  composer.on(WRITTEN, (ctx) => answerQuestion(ctx, services, questionOf(ctx.message, ctx.me.username) ?? "", { replyTo: ctx.message.message_id }));

  // An edit is a new question for the same message: its answer is edited when this instance
  // remembers it, else the edit gets an answer of its own.
  composer.on(["edited_message:text", "edited_message:caption"], async (ctx) => {
    const message = ctx.editedMessage;
    const edits = services.answered.answerTo(message.chat.id, message.message_id);
    await answerQuestion(ctx, services, questionOf(message, ctx.me.username) ?? "", { replyTo: message.message_id, ...(edits === undefined ? {} : { edits }) });
  });

  // Photos without a caption, stickers, voice notes… (in a group, in reply to the bot): say what the bot reads.
  composer.on("message", (ctx) => sendReply(ctx, noticeReply("non-text")));
  return composer;
}
