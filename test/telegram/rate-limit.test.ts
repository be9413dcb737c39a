import { cp } from "node:fs/promises";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openEngine } from "../../src/answer/open-engine.js";
import { DEFAULT_EXAMPLES, loadEngineSettings } from "../../src/config/settings.js";
import { createLogger } from "../../src/log/logger.js";
import { createBot } from "../../src/telegram/bot.js";
import { startPolling } from "../../src/telegram/polling.js";
import { MemoryRateLimitStore, type RateLimitStore, RedisRateLimitStore } from "../../src/telegram/rate-limit.js";
import type { RunningBot } from "../../src/telegram/run.js";
import { testBotOptions } from "../helpers/bot.js";
import { CORPUS_DIR, describeIf, scratchDir } from "../helpers/paths.js";
import { HAS_REDIS, NEEDS_REDIS, startRedis } from "../helpers/redis.js";
import { BotApiEmulator } from "../helpers/telegram-emulator.js";

describe("the in-process store", () => {
  // Fake timers (Date included): the window passes without waiting for it.
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it("counts per user in fixed windows", async () => {
    const store = new MemoryRateLimitStore();
    expect((await store.hit("1", 200)).count).toBe(1);
    expect((await store.hit("1", 200)).count).toBe(2);
    expect((await store.hit("2", 200)).count).toBe(1);
    const { resetMs } = await store.hit("1", 200);
    expect(resetMs).toBeGreaterThan(0);
    expect(resetMs).toBeLessThanOrEqual(200);
    // The window is fixed: hits inside it do not move its end, and it ends exactly 200 ms after its first hit.
    vi.advanceTimersByTime(150);
    expect(await store.hit("1", 200)).toEqual({ count: 4, resetMs: 50 });
    vi.advanceTimersByTime(49);
    expect(await store.hit("1", 200)).toEqual({ count: 5, resetMs: 1 });
    vi.advanceTimersByTime(1);
    expect(await store.hit("1", 200)).toEqual({ count: 1, resetMs: 200 });
    expect(await store.hit("2", 200)).toEqual({ count: 1, resetMs: 200 });
  });
});

describeIf(HAS_REDIS, NEEDS_REDIS, "rate limits shared through Redis", async () => {
  const redis = await startRedis();
  const clients: Redis[] = [];
  const client = () => {
    const c = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    clients.push(c);
    return c;
  };
  const emulator = await BotApiEmulator.start();
  const running: RunningBot[] = [];
  afterAll(async () => {
    await Promise.all(running.map((r) => r.stop()));
    await emulator.stop();
    for (const c of clients) c.disconnect();
    await redis.stop();
  });

  it("counts one window across clients, as instances of the bot would", async () => {
    // The window's end is the key's expiry, kept by Redis on its own clock, which fake timers cannot
    // reach: the test reads the expiry, and ends the window as that clock would, instead of waiting.
    // A minute's window, as the bot uses, so that no step of the test can outlast it.
    const WINDOW = 60_000;
    const [a, b] = [new RedisRateLimitStore(client()), new RedisRateLimitStore(client())];
    const redisClient = client();
    expect((await a.hit("u", WINDOW)).count).toBe(1);
    expect((await b.hit("u", WINDOW)).count).toBe(2);
    expect((await a.hit("v", WINDOW)).count).toBe(1);
    const { resetMs } = await b.hit("u", WINDOW);
    expect(resetMs).toBeGreaterThan(0);
    expect(resetMs).toBeLessThanOrEqual(WINDOW);
    const expiry = await redisClient.pttl("qa-bot:rate:u");
    expect(expiry).toBeGreaterThan(0);
    expect(expiry).toBeLessThanOrEqual(WINDOW);
    // Fixed, not sliding: a hit inside the window leaves its end where it is (moved here to two
    // windows away; a sliding window would bring it back to one).
    await redisClient.pexpire("qa-bot:rate:u", 2 * WINDOW);
    expect((await a.hit("u", WINDOW)).count).toBe(4);
    expect(await redisClient.pttl("qa-bot:rate:u")).toBeGreaterThan(WINDOW);
    // The window ends (its expiry passes): the next hit starts a new one, which both clients count.
    await redisClient.pexpireat("qa-bot:rate:u", 1);
    const fresh = await a.hit("u", WINDOW);
    expect(fresh.count).toBe(1);
    expect(fresh.resetMs).toBeGreaterThan(0);
    expect(fresh.resetMs).toBeLessThanOrEqual(WINDOW);
    expect((await b.hit("u", WINDOW)).count).toBe(2);
    // Another user's window is its own.
    expect((await a.hit("v", WINDOW)).count).toBe(2);
  });

  it("holds a user to one limit across two instances of the bot, and only with the shared store", async () => {
    const dir = await scratchDir();
    await cp(CORPUS_DIR, join(dir, "corpus"), { recursive: true });
    const engine = await openEngine(loadEngineSettings({ CORPUS_DIR: join(dir, "corpus"), INDEX_DIR: join(dir, "index"), EMBEDDINGS: "off" }));
    const log = createLogger({ level: "error", format: "json", write: () => undefined });
    let tokens = 500;
    /** Two questions on instance A, then one on instance B (the same bot), with `store()` for each. */
    async function thirdQuestionOnAnotherInstance(store: () => RateLimitStore): Promise<string> {
      const token = `${tokens++}:TEST-rate-${"r".repeat(24)}`;
      const start = async () => {
        const bot = createBot(
          engine,
          testBotOptions(token, emulator.apiRoot, { rateLimitPerMinute: 2, rateLimitStore: store(), examples: DEFAULT_EXAMPLES, log }),
        );
        const handle = await startPolling(bot, log);
        running.push(handle);
        return handle;
      };
      const user = emulator.telegram.getClient(token, { userId: 9001, chatId: 9001, type: "private", chatTitle: "", firstName: "Rana", userName: "rana" });
      const ask = async (text: string) => {
        const before = emulator.botMessages(token, 9001).length;
        await user.sendMessage(user.makeMessage(text) as never);
        return emulator.waitFor(() => emulator.botMessages(token, 9001)[before]);
      };
      const first = await start();
      await ask("خالد مشعل");
      await ask("موسكو");
      await first.stop();
      await start();
      return (await ask("لافروف")).text;
    }
    expect(await thirdQuestionOnAnotherInstance(() => new RedisRateLimitStore(client()))).toContain("Too many questions");
    expect(await thirdQuestionOnAnotherInstance(() => new MemoryRateLimitStore())).not.toContain("Too many questions");
  });
});
