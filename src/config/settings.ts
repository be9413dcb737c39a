/**
 * Settings, from the environment and a .env file (dotenv; the environment wins). Every setting is
 * documented in .env.example. Each bad value is reported with what was expected.
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import dotenv from "dotenv";
import type { ModelSource } from "../embedding/embedder.js";
import type { LogLevel } from "../log/logger.js";
import { DEFAULT_DOCUMENT_LIMITS, DEFAULT_MODEL, DEFAULT_PASSAGES, type DocumentLimits, type FloorSettings } from "./defaults.js";
import { RETRIEVERS } from "./tuning.js";

export { DEFAULT_MODEL } from "./defaults.js";

/** The repository root: default folders are found from here wherever the command runs. */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export const DEFAULT_TELEGRAM_API_ROOT = "https://api.telegram.org";

export interface EngineSettings {
  /** The corpus folder; undefined means the one the index in indexDir was built from. */
  corpusDir: string | undefined;
  indexDir: string;
  /** Where the embedding model comes from, or null for keyword-only search (EMBEDDINGS=off). */
  model: ModelSource | null;
  /** Passages per answer. */
  passages: number;
  /** When a question counts as having no answer in the corpus, or an answer: floors in place of the fitted ones. */
  floors: FloorSettings;
  /** Whether English questions are translated to search the Arabic documents by keyword (CROSS_LINGUAL). */
  crossLingual: boolean;
  /** Bounds on reading one PDF, Word, web page or e-book file. */
  documents: DocumentLimits;
  /** Whether documents may be added from links to private, loopback and link-local addresses (ALLOW_PRIVATE_URLS). */
  allowPrivateUrls: boolean;
  logLevel: LogLevel;
}

export interface BotSettings extends EngineSettings {
  /** Absent: `npm start` runs the terminal chat instead of the bot. */
  botToken?: string;
  apiRoot: string;
  adminIds: Set<number>;
  /** Questions one user may ask per minute before being asked to slow down. */
  rateLimitPerMinute: number;
  /** Redis, for state several instances share (rate limits); absent: kept in the process. */
  redisUrl?: string;
  /** Seconds between checks for an index another instance (or `npm run index`) wrote; 0: never. */
  indexRefreshSeconds: number;
  webhook?: { url: string; port: number; secret: string };
  logFormat: "json" | "text";
  /** Questions /start offers as buttons. */
  examples: string[];
}

/** Example questions for the seed corpus; deployers set EXAMPLE_QUESTIONS for theirs. */
export const DEFAULT_EXAMPLES = ["هل صنفت روسيا حماس منظمة إرهابية؟", "متى استضاف بوتين خالد مشعل في موسكو؟", "How did Russia react to the October 7 attack?"];

/** One or more settings are invalid; the message lists each. */
export class SettingsError extends Error {
  override name = "SettingsError";
  constructor(readonly problems: string[]) {
    super(`invalid settings:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

type Env = Record<string, string | undefined>;

/** The process environment with .env (from the working folder, else the project root) beneath it. */
export function readEnvironment(): Env {
  const fromFile: Env = {};
  dotenv.config({ path: [resolve(".env"), resolve(PROJECT_ROOT, ".env")], processEnv: fromFile as dotenv.DotenvPopulateInput, quiet: true });
  return { ...fromFile, ...process.env };
}

class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  string(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value ? value : undefined;
  }

  fraction(name: string, fallback: number): number {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0 || value > 1) {
      this.problems.push(`${name}=${raw}: expected a number from 0 to 1`);
      return fallback;
    }
    return value;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems.push(`${name}=${raw}: expected a whole number from ${min} to ${max}`);
      return fallback;
    }
    return value;
  }

  choice<T extends string>(name: string, choices: readonly T[], fallback: T): T {
    const raw = this.string(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (!choices.includes(raw as T)) {
      this.problems.push(`${name}=${raw}: expected one of ${choices.join(", ")}`);
      return fallback;
    }
    return raw as T;
  }

  url(name: string, fallback?: string): string | undefined {
    const raw = this.string(name) ?? fallback;
    if (raw === undefined) return undefined;
    try {
      const url = new URL(raw);
      if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error();
      return raw.replace(/\/+$/, "");
    } catch {
      this.problems.push(`${name}=${raw}: expected an http:// or https:// address`);
      return fallback;
    }
  }

  redisUrl(name: string): string | undefined {
    const raw = this.string(name);
    if (raw === undefined) return undefined;
    if (!/^rediss?:\/\/\S+$/.test(raw)) {
      this.problems.push(`${name}: expected a redis:// or rediss:// address`);
      return undefined;
    }
    return raw;
  }

  path(name: string, fallback: string): string {
    return resolve(this.string(name) ?? resolve(PROJECT_ROOT, fallback));
  }
}

