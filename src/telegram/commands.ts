/** The bot's commands: /start, /help, /sources, /status, /ask, the admins' /reindex, and unknown ones. */
import { type Bot, Composer, type Context } from "grammy";
import { noticeReply } from "../conversation/replies.js";
import { COMMANDS } from "../conversation/texts.js";
import type { Logger } from "../log/logger.js";
import { questionOf } from "./question.js";
import { answerQuestion, type BotParts, sendReply } from "./send.js";

/** The commands' handlers, unknown commands last. */
export function commands(parts: BotParts): Composer<Context> {
  const { conversation, adminIds, log } = parts;
  const composer = new Composer<Context>();
  composer.command("start", (ctx) => sendReply(ctx, conversation.welcome()));
  composer.command("help", (ctx) => sendReply(ctx, conversation.help()));
  composer.command("sources", (ctx) => sendReply(ctx, conversation.sources()));
  composer.command("status", (ctx) => sendReply(ctx, conversation.status()));
  composer.command("ask", async (ctx) => {
    const question = questionOf(ctx.message ?? {}, ctx.me.username);
    if (!question) return sendReply(ctx, noticeReply("ask-usage"));
    await answerQuestion(ctx, parts, question, { replyTo: ctx.message?.message_id });
  });
  composer.command("reindex", async (ctx) => {
    if (!ctx.from || !adminIds.has(ctx.from.id)) {
      log.warn("refused /reindex", { user: ctx.from?.id });
      return sendReply(ctx, noticeReply("not-admin"));
    }
    await sendReply(ctx, noticeReply("reindexing"));
    try {
      const reply = await conversation.reindex();
      const status = conversation.engine.status();
      log.info("reindexed", { user: ctx.from.id, documents: status.documents, passages: status.passages });
      await sendReply(ctx, reply);
    } catch (error) {
      log.error("reindex failed", { error });
      await sendReply(ctx, noticeReply("reindex-failed"));
    }
  });

  // Any other command addressed to this bot: unknown.
  composer.on("message:entities:bot_command", async (ctx, next) => {
    const command = ctx.message.entities.find((e) => e.type === "bot_command" && e.offset === 0);
    if (!command) return next();
    const target = ctx.message.text.slice(command.offset, command.offset + command.length).split("@")[1];
    if (target && target.toLowerCase() !== ctx.me.username.toLowerCase()) return; // another bot's command
    if (ctx.chat.type !== "private" && !target) return; // a bare /command in a group is for whoever knows it
    await sendReply(ctx, noticeReply("unknown-command"));
  });
  return composer;
}

/** Registers the command menu in English (default) and Arabic. Failure is logged, never fatal. */
export async function registerCommands(bot: Bot, log: Logger): Promise<void> {
  try {
    await bot.api.setMyCommands(COMMANDS.en);
    await bot.api.setMyCommands(COMMANDS.ar, { language_code: "ar" });
  } catch (error) {
    log.warn("could not register the command menu", { error });
  }
}
