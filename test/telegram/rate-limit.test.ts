import { cp } from "node:fs/promises";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { openEngine } from "../../src/answer/open-engine.js";
import { DEFAULT_EXAMPLES, loadEngineSettings } from "../../src/config/settings.js";
import { createLogger } from "../../src/log/logger.js";
import { createBot } from "../../src/telegram/bot.js";
import { MemoryRateLimitStore, type RateLimitStore, RedisRateLimitStore } from "../../src/telegram/rate-limit.js";
import { type RunningBot, startPolling } from "../../src/telegram/run.js";
import { testBotOptions } from "../helpers/bot.js";
import { CORPUS_DIR, describeIf, scratchDir } from "../helpers/paths.js";
import { HAS_REDIS, NEEDS_REDIS, startRedis } from "../helpers/redis.js";
import { BotApiEmulator } from "../helpers/telegram-emulator.js";

describe("the in-process store", () => {
  it("counts per user in fixed windows", async () => {
    const store = new MemoryRateLimitStore();
    expect((await store.hit("1", 200)).count).toBe(1);
    expect((await store.hit("1", 200)).count).toBe(2);
    expect((await store.hit("2", 200)).count).toBe(1);
    const { resetMs } = await store.hit("1", 200);
    expect(resetMs).toBeGreaterThan(0);
    expect(resetMs).toBeLessThanOrEqual(200);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await store.hit("1", 200)).count).toBe(1);
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
    const [a, b] = [new RedisRateLimitStore(client()), new RedisRateLimitStore(client())];
    expect((await a.hit("u", 300)).count).toBe(1);
    expect((await b.hit("u", 300)).count).toBe(2);
    expect((await a.hit("v", 300)).count).toBe(1);
    const { resetMs } = await b.hit("u", 300);
    expect(resetMs).toBeGreaterThan(0);
    expect(resetMs).toBeLessThanOrEqual(300);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await a.hit("u", 300)).count).toBe(1);
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
