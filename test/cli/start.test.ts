/** `npm start` as a process: settings validation, the terminal chat, the bot, and SIGTERM. */
import { spawn, spawnSync } from "node:child_process";
import { cp, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_EXAMPLES } from "../../src/config/settings.js";
import { CORPUS_DIR, ROOT, scratchDir } from "../helpers/paths.js";
import { BotApiEmulator } from "../helpers/telegram-emulator.js";

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

  it("answers /help, /sources and /status in the terminal with the bot's replies, /status as readable text", () => {
    const result = spawnSync(COMMAND, ARGS, { cwd: ROOT, input: "/help\n/sources\n/status\n/frobnicate\n/quit\n", encoding: "utf8", env: baseEnv });
    expect(result.status).toBe(0);
    const expected = [
      "How to use me",
      "كيف تستخدمني",
      "/quit",
      "المصادر · Sources (2)",
      "Mode: keyword only · كلمات مفتاحية فقط",
      "Documents: 2 · Passages: 18",
    ];
    for (const text of [...expected, "I don't know that command."]) expect(result.stdout).toContain(text);
    expect(result.stdout).not.toContain('"passages"');
  });

  it("answers /start in the terminal with the bot's welcome and its example questions", () => {
    const result = spawnSync(COMMAND, ARGS, { cwd: ROOT, input: "/start\n/quit\n", encoding: "utf8", env: baseEnv });
    expect(result.status).toBe(0);
    for (const text of ["👋 أهلًا بك!", "👋 Welcome!", "Try one of these:", ...DEFAULT_EXAMPLES.map((q) => `• ${q}`)]) expect(result.stdout).toContain(text);
    expect(result.stdout).not.toContain("I don't know that command");
    const own = spawnSync(COMMAND, ARGS, { cwd: ROOT, input: "/start\n", encoding: "utf8", env: { ...baseEnv, EXAMPLE_QUESTIONS: "من هو خالد مشعل؟" } });
    expect(own.stdout).toContain("• من هو خالد مشعل؟");
    expect(own.stdout).not.toContain(DEFAULT_EXAMPLES[0]);
  });

  it("leaves cleanly on Ctrl-C (SIGINT), even while answering", async () => {
    const child = spawn(COMMAND, ARGS, { cwd: ROOT, env: baseEnv });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    const exited = new Promise<[number | null, string | null]>((resolve) => child.on("exit", (code, signal) => resolve([code, signal])));
    const waitFor = async (text: string) => {
      for (const deadline = Date.now() + 60_000; !output.includes(text); ) {
        if (Date.now() > deadline) throw new Error(`no "${text}" in: ${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    await waitFor("/quit");
    child.stdin.write("متى زار خالد مشعل موسكو؟\n");
    await waitFor("[1] ");
    child.kill("SIGINT");
    expect(await exited).toEqual([0, null]);
  });

  it("leaves cleanly on Ctrl-C typed in a real terminal (tmux)", async (context) => {
    if (spawnSync("tmux", ["-V"]).status !== 0) return context.skip("tmux is not installed");
    const socket = `chat-test-${process.pid}`;
    const done = join(dir, "tmux-exit");
    const settings = { CORPUS_DIR: baseEnv.CORPUS_DIR, INDEX_DIR: baseEnv.INDEX_DIR, EMBEDDINGS: "off", BOT_TOKEN: "", WEBHOOK_URL: "" };
    const env = Object.entries(settings).map(([k, v]) => `${k}='${v}'`);
    const command = `cd '${ROOT}' && env ${env.join(" ")} ${COMMAND} ${ARGS.join(" ")}; echo "exit $?" > '${done}'`;
    const tmux = (...args: string[]) => spawnSync("tmux", ["-L", socket, ...args], { encoding: "utf8" });
    try {
      expect(tmux("new-session", "-d", "-x", "160", "-y", "40", "sh", "-c", command).status).toBe(0);
      const screen = () => tmux("capture-pane", "-p").stdout ?? "";
      // The prompt "? " (tmux leaves out the trailing space).
      for (const deadline = Date.now() + 60_000; !/^\? ?$/m.test(screen()); ) {
        if (Date.now() > deadline) throw new Error(`no prompt: ${screen()}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      tmux("send-keys", "C-c");
      for (const deadline = Date.now() + 10_000; ; ) {
        const status = await readFile(done, "utf8").catch(() => undefined);
        if (status !== undefined) {
          expect(status.trim()).toBe("exit 0");
          break;
        }
        if (Date.now() > deadline) throw new Error(`Ctrl-C did not end the chat: ${screen()}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      tmux("kill-server");
    }
  });

  it("reports each bad setting clearly and stops", () => {
    const result = spawnSync(COMMAND, ARGS, {
      cwd: ROOT,
      encoding: "utf8",
      env: {
        ...baseEnv,
        BOT_TOKEN: "not-a-token",
        ADMIN_IDS: "12,abc",
        RATE_LIMIT_PER_MINUTE: "0",
        TELEGRAM_API_ROOT: "ftp://x",
        WEBHOOK_URL: "https://x.org/h",
        WEBHOOK_SECRET: "short",
      },
    });
    expect(result.status).toBe(1);
    for (const expected of ["BOT_TOKEN", 'ADMIN_IDS: "abc"', "RATE_LIMIT_PER_MINUTE=0", "TELEGRAM_API_ROOT=ftp://x", "WEBHOOK_SECRET"])
      expect(result.stderr).toContain(expected);
    expect(result.stderr).not.toContain("not-a-token");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  describe("with a token", async () => {
    const emulator = await BotApiEmulator.start();
    afterAll(() => emulator.stop());
    const token = "555:START-token-xxxxxxxxxxxxxxxxxxxxx";

    it("answers on Telegram, never logs the token, and stops cleanly on SIGTERM", async () => {
      const child = spawn(COMMAND, ARGS, {
        cwd: ROOT,
        env: { ...baseEnv, BOT_TOKEN: token, TELEGRAM_API_ROOT: emulator.apiRoot, LOG_FORMAT: "json", LOG_LEVEL: "info" },
      });
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
