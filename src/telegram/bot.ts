/**
 * The Telegram bot: it translates between Telegram updates and the answer engine, and nothing
 * more. Questions come as private messages, group mentions and replies, /ask, inline queries and
 * example buttons; answers go out as Telegram HTML with paging and "whole section" buttons.
 */
import { sequentialize } from "@grammyjs/runner";
import { Bot, GrammyError, type Context } from "grammy";
import type { InlineQueryResultArticle, Message } from "grammy/types";
import { autoRetry } from "@grammyjs/auto-retry";
import type { AnswerEngine } from "../answer/engine.js";
import { uiLanguage } from "../answer/messages.js";
import type { Logger } from "../log/logger.js";
import { detectLanguage } from "../text/language.js";
import { decodeAction } from "./callbacks.js";
import { escapeHtml, htmlToPlainText } from "./html.js";
import { citationHtml, HELP_HTML, QUESTION_MARK, renderAnswerPage, renderContext, renderSources, renderStatus, renderWelcome, trimToSentences, type RenderedMessage } from "./render.js";
import { rateLimit } from "./rate-limit.js";

export interface BotOptions {
  token: string;
  /** The Bot API server (Telegram's, a local Bot API server, or a test emulator). */
  apiRoot: string;
  adminIds: ReadonlySet<number>;
  rateLimitPerMinute: number;
  /** Passages per answer page. */
  pageSize: number;
  /** Questions offered as buttons by /start. */
  examples: string[];
  log: Logger;
}

const TEXTS = {
  nonText: "📝 أقرأ النصوص فقط: اكتب سؤالك.\nI read text only: please type your question.",
  unknownCommand: "لا أعرف هذا الأمر. · I don't know that command. /help",
  notAdmin: "⛔ هذا الأمر لمشرفي البوت فقط. · This command is for the bot's administrators only.",
  reindexing: "⏳ أعيد بناء الفهرس… · Rebuilding the index…",
  reindexFailed: "❌ تعذّرت إعادة بناء الفهرس؛ بقي الفهرس السابق. · The rebuild failed; the previous index stays in use.",
  stale: "انتهت صلاحية هذا الزر؛ اسأل من جديد. · This button has expired: please ask again.",
  failed: "⚠️ حدث خطأ أثناء الإجابة؛ حاول مرة أخرى. · Something went wrong while answering: please try again.",
  askUsage: "اكتب السؤال بعد الأمر، مثل: /ask متى زار خالد مشعل موسكو؟\nWrite the question after the command, e.g. /ask When did Meshaal visit Moscow?",
  slowDown: (seconds: number) => `🐢 أسئلة كثيرة في وقت قصير؛ انتظر ${seconds} ثانية. · Too many questions at once: please wait ${seconds} s.`,
};

/** The commands shown in Telegram's menu, per language. */
const COMMANDS = {
  en: [
    { command: "start", description: "Welcome and example questions" },
    { command: "help", description: "How to ask" },
    { command: "ask", description: "Ask a question (in groups)" },
    { command: "sources", description: "The documents I answer from" },
    { command: "status", description: "Search mode and index" },
  ],
  ar: [
    { command: "start", description: "الترحيب وأمثلة للأسئلة" },
    { command: "help", description: "طريقة السؤال" },
    { command: "ask", description: "اطرح سؤالًا (في المجموعات)" },
    { command: "sources", description: "الوثائق التي أجيب منها" },
    { command: "status", description: "وضع البحث والفهرس" },
  ],
};

