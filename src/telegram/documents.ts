/**
 * Admins manage the documents from the chat: a file sent (or a link given) is offered for adding,
 * and added with /add (a caption, a reply, or a link after it) or the offer's button; /documents
 * lists them; /remove ID takes one out after a confirmation button. Anyone else who sends a file
 * in a private chat is told, politely, that only admins add documents; in a group, a file is added
 * only when an admin sends it with /add addressed to the bot.
 *
 * An add runs in the background, one at a time per admin (AddQueue), so that the admin's chat,
 * which the bot handles in order, goes on answering questions meanwhile; its status message is
 * edited as it goes and ends as the report.
 */
import { Composer, type Context } from "grammy";
import type { Message } from "grammy/types";
import { LibraryError } from "../answer/library.js";
import type { CommandText } from "../conversation/command.js";
import {
  addedReply,
  addingReply,
  addOfferReply,
  addOnlyAdminsReply,
  addUsageReply,
  documentsReply,
  notChangedReply,
  removeConfirmReply,
  removedReply,
  removeUsageReply,
} from "../conversation/library-replies.js";
import { noticeReply } from "../conversation/replies.js";
import type { UiLanguage } from "../conversation/texts.js";
import { sizeLabel } from "../log/logger.js";
import { decodeAction } from "./callbacks.js";
import { DownloadError, TELEGRAM_DOWNLOAD_LIMIT } from "./download.js";
import { plainMessage } from "./format.js";
import { type BotServices, editReply, isAdmin, refuse, sendReply } from "./send.js";

/** How often the status message of a long add is updated. */
const PROGRESS_EVERY_MS = 5_000;

/** A message that is only a web address. */
const LINK_ONLY = /^\s*(https?:\/\/\S+)\s*$/i;

/** What an admin asked to add: a Telegram file, or a link. */
type Source = { kind: "file"; fileId: string; name: string; size?: number } | { kind: "link"; url: string };

/** The admin's language, from their Telegram client: Arabic when it is set to Arabic. */
function senderLanguage(ctx: Context): UiLanguage {
  return ctx.from?.language_code?.toLowerCase().startsWith("ar") ? "ar" : "en";
}

/** The document or link `message` offers, if any. */
function sourceOf(message: Message | undefined): Source | undefined {
  if (!message) return undefined;
  if (message.document)
    return { kind: "file", fileId: message.document.file_id, name: message.document.file_name ?? "document", size: message.document.file_size };
  const link = LINK_ONLY.exec(message.text ?? "")?.[1];
  return link ? { kind: "link", url: link } : undefined;
}

/**
 * Adds run one at a time per admin, in the order sent; each knows how many are ahead of it. The
 * last file or link offered in each chat is kept for a following /add (in this process: on another
 * instance, /add in reply to the file works).
 */
export class AddQueue {
  private readonly queues = new Map<number, { tail: Promise<void>; length: number }>();
  private readonly offers = new Map<number, { source: Source; messageId: number }>();

  offer(chat: number, source: Source, messageId: number): void {
    this.offers.delete(chat);
    this.offers.set(chat, { source, messageId });
    // A few hundred chats' last offers at most: the oldest go first.
    if (this.offers.size > 500) this.offers.delete(this.offers.keys().next().value!);
  }

  /** The file or link offered last in `chat`, taken (a second /add does not add it again). */
  takeOffer(chat: number): { source: Source; messageId: number } | undefined {
    const offer = this.offers.get(chat);
    this.offers.delete(chat);
    return offer;
  }

  /** How many of `admin`'s adds are queued or running. */
  length(admin: number): number {
    return this.queues.get(admin)?.length ?? 0;
  }

  /** Queues `job` for `admin`, after theirs already queued. */
  enqueue(admin: number, job: () => Promise<void>): void {
    const queue = this.queues.get(admin) ?? { tail: Promise.resolve(), length: 0 };
    queue.length++;
    queue.tail = queue.tail.then(job).finally(() => {
      if (--queue.length === 0) this.queues.delete(admin);
    });
    this.queues.set(admin, queue);
  }

