/**
 * End to end in hybrid mode: the real grammY bot, polling over HTTP against the Bot API emulator,
 * on an engine that fuses keyword and dense search with the tiny test model
 * (test/fixtures/tiny-model), so the dense path of the bot runs on every clone. The model's
 * weights are random: answers are judged by their citations, which keyword search anchors.
 */
import { cp, readdir } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openEngine } from "../../src/answer/open-engine.js";
import { DEFAULT_EXAMPLES, loadEngineSettings } from "../../src/config/settings.js";
import { createLogger } from "../../src/log/logger.js";
import { createBot } from "../../src/telegram/bot.js";
import { startPolling } from "../../src/telegram/polling.js";
import type { RunningBot } from "../../src/telegram/run.js";
import { testBotOptions } from "../helpers/bot.js";
import { CORPUS_DIR, scratchDir, TINY_MODEL_DIR } from "../helpers/paths.js";
import { BotApiEmulator } from "../helpers/telegram-emulator.js";
import { checkEntities, withTags } from "../helpers/telegram-entities.js";

const CHAT = 2001;
const emulator = await BotApiEmulator.start();
const running: RunningBot[] = [];
const logLines: string[] = [];
const log = createLogger({ level: "debug", format: "json", write: (l) => logLines.push(l) });

afterAll(async () => {
  await Promise.all(running.map((r) => r.stop()));
  await emulator.stop();
});

describe("the bot on a hybrid engine with the tiny test model", async () => {
  const dir = await scratchDir();
  await cp(CORPUS_DIR, join(dir, "corpus"), { recursive: true });
  const indexDir = join(dir, "index");
  const settings = loadEngineSettings({ CORPUS_DIR: join(dir, "corpus"), INDEX_DIR: indexDir, EMBEDDING_MODEL_DIR: TINY_MODEL_DIR });
  const engine = await openEngine(settings, { log });
  const token = `7001:TEST-hybrid-${"y".repeat(24)}`;
  const bot = createBot(engine, testBotOptions(token, emulator.apiRoot, { examples: DEFAULT_EXAMPLES, log }));
  running.push(await startPolling(bot, log));
  const user = emulator.telegram.getClient(token, { userId: CHAT, chatId: CHAT, type: "private", chatTitle: "", firstName: "Hana", userName: "hana" });

  /** Sends `text` and waits for the bot's next message in the chat. */
  async function ask(text: string) {
    const before = emulator.botMessages(token, CHAT).length;
    if (text.startsWith("/")) await user.sendCommand(user.makeCommand(text) as never);
    else await user.sendMessage(user.makeMessage(text) as never);
    return emulator.waitFor(() => emulator.botMessages(token, CHAT)[before]);
  }

  it("runs hybrid, with the passage vectors stored under the tiny model's id", async () => {
    expect(engine.status()).toMatchObject({ mode: "hybrid", modelId: expect.stringMatching(/^folder:tiny-model:\d+$/) });
    expect(await readdir(join(indexDir, "vectors"))).toContainEqual(expect.stringMatching(/^folder__tiny-model__\d+\.f32$/));
  });

  it("answers an Arabic question with the passage that answers it, quoted and cited", async () => {
    const answer = await ask("هل صنفت روسيا حماس منظمة إرهابية؟");
    expect(checkEntities(answer.text, answer.entities)).toBeLessThanOrEqual(4096);
    expect(answer.text).toContain("لم تصنف روسيا حماس");
    const tagged = withTags(answer.text, answer.entities);
    expect(tagged).toContain("<b>تصنف</b> <b>روسيا</b> <b>حماس</b>");
    expect(tagged).toMatch(/📄 <b>[^<]+<\/b> › .+ › الفقرة \d+/);
    expect(tagged).toMatch(/🔗 <a href="https:\/\/ar\.wikipedia\.org\/wiki\//);
    expect(answer.reply_parameters?.message_id).toBeGreaterThan(0);
  });

  it("reports hybrid search and the model in /status", async () => {
    const status = await ask("/status");
    expect(status.text).toContain("hybrid (keyword + embeddings)");
    expect(status.text).toContain("tiny-model");
  });

  it("does not tell an English asker that the model is missing", async () => {
    const reply = await ask("Did Russia designate Hamas a terrorist organization?");
    checkEntities(reply.text, reply.entities);
    expect(reply.text).not.toContain("needs the embedding model");
  });

  it("never logs the token", () => {
    expect(logLines.length).toBeGreaterThan(0);
    for (const line of logLines) expect(line).not.toContain(token);
  });
});
