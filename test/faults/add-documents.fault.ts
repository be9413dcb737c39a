/**
 * Scenario 8: adding documents under faults. `npm run add` killed with SIGKILL at chosen moments;
 * two adds at once, from two processes; an add during `npm run index`; Telegram failing the
 * file download while an admin adds from the chat. After each, the corpus and the index must
 * agree (a document is in the index exactly when its file is in the corpus), nothing added may
 * be lost, and the next add must go through (no lock left behind for ever).
 */
import { spawn } from "node:child_process";
import { cp, readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { expect, it } from "vitest";
import { listCorpusFiles } from "../../src/corpus/files.js";
import { AddQueue } from "../../src/telegram/documents.js";
import { messageDelivery, startTestBot } from "../helpers/bot.js";
import { CORPUS_DIR, DOCUMENTS_DIR, ROOT, scratchDir } from "../helpers/paths.js";
import { BotApiEmulator } from "../helpers/telegram-emulator.js";
import { openTestEngine } from "./adapter.js";
import { recordRow } from "./collector.js";
import { FaultWatch, sleep } from "./harness.js";

const SCENARIO = "8. adding documents: kill -9, concurrency, Telegram down";

/** Runs an npm script on the corpus and index of `dir`; with `killWhen`, kills it when that says so (polled). */
async function run(dir: string, args: string[], killWhen?: () => Promise<boolean>): Promise<{ code: number | null; killed: boolean; stderr: string }> {
  const child = spawn("npm", ["run", "--silent", ...args], {
    cwd: ROOT,
    detached: true,
    env: { ...process.env, CORPUS_DIR: join(dir, "corpus"), INDEX_DIR: join(dir, "index"), EMBEDDINGS: "off" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  let code: number | null | undefined;
  const exit = new Promise<void>((resolve) =>
    child.on("exit", (exitCode) => {
      code = exitCode;
      resolve();
    }),
  );
  while (code === undefined) {
    if (killWhen && (await killWhen())) {
      process.kill(-child.pid!, "SIGKILL");
      await exit;
      return { code: null, killed: true, stderr };
    }
    await sleep(2);
  }
  return { code, killed: false, stderr };
}

/** A scratch corpus (the seed) with its index built. */
async function scratchCorpus(): Promise<string> {
  const dir = await scratchDir();
  await cp(CORPUS_DIR, join(dir, "corpus"), { recursive: true });
  await openTestEngine(join(dir, "corpus"), join(dir, "index"));
  return dir;
}

/** What is wrong with the corpus and index of `dir` once opened ("" when they agree): a file not in the index, or the reverse. */
async function disagreement(dir: string): Promise<string> {
  // The corpus's documents as the loader finds them: a killed writer's temporary files are not documents.
  const files = (await listCorpusFiles(join(dir, "corpus"))).map((file) => relative(join(dir, "corpus"), file)).filter((name) => !name.endsWith(".meta"));
  const engine = await openTestEngine(join(dir, "corpus"), join(dir, "index"));
  const indexed = engine.documents().map((d) => d.source?.file);
  const missing = files.filter((file) => !indexed.includes(file));
  const extra = indexed.filter((file) => file && !files.includes(file));
  return [...missing.map((f) => `${f} in the corpus, not in the index`), ...extra.map((f) => `${f} in the index, not in the corpus`)].join("; ");
}

const KILLS: { name: string; when: (dir: string) => () => Promise<boolean> }[] = [
  { name: "while it reads the document", when: () => async () => false },
  {
    name: "as the document's file appears",
    when: (dir) => async () => (await readdir(join(dir, "corpus"))).some((n) => n.startsWith("wiki.chromium-dejavu.pdf")),
  },
  {
    name: "as the new index is written",
    when: (dir) => async () => (await readdir(join(dir, "index")).catch(() => [])).some((n) => n.includes(".tmp-")),
  },
];

it("never loses an add or leaves the corpus and the index in between", async () => {
  const watch = new FaultWatch();
  let crashes = 0;
  let lost = 0;
  const notes: string[] = [];
  const fail = (kind: string, finding: string) => {
    crashes++;
    watch.note(kind, finding);
  };
  const pdf = join(DOCUMENTS_DIR, "wiki.chromium-dejavu.pdf");

  for (const kill of KILLS) {
    const dir = await scratchCorpus();
    // The first moment has no file to wait for: the process is killed once it has begun reading (after 1.5 s).
    const started = Date.now();
    const when = kill.name.startsWith("while") ? async () => Date.now() - started > 1500 : kill.when(dir);
    const { killed } = await run(dir, ["add", "--", pdf], when);
    notes.push(killed ? `killed ${kill.name}` : `"${kill.name}": finished before the kill`);
    const wrong = await disagreement(dir);
    if (wrong) fail("between", `killed ${kill.name}: ${wrong}`);
    // The lock of the killed process goes stale: the add, tried again, goes through.
    const again = await run(dir, ["add", "--", pdf]);
    const done = again.code === 0 || /already in the corpus/.test(again.stderr);
    if (!done) fail("after-kill", `after a kill ${kill.name}, adding again failed: ${again.stderr.trim().split("\n").at(-1)}`);
    if ((await disagreement(dir)) !== "") fail("between", `after a kill ${kill.name} and a new add: ${await disagreement(dir)}`);
  }

  // Two adds at once, from two processes, and an add while `npm run index` rebuilds: all land.
  const dir = await scratchCorpus();
  const results = await Promise.all([
    run(dir, ["add", "--", join(DOCUMENTS_DIR, "news.pandoc.docx")]),
    run(dir, ["add", "--", join(DOCUMENTS_DIR, "wiki.mediawiki.html")]),
    run(dir, ["index"]),
  ]);
  for (const [i, result] of results.entries())
    if (result.code !== 0) fail("concurrent", `concurrent run ${i} failed: ${result.stderr.trim().split("\n").at(-1)}`);
  const ids = (await openTestEngine(join(dir, "corpus"), join(dir, "index"))).documents().map((d) => d.meta.id);
  for (const id of ["news.pandoc", "wiki.mediawiki"]) {
    if (!ids.includes(id)) {
      lost++;
      watch.note("lost", `${id}, added at the same time as another add and a rebuild, is not in the index`);
    }
  }
  notes.push(`2 adds and a rebuild at once: ${ids.length} documents after`);

  // Telegram failing the download: the admin is told, nothing changes on disk.
  const emulator = await BotApiEmulator.start();
  const chat = await scratchCorpus();
  const engine = await openTestEngine(join(chat, "corpus"), join(chat, "index"));
  const before = (await readdir(join(chat, "corpus"))).sort();
  const adds = new AddQueue();
  const bot = await startTestBot(emulator, engine, [], { adminIds: new Set([77]), adds, log: watch.log });
  const { deliver, newMessages } = messageDelivery(emulator, 100);
  // getFile's 5xx are retried (auto-retry); the download's are not, and end the add.
  emulator.injectFaults("getFile", [{ status: 500, description: "Internal Server Error" }]);
  emulator.injectFaults("file", [
    { status: 502, description: "Bad Gateway" },
    { status: 503, description: "Service Unavailable" },
  ]);
  for (let i = 0; i < 2; i++) {
    const document = emulator.addFile(await readFile(pdf), `down-${i}.pdf`);
    deliver(bot.token, { chat: { id: 77, type: "private" }, from: { id: 77, is_bot: false, first_name: "A" }, document, caption: "/add" });
  }
  await newMessages(bot.token, 77, 0, 2);
  await adds.idle();
  const edits = emulator.callsOf("editMessageText", bot.token).map((c) => String(c.body.text));
  if (edits.filter((t) => t.includes("could not be downloaded")).length !== 2) fail("download", `expected two download refusals, got: ${edits.join(" | ")}`);
  if ((await readdir(join(chat, "corpus"))).sort().join() !== before.join()) fail("download", "the corpus changed after failed downloads");
  await bot.polling.stop();
  await emulator.stop();
  crashes += watch.crashes();
  notes.push("2 adds with Telegram failing getFile (retried) and the downloads (refused, nothing written)");

  recordRow({
    scenario: SCENARIO,
    cases: KILLS.length + 3 + 2,
    crashes,
    rejectedReplies: 0,
    lostQuestions: lost,
    wrongExpired: 0,
    notes: notes.join("; "),
    findings: watch.findings,
  });
  watch.dispose();
  expect(crashes).toBe(0);
  expect(lost).toBe(0);
});
