/**
 * The bot's commands: /start (with a question from inline mode as its parameter), /help,
 * /sources, /status, /ask, the admins' /reindex, and unknown ones. Names are read whatever their
 * case, in text or in a caption, bare or addressed to this bot ("/help@ThisBot"). Only commands
 * for this bot get here (addressed.ts): another bot's, or a bare unknown one in a group, do not.
 */
import { type Bot, Composer, type Context } from "grammy";
import { type CommandText, parseCommand } from "../conversation/command.js";
import { noticeReply } from "../conversation/replies.js";
import { COMMANDS } from "../conversation/texts.js";
import type { Logger } from "../log/logger.js";
import { addCommand, documentsCommand, removeCommand } from "./documents.js";
import { questionOf, textOf } from "./message-text.js";
import { answerQuestion, type BotServices, isAdmin, refuse, sendReply } from "./send.js";

type CommandHandler = (ctx: Context & { message: NonNullable<Context["message"]> }, command: CommandText) => Promise<unknown>;

/** The names of the commands the bot knows. */
const COMMAND_NAMES = ["start", "help", "sources", "status", "ask", "reindex", "add", "documents", "remove"] as const;
type CommandName = (typeof COMMAND_NAMES)[number];

/** Whether `name` (in lower case) is one of the bot's commands. */
export function isKnownCommand(name: string): boolean {
  return (COMMAND_NAMES as readonly string[]).includes(name);
}

/** The commands' handlers, unknown commands last. */
export function commands(services: BotServices): Composer<Context> {
  const { conversation, log } = services;
  const handlers: Record<CommandName, CommandHandler> = {
    start: async (ctx) => {
      // Inline mode's "open the bot" passes the question along, to be answered here.
      const question = questionOf(ctx.message, ctx.me.username);
      if (!question) return sendReply(ctx, conversation.welcome());
      await answerQuestion(ctx, services, question, { replyTo: ctx.message.message_id });
    },
    help: (ctx) => sendReply(ctx, conversation.help()),
    sources: (ctx) => sendReply(ctx, conversation.sources()),
    status: (ctx) => sendReply(ctx, conversation.status()),
    ask: async (ctx) => {
      const question = questionOf(ctx.message, ctx.me.username);
      if (!question) return sendReply(ctx, noticeReply("ask-usage"));
      await answerQuestion(ctx, services, question, { replyTo: ctx.message.message_id });
    },
    add: (ctx, command) => addCommand(ctx, services, command),
    documents: (ctx) => documentsCommand(ctx, services),
    remove: (ctx, command) => removeCommand(ctx, services, command),
    reindex: async (ctx) => {
      if (!isAdmin(ctx, services)) return refuse(ctx, services, "/reindex");
      await sendReply(ctx, noticeReply("reindexing"));
      try {
        const reply = await conversation.reindex();
        const status = conversation.engine.status();
        log.info("reindexed", { user: ctx.from?.id, documents: status.documents, passages: status.passages });
        await sendReply(ctx, reply);
      } catch (error) {
        log.error("reindex failed", { error });
        await sendReply(ctx, noticeReply("reindex-failed"));
      }
    },
  };

  const composer = new Composer<Context>();
  composer.on(["message:text", "message:caption"], async (ctx, next) => {
    const command = parseCommand(textOf(ctx.message) ?? "");
    if (!command) return next();
    // Own names only: "/constructor" is an unknown command, not Object's.
    if (isKnownCommand(command.name)) return handlers[command.name as CommandName](ctx, command);
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
