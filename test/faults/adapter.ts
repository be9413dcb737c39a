/**
 * The fault suite's only contact with the bot's and the engine's interfaces: opening an engine,
 * creating and starting a bot (polling or webhook), reading a button's index version, telling an
 * "expired" answer, and the text Telegram shows for a bot message. When those interfaces change,
 * this file changes and the scenarios do not.
 */
import { type ChildProcess, spawn } from "node:child_process";
import type { Dirent } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { AnswerEngine } from "../../src/answer/engine.js";
import { openEngine } from "../../src/answer/open-engine.js";
import { loadEngineSettings } from "../../src/config/settings.js";
import type { Logger } from "../../src/log/logger.js";
import { createBot } from "../../src/telegram/bot.js";
import { decodeAction } from "../../src/telegram/callbacks.js";
import { startPolling } from "../../src/telegram/polling.js";
import { startWebhook } from "../../src/telegram/webhook.js";
import { testBotOptions } from "../helpers/bot.js";

export type { AnswerEngine } from "../../src/answer/engine.js";

/** A running bot, however it takes updates. */
export interface FaultBot {
  token: string;
  engine: AnswerEngine;
  /** The webhook address (webhook bots only). */
  url?: string;
  secret?: string;
  stop(): Promise<void>;
}

/** An engine over `corpusDir` with its index in `indexDir`, keyword search only (no model). */
export function openTestEngine(corpusDir: string, indexDir: string): Promise<AnswerEngine> {
  return openEngine(loadEngineSettings({ CORPUS_DIR: corpusDir, INDEX_DIR: indexDir, EMBEDDINGS: "off" }));
}

export interface BotSetup {
  engine: AnswerEngine;
  token: string;
  apiRoot: string;
  log: Logger;
  adminIds?: number[];
  rateLimitPerMinute?: number;
}

function makeBot({ engine, token, apiRoot, log, adminIds = [], rateLimitPerMinute = 1000 }: BotSetup) {
  return createBot(
    engine,
    testBotOptions(token, apiRoot, { adminIds: new Set(adminIds), rateLimitPerMinute, examples: ["خالد مشعل في موسكو", "How did Russia react?"], log }),
  );
}

/** A bot taking updates by long polling. */
export async function startPollingBot(setup: BotSetup): Promise<FaultBot> {
  const running = await startPolling(makeBot(setup), setup.log);
  return { token: setup.token, engine: setup.engine, stop: () => running.stop() };
}

/** A bot taking updates on a webhook served on a free loopback port. */
export async function startWebhookBot(setup: BotSetup, secret = "fault-suite-secret-0123456789"): Promise<FaultBot> {
  const running = await startWebhook(makeBot(setup), { url: "https://bot.example.org/telegram", port: 0, secret, host: "127.0.0.1" }, setup.log);
  const url = `http://127.0.0.1:${(running.server.address() as AddressInfo).port}/`;
  return { token: setup.token, engine: setup.engine, url, secret, stop: () => running.stop() };
}

/** The header a webhook request carries the secret in. */
export const SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

/** The index version a button's data was made for, or undefined when it names none. */
export function buttonVersion(data: string): string | undefined {
  const action = decodeAction(data);
  return action && "version" in action ? action.version : undefined;
}

/** The versions of every complete index under `indexDir`, as buttons name them. */
export async function versionsOnDisk(indexDir: string): Promise<Set<string>> {
  const versions = new Set<string>();
  const visit = async (dir: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.isDirectory()) await visit(join(dir, entry.name));
      else if (entry.name === "manifest.json") {
        try {
          const manifest = JSON.parse(await readFile(join(dir, entry.name), "utf8")) as { passagesHash?: string };
          if (manifest.passagesHash) versions.add(manifest.passagesHash.slice(0, 8));
        } catch {
          // A manifest being written or damaged names no usable version.
        }
      }
    }
  };
  await visit(indexDir);
  return versions;
}

/** Whether an answer to a button press says the button has expired. */
export function saysExpired(text: unknown): boolean {
  return typeof text === "string" && /expired|انتهت صلاحية/i.test(text);
}

/** Whether a bot message is the "something went wrong" reply a failed update gets. */
export function saysFailed(text: unknown): boolean {
  return typeof text === "string" && /Something went wrong|حدث خطأ/.test(text);
}

/** The text a user sees for what the bot sent (its markup parsed away). */
export function visibleText(body: { text?: unknown; parse_mode?: unknown }): string {
  const text = typeof body.text === "string" ? body.text : "";
  if (body.parse_mode !== "HTML") return text;
  return text
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([\da-f]+);/gi, (_m, n: string) => String.fromCodePoint(Number.parseInt(n, 16)))
    .replace(/&amp;/g, "&");
}

/**
 * `npm start` as its own process (node with tsx, as the npm script runs it), configured by
 * `env` on top of a clean keyword-only setup: the bot exactly as a deployer runs it.
 */
export function spawnBotProcess(root: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ["--optimize-for-size", "--import", "tsx", "src/cli/start.ts"], {
    cwd: root,
    env: { ...process.env, EMBEDDINGS: "off", LOG_FORMAT: "json", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** The environment that makes `npm start` serve a webhook on `port` through the Bot API at `apiRoot`. */
export function webhookEnvironment(options: {
  token: string;
  apiRoot: string;
  port: number;
  secret: string;
  corpusDir: string;
  indexDir: string;
}): Record<string, string> {
  return {
    BOT_TOKEN: options.token,
    TELEGRAM_API_ROOT: options.apiRoot,
    WEBHOOK_URL: "https://bot.example.org/telegram",
    WEBHOOK_SECRET: options.secret,
    WEBHOOK_PORT: String(options.port),
    CORPUS_DIR: options.corpusDir,
    INDEX_DIR: options.indexDir,
    RATE_LIMIT_PER_MINUTE: "60",
  };
}

/** Whether a log line of the bot process says the webhook is being served. */
export const WEBHOOK_READY = /webhook listening/;
