/** The webhook server against hostile bodies: malformed JSON is a 400, a body over 1 MB a 413, and the bot keeps answering. */

import { cp } from "node:fs/promises";
import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/log/logger.js";
import { createBot } from "../../src/telegram/bot.js";
import { startWebhook, WEBHOOK_MAX_BODY_BYTES } from "../../src/telegram/webhook.js";
import { testBotOptions } from "../helpers/bot.js";
import { openKeywordEngine } from "../helpers/engine.js";
import { CORPUS_DIR, scratchDir } from "../helpers/paths.js";
import { BotApiEmulator } from "../helpers/telegram-emulator.js";

const emulator = await BotApiEmulator.start();
const dir = await scratchDir();
await cp(CORPUS_DIR, join(dir, "corpus"), { recursive: true });
const engine = await openKeywordEngine(join(dir, "corpus"), join(dir, "index"));
const token = "778:LIMITS-token-xxxxxxxxxxxxxxxxxxxxx";
const secret = "limits_secret-0123456789";
const log = createLogger({ level: "error" });
const bot = createBot(engine, testBotOptions(token, emulator.apiRoot, { log }));
const webhook = await startWebhook(bot, { url: "https://bot.example.org/telegram", port: 0, secret, host: "127.0.0.1" }, log);
const port = (webhook.server.address() as AddressInfo).port;
const address = `http://127.0.0.1:${port}/`;
const withSecret = { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret };

afterAll(async () => {
  await webhook.stop();
  await emulator.stop();
});

function update(id: number, text: string) {
  return JSON.stringify({
    update_id: id,
    message: { message_id: id, date: 1, chat: { id: 8101, type: "private" }, from: { id: 8101, is_bot: false, first_name: "L" }, text },
  });
}

/** Streams `chunks` bodies of `chunkBytes` without a Content-Length (chunked), as a client that lies about nothing but never stops. */
function postChunked(chunkBytes: number, chunks: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(address, { method: "POST", headers: withSecret }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.on("error", (error: NodeJS.ErrnoException) => (error.code === "EPIPE" || error.code === "ECONNRESET" ? undefined : reject(error)));
    const chunk = Buffer.alloc(chunkBytes, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < chunks && !req.destroyed) {
        sent++;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      req.end();
    };
    pump();
  });
}

describe("webhook limits", () => {
  it("answers 400 to malformed JSON", async () => {
    for (const body of ["{not json", "", "[1,2", "\u0000\u0001"]) {
      expect((await fetch(address, { method: "POST", headers: withSecret, body })).status).toBe(400);
    }
  });

  it("answers 405 to any method but POST, even with the secret", async () => {
    for (const method of ["GET", "PUT", "DELETE"]) {
      const response = await fetch(address, { method, headers: withSecret, ...(method === "PUT" ? { body: '{"update_id": 5}' } : {}) });
      expect(response.status, method).toBe(405);
      expect(response.headers.get("allow")).toBe("POST");
    }
  });

  it("answers 413 to a body over 1 MB, announced by Content-Length", async () => {
    expect(WEBHOOK_MAX_BODY_BYTES).toBe(1024 * 1024);
    const body = `{"update_id": 1, "pad": "${"x".repeat(WEBHOOK_MAX_BODY_BYTES)}"}`;
    expect((await fetch(address, { method: "POST", headers: withSecret, body })).status).toBe(413);
  });

  it("answers 413 to a chunked body that grows past 1 MB, without reading the rest", async () => {
    expect(await postChunked(64 * 1024, 1024)).toBe(413); // 64 MB offered
  });

  it("still refuses a wrong secret first, and still answers a real update after all that", async () => {
    expect(
      (await fetch(address, { method: "POST", headers: { ...withSecret, "X-Telegram-Bot-Api-Secret-Token": "wrong-secret-0000000000" }, body: "{" })).status,
    ).toBe(401);
    const response = await fetch(address, { method: "POST", headers: withSecret, body: update(77, "متى زار خالد مشعل موسكو؟") });
    expect(response.status).toBe(200);
    const [answer] = await emulator.waitFor(() => emulator.botMessages(token, 8101).length > 0 && emulator.botMessages(token, 8101));
    expect(answer!.text).toContain("مشعل");
  });
});
