/**
 * Running the bot: long polling through grammY's runner (updates of different chats processed
 * concurrently, each chat in order), or a webhook server that checks Telegram's secret token on
 * every request. Either way, stop() stops taking updates and waits for those in flight.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { run } from "@grammyjs/runner";
import { type Bot, GrammyError, type Transformer, webhookCallback } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "../log/logger.js";
import { registerCommands } from "./bot.js";

export interface RunningBot {
  stop(): Promise<void>;
}

type GrammySignal = NonNullable<Parameters<Bot["init"]>[0]>;

const ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "inline_query"] as const;

/**
 * How long start-up waits for Telegram to answer getMe. grammY and the auto-retry plugin retry a
 * network failure for ever (with growing pauses), and a Bot API that accepts connections but never
 * answers is waited on for minutes: without a deadline an unreachable API looked like a hung bot.
 */
export const CONNECT_TIMEOUT_MS = 15_000;

/** One line about `error`, without the bot token (a network error may quote the URL it fetched). */
function describeError(bot: Bot, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replaceAll(bot.token, "<token>").replace(/\s+/g, " ").trim();
}

/** Checks the token with getMe within CONNECT_TIMEOUT_MS; a refused token or an unreachable API is reported in one line. */
async function initialize(bot: Bot, log: Logger): Promise<void> {
  try {
    // grammY types its signal as the abort-controller package's, which Node's signal is at run time.
    await bot.init(AbortSignal.timeout(CONNECT_TIMEOUT_MS) as unknown as GrammySignal);
  } catch (error) {
    if (error instanceof GrammyError) {
      throw new Error(`Telegram refused the bot token (${describeError(bot, error)}). Check BOT_TOKEN and TELEGRAM_API_ROOT.`);
    }
    // When the deadline ends the retries, grammY's last words are about the abort, not the cause.
    const reason = error instanceof Error && /abort/i.test(error.message) ? "getMe got no answer" : describeError(bot, error);
    throw new Error(`could not reach the Telegram Bot API within ${CONNECT_TIMEOUT_MS / 1000} s (${reason}). Check TELEGRAM_API_ROOT and the network.`);
  }
  log.info("connected to Telegram", { bot: bot.botInfo.username });
  void registerCommands(bot, log);
}

/** Long-poll duration asked of Telegram, in seconds. */
const POLL_TIMEOUT_S = 10;
/** A poll that has not returned this long after its long-poll duration is taken as a lost connection. */
const POLL_GRACE_MS = 5_000;
/** Pauses between polls while Telegram cannot be reached: doubling from the first, never over the last. */
const RECONNECT_DELAY_MS = { first: 1_000, max: 30_000 };

/**
 * Watches getUpdates for the runner. The auto-retry plugin retries a failed poll with pauses that
 * double up to an hour and says nothing; the runner's own retry prints errors to the console,
 * underlying network error included. Here each poll gets a deadline; a poll that fails or misses
 * it is logged (once per outage), retried after a pause that doubles up to 30 s, and the recovery
 * is logged too. The runner only ever sees polls that worked, or its own stop.
 */
function watchPolling(log: Logger, token: string): Transformer {
  let failingSince: number | undefined;
  let delay = RECONNECT_DELAY_MS.first;
  return async (prev, method, payload, signal) => {
    if (method !== "getUpdates") return prev(method, payload, signal);
    const pollSeconds = Number((payload as { timeout?: number }).timeout ?? 0);
    for (;;) {
      const deadline = AbortSignal.timeout(pollSeconds * 1000 + POLL_GRACE_MS);
      try {
        const result = await prev(
          method,
          payload,
          (signal ? AbortSignal.any([signal as unknown as AbortSignal, deadline]) : deadline) as unknown as GrammySignal,
        );
        if (failingSince !== undefined) {
          log.info("connection to Telegram is back", { outageSeconds: Math.round((Date.now() - failingSince) / 1000) });
          failingSince = undefined;
          delay = RECONNECT_DELAY_MS.first;
        }
        return result;
      } catch (error) {
        if (signal?.aborted) throw error;
        // Telegram answered, and said no (a revoked token, another poller): the runner decides, as before.
        if (error instanceof GrammyError && error.error_code < 500 && error.error_code !== 429) throw error;
        const reason = (error instanceof Error ? error.message : String(error)).replaceAll(token, "<token>");
        if (failingSince === undefined) {
          failingSince = Date.now();
          log.warn("lost the connection to Telegram; retrying with backoff", { reason });
        } else log.debug("still no connection to Telegram", { reason, retryInMs: delay });
        // The pause ends early when the runner stops, so that stopping never waits out a backoff.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay);
          (signal as unknown as AbortSignal | undefined)?.addEventListener(
            "abort",
            () => {
              clearTimeout(timer);
              resolve();
            },
            { once: true },
          );
        });
        delay = Math.min(delay * 2, RECONNECT_DELAY_MS.max);
        if (signal?.aborted) throw error;
      }
    }
  };
}

