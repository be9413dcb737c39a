/**
 * Running the bot: long polling through grammY's runner (updates of different chats processed
 * concurrently, each chat in order), or a webhook server that checks Telegram's secret token on
 * every request. Either way, stop() stops taking updates and waits for those in flight.
 */
import { createServer, type Server } from "node:http";
import { run } from "@grammyjs/runner";
import { webhookCallback, type Bot } from "grammy";
import type { Logger } from "../log/logger.js";
import { registerCommands } from "./bot.js";

export interface RunningBot {
  stop(): Promise<void>;
}

const ALLOWED_UPDATES = ["message", "callback_query", "inline_query"] as const;

/** Checks the token with getMe; a refused token is reported plainly. */
async function initialize(bot: Bot, log: Logger): Promise<void> {
  try {
    await bot.init();
  } catch (error) {
    throw new Error(`Telegram refused the bot token or could not be reached (${(error as Error).message}). Check BOT_TOKEN and TELEGRAM_API_ROOT.`);
  }
  log.info("connected to Telegram", { bot: bot.botInfo.username });
  void registerCommands(bot, log);
}

export async function startPolling(bot: Bot, log: Logger): Promise<RunningBot> {
  await initialize(bot, log);
  await bot.api.deleteWebhook().catch((error: unknown) => log.warn("could not remove a webhook", { error }));
  const handle = run(bot, { runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES] } } });
  log.info("polling for updates");
  return {
    async stop() {
      if (handle.isRunning()) await handle.stop();
    },
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
  const handle = webhookCallback(bot, "http", { secretToken: options.secret, onTimeout: "return", timeoutMilliseconds: 50_000 });
  let inFlight = 0;
  let drained: (() => void) | undefined;
  const server = createServer((req, res) => {
    inFlight++;
    res.on("close", () => {
      if (--inFlight === 0) drained?.();
    });
    handle(req, res).catch((error: unknown) => {
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
