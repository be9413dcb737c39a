/**
 * The Telegram bot: it translates between Telegram updates and the conversation, and nothing more.
 * The handlers live in one Composer per concern (commands, questions, buttons, inline mode); this
 * module composes them behind error handling, per-chat ordering, the choice of updates the bot acts
 * on (addressed.ts: nothing else is counted or handled) and rate limiting. What a reply
 * says is decided in src/conversation; how it looks on Telegram in format.ts.
 */

import { autoRetry } from "@grammyjs/auto-retry";
import { sequentialize } from "@grammyjs/runner";
import { Bot, type Context } from "grammy";
import type { AnswerEngine } from "../answer/engine.js";
import { DocumentLibrary } from "../answer/library.js";
import { DEFAULT_DOCUMENT_LIMITS, type DocumentLimits } from "../config/defaults.js";
import { parseCommand } from "../conversation/command.js";
import { Conversation } from "../conversation/conversation.js";
import { noticeReply, rateLimitedReply } from "../conversation/replies.js";
import type { Logger } from "../log/logger.js";
import { actsOn } from "./addressed.js";
import { AnsweredQuestions } from "./answered.js";
import { buttons } from "./buttons.js";
import { commands, isKnownCommand } from "./commands.js";
import { AddQueue, documents } from "./documents.js";
import { downloadFile, TELEGRAM_DOWNLOAD_LIMIT } from "./download.js";
import { plainMessage, TELEGRAM_LIMITS } from "./format.js";
import { inline } from "./inline.js";
import { textOf } from "./message-text.js";
import { questions } from "./questions.js";
import { MemoryRateLimitStore, type RateLimitStore, rateLimit, senderKey } from "./rate-limit.js";
import { type BotServices, sendReply } from "./send.js";

export { registerCommands } from "./commands.js";

export interface BotOptions {
  token: string;
  /** The Bot API server (Telegram's, a local Bot API server, or a test emulator). */
  apiRoot: string;
  adminIds: ReadonlySet<number>;
  rateLimitPerMinute: number;
  /** Where rate-limit counts are kept: this process by default, Redis to share them between instances. */
  rateLimitStore?: RateLimitStore;
  /** Passages per answer page. */
  pageSize: number;
  /** Questions offered as buttons by /start. */
  examples: string[];
  log: Logger;
  /** Bounds on reading a document an admin adds (default DEFAULT_DOCUMENT_LIMITS). */
  documents?: DocumentLimits;
  /** Whether admins may add documents from links to private addresses (ALLOW_PRIVATE_URLS). */
  allowPrivateUrls?: boolean;
  /** Where admins' adds queue; one is made when not given (tests pass theirs, to wait for it). */
  adds?: AddQueue;
}

/**
 * Commands that search nothing: those that only tell (help, sources, status, documents, a bare
 * start), and the admins' add and remove, which queue instead of being counted.
 */
const TELLING_COMMANDS = new Set(["help", "sources", "status", "start", "documents", "add", "remove"]);

/**
 * Whether an update the bot acts on asks a search of it: a question, a button, /ask, /start with a
 * question; not a command that only tells, nor an inline query, which Telegram sends at every pause
 * while a question is typed.
 */
function searches(ctx: Context, adminIds: ReadonlySet<number>): boolean {
  // An inline query comes at every pause while a question is typed; an admin's file is offered for adding, not searched.
  if (ctx.inlineQuery || (ctx.message?.document && adminIds.has(ctx.from?.id ?? 0))) return false;
  const text = ctx.message ? textOf(ctx.message) : undefined;
  const command = text === undefined ? undefined : parseCommand(text);
  return !command || !TELLING_COMMANDS.has(command.name) || (command.name === "start" && command.args !== "");
}

/** The bot over `engine`, ready to poll or to take webhook updates (see run.ts). */
export function createBot(engine: AnswerEngine, options: BotOptions): Bot {
  const { log } = options;
  const bot = new Bot(options.token, { client: { apiRoot: options.apiRoot } });
  // 429s wait for retry_after, 5xx and network failures are retried a few times.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 4, maxDelaySeconds: 60 }));
  const conversation = new Conversation(engine, { pageSize: options.pageSize, examples: options.examples, limits: TELEGRAM_LIMITS });
  const library = new DocumentLibrary(engine, options.documents ?? DEFAULT_DOCUMENT_LIMITS, { allowPrivate: options.allowPrivateUrls ?? false });
  const maxDownload = Math.min(TELEGRAM_DOWNLOAD_LIMIT, (options.documents ?? DEFAULT_DOCUMENT_LIMITS).maxBytes);
  const services: BotServices = {
    conversation,
    adminIds: options.adminIds,
    answered: new AnsweredQuestions(),
    log,
    library,
    adds: options.adds ?? new AddQueue(),
    download: (fileId) => downloadFile(bot.api, options.apiRoot, options.token, fileId, maxDownload),
  };

  // Telegram takes one answer per button press: a handler that failed after answering is not answered again.
  const answeredPresses = new WeakSet<Context>();
  bot.catch(async ({ error, ctx }) => {
    log.error("update failed", { update: ctx.update.update_id, chat: ctx.chat?.id, error });
    if (ctx.chat) await sendReply(ctx, noticeReply("failed")).catch(() => undefined);
    if (ctx.callbackQuery && !answeredPresses.has(ctx)) await ctx.answerCallbackQuery().catch(() => undefined);
  });
  bot.use((ctx, next) => {
    // Each update has an Api of its own: this sees this update's calls only.
    if (ctx.callbackQuery) {
      ctx.api.config.use((call, method, payload, signal) => {
        if (method === "answerCallbackQuery") answeredPresses.add(ctx);
        return call(method, payload, signal);
      });
    }
    return next();
  });

  // Updates of one chat are handled in order; different chats run concurrently (with the runner).
  bot.use(sequentialize((ctx: Context) => ctx.chat?.id.toString() ?? ctx.from?.id.toString()));
  // Updates the bot does not act on end here; of those it acts on, only what searches counts against the rate limit.
  const acted = bot.filter((ctx) => actsOn(ctx, isKnownCommand));
  acted
    .filter((ctx) => searches(ctx, options.adminIds))
    .use(
      rateLimit({
        limit: options.rateLimitPerMinute,
        windowMs: 60_000,
        store: options.rateLimitStore ?? new MemoryRateLimitStore(),
        onStoreError: (error) => log.warn("rate limit store unavailable: letting the update through", { error }),
        onLimited: async (ctx, seconds) => {
          log.info("rate limited", { sender: senderKey(ctx) });
          const reply = rateLimitedReply(seconds);
          if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: plainMessage(reply) });
          else await sendReply(ctx, reply);
        },
      }),
    );

  acted.use(commands(services), documents(services), buttons(services), inline(services), questions(services));
  return bot;
}
