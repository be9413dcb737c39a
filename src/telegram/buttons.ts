/**
 * Button presses: example questions, "More"/"Back" paging in place, and "Whole section". Paging
 * re-runs the question the answer replies to (Telegram delivers it with the pressed message as
 * reply_to_message), or the example named in the button, on the index in use; nothing is parsed
 * from rendered text and nothing is kept in this process, so any instance serves any button, across
 * restarts and rebuilds. Only a section button of an index no longer on disk has expired.
 *
 * Button data comes from users' clients and may be forged: whatever does not name a page, section
 * or example that exists is answered with a notice, once, and the message stays as it was.
 */
import { Composer, type Context } from "grammy";
import { type NoticeKind, noticeReply } from "../conversation/replies.js";
import type { Action } from "../conversation/reply.js";
import { decodeAction } from "./callbacks.js";
import { plainMessage } from "./format.js";
import { questionOf } from "./message-text.js";
import { answerQuestion, type BotServices, editReply, sendReply } from "./send.js";

/** The question the pressed answer answers, or undefined when it cannot be known any more. */
function askedQuestion(ctx: Context, action: Extract<Action, { kind: "page" | "section" }>, services: BotServices): string | undefined {
  if (action.example !== undefined) return services.conversation.example(action.example);
  const original = ctx.callbackQuery?.message && "reply_to_message" in ctx.callbackQuery.message ? ctx.callbackQuery.message.reply_to_message : undefined;
  return original ? questionOf(original, ctx.me.username) || undefined : undefined;
}

/** The handler of every button press. */
export function buttons(services: BotServices): Composer<Context> {
  const { conversation } = services;
  const composer = new Composer<Context>();
  composer.on("callback_query:data", async (ctx) => {
    const notice = (kind: NoticeKind) => ctx.answerCallbackQuery({ text: plainMessage(noticeReply(kind)) });
    const action = decodeAction(ctx.callbackQuery.data);
    // Every button this bot makes sits under one of its messages in a chat; one under an inline
    // message (inline_message_id, no message) was never made here.
    const pressed = ctx.callbackQuery.message;
    if (!action || !pressed) return notice("stale-button");
    // The documents' buttons (add, remove) are documents.ts's, which comes first.
    if (action.kind === "add" || action.kind === "remove") return notice("stale-button");
    if (action.kind === "example") {
      const question = conversation.example(action.example);
      if (!question) return notice("stale-button");
      await ctx.answerCallbackQuery();
      return answerQuestion(ctx, services, question, { example: action.example });
    }
    const question = askedQuestion(ctx, action, services);
    if (action.kind === "section") {
      const reply = await conversation.section(action.position, action.version, question);
      if (!reply) return notice("stale-button");
      await ctx.answerCallbackQuery();
      return sendReply(ctx, reply, pressed.message_id);
    }
    // Paging re-runs the question on the index in use, whatever index the button was made with.
    if (!question) return notice("stale-button");
    const reply = await conversation.page(question, action.offset, action.example);
    if (!reply) return notice("no-more-passages");
    const edited = await editReply(ctx, reply, { chat: pressed.chat.id, message: pressed.message_id });
    await (edited ? ctx.answerCallbackQuery() : notice("stale-button"));
  });
  return composer;
}