  /** Resolves when every queued add has finished (for stopping, and for tests). */
  async idle(): Promise<void> {
    while (this.queues.size) await Promise.all([...this.queues.values()].map((q) => q.tail));
  }
}

/** Starts adding `source` for the admin of `ctx`: a status message now, the work in the background. */
async function startAdd(ctx: Context, services: BotServices, source: Source, replyTo: number): Promise<void> {
  const { library, adds, log } = services;
  const admin = ctx.from!.id;
  const language = senderLanguage(ctx);
  const name = source.kind === "file" ? source.name : source.url;
  const [sent] = await sendReply(ctx, addingReply(language, name, { queued: adds.length(admin) }), replyTo);
  const status = { chat: ctx.chat!.id, message: sent!.message_id };
  adds.enqueue(admin, async () => {
    const started = Date.now();
    let waiting = false;
    // Edits go out one after the other (one may wait out a 429), and none after the last: the report.
    let edits: Promise<unknown> = Promise.resolve();
    let reported = false;
    const say = (reply: Parameters<typeof editReply>[1], last = false) => {
      if (reported) return edits;
      reported = last;
      edits = edits.then(() => editReply(ctx, reply, status).catch((error: unknown) => log.warn("status edit failed", { error })));
      return edits;
    };
    const ticker = setInterval(() => void say(addingReply(language, name, { waiting, seconds: Math.round((Date.now() - started) / 1000) })), PROGRESS_EVERY_MS);
    const lock = {
      onWait: () => {
        waiting = true;
        void say(addingReply(language, name, { waiting }));
      },
    };
    try {
      if (source.kind === "file" && (source.size ?? 0) > TELEGRAM_DOWNLOAD_LIMIT) {
        throw new LibraryError("too-big", `${sizeLabel(source.size!)}: Telegram lets bots download files of up to ${sizeLabel(TELEGRAM_DOWNLOAD_LIMIT)}`);
      }
      const report =
        source.kind === "link"
          ? await library.addLink(source.url, { addedBy: String(admin) }, lock)
          : await library.add({ bytes: await services.download(source.fileId), fileName: source.name, addedBy: String(admin) }, lock);
      log.info("document added", { admin, id: report.id, passages: report.passages, ms: Date.now() - started });
      await say(addedReply(report, language), true);
    } catch (error) {
      if (error instanceof LibraryError) {
        log.info("document not added", { admin, reason: error.kind });
        await say(notChangedReply("not-added", error.kind, error.message, language), true);
      } else if (error instanceof DownloadError) {
        log.warn("document download failed", { admin, error: error.message });
        await say(notChangedReply("not-added", "download-failed", error.message, language), true);
      } else {
        log.error("adding a document failed", { admin, error });
        await say(noticeReply("failed"), true);
      }
    } finally {
      clearInterval(ticker);
    }
  });
}

/** /add: the file of this message or of the one it replies to, or the link after it. */
export async function addCommand(ctx: Context & { message: Message }, services: BotServices, command: CommandText): Promise<unknown> {
  if (!isAdmin(ctx, services)) return refuse(ctx, services, "/add");
  const link = LINK_ONLY.exec(command.args)?.[1];
  if (link) return startAdd(ctx, services, { kind: "link", url: link }, ctx.message.message_id);
  const own = sourceOf(ctx.message);
  if (own) return startAdd(ctx, services, own, ctx.message.message_id);
  const replied = ctx.message.reply_to_message;
  const inReply = sourceOf(replied);
  const offer = inReply ? { source: inReply, messageId: replied!.message_id } : services.adds.takeOffer(ctx.message.chat.id);
  if (!offer) return sendReply(ctx, addUsageReply(senderLanguage(ctx)));
  return startAdd(ctx, services, offer.source, offer.messageId);
}

