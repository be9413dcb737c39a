/** Questions as messages: any text in a private chat; in groups, mentions of the bot and replies to it. */
import { Composer, type Context } from "grammy";
import { noticeReply } from "../conversation/replies.js";
import { addressedToBot, questionOf } from "./question.js";
import { answerQuestion, type BotParts, sendReply } from "./send.js";

/** The handlers of questions and of messages that are not text. */
export function questions(parts: BotParts): Composer<Context> {
  const composer = new Composer<Context>();
  composer
    .chatType("private")
    .on("message:text", (ctx) => answerQuestion(ctx, parts, questionOf(ctx.message, ctx.me.username) ?? "", { replyTo: ctx.message.message_id }));
  composer.chatType(["group", "supergroup"]).on("message:text", async (ctx) => {
    if (!addressedToBot(ctx.message, ctx.me)) return;
    await answerQuestion(ctx, parts, questionOf(ctx.message, ctx.me.username) ?? "", { replyTo: ctx.message.message_id });
  });

  // Photos, stickers, voice notes…: say what the bot reads.
  composer.chatType("private").on("message", (ctx) => sendReply(ctx, noticeReply("non-text")));
  composer.chatType(["group", "supergroup"]).on("message", async (ctx) => {
    if (ctx.message.reply_to_message?.from?.id === ctx.me.id) await sendReply(ctx, noticeReply("non-text"));
  });
  return composer;
}
