/**
 * The webhook server: updates POSTed by Telegram, each request's secret token checked and its body
 * capped, answered in the response where grammY can.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { type Bot, webhookCallback } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "../log/logger.js";
import { ALLOWED_UPDATES, initialize, type RunningBot } from "./run.js";

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