/** /documents: the list, for admins. */
export async function documentsCommand(ctx: Context, services: BotServices): Promise<unknown> {
  if (!isAdmin(ctx, services)) return refuse(ctx, services, "/documents");
  return sendReply(ctx, documentsReply(await services.library.list(), senderLanguage(ctx)));
}

/** /remove ID: asks to confirm with a button that names the document by its place in this index version. */
export async function removeCommand(ctx: Context, services: BotServices, command: CommandText): Promise<unknown> {
  if (!isAdmin(ctx, services)) return refuse(ctx, services, "/remove");
  const language = senderLanguage(ctx);
  const id = command.args.trim();
  if (!id) return sendReply(ctx, removeUsageReply(language));
  const engine = services.conversation.engine;
  // The position and the version are read together, before any wait: the index may change meanwhile.
  const [documents, version] = [engine.documents(), engine.status().version];
  const position = documents.findIndex((d) => d.meta.id === id);
  if (position < 0) return sendReply(ctx, notChangedReply("not-removed", "no-such-document", "", language));
  const { meta } = documents[position]!;
  return sendReply(ctx, removeConfirmReply({ id: meta.id, title: meta.title }, position, version, language));
}

/** Files and links sent to the bot, and the add and remove buttons. */
export function documents(services: BotServices): Composer<Context> {
  const composer = new Composer<Context>();
  composer.on("message:document", async (ctx, next) => {
    // In a group, a file is added only with /add (commands.ts); its caption, addressed to the bot, is a question as any other.
    if (ctx.chat.type !== "private") return next();
    if (!isAdmin(ctx, services)) return sendReply(ctx, addOnlyAdminsReply(senderLanguage(ctx)));
    // (A file with the caption /add is a command, which commands.ts, before this, sends to addCommand.)
    services.adds.offer(ctx.chat.id, sourceOf(ctx.message)!, ctx.message.message_id);
    return sendReply(ctx, addOfferReply(senderLanguage(ctx)), ctx.message.message_id);
  });
  // An admin's message that is only a link is offered for adding, not searched as a question.
  composer.on("message:text", async (ctx, next) => {
    if (ctx.chat.type !== "private" || !isAdmin(ctx, services) || !LINK_ONLY.test(ctx.message.text)) return next();
    services.adds.offer(ctx.chat.id, sourceOf(ctx.message)!, ctx.message.message_id);
    return sendReply(ctx, addOfferReply(senderLanguage(ctx)), ctx.message.message_id);
  });
  composer.on("callback_query:data", async (ctx, next) => {
    const action = decodeAction(ctx.callbackQuery.data);
    if (action?.kind !== "add" && action?.kind !== "remove") return next();
    const language = senderLanguage(ctx);
    const pressed = ctx.callbackQuery.message;
    if (!isAdmin(ctx, services) || !pressed) return ctx.answerCallbackQuery({ text: plainMessage(noticeReply(pressed ? "not-admin" : "stale-button")) });
    if (action.kind === "add") {
      const original = "reply_to_message" in pressed ? pressed.reply_to_message : undefined;
      const source = sourceOf(original);
      if (!source) return ctx.answerCallbackQuery({ text: plainMessage(noticeReply("stale-button")) });
      await ctx.answerCallbackQuery();
      await ctx.editMessageReplyMarkup().catch(() => undefined);
      return startAdd(ctx, services, source, original!.message_id);
    }
    const engine = services.conversation.engine;
    const document = engine.status().version === action.version ? engine.documents()[action.position] : undefined;
    if (!document) return ctx.answerCallbackQuery({ text: plainMessage(noticeReply("stale-button")) });
    await ctx.answerCallbackQuery();
    const target = { chat: pressed.chat.id, message: pressed.message_id };
    try {
      const removed = await services.library.remove(document.meta.id);
      services.log.info("document removed", { admin: ctx.from.id, id: removed.id });
      await editReply(ctx, removedReply(removed, language), target);
    } catch (error) {
      if (!(error instanceof LibraryError)) throw error;
      await editReply(ctx, notChangedReply("not-removed", error.kind, error.message, language), target);
    }
  });
  return composer;
}
