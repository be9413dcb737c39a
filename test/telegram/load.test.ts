/**
 * Load: 200 users send 5 questions each to the real bot through the emulator. Every question must
 * be answered exactly once; the time to answer is printed (a figure, not a pass/fail timing).
 */
import { cp } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/log/logger.js";
import { createBot } from "../../src/telegram/bot.js";
import { startPolling } from "../../src/telegram/polling.js";
import { percentile } from "../bench/metrics.js";
import { loadSeedQuestions } from "../bench/seed-questions.js";
import { testBotOptions } from "../helpers/bot.js";
import { openKeywordEngine } from "../helpers/engine.js";
import { CORPUS_DIR, scratchDir } from "../helpers/paths.js";
import { BotApiEmulator } from "../helpers/telegram-emulator.js";

const USERS = 200;
const QUESTIONS_EACH = 5;

const emulator = await BotApiEmulator.start();
const dir = await scratchDir();
await cp(CORPUS_DIR, join(dir, "corpus"), { recursive: true });
const engine = await openKeywordEngine(join(dir, "corpus"), join(dir, "index"));
const token = "888:LOAD-token-xxxxxxxxxxxxxxxxxxxxxx";
const bot = createBot(engine, testBotOptions(token, emulator.apiRoot, { rateLimitPerMinute: 20 }));
const running = await startPolling(bot, createLogger({ level: "error" }));

afterAll(async () => {
  await running.stop();
  await emulator.stop();
});

describe("200 users asking 5 questions each", () => {
  it("answers every question exactly once, in order within each chat", async () => {
    const pool = (await loadSeedQuestions()).filter((q) => q.language === "ar").map((q) => q.question);
    const sent = new Map<string, number>();
    await Promise.all(
      Array.from({ length: USERS }, async (_, u) => {
        const client = emulator.telegram.getClient(token, { userId: 10_000 + u, chatId: 10_000 + u, firstName: `U${u}`, userName: `u${u}` });
        for (let q = 0; q < QUESTIONS_EACH; q++) {
          const question = `${pool[(u + q) % pool.length]} (${u}-${q})`;
          sent.set(`${10_000 + u}|${question}`, Date.now());
          await client.sendMessage(client.makeMessage(question) as never);
        }
      }),
    );
    const total = USERS * QUESTIONS_EACH;
    await emulator.waitFor(() => emulator.botMessages(token).length >= total, 120_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const replies = emulator.botMessages(token);
    expect(replies).toHaveLength(total);

    const latencies: number[] = [];
    const answered = new Set<string>();
    for (const reply of replies) {
      const question = reply.text.split("\n")[0]!.replace(/^🔎 /, "");
      const key = `${reply.chat_id}|${question}`;
      expect(sent.has(key), key).toBe(true);
      expect(answered.has(key), `answered twice: ${key}`).toBe(false);
      answered.add(key);
      latencies.push(reply.time - sent.get(key)!);
    }
    for (let u = 0; u < USERS; u++) {
      const order = emulator.botMessages(token, 10_000 + u).map((m) => Number(/\((\d+)-(\d+)\)/.exec(m.text)![2]));
      expect(order).toEqual([0, 1, 2, 3, 4]);
    }
    const p50 = percentile(latencies, 0.5);
    const p95 = percentile(latencies, 0.95);
    console.log(
      `load: ${total} questions from ${USERS} users answered once each; ` +
        `time to answer p50 ${p50} ms, p95 ${p95} ms (emulator on loopback, keyword-only engine)`,
    );
  });
});
