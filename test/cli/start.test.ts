/** `npm start` as a process: settings validation, the terminal chat, the bot, and SIGTERM. */
import { spawn, spawnSync } from "node:child_process";
import { cp, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BotApiEmulator } from "../helpers/telegram-emulator.js";
import { CORPUS_DIR, ROOT, scratchDir } from "../helpers/paths.js";

const dir = await scratchDir();
await cp(CORPUS_DIR, join(dir, "corpus"), { recursive: true });
// Exactly the command `npm start` runs (package.json), from the project folder.
const { scripts } = JSON.parse(await readFile(join(ROOT, "package.json"), "utf8")) as { scripts: { start: string } };
const [COMMAND, ...ARGS] = scripts.start.split(/\s+/) as [string, ...string[]];
const baseEnv = { ...process.env, CORPUS_DIR: join(dir, "corpus"), INDEX_DIR: join(dir, "index"), EMBEDDINGS: "off", BOT_TOKEN: "", WEBHOOK_URL: "" };

describe("npm start", () => {
  it("without a token, says how to get one and answers in the terminal", () => {
    const result = spawnSync(COMMAND, ARGS, { cwd: ROOT, input: "متى زار خالد مشعل موسكو؟\n/quit\n", encoding: "utf8", env: baseEnv });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("@BotFather");
    expect(result.stdout).toContain("[1] ");
    expect(result.stdout).toContain("مشعل");
  });

  it("reports each bad setting clearly and stops", () => {
    const result = spawnSync(COMMAND, ARGS, { cwd: ROOT,
      encoding: "utf8",
      env: { ...baseEnv, BOT_TOKEN: "not-a-token", ADMIN_IDS: "12,abc", RATE_LIMIT_PER_MINUTE: "0", TELEGRAM_API_ROOT: "ftp://x", WEBHOOK_URL: "https://x.org/h", WEBHOOK_SECRET: "short" },
    });
    expect(result.status).toBe(1);
    for (const expected of ["BOT_TOKEN", 'ADMIN_IDS: "abc"', "RATE_LIMIT_PER_MINUTE=0", "TELEGRAM_API_ROOT=ftp://x", "WEBHOOK_SECRET"]) expect(result.stderr).toContain(expected);
    expect(result.stderr).not.toContain("not-a-token");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  describe("with a token", async () => {
    const emulator = await BotApiEmulator.start();
    afterAll(() => emulator.stop());
    const token = "555:START-token-xxxxxxxxxxxxxxxxxxxxx";

    it("answers on Telegram, never logs the token, and stops cleanly on SIGTERM", async () => {
      const child = spawn(COMMAND, ARGS, { cwd: ROOT, env: { ...baseEnv, BOT_TOKEN: token, TELEGRAM_API_ROOT: emulator.apiRoot, LOG_FORMAT: "json", LOG_LEVEL: "info" } });
      let output = "";
      child.stdout.on("data", (d) => (output += d));
      child.stderr.on("data", (d) => (output += d));
      const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
      await emulator.waitFor(() => output.includes("polling for updates"), 30_000);
      const client = emulator.telegram.getClient(token, { userId: 6001, chatId: 6001 });
      await client.sendMessage(client.makeMessage("خالد مشعل") as never);
      const [answer] = await emulator.waitFor(() => emulator.botMessages(token, 6001).length > 0 && emulator.botMessages(token, 6001));
      expect(answer!.text).toContain("مشعل");
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(output).toContain('"message":"stopped"');
      expect(output).not.toContain("START-token");
      expect(output).not.toContain("خالد مشعل");
    });
  });
});
