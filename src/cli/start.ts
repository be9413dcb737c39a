/**
 * `npm start`: the Telegram bot (long polling, or a webhook when WEBHOOK_URL is set). Without a
 * BOT_TOKEN it says how to get one and opens the terminal chat with the same answers.
 */
import { loadBotSettings, SettingsError } from "../config/settings.js";
import { createLogger } from "../log/logger.js";
import { createBot } from "../telegram/bot.js";
import { startPolling, startWebhook, type RunningBot } from "../telegram/run.js";
import { runTerminalChat } from "./chat.js";
import { openEngine } from "../answer/open-engine.js";

const NO_TOKEN = `No BOT_TOKEN is set, so here is the bot in your terminal instead.
To run it on Telegram: talk to @BotFather, send /newbot, and put the token it gives you
in a .env file as BOT_TOKEN=... (see .env.example), then run npm start again.
`;

async function main(): Promise<void> {
  const settings = loadBotSettings();
  const log = createLogger({ level: settings.logLevel, format: settings.botToken ? settings.logFormat : "text", secrets: settings.botToken ? [settings.botToken] : [] });
  if (!settings.botToken) process.stdout.write(NO_TOKEN);
  const engine = await openEngine(settings, { log });
  if (!settings.botToken) return runTerminalChat(engine, settings.passages);

  const bot = createBot(engine, {
    token: settings.botToken,
    apiRoot: settings.apiRoot,
    adminIds: settings.adminIds,
    rateLimitPerMinute: settings.rateLimitPerMinute,
    pageSize: settings.passages,
    examples: settings.examples,
    log,
  });
  const running: RunningBot = settings.webhook ? await startWebhook(bot, settings.webhook, log) : await startPolling(bot, log);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info("stopping: finishing the updates in flight", { signal });
    await running.stop();
    log.info("stopped");
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  process.stderr.write(error instanceof SettingsError ? `${error.message}\n(see .env.example)\n` : `error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
