/**
 * Scenario 4: `npm run index` killed with SIGKILL at chosen moments (while reading the corpus,
 * as its first file appears, after some index files are replaced but before the manifest), into
 * an empty folder and over an older index. Opening the folder afterwards must give the whole
 * index of the corpus (rebuilt if need be), never part of one.
 */
import { spawn } from "node:child_process";
import { cp, mkdir, readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { expect, it } from "vitest";
import { ROOT, scratchDir } from "../helpers/paths.js";
import { openTestEngine } from "./adapter.js";
import { recordRow } from "./collector.js";
import { writeSyntheticCorpus } from "./corpus.js";
import { FaultWatch, sleep } from "./harness.js";

const SCENARIO = "4. kill -9 during indexing";

interface Trial {
  name: string;
  /** Start from a complete index of an older corpus rather than an empty folder. */
  overOldIndex: boolean;
  /** Whether the moment to kill has come (polled), given the output folder and what the process printed. */
  killWhen: (out: string, stderr: string) => Promise<boolean>;
}

/** The inode of a file, or undefined when it is missing: writes rename a new file into place. */
async function inode(file: string): Promise<number | undefined> {
  try {
    return (await stat(file)).ino;
  } catch {
    return undefined;
  }
}

/** A check that `name` in the output folder has been replaced since the check was made. */
function replaced(name: string): () => Trial["killWhen"] {
  return () => {
    let before: Promise<number | undefined> | undefined;
    return async (out) => {
      before ??= inode(join(out, name));
      const now = await inode(join(out, name));
      return now !== undefined && now !== (await before);
    };
  };
}

const TRIALS: (Omit<Trial, "killWhen"> & { killWhen: () => Trial["killWhen"] })[] = [
  { name: "while reading the corpus", overOldIndex: false, killWhen: () => async (_out, stderr) => stderr.includes("Building the index") },
  { name: "as the first index file appears", overOldIndex: false, killWhen: () => async (out) => (await readdir(out).catch(() => [])).length > 0 },
  { name: "after documents.json is replaced", overOldIndex: true, killWhen: replaced("documents.json") },
  { name: "after keyword.bin is replaced", overOldIndex: true, killWhen: replaced("keyword.bin") },
];

/** Runs `npm run index` and kills its whole process group when `trial` says; false when it finished first. */
async function indexAndKill(corpus: string, out: string, trial: Trial): Promise<boolean> {
  await trial.killWhen(out, ""); // takes its snapshot of the folder before the process starts
  const child = spawn("npm", ["run", "--silent", "index", "--", "--corpus", corpus, "--out", out], {
    cwd: ROOT,
    detached: true,
    env: { ...process.env, EMBEDDINGS: "off" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  let exited = false;
  const exit = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  void exit.then(() => (exited = true));
  while (!exited) {
    if (await trial.killWhen(out, stderr)) {
      process.kill(-child.pid!, "SIGKILL");
      await exit;
      return true;
    }
    await sleep(2);
  }
  return false;
}

it("never opens half an index after indexing is killed", async () => {
  const watch = new FaultWatch();
  const dir = await scratchDir();
  const corpus = join(dir, "corpus");
  const older = join(dir, "older-corpus");
  await writeSyntheticCorpus(corpus, 3, 70_000);
  await writeSyntheticCorpus(older, 2, 40_000, 99);
  // The whole index, built without interruption, is what every opening must give.
  const reference = (await openTestEngine(corpus, join(dir, "reference"))).status();
  const oldIndex = join(dir, "old-index");
  await openTestEngine(older, oldIndex);

  let crashes = 0;
  const notes: string[] = [];
  for (const [i, trial] of TRIALS.entries()) {
    const out = join(dir, `trial-${i}`);
    if (trial.overOldIndex) await cp(oldIndex, out, { recursive: true });
    else await mkdir(out, { recursive: true });
    const killed = await indexAndKill(corpus, out, { ...trial, killWhen: trial.killWhen() });
    const left = (await readdir(out)).sort();
    notes.push(killed ? `killed ${trial.name}, leaving ${left.length ? left.join(" ") : "nothing"}` : `"${trial.name}": finished before the kill`);
    try {
      const engine = await openTestEngine(corpus, out);
      const status = engine.status();
      const passagesWhole = Array.from({ length: status.passages }, (_, p) => engine.context(p, "paragraph")).every(Boolean);
      if (status.documents !== reference.documents || status.passages !== reference.passages || status.version !== reference.version || !passagesWhole) {
        crashes++;
        watch.note(
          "half",
          `killed ${trial.name}: opened an index of ${status.documents} documents, ${status.passages} passages (version ${status.version}); ` +
            `the whole one has ${reference.documents}, ${reference.passages} (${reference.version})`,
        );
      }
    } catch (error) {
      crashes++;
      watch.note("open", `killed ${trial.name}: opening the folder failed: ${(error as Error).message}`);
    }
  }
  const row = {
    scenario: SCENARIO,
    cases: TRIALS.length,
    crashes,
    rejectedReplies: 0,
    lostQuestions: 0,
    wrongExpired: 0,
    notes: [`corpus ${reference.documents} documents, ${reference.passages} passages`, ...notes].join("; "),
    findings: watch.findings,
  };
  watch.dispose();
  recordRow(row);
  expect(crashes).toBe(0);
});