/** Sends HTML, falling back to the same text without markup if Telegram refuses the HTML. */
async function replyHtml(ctx: Context, message: RenderedMessage, replyTo?: number): Promise<Message.TextMessage> {
  const extra = {
    reply_markup: message.keyboard,
    link_preview_options: { is_disabled: true },
    ...(replyTo ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } } : {}),
  };
  try {
    return await ctx.reply(message.html, { ...extra, parse_mode: "HTML" });
  } catch (error) {
    if (!(error instanceof GrammyError && /parse entities|can't parse/i.test(error.description))) throw error;
    return await ctx.reply(htmlToPlainText(message.html), extra);
  }
}

/** The question a group message asks this bot, or undefined when it is not addressed to it. */
function groupQuestion(ctx: Context): string | undefined {
  const message = ctx.message;
  const text = message?.text;
  if (!message || !text) return undefined;
  const mention = `@${ctx.me.username}`;
  const mentioned = (message.entities ?? []).some((e) => e.type === "mention" && text.slice(e.offset, e.offset + e.length).toLowerCase() === mention.toLowerCase());
  const repliedTo = message.reply_to_message?.from?.id === ctx.me.id;
  if (!mentioned && !repliedTo) return undefined;
  return text.split(new RegExp(mention.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "ig")).join(" ").trim();
}

export function createBot(engine: AnswerEngine, options: BotOptions): Bot {
  const { log } = options;
  const bot = new Bot(options.token, { client: { apiRoot: options.apiRoot } });
  // 429s wait for retry_after, 5xx and network failures are retried a few times.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 4, maxDelaySeconds: 60 }));

  /** Answers `question` in the chat of `ctx`, as page one. */
  async function answer(ctx: Context, question: string): Promise<void> {
    const started = Date.now();
    // The typing indicator is a courtesy: its failure must never hold up or lose the answer.
    ctx.replyWithChatAction("typing").catch((error: unknown) => log.warn("typing indicator failed", { error }));
    const result = await engine.ask(question, { limit: options.pageSize + 1 });
    const page = renderAnswerPage(result, { offset: 0, pageSize: options.pageSize, version: engine.status().version });
    await replyHtml(ctx, page, ctx.message?.message_id);
    log.info("answered", { chat: ctx.chat?.id, update: ctx.update.update_id, language: result.language, results: result.results.length, abstained: result.abstained, ms: Date.now() - started });
    log.debug("question", { chat: ctx.chat?.id, text: question });
  }

  bot.catch(async ({ error, ctx }) => {
    log.error("update failed", { update: ctx.update.update_id, chat: ctx.chat?.id, error });
    if (ctx.chat) await ctx.reply(TEXTS.failed).catch(() => undefined);
    if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
  });

  // Updates of one chat are handled in order; different chats run concurrently (with the runner).
  bot.use(sequentialize((ctx: Context) => ctx.chat?.id.toString() ?? ctx.from?.id.toString()));
  bot.use(
    rateLimit({
      limit: options.rateLimitPerMinute,
      windowMs: 60_000,
      onLimited: async (ctx, seconds) => {
        log.info("rate limited", { user: ctx.from?.id });
        if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: TEXTS.slowDown(seconds) });
        else if (ctx.inlineQuery) await ctx.answerInlineQuery([], { cache_time: 0 });
        else await ctx.reply(TEXTS.slowDown(seconds));
      },
    }),
  );

  bot.command("start", (ctx) => replyHtml(ctx, renderWelcome(options.examples)));
  bot.command("help", (ctx) => replyHtml(ctx, { html: HELP_HTML }));
  bot.command("sources", (ctx) => replyHtml(ctx, { html: renderSources(engine.documents()) }));
  bot.command("status", (ctx) => replyHtml(ctx, { html: renderStatus(engine.status()) }));
  bot.command("ask", (ctx) => (ctx.match.trim() ? answer(ctx, ctx.match) : ctx.reply(TEXTS.askUsage)));
  bot.command("reindex", async (ctx) => {
    if (!ctx.from || !options.adminIds.has(ctx.from.id)) {
      log.warn("refused /reindex", { user: ctx.from?.id });
      return ctx.reply(TEXTS.notAdmin);
    }
    await ctx.reply(TEXTS.reindexing);
    try {
      const status = await engine.reindex();
      log.info("reindexed", { user: ctx.from.id, documents: status.documents, passages: status.passages });
      await replyHtml(ctx, { html: `✅ ${renderStatus(status)}` });
    } catch (error) {
      log.error("reindex failed", { error });
      await ctx.reply(TEXTS.reindexFailed);
    }
  });

  bot.on("callback_query:data", async (ctx) => {
    const action = decodeAction(ctx.callbackQuery.data);
    const version = engine.status().version;
    if (!action || ("version" in action && action.version !== version) || (action.kind === "example" && !options.examples[action.example])) {
      return ctx.answerCallbackQuery({ text: TEXTS.stale });
    }
    if (action.kind === "example") {
      await ctx.answerCallbackQuery();
      return answer(ctx, options.examples[action.example]!);
    }
    const message = ctx.callbackQuery.message;
    const firstLine = message && "text" in message ? message.text?.split("\n")[0] : undefined;
    if (!firstLine?.startsWith(QUESTION_MARK)) return ctx.answerCallbackQuery({ text: TEXTS.stale });
    const question = firstLine.slice(QUESTION_MARK.length);
    if (action.kind === "section") {
      const context = engine.context(action.passage, "section");
      if (!context) return ctx.answerCallbackQuery({ text: TEXTS.stale });
      await ctx.answerCallbackQuery();
      return replyHtml(ctx, { html: renderContext(context, uiLanguage(detectLanguage(question))) }, message?.message_id);
    }
    const result = await engine.ask(question, { limit: action.offset + options.pageSize + 1 });
    const page = renderAnswerPage(result, { offset: action.offset, pageSize: options.pageSize, version });
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(page.html, { parse_mode: "HTML", reply_markup: page.keyboard, link_preview_options: { is_disabled: true } });
  });

  bot.on("inline_query", async (ctx) => {
    const question = ctx.inlineQuery.query.trim();
    if (!question) return ctx.answerInlineQuery([], { cache_time: 0 });
    const result = await engine.ask(question, { limit: 5 });
    const language = uiLanguage(result.language);
    const articles: InlineQueryResultArticle[] = result.results.map((r) => ({
      type: "article",
      id: `${engine.status().version}-${r.position}`,
      title: `${r.rank}. ${r.doc.title}${r.section ? ` › ${r.section}` : ""}`.slice(0, 120),
      description: r.text.slice(0, 160),
      input_message_content: {
        message_text: `<blockquote>${escapeHtml(trimToSentences(r.text, 3000))}</blockquote>\n${citationHtml(r.doc, r.section, r.paragraph, r.references, language)}`,
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
      },
    }));
    await ctx.answerInlineQuery(articles, { cache_time: 60 });
    log.info("inline answered", { user: ctx.from.id, results: articles.length });
  });

  // Any other command: unknown.
  bot.on("message:entities:bot_command", async (ctx, next) => {
    const command = ctx.message.entities.find((e) => e.type === "bot_command" && e.offset === 0);
    if (!command) return next();
    const target = ctx.message.text.slice(command.offset, command.offset + command.length).split("@")[1];
    if (target && target.toLowerCase() !== ctx.me.username.toLowerCase()) return; // another bot's command
    if (ctx.chat.type !== "private" && !target) return; // a bare /command in a group is for whoever knows it
    await ctx.reply(TEXTS.unknownCommand);
  });

  bot.chatType("private").on("message:text", (ctx) => answer(ctx, ctx.message.text));
  bot.chatType(["group", "supergroup"]).on("message:text", async (ctx) => {
    const question = groupQuestion(ctx);
    if (question === undefined) return;
    await answer(ctx, question);
  });

  bot.chatType("private").on("message", (ctx) => ctx.reply(TEXTS.nonText));
  bot.chatType(["group", "supergroup"]).on("message", async (ctx) => {
    if (ctx.message.reply_to_message?.from?.id === ctx.me.id) await ctx.reply(TEXTS.nonText);
  });

  return bot;
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