export async function startPolling(bot: Bot, log: Logger): Promise<RunningBot> {
  await initialize(bot, log);
  await bot.api.deleteWebhook().catch((error: unknown) => log.warn("could not remove a webhook", { error }));
  bot.api.config.use(watchPolling(log, bot.token));
  const handle = run(bot, { runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES], timeout: POLL_TIMEOUT_S }, silent: true } });
  log.info("polling for updates");
  return {
    async stop() {
      if (handle.isRunning()) await handle.stop();
    },
  };
}

/** The largest webhook body read. Telegram's updates are a few kilobytes; anything larger is refused with 413. */
export const WEBHOOK_MAX_BODY_BYTES = 1024 * 1024;

/** A webhook request the server refuses, with the HTTP status that says why. */
class WebhookRequestError extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
  }
}

/** The request's JSON body, read up to WEBHOOK_MAX_BODY_BYTES; rejects with a WebhookRequestError otherwise. */
function readUpdate(req: IncomingMessage): Promise<Update> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers["content-length"] ?? 0) > WEBHOOK_MAX_BODY_BYTES) {
      return reject(new WebhookRequestError(413, "webhook body over the size limit"));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > WEBHOOK_MAX_BODY_BYTES) {
        // Stop reading: what is still on its way is never buffered.
        req.removeAllListeners("data").pause();
        reject(new WebhookRequestError(413, "webhook body over the size limit"));
      } else chunks.push(chunk);
    });
    req.once("end", () => {
      try {
        const update: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        if (typeof update !== "object" || update === null || Array.isArray(update)) throw new Error("not an object");
        resolve(update as Update);
      } catch (error) {
        reject(new WebhookRequestError(400, `webhook body is not a JSON update: ${(error as Error).message}`));
      }
    });
    req.once("error", reject);
  });
}

/**
 * grammY's "http" adapter with a capped, checked body: grammY checks the secret token before it
 * asks for the update, so a request without the secret is refused (401) before its body is read.
 */
function cappedHttpAdapter(req: IncomingMessage, res: ServerResponse) {
  const header = req.headers["x-telegram-bot-api-secret-token"];
  return {
    get update() {
      return readUpdate(req);
    },
    header: Array.isArray(header) ? header[0] : header,
    end: () => void res.end(),
    respond: (json: string) => void res.writeHead(200, { "Content-Type": "application/json" }).end(json),
    unauthorized: () => void res.writeHead(401).end("secret token is wrong"),
    // Says that the handler returns nothing but its promise (grammY's adapters type it so).
    handlerReturn: undefined,
  };
}

export interface WebhookOptions {
  url: string;
  port: number;
  secret: string;
  /** Where to listen; all interfaces by default. */
  host?: string;
}

/** Serves updates posted to `port`, and tells Telegram to post them to `url` with `secret`. */
export async function startWebhook(bot: Bot, options: WebhookOptions, log: Logger): Promise<RunningBot & { server: Server }> {
  await initialize(bot, log);
  const handle = webhookCallback(bot, cappedHttpAdapter, { secretToken: options.secret, onTimeout: "return", timeoutMilliseconds: 50_000 });
  let inFlight = 0;
  let drained: (() => void) | undefined;
  const server = createServer((req, res) => {
    // Telegram only ever POSTs updates.
    if (req.method !== "POST") {
      res.writeHead(405, { allow: "POST" }).end();
      return;
    }
    inFlight++;
    res.on("close", () => {
      if (--inFlight === 0) drained?.();
    });
    handle(req, res).catch((error: unknown) => {
      if (error instanceof WebhookRequestError) {
        log.warn("webhook request refused", { status: error.status, reason: error.message });
        // A body cut short is not read further: the connection is closed once the answer is out.
        if (!res.headersSent) res.writeHead(error.status, error.status === 413 ? { connection: "close" } : {}).end();
        return;
      }
      log.error("webhook request failed", { error });
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(options.port, options.host, resolve));
  await bot.api.setWebhook(options.url, { secret_token: options.secret, allowed_updates: [...ALLOWED_UPDATES] });
  log.info("webhook listening", { port: options.port });
  return {
    server,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        if (inFlight === 0) resolve();
        else drained = resolve;
      });
    },
  };
}