function engineSettings(read: Reader): EngineSettings {
  const modelDir = read.string("EMBEDDING_MODEL_DIR");
  const embeddings = read.choice("EMBEDDINGS", ["on", "off"] as const, "on");
  let model: ModelSource | null = null;
  if (embeddings === "on") {
    model = modelDir
      ? { kind: "folder", dir: resolve(modelDir) }
      : { kind: "hub", id: read.string("EMBEDDING_MODEL") ?? DEFAULT_MODEL, cacheDir: read.path("MODEL_CACHE_DIR", ".cache/models") };
  }
  return {
    corpusDir: read.path("CORPUS_DIR", "corpus"),
    indexDir: read.path("INDEX_DIR", "index"),
    model,
    passages: read.integer("ANSWER_PASSAGES", DEFAULT_PASSAGES, 1, 10),
    floors: {
      keyword: {
        none: read.fraction("MIN_KEYWORD_COVERAGE", RETRIEVERS.keyword.none),
        answer: read.fraction("ANSWER_KEYWORD_COVERAGE", RETRIEVERS.keyword.answer),
      },
      dense: { none: read.fraction("MIN_SIMILARITY", RETRIEVERS.dense.none), answer: read.fraction("ANSWER_SIMILARITY", RETRIEVERS.dense.answer) },
    },
    crossLingual: read.choice("CROSS_LINGUAL", ["on", "off"] as const, "on") === "on",
    documents: {
      maxBytes: read.integer("MAX_DOCUMENT_MB", DEFAULT_DOCUMENT_LIMITS.maxBytes / 2 ** 20, 1, 4096) * 2 ** 20,
      maxInflatedBytes: read.integer("MAX_INFLATED_MB", DEFAULT_DOCUMENT_LIMITS.maxInflatedBytes / 2 ** 20, 1, 16384) * 2 ** 20,
      maxPages: read.integer("MAX_PDF_PAGES", DEFAULT_DOCUMENT_LIMITS.maxPages, 1, 1_000_000),
      timeoutMs: read.integer("DOCUMENT_READ_SECONDS", DEFAULT_DOCUMENT_LIMITS.timeoutMs / 1000, 1, 3600) * 1000,
    },
    allowPrivateUrls: read.choice("ALLOW_PRIVATE_URLS", ["on", "off"] as const, "off") === "on",
    logLevel: read.choice("LOG_LEVEL", ["debug", "info", "warn", "error"] as const, "info"),
  };
}

/** Settings of the answer engine (the `ask` and `index` commands). */
export function loadEngineSettings(env: Env = readEnvironment()): EngineSettings {
  const read = new Reader(env);
  const settings = engineSettings(read);
  if (read.problems.length) throw new SettingsError(read.problems);
  return settings;
}

/** Settings of the bot: the engine's and Telegram's. */
export function loadBotSettings(env: Env = readEnvironment()): BotSettings {
  const read = new Reader(env);
  const settings = engineSettings(read);
  const botToken = read.string("BOT_TOKEN");
  if (botToken !== undefined && !/^\d+:[\w-]{20,}$/.test(botToken)) {
    read.problems.push("BOT_TOKEN: does not look like a bot token (digits, a colon, then 20 or more letters); copy it again from @BotFather");
  }
  const adminIds = new Set<number>();
  for (const part of (read.string("ADMIN_IDS") ?? "").split(/[\s,]+/).filter(Boolean)) {
    if (/^\d+$/.test(part)) adminIds.add(Number(part));
    else read.problems.push(`ADMIN_IDS: "${part}" is not a numeric Telegram user id`);
  }
  const webhookUrl = read.url("WEBHOOK_URL");
  const webhookSecret = read.string("WEBHOOK_SECRET");
  if (webhookUrl && (!webhookSecret || !/^[A-Za-z0-9_-]{16,256}$/.test(webhookSecret))) {
    read.problems.push("WEBHOOK_SECRET: webhook mode needs a secret of 16 to 256 letters, digits, _ or - (Telegram sends it with every update)");
  }
  const result: BotSettings = {
    ...settings,
    botToken,
    apiRoot: read.url("TELEGRAM_API_ROOT", DEFAULT_TELEGRAM_API_ROOT)!,
    adminIds,
    rateLimitPerMinute: read.integer("RATE_LIMIT_PER_MINUTE", 20, 1, 1000),
    redisUrl: read.redisUrl("REDIS_URL"),
    indexRefreshSeconds: read.integer("INDEX_REFRESH_SECONDS", 5, 0, 3600),
    webhook: webhookUrl && webhookSecret ? { url: webhookUrl, port: read.integer("WEBHOOK_PORT", 8080, 1, 65535), secret: webhookSecret } : undefined,
    logFormat: read.choice("LOG_FORMAT", ["json", "text"] as const, "json"),
    examples: (read.string("EXAMPLE_QUESTIONS")?.split("|") ?? DEFAULT_EXAMPLES)
      .map((q) => q.trim())
      .filter(Boolean)
      .slice(0, 5),
  };
  if (read.problems.length) throw new SettingsError(read.problems);
  return result;
}
