/**
 * Questions as messages (their text, or a photo's or document's caption): any in a private chat;
 * in groups, mentions of the bot and replies to it. An edited question is answered again.
 */
import { Composer, type Context } from "grammy";
import { parseCommand } from "../conversation/command.js";
import { noticeReply } from "../conversation/replies.js";
import { addressedToBot, forThisBot, questionOf, textOf } from "./question.js";
import { answerQuestion, type BotParts, sendReply } from "./send.js";

/** Messages that say something in words: text, or a caption. */
const WRITTEN: ["message:text", "message:caption"] = ["message:text", "message:caption"];

/** The handlers of questions, of their edits, and of messages that say nothing in words. */
export function questions(parts: BotParts): Composer<Context> {
  const composer = new Composer<Context>();
  composer
    .chatType("private")
    .on(WRITTEN, (ctx) => answerQuestion(ctx, parts, questionOf(ctx.message, ctx.me.username) ?? "", { replyTo: ctx.message.message_id }));
  composer.chatType(["group", "supergroup"]).on(WRITTEN, async (ctx) => {
    if (!addressedToBot(ctx.message, ctx.me)) return;
    await answerQuestion(ctx, parts, questionOf(ctx.message, ctx.me.username) ?? "", { replyTo: ctx.message.message_id });
  });

  // An edit is a new question for the same message: its answer is edited when this instance
  // remembers it, else the edit gets an answer of its own. Of commands, only /ask is asked again.
  composer.chatType(["private", "group", "supergroup"]).on(["edited_message:text", "edited_message:caption"], async (ctx) => {
    const message = ctx.editedMessage;
    const command = parseCommand(textOf(message) ?? "");
    const asks = command?.name === "ask" && forThisBot(command.target, ctx.me.username);
    if (command && !asks) return;
    if (message.chat.type !== "private" && !asks && !addressedToBot(message, ctx.me)) return;
    const edits = parts.answered.answerTo(message.chat.id, message.message_id);
    await answerQuestion(ctx, parts, questionOf(message, ctx.me.username) ?? "", { replyTo: message.message_id, ...(edits === undefined ? {} : { edits }) });
  });

  // Photos without a caption, stickers, voice notes…: say what the bot reads.
  composer.chatType("private").on("message", (ctx) => sendReply(ctx, noticeReply("non-text")));
  composer.chatType(["group", "supergroup"]).on("message", async (ctx) => {
    if (ctx.message.reply_to_message?.from?.id === ctx.me.id) await sendReply(ctx, noticeReply("non-text"));
  });
  return composer;
}
