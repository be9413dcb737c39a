/** Webhook mode: updates fed through the real webhook handler, with and without the secret. */
import { cp } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/log/logger.js";
import { createBot } from "../../src/telegram/bot.js";
import { startWebhook } from "../../src/telegram/webhook.js";
import { testBotOptions } from "../helpers/bot.js";
import { openKeywordEngine } from "../helpers/engine.js";
import { CORPUS_DIR, scratchDir } from "../helpers/paths.js";
import { BotApiEmulator } from "../helpers/telegram-emulator.js";

const emulator = await BotApiEmulator.start();
const dir = await scratchDir();
await cp(CORPUS_DIR, join(dir, "corpus"), { recursive: true });
const engine = await openKeywordEngine(join(dir, "corpus"), join(dir, "index"));
const token = "777:WEBHOOK-token-xxxxxxxxxxxxxxxxxxxx";
const secret = "s3cret_value-0123456789";
const bot = createBot(engine, testBotOptions(token, emulator.apiRoot));
const webhook = await startWebhook(bot, { url: "https://bot.example.org/telegram", port: 0, secret, host: "127.0.0.1" }, createLogger({ level: "error" }));
const address = `http://127.0.0.1:${(webhook.server.address() as AddressInfo).port}/`;

afterAll(async () => {
  await webhook.stop();
  await emulator.stop();
});

let updateId = 1;
function post(text: string, headers: Record<string, string>) {
  const update = {
    update_id: updateId++,
    message: { message_id: updateId, date: 1, chat: { id: 8001, type: "private" }, from: { id: 8001, is_bot: false, first_name: "W" }, text },
  };
  return fetch(address, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(update) });
}

describe("webhook mode", () => {
  it("registers the webhook with Telegram along with the secret", () => {
    const [call] = emulator.callsOf("setWebhook", token);
    expect(call!.body).toMatchObject({ url: "https://bot.example.org/telegram", secret_token: secret });
  });

  it("refuses updates without the secret or with a wrong one (401), and answers none of them", async () => {
    // In a chat of its own, so that the sentinel below is not what the next test reads.
    const chat = 8002;
    const postIn = (text: string, headers: Record<string, string>) =>
      fetch(address, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({
          update_id: 900 + updateId++,
          message: { message_id: updateId, date: 1, chat: { id: chat, type: "private" }, from: { id: chat, is_bot: false, first_name: "W" }, text },
        }),
      });
    expect((await postIn("خالد مشعل", {})).status).toBe(401);
    expect((await postIn("خالد مشعل", { "X-Telegram-Bot-Api-Secret-Token": "wrong-secret-0000000000" })).status).toBe(401);
    // A sentinel with the secret, which the bot must answer: its answer is the first and only message in the chat.
    expect((await postIn("/help", { "X-Telegram-Bot-Api-Secret-Token": secret })).status).toBe(200);
    const [help] = await emulator.waitFor(() => emulator.botMessages(token, chat).length > 0 && emulator.botMessages(token, chat));
    expect(help!.text).toContain("How to use me");
    expect(emulator.botMessages(token, chat)).toEqual([help]);
  });

  it("answers an update that carries the secret", async () => {
    const response = await post("متى زار خالد مشعل موسكو؟", { "X-Telegram-Bot-Api-Secret-Token": secret });
    expect(response.status).toBe(200);
    const [answer] = await emulator.waitFor(() => emulator.botMessages(token, 8001).length > 0 && emulator.botMessages(token, 8001));
    expect(answer!.text).toContain("مشعل");
  });
});
