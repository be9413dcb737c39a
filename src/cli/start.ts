/**
 * `npm start`: the Telegram bot (long polling, or a webhook when WEBHOOK_URL is set). Without a
 * BOT_TOKEN it says how to get one and opens the terminal chat with the same answers.
 */
import { Redis } from "ioredis";
import { followIndex } from "../answer/follow-index.js";
import { openEngine } from "../answer/open-engine.js";
import { loadBotSettings, SettingsError } from "../config/settings.js";
import { createLogger } from "../log/logger.js";
import { createBot } from "../telegram/bot.js";
import { AddQueue } from "../telegram/documents.js";
import { startPolling } from "../telegram/polling.js";
import { MemoryRateLimitStore, RedisRateLimitStore } from "../telegram/rate-limit.js";
import type { RunningBot } from "../telegram/run.js";
import { startWebhook } from "../telegram/webhook.js";
import { runTerminalChat } from "./chat.js";

const NO_TOKEN = `No BOT_TOKEN is set, so here is the bot in your terminal instead.
To run it on Telegram: talk to @BotFather, send /newbot, and put the token it gives you
in a .env file as BOT_TOKEN=... (see .env.example), then run npm start again.
`;

async function main(): Promise<void> {
  const settings = loadBotSettings();
  const log = createLogger({
    level: settings.logLevel,
    format: settings.botToken ? settings.logFormat : "text",
    secrets: settings.botToken ? [settings.botToken] : [],
  });
  if (!settings.botToken) process.stdout.write(NO_TOKEN);
  const engine = await openEngine(settings, { log });
  if (!settings.botToken) return runTerminalChat(engine, settings.passages, settings.examples);

  // Fail fast while Redis is unreachable (no queueing): the rate limit then lets updates through.
  const redis = settings.redisUrl ? new Redis(settings.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false }) : undefined;
  let redisDown = false; // said once when Redis goes away, once when it is back: not at every retry
  redis?.on("error", (error) => {
    if (!redisDown) log.warn("redis unavailable: rate limits let updates through until it is back", { error: error.message });
    redisDown = true;
  });
  redis?.on("ready", () => {
    if (redisDown) log.info("redis is back");
    redisDown = false;
  });
  const adds = new AddQueue();
  const bot = createBot(engine, {
    token: settings.botToken,
    apiRoot: settings.apiRoot,
    adminIds: settings.adminIds,
    rateLimitPerMinute: settings.rateLimitPerMinute,
    rateLimitStore: redis ? new RedisRateLimitStore(redis) : new MemoryRateLimitStore(),
    pageSize: settings.passages,
    examples: settings.examples,
    log,
    documents: settings.documents,
    allowPrivateUrls: settings.allowPrivateUrls,
    adds,
  });
  const running: RunningBot = settings.webhook ? await startWebhook(bot, settings.webhook, log) : await startPolling(bot, log);
  const stopFollowing = settings.indexRefreshSeconds > 0 ? followIndex(engine, settings.indexRefreshSeconds, log) : () => undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info("stopping: finishing the updates in flight", { signal });
    stopFollowing();
    await running.stop();
    // Adds already acknowledged finish (each is written whole or not at all, so a second signal may cut one short safely).
    await adds.idle();
    redis?.disconnect();
    log.info("stopped");
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  process.stderr.write(
    error instanceof SettingsError ? `${error.message}\n(see .env.example)\n` : `error: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
