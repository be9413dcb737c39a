/** `npm start` when the Bot API is unreachable: a clear one-line failure at start, and recovery when it is lost while running. */
import { spawn } from "node:child_process";
import { cp, readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CORPUS_DIR, ROOT, scratchDir } from "../helpers/paths.js";
import { BotApiEmulator } from "../helpers/telegram-emulator.js";

const dir = await scratchDir();
await cp(CORPUS_DIR, join(dir, "corpus"), { recursive: true });
const { scripts } = JSON.parse(await readFile(join(ROOT, "package.json"), "utf8")) as { scripts: { start: string } };
const [COMMAND, ...ARGS] = scripts.start.split(/\s+/) as [string, ...string[]];
const baseEnv = {
  ...process.env,
  CORPUS_DIR: join(dir, "corpus"),
  INDEX_DIR: join(dir, "index"),
  EMBEDDINGS: "off",
  WEBHOOK_URL: "",
  LOG_FORMAT: "json",
  LOG_LEVEL: "info",
};
const token = "556:FAILURE-token-xxxxxxxxxxxxxxxxxxxx";

/** Starts `npm start`'s command; resolves its exit code and everything it printed. */
function start(env: Record<string, string>) {
  const child = spawn(COMMAND, ARGS, { cwd: ROOT, env: { ...baseEnv, BOT_TOKEN: token, ...env } });
  const output = { stdout: "", stderr: "" };
  child.stdout.on("data", (d) => (output.stdout += d));
  child.stderr.on("data", (d) => (output.stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  return { child, output, exited };
}

/** A free loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** A server that accepts connections and never answers: a Bot API that hangs. */
async function silentServer(): Promise<Server> {
  const server = createServer(() => undefined);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

describe.concurrent("npm start with the Bot API unreachable", () => {
  const silent = silentServer();
  afterAll(async () => {
    const server = await silent;
    server.closeAllConnections();
    server.close();
  });

  it.each([
    ["refuses connections", async () => `http://127.0.0.1:${await closedPort()}`],
    ["never answers", async () => `http://127.0.0.1:${((await silent).address() as AddressInfo).port}`],
  ])("when it %s: one line on stderr within 30 s, exit code 1, no token", async (_, apiRoot) => {
    const started = Date.now();
    const { child, output, exited } = start({ TELEGRAM_API_ROOT: await apiRoot() });
    // Never leave the process behind, even when it hangs as it did before the fix.
    const killer = setTimeout(() => child.kill("SIGKILL"), 40_000);
    const code = await exited;
    clearTimeout(killer);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(code).toBe(1);
    // Besides the JSON log records of a normal start (building the index), exactly one line: the error.
    const lines = output.stderr
      .trim()
      .split("\n")
      .filter((line) => !line.startsWith('{"time"'));
    expect(lines).toEqual([expect.stringMatching(/^error: could not reach the Telegram Bot API within 15 s \(.+\)\. Check TELEGRAM_API_ROOT/)]);
    expect(output.stdout + output.stderr).not.toContain("FAILURE-token");
  });
});

describe("npm start when the Bot API goes away and comes back", async () => {
  const emulator = await BotApiEmulator.start();
  afterAll(() => emulator.stop());

  it("logs the loss, retries, and answers again without a restart", async () => {
    const { child, output, exited } = start({ TELEGRAM_API_ROOT: emulator.apiRoot });
    const logged = () => output.stdout + output.stderr;
    try {
      await emulator.waitFor(() => logged().includes("polling for updates"), 30_000);
      const client = emulator.telegram.getClient(token, { userId: 6101, chatId: 6101 });
      await client.sendMessage(client.makeMessage("خالد مشعل") as never);
      await emulator.waitFor(() => emulator.botMessages(token, 6101).length === 1, 15_000);

      await emulator.pause();
      await emulator.waitFor(() => logged().includes("lost the connection to Telegram"), 30_000);
      // A question asked during the outage waits in Telegram and is answered once it is back.
      await client.sendMessage(client.makeMessage("متى زار خالد مشعل موسكو؟") as never);
      await emulator.resume();
      await emulator.waitFor(() => logged().includes("connection to Telegram is back"), 60_000);
      const answers = await emulator.waitFor(() => emulator.botMessages(token, 6101).length >= 2 && emulator.botMessages(token, 6101), 15_000);
      expect(answers[1]!.text).toContain("مشعل");
      expect(logged()).not.toContain("FAILURE-token");
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill("SIGTERM");
      await exited;
    }
  });
});
