/**
 * A Bot API emulator for end-to-end tests: telegram-test-api on loopback, behind a small front
 * server that adds what it lacks (sendChatAction, setMyCommands, answerInlineQuery, setWebhook,
 * inline, non-text and edited-message updates, long-poll waiting, callback queries carrying the
 * pressed message as Telegram sends it, Telegram's refusal of an edit that changes nothing) and
 * can inject faults (429
 * with retry_after, 5xx) into chosen methods. The bot under test talks to the front through
 * TELEGRAM_API_ROOT.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { MessageEntity } from "grammy/types";
import { TelegramServer } from "telegram-test-api/lib/telegramServer.js";

export interface RecordedCall {
  method: string;
  token: string;
  body: Record<string, unknown>;
  at: number;
}

export interface Fault {
  status: number;
  description: string;
  retryAfter?: number;
}

/** Methods the emulator lacks, answered here with what Telegram would answer. */
const ANSWERED_HERE: Record<string, unknown> = {
  sendChatAction: true,
  setMyCommands: true,
  answerInlineQuery: true,
  setWebhook: true,
};

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export class BotApiEmulator {
  readonly calls: RecordedCall[] = [];
  private readonly faults = new Map<string, Fault[]>();
  private readonly injected = new Map<string, Record<string, unknown>[]>();
  private nextInjectedId = 1_000_000;
  /** Messages delivered to bots, by token, chat and message id: what a reply can point to. */
  private readonly delivered = new Map<string, Record<string, unknown>>();
  /** Files users sent, by file_id: what getFile describes and /file/bot<token>/<path> serves. */
  private readonly files = new Map<string, { bytes: Buffer; path: string }>();
  private nextFileId = 1;
  private front?: Server;
  /** The front server's port, kept so that the address stays the same across pause() and resume(). */
  private frontPort = 0;

  private constructor(readonly telegram: TelegramServer) {}

  static async start(): Promise<BotApiEmulator> {
    // A free port for the emulator: find one, then hand it over.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const telegram = new TelegramServer({ port, host: "127.0.0.1", storeTimeout: 3600 });
    await telegram.start();
    const emulator = new BotApiEmulator(telegram);
    emulator.front = createServer((req, res) => {
      emulator.handle(req).then(
        ({ status, body }) =>
          Buffer.isBuffer(body)
            ? res.writeHead(status, { "content-type": "application/octet-stream", "content-length": body.length }).end(body)
            : res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body)),
        (error: Error) => res.writeHead(500).end(JSON.stringify({ ok: false, error_code: 500, description: error.message })),
      );
    });
    await new Promise<void>((resolve) => emulator.front!.listen(0, "127.0.0.1", resolve));
    emulator.frontPort = (emulator.front.address() as AddressInfo).port;
    return emulator;
  }

  /** What the bot uses as TELEGRAM_API_ROOT. */
  get apiRoot(): string {
    return `http://127.0.0.1:${this.frontPort}`;
  }

  /**
   * Stores `bytes` as a file a user sent, as Telegram does: the returned document goes in a message
   * (`document`), getFile describes it and /file/bot<token>/<path> serves it. `size` is the size
   * the message claims (a lie, when it differs).
   */
  addFile(bytes: Buffer, fileName: string, size = bytes.length): { file_id: string; file_unique_id: string; file_name: string; file_size: number } {
    const id = `file-${this.nextFileId++}`;
    this.files.set(id, { bytes, path: `documents/${id}${fileName.slice(fileName.lastIndexOf("."))}` });
    return { file_id: id, file_unique_id: `u${id}`, file_name: fileName, file_size: size };
  }

  /** Makes the next calls of `method` fail, one fault per call, in order. */
  injectFaults(method: string, faults: Fault[]): void {
    this.faults.set(method, [...(this.faults.get(method) ?? []), ...faults]);
  }

  /** Queues a raw update (an inline query, a photo message…) for the bot with `token`. */
  pushUpdate(token: string, update: Record<string, unknown>): void {
    const queue = this.injected.get(token) ?? [];
    queue.push({ update_id: this.nextInjectedId++, ...update });
    this.injected.set(token, queue);
  }

  callsOf(method: string, token?: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && (!token || c.token === token));
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(req.url ?? "");
    if (download) {
      this.calls.push({ method: "file", token: download[1]!, body: { path: download[2] }, at: Date.now() });
      const fault = this.faults.get("file")?.shift();
      if (fault) return { status: fault.status, body: { ok: false, error_code: fault.status, description: fault.description } };
      const file = [...this.files.values()].find((f) => f.path === decodeURIComponent(download[2]!));
      return file ? { status: 200, body: file.bytes } : { status: 404, body: { ok: false, error_code: 404, description: "Not Found" } };
    }
    const match = /^\/bot([^/]+)\/(\w+)/.exec(req.url ?? "");
    const raw = await readBody(req);
    if (!match) return { status: 404, body: { ok: false, error_code: 404, description: "Not Found" } };
    const [, token, method] = match as unknown as [string, string, string];
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    this.calls.push({ method, token, body, at: Date.now() });

    const fault = this.faults.get(method)?.shift();
    if (fault) {
      return {
        status: fault.status,
        body: {
          ok: false,
          error_code: fault.status,
          description: fault.description,
          ...(fault.retryAfter ? { parameters: { retry_after: fault.retryAfter } } : {}),
        },
      };
    }
    if (method === "getFile") {
      const file = this.files.get(String(body.file_id));
      if (!file) return { status: 400, body: { ok: false, error_code: 400, description: "Bad Request: invalid file_id" } };
      return {
        status: 200,
        body: { ok: true, result: { file_id: body.file_id, file_unique_id: `u${body.file_id}`, file_size: file.bytes.length, file_path: file.path } },
      };
    }
    if (method in ANSWERED_HERE) return { status: 200, body: { ok: true, result: ANSWERED_HERE[method] } };
    if (method === "editMessageText") {
      const refusal = this.refusedEdit(token, body);
      if (refusal) return { status: 400, body: { ok: false, error_code: 400, description: `Bad Request: ${refusal}` } };
    }
    if (method === "getUpdates") return { status: 200, body: { ok: true, result: await this.longPoll(token, body, req) } };
    const response = await fetch(`${this.telegram.config.apiURL}${req.url}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: raw || "{}",
    });
    return { status: response.status, body: await response.json() };
  }

  /**
   * Telegram's refusal of an edit that would leave the message as it is, or undefined. (Edits of
   * messages the emulator never sent pass, as tests make up such messages; inject a fault for
   * Telegram's "message to edit not found".)
   */
  private refusedEdit(token: string, body: Record<string, unknown>): string | undefined {
    const stored = this.telegram.storage.botMessages.find(
      (m) => m.botToken === token && String(m.messageId) === String(body.message_id) && String(m.message.chat_id) === String(body.chat_id),
    );
    if (!stored) return undefined;
    const current = stored.message as unknown as Record<string, unknown>;
    const same = (key: string) => JSON.stringify(current[key] ?? null) === JSON.stringify(body[key] ?? null);
    if (same("text") && same("entities") && same("reply_markup")) {
      return (
        "message is not modified: specified new message content and reply markup are exactly the same " + "as a current content and reply markup of the message"
      );
    }
    return undefined;
  }

  /** Waits up to about a second for updates, as Telegram's long polling does (the emulator answers at once). */
  private async longPoll(token: string, body: Record<string, unknown>, req: IncomingMessage): Promise<unknown[]> {
    const deadline = Date.now() + Math.min(1000, Number(body.timeout ?? 0) * 1000);
    // As Telegram does, an update stays queued until a later getUpdates confirms it with a higher
    // offset: one whose response was lost on the way (the network dropped) is delivered again.
    const offset = Number(body.offset ?? 0);
    const queue = (this.injected.get(token) ?? []).filter((u) => (u.update_id as number) >= offset);
    this.injected.set(token, queue);
    for (;;) {
      const updates = [...this.telegram.getUpdates(token), ...queue] as Record<string, unknown>[];
      if (updates.length || Date.now() >= deadline || req.destroyed) return updates.map((u) => this.asTelegramSends(token, u));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /**
   * The update as the Bot API delivers it. telegram-test-api passes a callback query's message on
   * as the test wrote it; Telegram sends the bot's own message, as last edited, with the message it
   * replies to as reply_to_message (which has no reply_to_message of its own). Delivered messages
   * are remembered so that later replies can point to them.
   */
  private asTelegramSends(token: string, update: Record<string, unknown>): Record<string, unknown> {
    // An edited message replaces what a later reply_to_message shows, as on Telegram.
    const message = (update.message ?? update.edited_message) as Record<string, unknown> | undefined;
    if (message?.message_id !== undefined) this.delivered.set(`${token}|${(message.chat as { id: number }).id}|${message.message_id}`, message);
    const query = update.callback_query as { message?: { message_id?: number; chat?: { id: number; type: string } } } | undefined;
    if (query?.message?.message_id === undefined || !query.message.chat) return update;
    const sent = this.botMessageAsDelivered(token, query.message.chat, query.message.message_id, true);
    return sent ? { ...update, callback_query: { chat_instance: String(query.message.chat.id), ...query, message: sent } } : update;
  }

  /** A message the bot sent, in the form Telegram delivers it (with what it replies to, if `withReply`). */
  private botMessageAsDelivered(token: string, chat: { id: number; type: string }, messageId: number, withReply: boolean): Record<string, unknown> | undefined {
    const stored = this.telegram.storage.botMessages.find((m) => m.botToken === token && m.messageId === messageId && Number(m.message.chat_id) === chat.id);
    if (!stored) return undefined;
    const sent = stored.message as unknown as Record<string, unknown>;
    const message: Record<string, unknown> = {
      message_id: messageId,
      from: { id: 666, is_bot: true, first_name: "Test First name", username: "TestNameBot" },
      chat,
      date: Math.floor(stored.time / 1000),
      text: sent.text,
      ...(sent.entities ? { entities: sent.entities } : {}),
      ...(sent.reply_markup ? { reply_markup: sent.reply_markup } : {}),
    };
    const repliedTo = (sent.reply_parameters as { message_id?: number } | undefined)?.message_id ?? (sent.reply_to_message_id as number | undefined);
    if (withReply && repliedTo !== undefined) {
      const original = this.delivered.get(`${token}|${chat.id}|${repliedTo}`) ?? this.botMessageAsDelivered(token, chat, repliedTo, false);
      if (original) {
        const { reply_to_message: _nested, ...withoutNested } = original;
        message.reply_to_message = withoutNested;
      }
    }
    return message;
  }

  /** The bot's messages so far (text as the bot sent it), optionally for one chat. */
  botMessages(token: string, chatId?: number) {
    return this.telegram.storage.botMessages
      .filter((m) => m.botToken === token && (chatId === undefined || Number(m.message.chat_id) === chatId))
      .map((m) => ({ messageId: m.messageId, time: m.time, ...(m.message as unknown as Record<string, unknown>) }) as BotMessage);
  }

  /** Resolves once `predicate` holds, polling; rejects after `timeoutMs`. */
  async waitFor<T>(probe: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value) return value;
      if (Date.now() > deadline) throw new Error("timed out waiting for the bot");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /**
   * Takes the Bot API off the network, as an outage does: the front server stops listening and drops
   * its connections, so calls are refused until resume(). Updates sent meanwhile wait in the emulator.
   */
  async pause(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.front!.close(() => resolve());
      this.front!.closeAllConnections();
    });
  }

  /** Brings the Bot API back at the same address after pause(). */
  async resume(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.front!.once("error", reject).listen(this.frontPort, "127.0.0.1", resolve));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.front?.closeAllConnections();
      this.front?.close(() => resolve());
    });
    await this.telegram.stop();
  }
}

export interface BotMessage {
  messageId: number;
  time: number;
  chat_id: number | string;
  text: string;
  entities?: MessageEntity[];
  parse_mode?: string;
  reply_markup?: { inline_keyboard?: { text: string; callback_data?: string }[][] };
  reply_parameters?: { message_id: number };
}
